import { z } from 'zod';
import { idSchema, localeSchema } from './common.js';

/** The answer of a text option with the customer's font/color pick. */
export const textAnswerSchema = z.strictObject({
	text: z.string(),
	font: idSchema.optional(),
	color: idSchema.optional()
});
/** The answer of a text option with font/color. */
export type TextAnswer = z.infer<typeof textAnswerSchema>;

/** The answer of an image option: a reference to the upload, with what is known of it. */
export const uploadAnswerSchema = z.strictObject({
	ref: z.string().min(1),
	format: z.string().optional(),
	width: z.int().positive().optional(),
	height: z.int().positive().optional(),
	bytes: z.int().positive().optional()
});
/** The answer of an image option. */
export type UploadAnswer = z.infer<typeof uploadAnswerSchema>;

/**
 * One selection: choice → choice id; multi → choice ids; text → string or {@link TextAnswer};
 * image → upload reference string or {@link UploadAnswer}; number → number; toggle → boolean.
 */
export const selectionSchema = z.union([
	z.string(),
	z.array(idSchema),
	z.number(),
	z.boolean(),
	textAnswerSchema,
	uploadAnswerSchema
]);
/** One selection. */
export type Selection = z.infer<typeof selectionSchema>;

/** The customer's selections, inputs and quantity, for one definition. */
export const configurationSchema = z.strictObject({
	/** Option id → answer. A missing option is unanswered. */
	selections: z.record(idSchema, selectionSchema).default({}),
	quantity: z.int({ error: 'expected a whole quantity' }).positive().default(1),
	rushTier: idSchema.optional(),
	locale: localeSchema.optional()
});
/** The customer's selections, inputs and quantity. */
export type Configuration = z.infer<typeof configurationSchema>;
/** A configuration as written (defaults optional). */
export type ConfigurationInput = z.input<typeof configurationSchema>;
