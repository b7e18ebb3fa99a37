import { z } from 'zod';
import { basisPointsSchema, daysSchema, idSchema, labelSchema, moneySchema } from './common.js';

/** From `minQuantity` on, the unit price is `unitPrice` (replacing the computed one) or reduced by `percentOff`. */
export const quantityTierSchema = z
	.strictObject({
		minQuantity: z.int().positive(),
		unitPrice: moneySchema.optional(),
		/** Basis points off the unit price (1000 = 10 % off). */
		percentOff: basisPointsSchema.min(0).max(10000).optional()
	})
	.refine((t) => (t.unitPrice === undefined) !== (t.percentOff === undefined), {
		error: 'a quantity tier has exactly one of unitPrice or percentOff'
	});
/** A quantity tier. */
export type QuantityTier = z.infer<typeof quantityTierSchema>;

/** A one-time fee per order line (setup, screen, digitizing), not multiplied by quantity. */
export const feeSchema = z.strictObject({
	id: idSchema,
	label: labelSchema,
	amount: moneySchema
});
/** A one-time fee. */
export type Fee = z.infer<typeof feeSchema>;

/**
 * A production speed. The goods total (unit price × quantity) is multiplied by
 * `multiplierBasisPoints / 10000` (15000 = ×1.5); when `leadTimeDays` is set, the lead time is
 * at most that many days.
 */
export const rushTierSchema = z.strictObject({
	/** Conventionally `standard`, `expedited`, `rush`. */
	id: idSchema,
	label: labelSchema,
	multiplierBasisPoints: z.int().min(0).default(10000),
	leadTimeDays: z.int().min(0).optional()
});
/** A production speed. */
export type RushTier = z.infer<typeof rushTierSchema>;

/** How the price is built: base + choice deltas + rule adjustments, then tiers, rush and fees. */
export const pricingSchema = z.strictObject({
	/** Unit base price in minor units. */
	base: moneySchema,
	quantityTiers: z.array(quantityTierSchema).default([]),
	fees: z.array(feeSchema).default([]),
	/** The first tier is the default when the configuration names none. */
	rushTiers: z.array(rushTierSchema).default([]),
	minQuantity: z.int().positive().default(1),
	maxQuantity: z.int().positive().optional()
});
/** Pricing of the product. */
export type Pricing = z.infer<typeof pricingSchema>;

/** Production lead time. */
export const leadTimeSchema = z.strictObject({
	/** Production days before choice deltas and rule adjustments. */
	baseDays: daysSchema.min(0)
});
/** Production lead time. */
export type LeadTime = z.infer<typeof leadTimeSchema>;
