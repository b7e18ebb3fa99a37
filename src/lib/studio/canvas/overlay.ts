// What the canvas shows on top of the scene for editing, derived from the definition and the
// core's scene of the active view: one hit box per selectable layer (in z-order), text boxes with
// their overflow state, placeholders for art that is missing, and the print areas. Pure data.

import type { Definition } from '$lib/core';
import type { Scene, SceneTextItem } from '$lib/core/scene';
import { sceneItemIds } from '$lib/runtime/preview/fit';
import { boundsOf, viewTransformOf, type BoxTransform, type LayerFrame } from './geometry';

/** A selectable box on the canvas: a layer, or a group standing for the layers it holds. */
export interface OverlayTarget {
	/** The layer (or group layer) id: what selecting it selects. */
	id: string;
	kind: 'image' | 'text' | 'upload' | 'group';
	name: string;
	/** In view pixels. */
	box: BoxTransform;
	/** Ids of the scene items drawn for this layer and its descendants (moved live while dragging). */
	itemIds: string[];
}

/** A text layer's box, drawn dashed, with what the scene made of its text. */
export interface OverlayTextBox {
	layerId: string;
	box: BoxTransform;
	/** Drawn in the scene for the tested configuration. */
	drawn: boolean;
	/** What the box holds while the option has no answer (the option's label). */
	placeholder: string;
	/** The text does not fit its box (core `textFits`): the scene clips it. */
	overflow: boolean;
	/** Drawn smaller than designed to fit (shrink style): the size drawn, in view px. */
	shrunkTo?: number;
	/** The box reaches outside the print area that clips it: part of the text is cut off. */
	outsidePrintArea: boolean;
}

/** A layer whose art is missing: drawn as a placeholder box so it can still be found and moved. */
export interface OverlayPlaceholder {
	layerId: string;
	box: BoxTransform;
	title: string;
	detail?: string;
}

export interface OverlayPrintArea {
	id: string;
	label: string;
	dpi: number;
	rect: { x: number; y: number; width: number; height: number };
	bleedRect: { x: number; y: number; width: number; height: number };
}

export interface CanvasOverlay {
	/** What gets a hit box, in z-order. */
	targets: OverlayTarget[];
	/** Every layer of the view (groups too): a layer selected elsewhere gets its box from here. */
	layers: OverlayTarget[];
	textBoxes: OverlayTextBox[];
	placeholders: OverlayPlaceholder[];
	printAreas: OverlayPrintArea[];
}

const layerName = (layer: { id: string; name?: string }) => layer.name?.trim() || layer.id;

/**
 * The editing overlay of `scene` (the active view): targets are the layers drawn in the scene,
 * text and upload boxes (always: they are where personalization goes) and placeholders for
 * missing art; a layer inside a group is reached through its outermost group. Independent of the
 * selection on purpose: selecting must not rebuild the hit box under the pointer (the canvas adds
 * a box for a selected layer that has none, from `layers`).
 */
export function canvasOverlay(definition: Definition, scene: Scene): CanvasOverlay {
	const viewLayers = definition.layers.filter((l) => l.view === scene.viewId);
	const byId = new Map<string, LayerFrame>(definition.layers.map((l) => [l.id, l]));
	const itemIds = sceneItemIds(scene.items);
	const itemsByLayer = new Map<string, string[]>();
	scene.items.forEach((item, i) => {
		const list = itemsByLayer.get(item.layerId) ?? [];
		list.push(itemIds[i] as string);
		itemsByLayer.set(item.layerId, list);
	});
	const warned = new Map(scene.warnings.map((w) => [w.layerId, w.message]));
	const optionLabel = (id: string) => definition.options.find((o) => o.id === id)?.label ?? id;

	const textBoxes: OverlayTextBox[] = [];
	const placeholders: OverlayPlaceholder[] = [];
	const shown = new Set<string>();
	for (const layer of viewLayers) {
		if (layer.kind === 'group') continue;
		const box = viewTransformOf(layer, byId);
		if (!box) continue;
		const drawn = itemsByLayer.has(layer.id);
		if (drawn) shown.add(layer.id);
		if (layer.kind === 'text') {
			shown.add(layer.id);
			const item = scene.items.find(
				(i): i is SceneTextItem => i.kind === 'text' && i.layerId === layer.id
			);
			const area = scene.printAreas.find((p) => p.id === layer.printArea);
			const textBox: OverlayTextBox = {
				layerId: layer.id,
				box,
				drawn: !!item,
				placeholder: optionLabel(layer.option),
				overflow: item?.overflow ?? false,
				outsidePrintArea: area ? !contains(area.rect, boundsOf(box)) : false
			};
			if (item && item.size < item.designSize) textBox.shrunkTo = item.size;
			textBoxes.push(textBox);
		} else if (layer.kind === 'upload') {
			shown.add(layer.id);
			if (!drawn)
				placeholders.push({
					layerId: layer.id,
					box,
					title: 'Customer upload',
					detail: optionLabel(layer.option)
				});
		} else if (!drawn) {
			const missing =
				layer.option === undefined
					? layer.asset === undefined
						? 'No image chosen yet'
						: definition.assets[layer.asset]
							? undefined
							: `Asset “${layer.asset}” is missing`
					: warned.get(layer.id);
			if (missing) {
				shown.add(layer.id);
				placeholders.push({ layerId: layer.id, box, title: layerName(layer), detail: missing });
			}
		}
	}

	// Every layer's box in the view, with the scene items drawn for it and its descendants.
	const layers: OverlayTarget[] = [];
	for (const layer of viewLayers) {
		const box = viewTransformOf(layer, byId);
		if (!box) continue;
		const itemIdsOf = viewLayers
			.filter((l) => l.id === layer.id || groupChainIds(l, byId).includes(layer.id))
			.flatMap((l) => itemsByLayer.get(l.id) ?? []);
		layers.push({
			id: layer.id,
			kind: layer.kind,
			name: layerName(layer),
			box,
			itemIds: itemIdsOf
		});
	}
	const layerById = new Map(layers.map((l) => [l.id, l]));

	// One target per shown layer, through its outermost group, in z-order.
	const targets: OverlayTarget[] = [];
	const targetIds = new Set<string>();
	for (const layer of viewLayers) {
		if (!shown.has(layer.id)) continue;
		const id = groupChainIds(layer, byId)[0] ?? layer.id;
		const target = layerById.get(id);
		if (!target || targetIds.has(id)) continue;
		targetIds.add(id);
		targets.push(target);
	}

	return {
		targets,
		layers,
		textBoxes,
		placeholders,
		printAreas: scene.printAreas.map((p) => ({
			id: p.id,
			label: p.label,
			dpi: p.dpi,
			rect: p.rect,
			bleedRect: p.bleedRect
		}))
	};
}

/** Ids of a layer's groups, outermost first (empty when it has none or the chain is broken). */
function groupChainIds(layer: LayerFrame, byId: ReadonlyMap<string, LayerFrame>): string[] {
	const ids: string[] = [];
	const seen = new Set([layer.id]);
	let parent = layer.parent;
	while (parent !== undefined) {
		const group = byId.get(parent);
		if (!group || seen.has(group.id)) return [];
		seen.add(group.id);
		ids.unshift(group.id);
		parent = group.parent;
	}
	return ids;
}

/** Whether `inner` lies within `outer` (half a pixel of tolerance for rounding). */
function contains(
	outer: { x: number; y: number; width: number; height: number },
	inner: { x: number; y: number; width: number; height: number }
): boolean {
	const slack = 0.5;
	return (
		inner.x >= outer.x - slack &&
		inner.y >= outer.y - slack &&
		inner.x + inner.width <= outer.x + outer.width + slack &&
		inner.y + inner.height <= outer.y + outer.height + slack
	);
}
