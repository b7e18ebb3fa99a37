import { z } from 'zod';
import { basisPointsSchema, daysSchema, idSchema, moneySchema } from './common.js';
import { conditionSchema } from './condition.js';

/** A value of an option in effects: a choice id, or a boolean for toggles. */
const valueSchema = z.union([idSchema, z.boolean()]);

/** Shows an option. An option targeted by any `showOption` is hidden unless one of them fires. */
export const showOptionEffectSchema = z.strictObject({
	type: z.literal('showOption'),
	option: idSchema
});
/** Hides an option (hide wins over show). A hidden option has no answer. */
export const hideOptionEffectSchema = z.strictObject({
	type: z.literal('hideOption'),
	option: idSchema
});
/** Shows a choice. A choice targeted by any `showChoice` is hidden unless one of them fires. */
export const showChoiceEffectSchema = z.strictObject({
	type: z.literal('showChoice'),
	option: idSchema,
	choice: idSchema
});
/** Hides a choice: it cannot be selected. */
export const hideChoiceEffectSchema = z.strictObject({
	type: z.literal('hideChoice'),
	option: idSchema,
	choice: idSchema
});
/**
 * Hard constraint: when the condition holds, the option must have this value (choice: be this
 * choice; multi: include it; toggle: be on/off) — or, without `value`, must be answered.
 */
export const requireEffectSchema = z.strictObject({
	type: z.literal('require'),
	option: idSchema,
	value: valueSchema.optional()
});
/**
 * Hard constraint: when the condition holds, the option must not have this value — or, without
 * `value`, must stay unanswered.
 */
export const excludeEffectSchema = z.strictObject({
	type: z.literal('exclude'),
	option: idSchema,
	value: valueSchema.optional()
});
/** Hard constraint: when the condition holds, the options' answers must (allow) or must not (forbid) be one of the rows. `null` in a row means unanswered. */
export const tableEffectSchema = z.strictObject({
	type: z.literal('table'),
	mode: z.enum(['allow', 'forbid']),
	options: z.array(idSchema).min(1),
	rows: z.array(z.array(idSchema.nullable()))
});
/** Selects a value when the customer has not answered the option (marked `auto`). */
export const autoSelectEffectSchema = z.strictObject({
	type: z.literal('autoSelect'),
	option: idSchema,
	value: valueSchema
});
/** Sets the default value used when the customer has not answered (marked `default`). */
export const setDefaultEffectSchema = z.strictObject({
	type: z.literal('setDefault'),
	option: idSchema,
	value: valueSchema
});
/** Adds an amount to the unit price. */
export const priceAmountEffectSchema = z.strictObject({
	type: z.literal('priceAmount'),
	amount: moneySchema,
	label: z.string().optional()
});
/** Adds a percentage (basis points) of the unit subtotal (base + deltas + amounts + formulas). */
export const pricePercentEffectSchema = z.strictObject({
	type: z.literal('pricePercent'),
	basisPoints: basisPointsSchema,
	label: z.string().optional()
});
/** Adds `amount` per character of a text option (spaces and line breaks not counted unless `countSpaces`). */
export const pricePerCharacterEffectSchema = z.strictObject({
	type: z.literal('pricePerCharacter'),
	option: idSchema,
	amount: moneySchema,
	countSpaces: z.boolean().default(false),
	/** Characters included in the base price. */
	freeCharacters: z.int().min(0).default(0),
	label: z.string().optional()
});
/** Adds `amount` per unit of a number option's answer (rounded half away from zero). */
export const pricePerUnitEffectSchema = z.strictObject({
	type: z.literal('pricePerUnit'),
	option: idSchema,
	amount: moneySchema,
	label: z.string().optional()
});
/** Adds days to the production lead time. */
export const leadTimeEffectSchema = z.strictObject({
	type: z.literal('leadTime'),
	days: daysSchema
});

/** What a rule does when its condition holds. */
export const effectSchema = z.discriminatedUnion('type', [
	showOptionEffectSchema,
	hideOptionEffectSchema,
	showChoiceEffectSchema,
	hideChoiceEffectSchema,
	requireEffectSchema,
	excludeEffectSchema,
	tableEffectSchema,
	autoSelectEffectSchema,
	setDefaultEffectSchema,
	priceAmountEffectSchema,
	pricePercentEffectSchema,
	pricePerCharacterEffectSchema,
	pricePerUnitEffectSchema,
	leadTimeEffectSchema
]);
/** What a rule does when its condition holds. */
export type Effect = z.infer<typeof effectSchema>;
/** The effect types. */
export type EffectType = Effect['type'];

/** "When CONDITION then EFFECTS", named in the merchant's words (used in explanations). */
export const ruleSchema = z.strictObject({
	id: idSchema,
	/** The merchant's words: "No engraving on suede". Shown in explanations. */
	name: z.string().min(1),
	enabled: z.boolean().default(true),
	/** Omitted: always. */
	when: conditionSchema.optional(),
	then: z.array(effectSchema).min(1, { error: 'a rule needs at least one effect' })
});
/** A rule. */
export type Rule = z.infer<typeof ruleSchema>;
