// The Konva renderer of a core scene: one thin drawing of `computeScene`'s draw list. The print
// renderer draws the same list on the server, so nothing here decides *what* to draw — only how
// Konva shows it. Nodes are kept per item id and updated in place, so a change of color swaps one
// image and a keystroke changes one text, without rebuilding the view.

import { Group } from 'konva/lib/Group';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import { Text as KonvaText } from 'konva/lib/shapes/Text';
import type { Container } from 'konva/lib/Container';
import type { Node } from 'konva/lib/Node';
import {
	placeUpload,
	type Scene,
	type SceneAsset,
	type SceneFont,
	type SceneItem,
	type SceneTextItem,
	type SceneUploadItem
} from '../../core/scene/index.js';
import { fontFamilyList, konvaBox, konvaFontStyle, sceneItemIds } from './fit.js';

/** An image the renderer can draw. */
export type LoadedImage = HTMLImageElement | ImageBitmap;

/** How the renderer reaches images and fonts; everything has a sensible browser default but `loadImage`. */
export interface SceneRendererOptions {
	/** Loads an image by URL (cached by the renderer per URL). */
	loadImage(url: string): Promise<LoadedImage>;
	/** Fallback font stack after the scene's family, e.g. `system-ui, sans-serif`. */
	fontFamily?: string;
	/** URL of a scene asset; default: its `path`, else `/api/v1/assets/<sha256>`. */
	assetUrl?(asset: SceneAsset): string | undefined;
	/** URL of an upload reference; default: the reference itself when it is a URL. */
	uploadUrl?(ref: string): string | undefined;
	/**
	 * Loads a font before its text is drawn (default: the CSS Font Loading API with the font's
	 * asset URL, when available). Texts are drawn at once and redrawn when their font arrives.
	 */
	loadFont?(font: SceneFont, url: string | undefined): Promise<void>;
	/** Called when an image or font fails to load (the item stays empty, the rest is drawn). */
	onError?(error: unknown, itemId: string): void;
}

/** Draws scenes into a Konva container. */
export interface SceneRenderer {
	/** Draws `scene`, updating the nodes of items that stay, adding new ones, removing the rest. */
	render(scene: Scene): void;
	/** The top node of an item (see `sceneItemIds` for item ids). */
	nodeFor(itemId: string): Node | undefined;
	/** Resolves once every image and font the last `render` needs is loaded and drawn. */
	ready(): Promise<void>;
	/** Removes every node this renderer made. */
	destroy(): void;
}

interface ItemNodes {
	kind: SceneItem['kind'];
	/** Clips to the item's print area (view coordinates). */
	clip: Group;
	/** The item's box: placed and rotated around its center; clips text and `cover` uploads. */
	frame: Group;
	shape: KonvaImage | KonvaText;
	/** The image URL this node should show (a late load of an older URL is ignored). */
	wantedUrl?: string;
	/** For uploads without a known size: the box/fit to place the image once it has loaded. */
	pendingPlacement?: SceneUploadItem;
}

const defaultAssetUrl = (asset: SceneAsset) =>
	asset.path ?? (asset.sha256 ? `/api/v1/assets/${asset.sha256}` : undefined);

const defaultUploadUrl = (ref: string) => (/^(blob:|data:|https?:|\/)/.test(ref) ? ref : undefined);

async function defaultLoadFont(font: SceneFont, url: string | undefined): Promise<void> {
	if (!url || typeof FontFace === 'undefined' || typeof document === 'undefined') return;
	const face = new FontFace(font.family, `url(${JSON.stringify(url)})`, {
		weight: String(font.weight),
		style: font.style
	});
	await face.load();
	document.fonts.add(face);
}

/**
 * A renderer of core scenes into `group` (in view pixels: scale the group to fit a stage).
 * Items are drawn in the scene's order (first drawn first); each keeps its Konva nodes across
 * renders, keyed by {@link sceneItemIds}.
 */
export function createSceneRenderer(
	group: Container,
	options: SceneRendererOptions
): SceneRenderer {
	const assetUrl = options.assetUrl ?? defaultAssetUrl;
	const uploadUrl = options.uploadUrl ?? defaultUploadUrl;
	const loadFont = options.loadFont ?? defaultLoadFont;
	const nodes = new Map<string, ItemNodes>();
	const images = new Map<string, Promise<LoadedImage>>();
	const fonts = new Map<string, Promise<void>>();
	let pending = new Set<Promise<unknown>>();
	let destroyed = false;

	const redraw = () => {
		if (!destroyed) group.getLayer()?.batchDraw();
	};

	const imageAt = (url: string) => {
		let p = images.get(url);
		if (!p) {
			p = options.loadImage(url);
			images.set(url, p);
			// A failed URL may succeed later (network); forget it so the next render retries.
			p.catch(() => images.delete(url));
		}
		return p;
	};

	const track = (p: Promise<unknown>) => {
		const settled = p.then(
			() => undefined,
			() => undefined
		);
		pending.add(settled);
	};

	const showImage = (id: string, n: ItemNodes, url: string | undefined) => {
		if (n.wantedUrl === url) return;
		n.wantedUrl = url;
		if (!url) {
			(n.shape as KonvaImage).image(undefined);
			return;
		}
		const load = imageAt(url).then(
			(img) => {
				// Only the latest wanted URL is shown; the previous image stays until it arrives.
				if (destroyed || n.wantedUrl !== url || nodes.get(id) !== n) return;
				(n.shape as KonvaImage).image(img as CanvasImageSource);
				if (n.pendingPlacement) placeUploadImage(n, n.pendingPlacement, img);
				redraw();
			},
			(error: unknown) => options.onError?.(error, id)
		);
		track(load);
	};

	const ensureFont = (id: string, font: SceneFont) => {
		const key = `${font.family}|${font.weight}|${font.style}`;
		if (fonts.has(key)) return;
		const url = font.asset ? assetUrl(font.asset) : undefined;
		const load = loadFont(font, url).then(redraw, (error: unknown) => options.onError?.(error, id));
		fonts.set(key, load);
		track(load);
	};

	const create = (item: SceneItem): ItemNodes => {
		const clip = new Group({ name: 'atelier-item' });
		const frame = new Group();
		const shape =
			item.kind === 'text'
				? new KonvaText({ wrap: 'none', padding: 0, ellipsis: false, listening: false })
				: new KonvaImage({ image: undefined, listening: false });
		frame.add(shape);
		clip.add(frame);
		group.add(clip);
		return { kind: item.kind, clip, frame, shape };
	};

	const update = (id: string, n: ItemNodes, item: SceneItem) => {
		n.clip.id(id);
		setClip(n.clip, item.clip?.rect);
		n.frame.setAttrs(konvaBox(item.transform));
		n.shape.opacity(item.opacity);
		n.shape.globalCompositeOperation(item.blendMode === 'normal' ? 'source-over' : item.blendMode);
		switch (item.kind) {
			case 'image':
				setClip(n.frame, undefined);
				n.shape.position({ x: 0, y: 0 });
				n.shape.size({ width: item.transform.width, height: item.transform.height });
				showImage(id, n, assetUrl(item.asset));
				break;
			case 'text':
				updateText(n, item);
				ensureFont(id, item.font);
				break;
			case 'upload': {
				const { width, height } = item.transform;
				setClip(n.frame, item.fit === 'cover' ? { x: 0, y: 0, width, height } : undefined);
				const url = uploadUrl(item.uploadRef);
				if (item.placement) {
					n.pendingPlacement = undefined;
					setPlacement(n, item, item.placement);
				} else {
					// Size unknown to the scene: placed with the same core rule once the image is known.
					n.pendingPlacement = item;
					const current = (n.shape as KonvaImage).image();
					if (current && n.wantedUrl === url) placeUploadImage(n, item, current as LoadedImage);
				}
				showImage(id, n, url);
				break;
			}
		}
	};

	return {
		render(scene) {
			if (destroyed) return;
			pending = new Set();
			const ids = sceneItemIds(scene.items);
			const keep = new Set(ids);
			for (const [id, n] of nodes) {
				if (!keep.has(id)) {
					n.clip.destroy();
					nodes.delete(id);
				}
			}
			scene.items.forEach((item, i) => {
				const id = ids[i] as string;
				let n = nodes.get(id);
				if (n && n.kind !== item.kind) {
					n.clip.destroy();
					n = undefined;
				}
				if (!n) {
					n = create(item);
					nodes.set(id, n);
				}
				update(id, n, item);
				// Z-order: each item moved to the top in scene order ends in scene order.
				n.clip.moveToTop();
			});
			redraw();
		},
		nodeFor(itemId) {
			return nodes.get(itemId)?.clip;
		},
		async ready() {
			// Loads started by a load's own callback are tracked too: loop until nothing is pending.
			let seen = 0;
			while (pending.size > seen) {
				seen = pending.size;
				await Promise.all([...pending]);
			}
		},
		destroy() {
			destroyed = true;
			for (const n of nodes.values()) n.clip.destroy();
			nodes.clear();
			images.clear();
		}
	};

	function updateText(n: ItemNodes, item: SceneTextItem) {
		const { width, height } = item.box;
		// The core decides size (shrunk to fit) and overflow; the renderer only clips to the box.
		setClip(n.frame, item.overflow ? { x: 0, y: 0, width, height } : undefined);
		(n.shape as KonvaText).setAttrs({
			x: 0,
			y: 0,
			width,
			height,
			text: item.text,
			fontFamily: fontFamilyList(item.font.family, options.fontFamily),
			fontStyle: konvaFontStyle(item.font),
			fontSize: item.size,
			fill: item.color,
			align: item.align,
			verticalAlign: item.verticalAlign,
			lineHeight: item.lineHeight
		});
	}
}

type ClipRect = { x: number; y: number; width: number; height: number };
const clipRects = new WeakMap<Group, ClipRect | undefined>();

/**
 * Clips a group to a rectangle in its own coordinates, or not at all. Through `clipFunc`: Konva's
 * clipWidth/clipHeight cannot be unset without a validator warning.
 */
function setClip(g: Group, rect: ClipRect | undefined) {
	const old = clipRects.get(g);
	if (old === rect) return;
	if (
		old &&
		rect &&
		old.x === rect.x &&
		old.y === rect.y &&
		old.width === rect.width &&
		old.height === rect.height
	)
		return;
	clipRects.set(g, rect ? { ...rect } : undefined);
	if (!rect) g.clipFunc(undefined as never);
	else g.clipFunc((ctx) => ctx.rect(rect.x, rect.y, rect.width, rect.height));
}

function setPlacement(
	n: ItemNodes,
	item: SceneUploadItem,
	placement: { x: number; y: number; width: number; height: number }
) {
	// The frame's origin is the box's top-left corner (its offset is half the box).
	n.shape.position({ x: placement.x - item.box.x, y: placement.y - item.box.y });
	n.shape.size({ width: placement.width, height: placement.height });
}

function placeUploadImage(n: ItemNodes, item: SceneUploadItem, img: LoadedImage) {
	const w = 'naturalWidth' in img ? img.naturalWidth : img.width;
	const h = 'naturalHeight' in img ? img.naturalHeight : img.height;
	const placement = placeUpload(item.box, item.fit, w || undefined, h || undefined) ?? item.box;
	setPlacement(n, item, placement);
}
