import { z } from 'zod';

/**
 * An identifier of a record (option, choice, layer, view, asset, font, rule…).
 * Any non-empty string without whitespace or control characters: imported problems use
 * ids such as `"12"` or `"-1"` unchanged.
 */
export const idSchema = z
	.string({ error: 'expected an id (a non-empty string)' })
	.min(1, { error: 'expected an id (a non-empty string)' })
	.max(200, { error: 'an id has at most 200 characters' })
	// eslint-disable-next-line no-control-regex
	.regex(/^[^\s\u0000-\u001f\u007f]+$/, { error: 'an id has no spaces or control characters' });

/** Money: an integer number of minor units (cents for USD/EUR, yen for JPY). Never a float. */
export const moneySchema = z.int({ error: 'expected an integer number of minor units' });

/** A whole number of days (may be negative for adjustments). */
export const daysSchema = z.int({ error: 'expected an integer number of days' });

/** Basis points: 100 = 1 %, 10000 = 100 %. Integers only, so price arithmetic stays exact. */
export const basisPointsSchema = z.int({
	error: 'expected an integer number of basis points (100 = 1 %)'
});

/** A BCP 47 language tag such as `en`, `fr-CA`. */
export const localeSchema = z
	.string({ error: 'expected a locale such as "en" or "fr-CA"' })
	.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
		error: 'expected a locale such as "en" or "fr-CA"'
	});

/** A CSS hex color, `#rgb`, `#rrggbb` or `#rrggbbaa`. */
export const hexColorSchema = z
	.string({ error: 'expected a hex color such as "#1a2b3c"' })
	.regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, {
		error: 'expected a hex color such as "#1a2b3c"'
	});

/** A customer-facing text (label, description). */
export const labelSchema = z
	.string({ error: 'expected a text' })
	.min(1, { error: 'expected a non-empty text' })
	.max(500, { error: 'a label has at most 500 characters' });

/** A rectangle in view pixels (origin top-left). */
export const rectSchema = z.strictObject({
	x: z.number(),
	y: z.number(),
	width: z.number().positive(),
	height: z.number().positive()
});
/** A rectangle in view pixels. */
export type Rect = z.infer<typeof rectSchema>;

/** A pixel size. */
export const pixelSizeSchema = z.strictObject({
	width: z.int().positive(),
	height: z.int().positive()
});
/** A pixel size. */
export type PixelSize = z.infer<typeof pixelSizeSchema>;

/** Comparison operators used by text-length, number and quantity conditions. */
export const compareOperatorSchema = z.enum(['lt', 'lte', 'eq', 'neq', 'gte', 'gt']);
/** A comparison operator. */
export type CompareOperator = z.infer<typeof compareOperatorSchema>;
