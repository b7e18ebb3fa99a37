import { z } from 'zod';
import { idSchema, labelSchema, pixelSizeSchema, rectSchema } from './common.js';

/** A print area: a rectangle of a view that clips personalization and is printed at `dpi`. */
export const printAreaSchema = z.strictObject({
	id: idSchema,
	label: labelSchema,
	/** In view pixels. */
	rect: rectSchema,
	/** Output resolution of the print file for this area. */
	dpi: z.int().positive().default(300),
	/** Extra margin printed around the area, in the view's physical unit (mm or in). */
	bleed: z.number().min(0).default(0)
});
/** A print area of a view. */
export type PrintArea = z.infer<typeof printAreaSchema>;

/** One angle of the product (front, back, side…). */
export const viewSchema = z.strictObject({
	id: idSchema,
	label: labelSchema,
	/** Size of the view's art board in pixels. */
	size: pixelSizeSchema,
	/** Physical size of the art board (what `size` measures in the real world). */
	physicalSize: z.strictObject({
		width: z.number().positive(),
		height: z.number().positive(),
		unit: z.enum(['mm', 'in'])
	}),
	printAreas: z.array(printAreaSchema).default([])
});
/** One angle of the product. */
export type View = z.infer<typeof viewSchema>;
