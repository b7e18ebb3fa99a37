// Pure geometry of the studio canvas: the physical unit of a view and its rulers, zoom and pan,
// and layer transforms between a layer's own frame (relative to its groups) and the view. No DOM,
// no Konva: unit-tested in geometry.test.ts.

/** An axis-aligned rectangle in view pixels. */
export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** A layer transform: box top-left and size in view pixels, rotation clockwise around its center. */
export interface BoxTransform extends Box {
	rotation: number;
}

/** The unit rulers speak: the view's physical unit, or cm for large millimetre views. */
export type RulerUnit = 'mm' | 'cm' | 'in';

export interface PhysicalSize {
	width: number;
	height: number;
	unit: 'mm' | 'in';
}

/** A millimetre view a metre or more wide is measured in centimetres (a sofa, not a pendant). */
const CENTIMETRES_FROM_MM = 1000;

export function rulerUnitOf(physical: PhysicalSize): RulerUnit {
	if (physical.unit === 'in') return 'in';
	return Math.max(physical.width, physical.height) >= CENTIMETRES_FROM_MM ? 'cm' : 'mm';
}

/** View pixels per ruler unit (horizontal and vertical can differ when the aspect differs). */
export function pixelsPerUnit(
	viewSize: { width: number; height: number },
	physical: PhysicalSize,
	unit: RulerUnit = rulerUnitOf(physical)
): { x: number; y: number } {
	const factor = unit === 'cm' ? 10 : 1; // physical units (mm or in) per ruler unit
	return {
		x: (viewSize.width / physical.width) * factor,
		y: (viewSize.height / physical.height) * factor
	};
}

/** A length in view pixels, in a ruler unit, rounded for display ("12.5 mm"). */
export function formatLength(px: number, pxPerUnit: number, unit: RulerUnit): string {
	const value = px / pxPerUnit;
	const digits = unit === 'in' ? 2 : unit === 'cm' ? 1 : value < 100 ? 1 : 0;
	return `${Number(value.toFixed(digits))} ${unit}`;
}

/** One tick of a ruler: where it is (view px), whether it is a labelled major tick, its label. */
export interface RulerTick {
	at: number;
	major: boolean;
	label?: string;
}

const NICE_STEPS = [1, 2, 5];

/** The smallest "nice" step (1, 2, 5 × 10ⁿ units) at least `minScreenPx` apart on screen. */
export function niceStep(screenPxPerUnit: number, minScreenPx: number): number {
	if (!(screenPxPerUnit > 0)) return 1;
	const wanted = minScreenPx / screenPxPerUnit;
	let power = 10 ** Math.floor(Math.log10(wanted));
	for (;;) {
		for (const m of NICE_STEPS) {
			if (m * power >= wanted - 1e-9) return m * power;
		}
		power *= 10;
	}
}

/**
 * The ticks of a ruler over the view-pixel range [from, to] at `scale` screen px per view px:
 * labelled major ticks at least 56 screen px apart, minor ticks between them (≥ 6 px apart).
 */
export function rulerTicks(
	from: number,
	to: number,
	pxPerUnit: number,
	scale: number,
	minMajorGap = 56
): RulerTick[] {
	const screenPerUnit = pxPerUnit * scale;
	const major = niceStep(screenPerUnit, minMajorGap);
	const minorCount = major * screenPerUnit >= 60 ? 10 : 5;
	const minor = major / minorCount;
	const ticks: RulerTick[] = [];
	const first = Math.ceil(from / pxPerUnit / minor);
	const last = Math.floor(to / pxPerUnit / minor);
	// Ten thousand ticks is already far more than a screen can show; the cap guards bad input.
	for (let i = first; i <= last && ticks.length < 10_000; i++) {
		const units = i * minor;
		const isMajor = i % minorCount === 0;
		const tick: RulerTick = { at: units * pxPerUnit, major: isMajor };
		if (isMajor) tick.label = String(Number(units.toFixed(6)));
		ticks.push(tick);
	}
	return ticks;
}

/** Zoom and pan of the canvas: screen = view × scale + offset. */
export interface Viewport {
	scale: number;
	x: number;
	y: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 16;

export function clampZoom(scale: number): number {
	return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, scale));
}

/** Zooms by `factor` keeping the view point under `pointer` (screen px) in place. */
export function zoomAt(viewport: Viewport, pointer: { x: number; y: number }, factor: number) {
	const scale = clampZoom(viewport.scale * factor);
	const viewX = (pointer.x - viewport.x) / viewport.scale;
	const viewY = (pointer.y - viewport.y) / viewport.scale;
	return { scale, x: pointer.x - viewX * scale, y: pointer.y - viewY * scale };
}

/** The viewport that shows the whole view centered in `area` (screen px) with `padding` around. */
export function fitViewport(
	area: Box,
	view: { width: number; height: number },
	padding = 24
): Viewport {
	const width = Math.max(1, area.width - 2 * padding);
	const height = Math.max(1, area.height - 2 * padding);
	const scale = clampZoom(Math.min(width / view.width, height / view.height));
	return {
		scale,
		x: area.x + (area.width - view.width * scale) / 2,
		y: area.y + (area.height - view.height * scale) / 2
	};
}

/** The axis-aligned bounds of a rotated box. */
export function boundsOf(t: BoxTransform): Box {
	const r = ((t.rotation ?? 0) * Math.PI) / 180;
	if (r === 0) return { x: t.x, y: t.y, width: t.width, height: t.height };
	const cos = Math.abs(Math.cos(r));
	const sin = Math.abs(Math.sin(r));
	const width = t.width * cos + t.height * sin;
	const height = t.width * sin + t.height * cos;
	const cx = t.x + t.width / 2;
	const cy = t.y + t.height / 2;
	return { x: cx - width / 2, y: cy - height / 2, width, height };
}

function rotateAround(
	point: { x: number; y: number },
	center: { x: number; y: number },
	degrees: number
) {
	const rad = (degrees * Math.PI) / 180;
	const dx = point.x - center.x;
	const dy = point.y - center.y;
	// Clockwise on screen (y points down), as the core composes group rotations.
	return {
		x: center.x + dx * Math.cos(rad) - dy * Math.sin(rad),
		y: center.y + dx * Math.sin(rad) + dy * Math.cos(rad)
	};
}

/** A transform given in a group's frame, expressed in the group's parent frame (as the core does). */
export function intoGroupParent(child: BoxTransform, group: BoxTransform): BoxTransform {
	const r = group.rotation ?? 0;
	const center = {
		x: group.x + child.x + child.width / 2,
		y: group.y + child.y + child.height / 2
	};
	const turned = r === 0 ? center : rotateAround(center, groupCenter(group), r);
	return {
		x: turned.x - child.width / 2,
		y: turned.y - child.height / 2,
		width: child.width,
		height: child.height,
		rotation: child.rotation + r
	};
}

/** The inverse of {@link intoGroupParent}: a transform of the group's parent frame, in the group's. */
export function outOfGroupParent(outer: BoxTransform, group: BoxTransform): BoxTransform {
	const r = group.rotation ?? 0;
	const center = { x: outer.x + outer.width / 2, y: outer.y + outer.height / 2 };
	const turned = r === 0 ? center : rotateAround(center, groupCenter(group), -r);
	return {
		x: turned.x - group.x - outer.width / 2,
		y: turned.y - group.y - outer.height / 2,
		width: outer.width,
		height: outer.height,
		rotation: outer.rotation - r
	};
}

function groupCenter(g: BoxTransform) {
	return { x: g.x + g.width / 2, y: g.y + g.height / 2 };
}

/** What the geometry needs of a layer. */
export interface LayerFrame {
	id: string;
	kind: string;
	parent?: string;
	transform: { x: number; y: number; width: number; height: number; rotation?: number };
}

const withRotation = (t: LayerFrame['transform']): BoxTransform => ({
	x: t.x,
	y: t.y,
	width: t.width,
	height: t.height,
	rotation: t.rotation ?? 0
});

/** The group chain of a layer, outermost first; undefined when broken (unknown parent, cycle). */
export function groupChain(
	layer: LayerFrame,
	byId: ReadonlyMap<string, LayerFrame>
): LayerFrame[] | undefined {
	const chain: LayerFrame[] = [];
	const seen = new Set([layer.id]);
	let parent = layer.parent;
	while (parent !== undefined) {
		const group = byId.get(parent);
		if (!group || group.kind !== 'group' || seen.has(group.id)) return undefined;
		seen.add(group.id);
		chain.unshift(group);
		parent = group.parent;
	}
	return chain;
}

/** A layer's transform in view pixels (its groups applied); undefined when its chain is broken. */
export function viewTransformOf(
	layer: LayerFrame,
	byId: ReadonlyMap<string, LayerFrame>
): BoxTransform | undefined {
	const chain = groupChain(layer, byId);
	if (!chain) return undefined;
	let t = withRotation(layer.transform);
	for (let i = chain.length - 1; i >= 0; i--)
		t = intoGroupParent(t, withRotation(chain[i]!.transform));
	return t;
}

/** A transform in view pixels as the layer stores it (relative to its groups), rounded to 0.01 px. */
export function layerTransformFor(
	layer: LayerFrame,
	byId: ReadonlyMap<string, LayerFrame>,
	inView: BoxTransform
): BoxTransform | undefined {
	const chain = groupChain(layer, byId);
	if (!chain) return undefined;
	let t = inView;
	for (const group of chain) t = outOfGroupParent(t, withRotation(group.transform));
	return roundTransform(t);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Rounds to 0.01 px and normalizes the rotation to (-180, 180]. */
export function roundTransform(t: BoxTransform): BoxTransform {
	let rotation = ((t.rotation % 360) + 360) % 360;
	if (rotation > 180) rotation -= 360;
	return {
		x: round2(t.x),
		y: round2(t.y),
		width: Math.max(1, round2(t.width)),
		height: Math.max(1, round2(t.height)),
		rotation: round2(rotation)
	};
}
