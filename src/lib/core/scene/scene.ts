import type { Asset, Font } from '../definition/asset.js';
import type { Rect } from '../definition/common.js';
import type { ConfigurationInput, UploadAnswer } from '../definition/configuration.js';
import type { Definition } from '../definition/definition.js';
import type { BlendMode, Layer, TextLayer, Transform } from '../definition/layer.js';
import type { View } from '../definition/view.js';
import { evaluateCondition, isAnswered } from '../engine/answers.js';
import {
	isEvaluation,
	stateOfConfiguration,
	stateOfEvaluation,
	type EvaluationLike,
	type SceneState
} from './resolve.js';
import { fittedTextSize, textFits } from './text-metrics.js';

/** A resolved asset: where to load it from and what it is. */
export interface SceneAsset {
	id: string;
	path?: string;
	sha256?: string;
	mime: string;
	width?: number;
	height?: number;
}

/** A resolved font. `asset` is absent only when the font's asset is missing from the table. */
export interface SceneFont {
	id: string;
	family: string;
	weight: number;
	style: 'normal' | 'italic';
	asset?: SceneAsset;
}

/** An absolute transform in view pixels; rotation in degrees clockwise around the box center. */
export interface SceneTransform {
	x: number;
	y: number;
	width: number;
	height: number;
	rotation: number;
}

/** A print area of the view in view pixels; `bleed` converted from the physical unit to pixels. */
export interface ScenePrintArea {
	id: string;
	label: string;
	rect: Rect;
	dpi: number;
	/** Bleed in view pixels. */
	bleed: number;
	/** `rect` grown by the bleed on every side (what the print file covers). */
	bleedRect: Rect;
}

/** The clip of an item: its print area (preview clips to `rect`, print files to `bleedRect`). */
export interface SceneClip {
	printArea: string;
	rect: Rect;
	bleedRect: Rect;
}

/** What every item of a layer shares. */
export interface ItemBase {
	layerId: string;
	transform: SceneTransform;
	blendMode: BlendMode;
	/** Product of the layer's and its groups' opacities. */
	opacity: number;
	clip?: SceneClip;
}

/** A static asset, or the asset of a selected choice. */
export interface SceneImageItem extends ItemBase {
	kind: 'image';
	asset: SceneAsset;
	/** The choice whose asset this is (layers bound to an option). */
	optionId?: string;
	choiceId?: string;
}

/** A personalization text with its resolved font and color. */
export interface SceneTextItem extends ItemBase {
	kind: 'text';
	optionId: string;
	text: string;
	font: SceneFont;
	/** The size to draw at, in view px: the layer's, or smaller when the style shrinks to fit. */
	size: number;
	/** The layer's size before shrinking. */
	designSize: number;
	/** Hex color. */
	color: string;
	align: 'left' | 'center' | 'right';
	verticalAlign: 'top' | 'middle' | 'bottom';
	lineHeight: number;
	/** The text box (the transform without rotation). */
	box: Rect;
	/** True when the text does not fit its box even after shrinking (the renderer clips it to the box). */
	overflow: boolean;
}

/** A customer upload fitted into its box. */
export interface SceneUploadItem extends ItemBase {
	kind: 'upload';
	optionId: string;
	uploadRef: string;
	upload: UploadAnswer;
	fit: 'contain' | 'cover' | 'fill';
	/** The layer's box (the transform without rotation); `cover` is clipped to it. */
	box: Rect;
	/** Where the upload's pixels land, when its pixel size is known (centered for contain/cover). */
	placement?: Rect;
}

/** One thing to draw. */
export type SceneItem = SceneImageItem | SceneTextItem | SceneUploadItem;

/** The ordered draw list of one view. Plain JSON. */
export interface Scene {
	viewId: string;
	size: { width: number; height: number };
	physicalSize: View['physicalSize'];
	/** First drawn first. */
	items: SceneItem[];
	printAreas: ScenePrintArea[];
	/** Layers left out for a reason other than visibility (e.g. a choice without art in this view). */
	warnings: { layerId: string; message: string }[];
}

/** Result of {@link computeScene} for an unknown view. */
export class UnknownViewError extends Error {
	constructor(viewId: string) {
		super(`unknown view "${viewId}"`);
		this.name = 'UnknownViewError';
	}
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * The ordered draw list of one view for a configuration — what both the Konva preview and the
 * print renderer draw, so they cannot disagree. Pure and deterministic; the result is plain JSON.
 *
 * `source` is an engine `Evaluation` (authoritative: its visibility and effective configuration
 * are used) or a configuration (visibility from show/hide rules and static defaults only; see
 * `stateOfConfiguration`).
 *
 * - Z-order is the definition's layer order for the view; group layers are flattened: a child's
 *   transform is relative to its group's top-left corner (no scaling), the group's rotation turns
 *   its children around the group's center, opacities multiply, a `normal` blend mode inherits the
 *   nearest group's, a missing print area inherits the nearest group's.
 * - A layer is omitted when its or a group's `visibleWhen` fails, or its bound option is hidden
 *   or unanswered; an image bound to an option draws the selected choice's (or choices', in
 *   choice order) art for the view, a toggle-bound image its asset while on.
 * - Text: the customer's font/color, else the option's first offered font/color, else the
 *   layer's style; number options are drawn as their decimal digits. A style with
 *   `overflow: 'shrink'` draws at the largest size (≥ ¼ of the design size) that fits.
 *
 * @throws UnknownViewError when `viewId` is not a view of the definition (a programmer error).
 */
export function computeScene(
	definition: Definition,
	source: EvaluationLike | ConfigurationInput,
	viewId: string
): Scene {
	const def = definition;
	const { view, printAreas, layers } = prepareView(def, viewId);
	const state = isEvaluation(source)
		? stateOfEvaluation(def, source)
		: stateOfConfiguration(def, source);
	const items: SceneItem[] = [];
	const warnings: Scene['warnings'] = [];
	for (const { layer, all, base } of layers) {
		if (!all || !base) {
			warnings.push({ layerId: layer.id, message: 'its group chain is broken or cyclic' });
			continue;
		}
		if (shown(all, state)) items.push(...itemsOf(def, layer, base, state, warnings));
	}
	return {
		viewId,
		size: { width: view.size.width, height: view.size.height },
		physicalSize: { ...view.physicalSize },
		items,
		printAreas,
		warnings
	};
}

/** A layer of a view, with what does not depend on the configuration (internal: `overflow.ts`). */
export interface PreparedLayer {
	layer: Exclude<Layer, { kind: 'group' }>;
	/** The layer's groups (outermost first) and the layer; undefined when the chain is broken. */
	all?: Layer[];
	base?: ItemBase;
}

/** What a view's scene needs that does not depend on the configuration. */
export function prepareView(def: Definition, viewId: string) {
	const view = def.views.find((v) => v.id === viewId);
	if (!view) throw new UnknownViewError(viewId);
	const pxPerUnit = view.size.width / view.physicalSize.width;
	const printAreas: ScenePrintArea[] = view.printAreas.map((pa) => {
		const bleed = round(pa.bleed * pxPerUnit);
		return {
			id: pa.id,
			label: pa.label,
			rect: { ...pa.rect },
			dpi: pa.dpi,
			bleed,
			bleedRect: grow(pa.rect, bleed)
		};
	});
	const clipOf = (id: string | undefined): SceneClip | undefined => {
		const pa = printAreas.find((p) => p.id === id);
		return pa ? { printArea: pa.id, rect: pa.rect, bleedRect: pa.bleedRect } : undefined;
	};
	const byId = new Map(def.layers.map((l) => [l.id, l]));
	const layers: PreparedLayer[] = [];
	for (const layer of def.layers) {
		if (layer.view !== viewId || layer.kind === 'group') continue;
		const chain = ancestors(layer, byId);
		if (!chain) layers.push({ layer });
		else {
			const all = [...chain, layer];
			layers.push({ layer, all, base: composeBase(all, clipOf) });
		}
	}
	return { view, printAreas, layers };
}

/** Whether a layer and its groups are visible (their `visibleWhen`). */
export function shown(all: readonly Layer[], state: SceneState): boolean {
	return all.every(
		(l) => !l.visibleWhen || evaluateCondition(l.visibleWhen, state.answers, state.quantity)
	);
}

/** The group chain of a layer, outermost first; undefined when broken (unknown parent, cycle). */
function ancestors(layer: Layer, byId: Map<string, Layer>): Layer[] | undefined {
	const chain: Layer[] = [];
	const seen = new Set([layer.id]);
	let p = layer.parent;
	while (p !== undefined) {
		const g = byId.get(p);
		if (!g || g.kind !== 'group' || seen.has(g.id)) return undefined;
		seen.add(g.id);
		chain.unshift(g);
		p = g.parent;
	}
	return chain;
}

/** Composes the transforms, opacity, blend mode and clip of a layer and its groups. */
function composeBase(
	chain: Layer[],
	clipOf: (id: string | undefined) => SceneClip | undefined
): ItemBase {
	const layer = chain[chain.length - 1] as Layer;
	let t: SceneTransform = { ...layer.transform };
	for (let i = chain.length - 2; i >= 0; i--) t = inGroup(t, (chain[i] as Layer).transform);
	const opacity = chain.reduce((o, l) => o * l.opacity, 1);
	let blendMode: BlendMode = 'normal';
	let printArea: string | undefined;
	for (const l of chain) {
		if (l.blendMode !== 'normal') blendMode = l.blendMode;
		if (l.printArea !== undefined) printArea = l.printArea;
	}
	const clip = clipOf(printArea);
	const base: ItemBase = {
		layerId: layer.id,
		transform: {
			x: round(t.x),
			y: round(t.y),
			width: round(t.width),
			height: round(t.height),
			rotation: round(t.rotation)
		},
		blendMode,
		opacity: round(opacity)
	};
	if (clip) base.clip = clip;
	return base;
}

/** A transform given in a group's frame, expressed in the group's parent frame. */
function inGroup(child: SceneTransform, group: Transform): SceneTransform {
	const cx = group.x + child.x + child.width / 2;
	const cy = group.y + child.y + child.height / 2;
	const r = group.rotation ?? 0;
	if (r === 0) return { ...child, x: group.x + child.x, y: group.y + child.y };
	const gx = group.x + group.width / 2;
	const gy = group.y + group.height / 2;
	const rad = (r * Math.PI) / 180;
	const dx = cx - gx;
	const dy = cy - gy;
	// Clockwise on screen (y points down).
	const px = gx + dx * Math.cos(rad) - dy * Math.sin(rad);
	const py = gy + dx * Math.sin(rad) + dy * Math.cos(rad);
	return {
		x: px - child.width / 2,
		y: py - child.height / 2,
		width: child.width,
		height: child.height,
		rotation: child.rotation + r
	};
}

/** The items a layer draws (internal: `overflow.ts`). */
export function itemsOf(
	def: Definition,
	layer: Exclude<Layer, { kind: 'group' }>,
	base: ItemBase,
	state: SceneState,
	warnings: Scene['warnings']
): SceneItem[] {
	const hiddenOrUnanswered = (optionId: string) =>
		state.visible.get(optionId) === false || !isAnswered(state.answers.get(optionId));
	switch (layer.kind) {
		case 'image': {
			if (layer.option === undefined) {
				const asset = assetOf(def, layer.asset);
				return asset ? [{ kind: 'image', ...base, asset }] : [];
			}
			if (hiddenOrUnanswered(layer.option)) return [];
			const option = def.options.find((o) => o.id === layer.option);
			const answer = state.answers.get(layer.option);
			if (option?.kind === 'toggle') {
				const asset = assetOf(def, layer.asset);
				return asset ? [{ kind: 'image', ...base, asset, optionId: option.id }] : [];
			}
			if (option?.kind !== 'choice' && option?.kind !== 'multi') return [];
			const chosen =
				answer?.kind === 'choice'
					? [answer.choice]
					: answer?.kind === 'multi'
						? answer.choices
						: [];
			const out: SceneItem[] = [];
			for (const c of option.choices) {
				if (!chosen.includes(c.id)) continue;
				const assetId = c.assets[layer.view] ?? layer.asset;
				const asset = assetOf(def, assetId);
				if (!asset) {
					warnings.push({
						layerId: layer.id,
						message: `${option.label} = ${c.label} has no art for view "${layer.view}"`
					});
					continue;
				}
				out.push({ kind: 'image', ...base, asset, optionId: option.id, choiceId: c.id });
			}
			return out;
		}
		case 'text': {
			if (hiddenOrUnanswered(layer.option)) return [];
			const item = textItem(def, layer, base, state);
			if (!item) warnings.push({ layerId: layer.id, message: 'its font is unknown' });
			return item ? [item] : [];
		}
		case 'upload': {
			if (hiddenOrUnanswered(layer.option)) return [];
			const a = state.answers.get(layer.option);
			if (a?.kind !== 'image') return [];
			const box = boxOf(base.transform);
			const item: SceneUploadItem = {
				kind: 'upload',
				...base,
				optionId: layer.option,
				uploadRef: a.upload.ref,
				upload: { ...a.upload },
				fit: layer.fit,
				box
			};
			const placement = placeUpload(box, layer.fit, a.upload.width, a.upload.height);
			if (placement) item.placement = placement;
			return [item];
		}
	}
}

function textItem(
	def: Definition,
	layer: TextLayer,
	base: ItemBase,
	state: SceneState
): SceneTextItem | undefined {
	const option = def.options.find((o) => o.id === layer.option);
	const a = state.answers.get(layer.option);
	let text: string;
	let fontId = layer.style.font;
	let colorRef = layer.style.color;
	if (a?.kind === 'text') {
		text = a.text;
		if (option?.kind === 'text') {
			fontId = pick(a.font, option.fonts) ?? fontId;
			colorRef = pick(a.color, option.colors) ?? colorRef;
		}
	} else if (a?.kind === 'number') text = String(a.value);
	else return undefined;
	const font = fontOf(def, fontId);
	if (!font) return undefined;
	const box = boxOf(base.transform);
	const { size: designSize, lineHeight } = layer.style;
	let size = designSize;
	let overflow = !textFits(text, font, size, box, lineHeight);
	if (overflow && layer.style.overflow === 'shrink') {
		const fitted = fittedTextSize(text, font, designSize, box, lineHeight);
		if (fitted !== undefined) {
			size = fitted;
			overflow = false;
		} else size = Math.max(1, designSize / 4);
	}
	return {
		kind: 'text',
		...base,
		optionId: layer.option,
		text,
		font,
		size,
		designSize,
		color: colorOf(def, colorRef),
		align: layer.style.align,
		verticalAlign: layer.style.verticalAlign,
		lineHeight,
		box,
		overflow
	};
}

/** The customer's pick when offered, else the first offered, else undefined (the layer's). */
function pick(chosen: string | undefined, offered: readonly string[]): string | undefined {
	if (chosen !== undefined && (offered.length === 0 || offered.includes(chosen))) return chosen;
	return offered[0];
}

function assetOf(def: Definition, id: string | undefined): SceneAsset | undefined {
	if (id === undefined) return undefined;
	const a: Asset | undefined = def.assets[id];
	if (!a) return undefined;
	return {
		id,
		...(a.path !== undefined ? { path: a.path } : {}),
		...(a.sha256 !== undefined ? { sha256: a.sha256 } : {}),
		mime: a.mime,
		...(a.width !== undefined ? { width: a.width } : {}),
		...(a.height !== undefined ? { height: a.height } : {})
	};
}

/** A font of the definition with its asset resolved. */
export function fontOf(def: Definition, id: string): SceneFont | undefined {
	const f: Font | undefined = def.fonts.find((x) => x.id === id);
	if (!f) return undefined;
	const asset = assetOf(def, f.asset);
	return {
		id: f.id,
		family: f.family,
		weight: f.weight,
		style: f.style,
		...(asset ? { asset } : {})
	};
}

/** A palette color id or a hex color, as hex (unknown ids fall back to black). */
export function colorOf(def: Definition, ref: string): string {
	if (ref.startsWith('#')) return ref;
	return def.colors.find((c) => c.id === ref)?.hex ?? '#000000';
}

function boxOf(t: SceneTransform): Rect {
	return { x: t.x, y: t.y, width: t.width, height: t.height };
}

function grow(r: Rect, by: number): Rect {
	return {
		x: round(r.x - by),
		y: round(r.y - by),
		width: round(r.width + 2 * by),
		height: round(r.height + 2 * by)
	};
}

/** Where an upload of `w`×`h` px lands in `box` with `fit` (undefined when its size is unknown). */
export function placeUpload(
	box: Rect,
	fit: 'contain' | 'cover' | 'fill',
	w: number | undefined,
	h: number | undefined
): Rect | undefined {
	if (fit === 'fill') return { ...box };
	if (w === undefined || h === undefined) return undefined;
	const s =
		fit === 'contain'
			? Math.min(box.width / w, box.height / h)
			: Math.max(box.width / w, box.height / h);
	const width = round(w * s);
	const height = round(h * s);
	return {
		x: round(box.x + (box.width - width) / 2),
		y: round(box.y + (box.height - height) / 2),
		width,
		height
	};
}
