import { z } from 'zod';
import { hexColorSchema, idSchema } from './common.js';
import { conditionSchema } from './condition.js';

/** Position and size of a layer in view pixels; rotation in degrees clockwise around the center. */
export const transformSchema = z.strictObject({
	x: z.number(),
	y: z.number(),
	width: z.number().positive(),
	height: z.number().positive(),
	rotation: z.number().default(0)
});
/** A layer transform. */
export type Transform = z.infer<typeof transformSchema>;

/** Canvas/SVG blend modes supported by both renderers. */
export const blendModeSchema = z.enum([
	'normal',
	'multiply',
	'screen',
	'overlay',
	'darken',
	'lighten',
	'color-burn',
	'color-dodge',
	'soft-light',
	'hard-light'
]);
/** A blend mode. */
export type BlendMode = z.infer<typeof blendModeSchema>;

const layerBase = {
	id: idSchema,
	name: z.string().optional(),
	/** The view the layer belongs to. Z-order is the order of `layers` (first drawn first). */
	view: idSchema,
	/** A `group` layer of the same view this layer belongs to (its transform and opacity apply). */
	parent: idSchema.optional(),
	transform: transformSchema,
	blendMode: blendModeSchema.default('normal'),
	opacity: z.number().min(0).max(1).default(1),
	/** Drawn only when this holds. */
	visibleWhen: conditionSchema.optional(),
	/** Clip to this print area of the view. */
	printArea: idSchema.optional()
};

/**
 * A static asset, or (with `option`) the per-view asset of the selected choice(s) of a
 * choice/multi option, or the `asset` while a toggle option is on.
 */
export const imageLayerSchema = z.strictObject({
	...layerBase,
	kind: z.literal('image'),
	asset: idSchema.optional(),
	option: idSchema.optional()
});
/** An image layer. */
export type ImageLayer = z.infer<typeof imageLayerSchema>;

/** Text style. `color` is a palette color id or a hex color. The box is the layer's transform. */
export const textStyleSchema = z.strictObject({
	font: idSchema,
	/** Font size in view pixels. */
	size: z.number().positive(),
	color: z.union([hexColorSchema, idSchema]),
	align: z.enum(['left', 'center', 'right']).default('center'),
	verticalAlign: z.enum(['top', 'middle', 'bottom']).default('middle'),
	lineHeight: z.number().positive().default(1.2),
	/** What happens when the text does not fit its box. */
	overflow: z.enum(['shrink', 'clip']).default('shrink')
});
/** Text style. */
export type TextStyle = z.infer<typeof textStyleSchema>;

/**
 * The answer of a text option (or of a number option, drawn as its decimal digits), drawn in its
 * box; the customer's font/color override the style's.
 */
export const textLayerSchema = z.strictObject({
	...layerBase,
	kind: z.literal('text'),
	option: idSchema,
	style: textStyleSchema
});
/** A text layer. */
export type TextLayer = z.infer<typeof textLayerSchema>;

/** The upload of an image option, fitted into the layer's box. */
export const uploadLayerSchema = z.strictObject({
	...layerBase,
	kind: z.literal('upload'),
	option: idSchema,
	fit: z.enum(['contain', 'cover', 'fill']).default('contain')
});
/** An upload layer. */
export type UploadLayer = z.infer<typeof uploadLayerSchema>;

/** A group of layers (children name it as `parent`). */
export const groupLayerSchema = z.strictObject({
	...layerBase,
	kind: z.literal('group')
});
/** A group layer. */
export type GroupLayer = z.infer<typeof groupLayerSchema>;

/** Any layer, discriminated by `kind`. */
export const layerSchema = z.discriminatedUnion('kind', [
	imageLayerSchema,
	textLayerSchema,
	uploadLayerSchema,
	groupLayerSchema
]);
/** Any layer. */
export type Layer = z.infer<typeof layerSchema>;
