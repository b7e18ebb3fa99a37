import { z } from 'zod';
import { hexColorSchema, idSchema, labelSchema } from './common.js';

/**
 * A file used by the product: art, thumbnails, fonts. Referenced by id from choices, layers and
 * fonts. Either a `path` (draft, relative to the asset store) or a `sha256` (published,
 * content-addressed), or both.
 */
export const assetSchema = z
	.strictObject({
		path: z.string().min(1).optional(),
		sha256: z
			.string()
			.regex(/^[0-9a-f]{64}$/, { error: 'expected a lowercase hex sha256' })
			.optional(),
		mime: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, { error: 'expected a MIME type' }),
		width: z.int().positive().optional(),
		height: z.int().positive().optional()
	})
	.refine((a) => a.path !== undefined || a.sha256 !== undefined, {
		error: 'an asset needs a path or a sha256'
	});
/** A file used by the product. */
export type Asset = z.infer<typeof assetSchema>;

/** The assets table: asset id → asset. */
export const assetsSchema = z.record(idSchema, assetSchema);

/** A font the customer or designer may use. */
export const fontSchema = z.strictObject({
	id: idSchema,
	family: z.string().min(1),
	/** Asset id of the font file (woff2/ttf/otf). */
	asset: idSchema,
	weight: z.int().min(100).max(1000).default(400),
	style: z.enum(['normal', 'italic']).default('normal')
});
/** A font. */
export type Font = z.infer<typeof fontSchema>;

/** A named color of the product's palette. */
export const paletteColorSchema = z.strictObject({
	id: idSchema,
	label: labelSchema,
	hex: hexColorSchema
});
/** A named palette color. */
export type PaletteColor = z.infer<typeof paletteColorSchema>;
