import { z } from 'zod';
import { choiceSchema } from './choice.js';
import { daysSchema, idSchema, labelSchema, moneySchema } from './common.js';

/** Fields every option has. */
const optionBase = {
	id: idSchema,
	label: labelSchema,
	description: z.string().optional(),
	/** A visible required option must be answered for the configuration to be complete. */
	required: z.boolean().default(false),
	/** The group (step) the option belongs to; must list the option in its `options`. */
	group: idSchema.optional()
};

/** One of many. */
export const choiceOptionSchema = z.strictObject({
	...optionBase,
	kind: z.literal('choice'),
	display: z.enum(['swatch', 'button', 'dropdown', 'tile']).default('button'),
	/** Choice id selected when the customer has not answered (applied only when available). */
	default: idSchema.optional(),
	choices: z.array(choiceSchema).min(1, { error: 'a choice option needs at least one choice' })
});
/** One of many. */
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/** Several of many. Answered when at least one choice is selected. */
export const multiOptionSchema = z.strictObject({
	...optionBase,
	kind: z.literal('multi'),
	display: z.enum(['swatch', 'button', 'tile', 'checkbox']).default('checkbox'),
	/** Fewest choices when answered (a required option needs at least max(1, min)). */
	min: z.int().min(0).default(0),
	/** Most choices; defaults to all. */
	max: z.int().min(1).optional(),
	default: z.array(idSchema).optional(),
	choices: z.array(choiceSchema).min(1, { error: 'a multi option needs at least one choice' })
});
/** Several of many. */
export type MultiOption = z.infer<typeof multiOptionSchema>;

/** Named sets of allowed characters for text options. */
export const characterPresetSchema = z.enum([
	'any',
	'printable',
	'letters',
	'alphanumeric',
	'digits',
	'latin'
]);
/** A named set of allowed characters. */
export type CharacterPreset = z.infer<typeof characterPresetSchema>;

/** Allowed characters: a preset, or the body of a regular-expression character class (`A-Z0-9 .'-`). */
export const allowedCharactersSchema = z.union([
	z.strictObject({ preset: characterPresetSchema }),
	z.strictObject({
		characterClass: z
			.string()
			.min(1)
			.refine(
				(cc) => {
					try {
						new RegExp(`^[${cc}]*$`, 'u');
						return true;
					} catch {
						return false;
					}
				},
				{ error: 'expected the body of a character class, such as "A-Za-z0-9 "' }
			)
	})
]);
/** Allowed characters of a text option. */
export type AllowedCharacters = z.infer<typeof allowedCharactersSchema>;

/** Personalization text. The answer is a string, or `{ text, font, color }` when fonts/colors are offered. */
export const textOptionSchema = z.strictObject({
	...optionBase,
	kind: z.literal('text'),
	/** Maximum number of characters (line breaks excluded), counted in Unicode code points. */
	maxLength: z.int().positive(),
	minLength: z.int().min(0).default(0),
	allowedCharacters: allowedCharactersSchema.default({ preset: 'printable' }),
	/** Maximum number of lines. */
	lines: z.int().positive().default(1),
	/** Font ids the customer may pick from; the first is the default. Empty: the layer's font. */
	fonts: z.array(idSchema).default([]),
	/** Palette color ids the customer may pick from; the first is the default. */
	colors: z.array(idSchema).default([]),
	placeholder: z.string().optional()
});
/** Personalization text. */
export type TextOption = z.infer<typeof textOptionSchema>;

/** Upload formats accepted by image options. */
export const imageFormatSchema = z.enum(['png', 'jpeg', 'webp', 'svg', 'pdf']);
/** An upload format. */
export type ImageFormat = z.infer<typeof imageFormatSchema>;

/** A customer upload (logo, photo). */
export const imageOptionSchema = z.strictObject({
	...optionBase,
	kind: z.literal('image'),
	formats: z.array(imageFormatSchema).min(1).default(['png', 'jpeg', 'svg']),
	minPixels: z.strictObject({ width: z.int().positive(), height: z.int().positive() }).optional(),
	maxBytes: z.int().positive().optional(),
	/** Minimum effective DPI of the upload at the print size of the layer it fills. */
	minDpi: z.int().positive().optional()
});
/** A customer upload. */
export type ImageOption = z.infer<typeof imageOptionSchema>;

/** A number input. */
export const numberOptionSchema = z.strictObject({
	...optionBase,
	kind: z.literal('number'),
	min: z.number().optional(),
	max: z.number().optional(),
	/** Allowed values are `min + k·step` (or `k·step` without min). */
	step: z.number().positive().optional(),
	unit: z.string().optional(),
	default: z.number().optional()
});
/** A number input. */
export type NumberOption = z.infer<typeof numberOptionSchema>;

/** On/off. Unanswered means off; a required toggle must be on (e.g. "I accept the proof"). */
export const toggleOptionSchema = z.strictObject({
	...optionBase,
	kind: z.literal('toggle'),
	default: z.boolean().default(false),
	/** Added to the unit price when on. */
	priceDelta: moneySchema.default(0),
	leadTimeDeltaDays: daysSchema.default(0),
	code: z.string().min(1).optional()
});
/** On/off. */
export type ToggleOption = z.infer<typeof toggleOptionSchema>;

/** Any option, discriminated by `kind`. */
export const optionSchema = z.discriminatedUnion('kind', [
	choiceOptionSchema,
	multiOptionSchema,
	textOptionSchema,
	imageOptionSchema,
	numberOptionSchema,
	toggleOptionSchema
]);
/** Any option. */
export type Option = z.infer<typeof optionSchema>;
/** The option kinds. */
export type OptionKind = Option['kind'];

/** A group (step) of options, shown in this order. */
export const groupSchema = z.strictObject({
	id: idSchema,
	label: labelSchema,
	description: z.string().optional(),
	/** Option ids, in display order. */
	options: z.array(idSchema).default([])
});
/** A group (step) of options. */
export type Group = z.infer<typeof groupSchema>;
