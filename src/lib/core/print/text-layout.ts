import type { SceneTextItem } from '../scene/scene.js';
import { textLines } from '../scene/text-metrics.js';

/**
 * Where each line of a text item goes, from real font metrics. Every renderer — the Konva
 * preview in the browser and the print renderer on the server — places lines with this one
 * function, so a name on a jersey sits on the same baseline in the preview and in the print file.
 *
 * The model (the one Konva's Text uses): each line gets a slot `size × lineHeight` tall; the
 * block of slots is aligned in the box (top / middle / bottom); a line's baseline sits at its
 * slot's centre plus half of (ascent − descent), i.e. the font's em box is centred in the slot.
 */
export interface FontMetrics {
	/** Ascent above the baseline in px at the item's size (positive). */
	ascent: number;
	/** Descent below the baseline in px at the item's size (positive). */
	descent: number;
	/** Advance width of a line in px at the item's size. */
	measure(line: string): number;
}

export interface LaidOutLine {
	text: string;
	/** Left edge of the line in view px (after alignment). */
	x: number;
	/** Baseline in view px. */
	baseline: number;
	width: number;
}

/** Lines of `item` placed in its box (unrotated; the caller applies the item's rotation). */
export function layoutText(item: SceneTextItem, metrics: FontMetrics): LaidOutLine[] {
	const lines = textLines(item.text);
	const slot = item.size * item.lineHeight;
	const blockHeight = slot * lines.length;
	const { x, y, width, height } = item.box;
	const top =
		item.verticalAlign === 'top'
			? y
			: item.verticalAlign === 'bottom'
				? y + height - blockHeight
				: y + (height - blockHeight) / 2;
	const baselineOffset = (metrics.ascent - metrics.descent) / 2;
	return lines.map((text, index) => {
		const lineWidth = metrics.measure(text);
		const left =
			item.align === 'left'
				? x
				: item.align === 'right'
					? x + width - lineWidth
					: x + (width - lineWidth) / 2;
		return {
			text,
			x: left,
			baseline: top + slot * (index + 0.5) + baselineOffset,
			width: lineWidth
		};
	});
}
