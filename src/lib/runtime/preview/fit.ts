// Pure layout math of the preview: how a view of W×H view pixels fits a container, and where a
// scene item's box lands in Konva's terms. No DOM, no Konva: unit-tested.

import type { SceneTransform } from '../../core/scene/index.js';

/** The stage size and the scale that shows a whole view inside a container. */
export interface ViewFit {
	/** Stage size in CSS pixels. */
	width: number;
	height: number;
	/** View pixels → CSS pixels. */
	scale: number;
}

/**
 * Fits a view into a container: the full width when the container has no height of its own
 * (the stage keeps the view's aspect ratio), otherwise contained in both dimensions; never taller
 * than `maxHeight` when given. Sizes are whole CSS pixels and never below 1.
 */
export function fitView(
	container: { width: number; height: number },
	view: { width: number; height: number },
	maxHeight?: number
): ViewFit {
	const availableWidth = Math.max(1, container.width);
	let availableHeight = container.height > 0 ? container.height : Number.POSITIVE_INFINITY;
	if (maxHeight !== undefined && maxHeight > 0)
		availableHeight = Math.min(availableHeight, maxHeight);
	const scale = Math.min(availableWidth / view.width, availableHeight / view.height);
	return {
		width: Math.max(1, Math.floor(view.width * scale)),
		height: Math.max(1, Math.floor(view.height * scale)),
		scale
	};
}

/**
 * A scene transform (box top-left + size, rotation clockwise around the box center) as Konva
 * attributes: Konva rotates around (x, y) shifted by the offset, so the node is placed at the box
 * center with an offset of half its size.
 */
export function konvaBox(t: SceneTransform): {
	x: number;
	y: number;
	width: number;
	height: number;
	offsetX: number;
	offsetY: number;
	rotation: number;
} {
	return {
		x: t.x + t.width / 2,
		y: t.y + t.height / 2,
		width: t.width,
		height: t.height,
		offsetX: t.width / 2,
		offsetY: t.height / 2,
		rotation: t.rotation
	};
}

/** Konva's `fontStyle` for a weight and style: "italic 800", "400". */
export function konvaFontStyle(font: { weight: number; style: 'normal' | 'italic' }): string {
	return font.style === 'italic' ? `italic ${font.weight}` : String(font.weight);
}

/** A CSS font-family list: the scene's family first, then the fallback stack. */
export function fontFamilyList(family: string, fallback?: string): string {
	const quoted = /^[\w-]+$/.test(family) ? family : `"${family.replace(/"/g, '')}"`;
	return fallback ? `${quoted}, ${fallback}` : quoted;
}

/**
 * Stable ids for the items of a scene: the layer id, or `layerId#choiceId` for the several items
 * one layer draws for a multi option (one per selected choice). Keyed this way, changing a choice
 * of a choice option updates the layer's node in place (its image is swapped).
 */
export function sceneItemIds(items: readonly { layerId: string; choiceId?: string }[]): string[] {
	const perLayer = new Map<string, number>();
	for (const item of items) perLayer.set(item.layerId, (perLayer.get(item.layerId) ?? 0) + 1);
	const seen = new Map<string, number>();
	return items.map((item) => {
		if ((perLayer.get(item.layerId) ?? 0) <= 1) return item.layerId;
		const n = seen.get(item.layerId) ?? 0;
		seen.set(item.layerId, n + 1);
		return `${item.layerId}#${item.choiceId ?? n}`;
	});
}
