import type { Rect } from '../definition/common.js';
import type {
	Scene,
	SceneImageItem,
	SceneItem,
	SceneTextItem,
	SceneUploadItem
} from '../scene/scene.js';

/**
 * A scene as an SVG document: the print renderer's vector output (and, rasterized, its PNG).
 * Pure: loading images and outlining text are the caller's (the server reads files and fonts),
 * so the core stays free of I/O and font parsing.
 */

/** An image to embed: usually a `data:` URI, so the SVG stands alone. */
export interface SvgImageSource {
	href: string;
}

export interface SceneSvgOptions {
	/** The part of the view to draw, in view pixels (a print area's bleed rectangle, or the view). */
	region: Rect;
	/** The document's width and height attributes, e.g. `'1200'` (pixels) or `'52.3mm'`. */
	width: string;
	height: string;
	/**
	 * Which clip applies to items inside a print area: the preview clips to the area, print files
	 * to the area grown by its bleed.
	 */
	clipTo: 'rect' | 'bleedRect';
	/** The image of an image or upload item, or null to leave it out (the caller reports why). */
	image(item: SceneImageItem | SceneUploadItem): SvgImageSource | null;
	/**
	 * The text of an item as outlines: SVG path data in view pixels, placed in the item's box
	 * without its rotation (see `layoutText`). Null draws nothing for the item.
	 */
	textOutline(item: SceneTextItem): string | null;
	/** A background color under everything (print files of light products); none by default. */
	background?: string;
}

const number = (value: number) => String(Math.round(value * 10000) / 10000);

function escapeAttribute(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('"', '&quot;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;');
}

function rectAttributes(rect: Rect): string {
	return `x="${number(rect.x)}" y="${number(rect.y)}" width="${number(rect.width)}" height="${number(rect.height)}"`;
}

function rotation(item: SceneItem): string {
	const { x, y, width, height, rotation: degrees } = item.transform;
	if (!degrees) return '';
	return ` transform="rotate(${number(degrees)} ${number(x + width / 2)} ${number(y + height / 2)})"`;
}

/** The content of one item, in its own (rotated) frame. */
function itemContent(
	item: SceneItem,
	options: SceneSvgOptions,
	defineClip: (rect: Rect) => string
): string {
	if (item.kind === 'text') {
		const outline = options.textOutline(item);
		if (!outline) return '';
		const clip = item.overflow ? ` clip-path="url(#${defineClip(item.box)})"` : '';
		return `<path d="${escapeAttribute(outline)}" fill="${escapeAttribute(item.color)}"${clip}/>`;
	}
	const source = options.image(item);
	if (!source) return '';
	const href = escapeAttribute(source.href);
	if (item.kind === 'image') {
		const { x, y, width, height } = item.transform;
		return `<image href="${href}" ${rectAttributes({ x, y, width, height })} preserveAspectRatio="none"/>`;
	}
	if (item.placement) {
		const clip = item.fit === 'cover' ? ` clip-path="url(#${defineClip(item.box)})"` : '';
		return `<image href="${href}" ${rectAttributes(item.placement)} preserveAspectRatio="none"${clip}/>`;
	}
	const aspect =
		item.fit === 'fill' ? 'none' : item.fit === 'cover' ? 'xMidYMid slice' : 'xMidYMid meet';
	return `<image href="${href}" ${rectAttributes(item.box)} preserveAspectRatio="${aspect}"/>`;
}

/** The scene as a standalone SVG document string. */
export function sceneToSvg(scene: Scene, options: SceneSvgOptions): string {
	const definitions: string[] = [];
	const clipIds = new Map<string, string>();
	const defineClip = (rect: Rect): string => {
		const key = `${rect.x},${rect.y},${rect.width},${rect.height}`;
		let id = clipIds.get(key);
		if (!id) {
			id = `clip${clipIds.size}`;
			clipIds.set(key, id);
			definitions.push(`<clipPath id="${id}"><rect ${rectAttributes(rect)}/></clipPath>`);
		}
		return id;
	};

	const body: string[] = [];
	const { region } = options;
	if (options.background) {
		body.push(`<rect ${rectAttributes(region)} fill="${escapeAttribute(options.background)}"/>`);
	}
	for (const item of scene.items) {
		const content = itemContent(item, options, defineClip);
		if (!content) continue;
		const attributes: string[] = [];
		if (item.opacity < 1) attributes.push(`opacity="${number(item.opacity)}"`);
		if (item.blendMode !== 'normal') attributes.push(`style="mix-blend-mode:${item.blendMode}"`);
		if (item.clip) {
			const rect = options.clipTo === 'rect' ? item.clip.rect : item.clip.bleedRect;
			attributes.push(`clip-path="url(#${defineClip(rect)})"`);
		}
		const inner = `<g${rotation(item)}>${content}</g>`;
		body.push(attributes.length ? `<g ${attributes.join(' ')}>${inner}</g>` : inner);
	}
	const viewBox = `${number(region.x)} ${number(region.y)} ${number(region.width)} ${number(region.height)}`;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${escapeAttribute(options.width)}" ` +
		`height="${escapeAttribute(options.height)}" viewBox="${viewBox}" preserveAspectRatio="none">` +
		(definitions.length ? `<defs>${definitions.join('')}</defs>` : '') +
		body.join('') +
		`</svg>`
	);
}
