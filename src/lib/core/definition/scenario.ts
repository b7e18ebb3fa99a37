import { z } from 'zod';
import { idSchema, moneySchema } from './common.js';
import { configurationSchema } from './configuration.js';

/** A choice of an option. */
const choiceRefSchema = z.strictObject({ option: idSchema, choice: idSchema });

/** What a scenario expects; every field given is checked. */
export const scenarioExpectSchema = z.strictObject({
	/** Total for the quantity, with fees and rush, in minor units. */
	total: moneySchema.optional(),
	unitPrice: moneySchema.optional(),
	valid: z.boolean().optional(),
	complete: z.boolean().optional(),
	leadTimeDays: z.int().optional(),
	visibleOptions: z.array(idSchema).optional(),
	hiddenOptions: z.array(idSchema).optional(),
	availableChoices: z.array(choiceRefSchema).optional(),
	unavailableChoices: z.array(choiceRefSchema).optional(),
	/** Some error or explanation message contains this text (case-insensitive). */
	errorContains: z.string().min(1).optional()
});
/** What a scenario expects. */
export type ScenarioExpect = z.infer<typeof scenarioExpectSchema>;

/** A merchant-written check: "with these selections, price is 49.00, Engraving is hidden…". */
export const scenarioSchema = z.strictObject({
	id: idSchema,
	name: z.string().min(1),
	configuration: configurationSchema,
	expect: scenarioExpectSchema
});
/** A scenario test. */
export type Scenario = z.infer<typeof scenarioSchema>;
