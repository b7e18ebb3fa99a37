// Snapping of boxes on the canvas: pure functions over view-pixel lines. A dragged box snaps its
// left/center/right edges (and top/middle/bottom) to the nearest target line within a threshold;
// the lines it snapped to are returned as guides to draw. Unit-tested in snapping.test.ts.

import type { Box } from './geometry';

/** Candidate lines, in view pixels: vertical lines at `x`, horizontal lines at `y`. */
export interface SnapTargets {
	x: number[];
	y: number[];
}

/** A guide line to draw: vertical at `at` (axis x) or horizontal (axis y), spanning `from`–`to`. */
export interface SnapGuide {
	axis: 'x' | 'y';
	at: number;
	from: number;
	to: number;
}

export interface SnapResult {
	/** How far to move the box so it snaps (0 when nothing is near). */
	dx: number;
	dy: number;
	guides: SnapGuide[];
}

/** A box's snapping lines: left, center, right; top, middle, bottom. */
export function linesOf(box: Box): SnapTargets {
	return {
		x: [box.x, box.x + box.width / 2, box.x + box.width],
		y: [box.y, box.y + box.height / 2, box.y + box.height]
	};
}

/**
 * The lines to snap to: the view's edges and centre, and the edges and centres of `others`
 * (other layers, print areas), without duplicates.
 */
export function snapTargets(view: { width: number; height: number }, others: Box[]): SnapTargets {
	const x = new Set([0, view.width / 2, view.width]);
	const y = new Set([0, view.height / 2, view.height]);
	for (const box of others) {
		const lines = linesOf(box);
		for (const v of lines.x) x.add(v);
		for (const v of lines.y) y.add(v);
	}
	return { x: [...x].sort((a, b) => a - b), y: [...y].sort((a, b) => a - b) };
}

/** The nearest target to any of `values` within `threshold`: the offset to apply and the line. */
export function nearestSnap(
	values: readonly number[],
	targets: readonly number[],
	threshold: number
): { offset: number; at: number } | undefined {
	let best: { offset: number; at: number } | undefined;
	for (const value of values) {
		for (const target of targets) {
			const offset = target - value;
			if (Math.abs(offset) > threshold) continue;
			if (!best || Math.abs(offset) < Math.abs(best.offset)) best = { offset, at: target };
		}
	}
	return best;
}

/**
 * Snaps a moved box: the offset that brings its nearest edge or centre onto a target line on each
 * axis (within `threshold` view px), and the guides to draw through every line the snapped box
 * touches, spanning the box and the view.
 */
export function snapMove(
	box: Box,
	targets: SnapTargets,
	threshold: number,
	view: { width: number; height: number }
): SnapResult {
	const lines = linesOf(box);
	const sx = nearestSnap(lines.x, targets.x, threshold);
	const sy = nearestSnap(lines.y, targets.y, threshold);
	const dx = sx?.offset ?? 0;
	const dy = sy?.offset ?? 0;
	const moved = { ...box, x: box.x + dx, y: box.y + dy };
	const guides: SnapGuide[] = [];
	if (sx) guides.push(...guidesOn('x', linesOf(moved).x, targets.x, moved, view));
	if (sy) guides.push(...guidesOn('y', linesOf(moved).y, targets.y, moved, view));
	return { dx, dy, guides };
}

/** Snaps one coordinate (a resize handle) to the nearest target within `threshold`. */
export function snapValue(
	value: number,
	targets: readonly number[],
	threshold: number
): { value: number; at?: number } {
	const snap = nearestSnap([value], targets, threshold);
	return snap ? { value: value + snap.offset, at: snap.at } : { value };
}

const EPSILON = 1e-6;

function guidesOn(
	axis: 'x' | 'y',
	lines: number[],
	targets: number[],
	box: Box,
	view: { width: number; height: number }
): SnapGuide[] {
	const span = axis === 'x' ? view.height : view.width;
	const start = axis === 'x' ? box.y : box.x;
	const end = axis === 'x' ? box.y + box.height : box.x + box.width;
	const guides: SnapGuide[] = [];
	for (const at of lines) {
		if (!targets.some((t) => Math.abs(t - at) < EPSILON)) continue;
		if (guides.some((g) => Math.abs(g.at - at) < EPSILON)) continue;
		guides.push({ axis, at, from: Math.min(0, start), to: Math.max(span, end) });
	}
	return guides;
}

/** How far an arrow key moves the selection: 1 view px, 10 with Shift; undefined for other keys. */
export function nudgeFor(key: string, shift: boolean): { dx: number; dy: number } | undefined {
	const step = shift ? 10 : 1;
	switch (key) {
		case 'ArrowLeft':
			return { dx: -step, dy: 0 };
		case 'ArrowRight':
			return { dx: step, dy: 0 };
		case 'ArrowUp':
			return { dx: 0, dy: -step };
		case 'ArrowDown':
			return { dx: 0, dy: step };
		default:
			return undefined;
	}
}
