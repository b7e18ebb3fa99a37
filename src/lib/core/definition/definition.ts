import { z } from 'zod';
import { assetsSchema, fontSchema, paletteColorSchema } from './asset.js';
import { idSchema, localeSchema } from './common.js';
import { currencySchema } from './currency.js';
import { layerSchema } from './layer.js';
import { groupSchema, optionSchema } from './option.js';
import { leadTimeSchema, pricingSchema } from './pricing.js';
import { ruleSchema } from './rule.js';
import { scenarioSchema } from './scenario.js';
import { translationsSchema } from './translations.js';
import { viewSchema } from './view.js';
import { FORMAT_VERSION } from './format-version.js';

export { FORMAT_VERSION };

/**
 * The product definition, format version 1: the whole model of one configurable product.
 * This schema is the single source of truth for the TypeScript types and the JSON Schema.
 * Cross-references (ids used by rules, layers, groups, scenarios) are checked by
 * `parseDefinition`, not by this schema alone.
 */
export const definitionSchema = z.strictObject({
	formatVersion: z.literal(FORMAT_VERSION, { error: `expected formatVersion ${FORMAT_VERSION}` }),
	id: idSchema,
	name: z.string().min(1),
	/** URL-safe slug, e.g. `engraved-pendant`. */
	handle: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
		error: 'expected a lowercase slug such as "team-jersey"'
	}),
	description: z.string().optional(),
	currency: currencySchema,
	defaultLocale: localeSchema.default('en'),
	views: z.array(viewSchema).default([]),
	groups: z.array(groupSchema).default([]),
	options: z.array(optionSchema).default([]),
	fonts: z.array(fontSchema).default([]),
	colors: z.array(paletteColorSchema).default([]),
	assets: assetsSchema.default({}),
	/** Z-order: first drawn first, per view. */
	layers: z.array(layerSchema).default([]),
	rules: z.array(ruleSchema).default([]),
	pricing: pricingSchema,
	leadTime: leadTimeSchema.default({ baseDays: 0 }),
	scenarios: z.array(scenarioSchema).default([]),
	translations: translationsSchema.default({})
});

/** A validated product definition (defaults filled in). */
export type Definition = z.infer<typeof definitionSchema>;
/** A product definition as written (fields with defaults may be omitted). */
export type DefinitionInput = z.input<typeof definitionSchema>;
