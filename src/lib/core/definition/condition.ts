import { z } from 'zod';
import { compareOperatorSchema, idSchema } from './common.js';

/** `option is value`: a choice id (choice: selected; multi: among the selected), or a boolean for toggles. */
export const isConditionSchema = z.strictObject({
	type: z.literal('is'),
	option: idSchema,
	value: z.union([idSchema, z.boolean()])
});
/** `option is not value` (true when unanswered). */
export const isNotConditionSchema = z.strictObject({
	type: z.literal('isNot'),
	option: idSchema,
	value: z.union([idSchema, z.boolean()])
});
/** `option in {values}` (choice: selected one is in the set; multi: any selected is in the set). */
export const inConditionSchema = z.strictObject({
	type: z.literal('in'),
	option: idSchema,
	values: z.array(idSchema).min(1)
});
/** Length (code points) of a text option's answer compared with a value; a hidden or empty text has length 0. */
export const textLengthConditionSchema = z.strictObject({
	type: z.literal('textLength'),
	option: idSchema,
	compare: compareOperatorSchema,
	value: z.int().min(0)
});
/** A number option's answer compared with a value (false when unanswered or hidden). */
export const numberConditionSchema = z.strictObject({
	type: z.literal('number'),
	option: idSchema,
	compare: compareOperatorSchema,
	value: z.number()
});
/** The ordered quantity compared with a value. */
export const quantityConditionSchema = z.strictObject({
	type: z.literal('quantity'),
	compare: compareOperatorSchema,
	value: z.int().min(0)
});
/** The option has an answer (a hidden option never has). */
export const answeredConditionSchema = z.strictObject({
	type: z.literal('answered'),
	option: idSchema
});
/** The option has no answer. */
export const unansweredConditionSchema = z.strictObject({
	type: z.literal('unanswered'),
	option: idSchema
});

/** A condition over the configuration. Nested `and` / `or` / `not` over the leaves above. */
export type Condition =
	| { type: 'and'; conditions: Condition[] }
	| { type: 'or'; conditions: Condition[] }
	| { type: 'not'; condition: Condition }
	| z.infer<typeof isConditionSchema>
	| z.infer<typeof isNotConditionSchema>
	| z.infer<typeof inConditionSchema>
	| z.infer<typeof textLengthConditionSchema>
	| z.infer<typeof numberConditionSchema>
	| z.infer<typeof quantityConditionSchema>
	| z.infer<typeof answeredConditionSchema>
	| z.infer<typeof unansweredConditionSchema>;

/** A condition over the configuration. */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
	z.discriminatedUnion('type', [
		z.strictObject({ type: z.literal('and'), conditions: z.array(conditionSchema) }),
		z.strictObject({ type: z.literal('or'), conditions: z.array(conditionSchema) }),
		z.strictObject({ type: z.literal('not'), condition: conditionSchema }),
		isConditionSchema,
		isNotConditionSchema,
		inConditionSchema,
		textLengthConditionSchema,
		numberConditionSchema,
		quantityConditionSchema,
		answeredConditionSchema,
		unansweredConditionSchema
	])
);
