// How a canvas gesture becomes an edit of the draft: pure JSON in, JSON out, so the component
// only labels it and hands it to `editor.edit` (one transaction per gesture). Only the moved
// layers' `transform` and the moved print areas' `rect` are rewritten, which is what lets two
// people move different layers at the same time and keep both moves.

import type { Json } from '$lib/collab/definition-doc';
import { layerTransformFor, type BoxTransform, type LayerFrame } from './geometry';

/** What a click on the canvas can select. */
export interface CanvasTargetRef {
	kind: 'layer' | 'printArea';
	id: string;
}

/** The new box of a layer or print area after a move, resize, rotation or nudge (view px). */
export interface CanvasCommit {
	target: CanvasTargetRef;
	box: BoxTransform;
}

type Rect = { x: number; y: number; width: number; height: number };
type ViewJson = { id: string; printAreas?: { id: string; rect: Rect }[] };

/**
 * Writes `changes` (boxes in view pixels) into a plain copy of the definition: each layer's box is
 * converted back into its groups' frame (rounded to 0.01 px; a rotation of 0 stays implicit when
 * the layer had none), each print area's rect is rounded to whole pixels. Unknown targets are
 * skipped. Returns whether any layer's rotation changed (the edit is then labelled "Rotate").
 */
export function applyCanvasChanges(
	draft: { [key: string]: Json },
	viewId: string,
	changes: readonly CanvasCommit[]
): { rotated: boolean } {
	const layers = (Array.isArray(draft.layers) ? draft.layers : []) as unknown as LayerFrame[];
	const byId = new Map(layers.map((l) => [l.id, l]));
	const views = (Array.isArray(draft.views) ? draft.views : []) as unknown as ViewJson[];
	let rotated = false;
	for (const { target, box } of changes) {
		if (target.kind === 'printArea') {
			const area = views.find((v) => v.id === viewId)?.printAreas?.find((p) => p.id === target.id);
			if (area) area.rect = roundedRect(box);
			continue;
		}
		const layer = byId.get(target.id);
		if (!layer) continue;
		const next = layerTransformFor(layer, byId, box);
		if (!next) continue;
		if ((layer.transform.rotation ?? 0) !== next.rotation) rotated = true;
		layer.transform =
			next.rotation === 0 && layer.transform.rotation === undefined
				? { x: next.x, y: next.y, width: next.width, height: next.height }
				: next;
	}
	return { rotated };
}

function roundedRect(box: Rect): Rect {
	return {
		x: Math.round(box.x),
		y: Math.round(box.y),
		width: Math.max(1, Math.round(box.width)),
		height: Math.max(1, Math.round(box.height))
	};
}
