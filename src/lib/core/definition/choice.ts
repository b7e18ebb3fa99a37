import { z } from 'zod';
import { daysSchema, hexColorSchema, idSchema, labelSchema, moneySchema } from './common.js';

/** Stock state of a choice. `out_of_stock` choices are never available. */
export const stockSchema = z.enum(['in_stock', 'low', 'out_of_stock']);
/** Stock state of a choice. */
export type Stock = z.infer<typeof stockSchema>;

/** How a choice is shown: a color, or a thumbnail asset. */
export const swatchSchema = z.union([
	z.strictObject({ color: hexColorSchema }),
	z.strictObject({ asset: idSchema })
]);
/** How a choice is shown. */
export type Swatch = z.infer<typeof swatchSchema>;

/** One answer of a `choice` or `multi` option. */
export const choiceSchema = z.strictObject({
	id: idSchema,
	label: labelSchema,
	description: z.string().optional(),
	/** Code used in the SKU and the production spec. */
	code: z.string().min(1).optional(),
	/** Added to the unit price when selected, in minor units (may be negative). */
	priceDelta: moneySchema.default(0),
	/** Added to the production lead time when selected. */
	leadTimeDeltaDays: daysSchema.default(0),
	stock: stockSchema.default('in_stock'),
	swatch: swatchSchema.optional(),
	/** Per-view art of this choice: view id → asset id (drawn by image layers bound to the option). */
	assets: z.record(idSchema, idSchema).default({})
});
/** One answer of a `choice` or `multi` option. */
export type Choice = z.infer<typeof choiceSchema>;
