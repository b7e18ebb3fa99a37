/**
 * The pixel diff of two renderings of the same size (RGBA, 4 bytes a pixel), for the visual diff
 * of the publish dialog: which pixels changed, and an overlay that shows them.
 */

export interface PixelDiff {
	/** Pixels whose color moved by more than the threshold on any channel. */
	changed: number;
	/** Pixels compared. */
	total: number;
	/**
	 * An RGBA overlay of the same size: the `after` image faded toward white, with changed
	 * pixels painted in the highlight color.
	 */
	overlay: Uint8ClampedArray;
}

export interface PixelDiffOptions {
	/** Largest per-channel difference still counted as "the same" (antialiasing noise). Default 24. */
	threshold?: number;
	/** Highlight color of changed pixels, RGB. Default red. */
	highlight?: [number, number, number];
}

/** Compares two RGBA images of `width × height`; throws when their sizes differ (a caller bug). */
export function diffPixels(
	before: Uint8ClampedArray,
	after: Uint8ClampedArray,
	width: number,
	height: number,
	options: PixelDiffOptions = {}
): PixelDiff {
	const total = width * height;
	if (before.length !== total * 4 || after.length !== total * 4) {
		throw new RangeError(`expected two ${width}×${height} RGBA images`);
	}
	const threshold = options.threshold ?? 24;
	const [hr, hg, hb] = options.highlight ?? [230, 30, 60];
	const overlay = new Uint8ClampedArray(total * 4);
	let changed = 0;
	for (let i = 0; i < total * 4; i += 4) {
		const moved =
			Math.abs(before[i] - after[i]) > threshold ||
			Math.abs(before[i + 1] - after[i + 1]) > threshold ||
			Math.abs(before[i + 2] - after[i + 2]) > threshold ||
			Math.abs(before[i + 3] - after[i + 3]) > threshold;
		if (moved) {
			changed++;
			overlay[i] = hr;
			overlay[i + 1] = hg;
			overlay[i + 2] = hb;
			overlay[i + 3] = 255;
		} else {
			// Unchanged: the after image, faded so the highlights stand out.
			const alpha = after[i + 3] / 255;
			overlay[i] = 255 - alpha * (255 - after[i]) * 0.25;
			overlay[i + 1] = 255 - alpha * (255 - after[i + 1]) * 0.25;
			overlay[i + 2] = 255 - alpha * (255 - after[i + 2]) * 0.25;
			overlay[i + 3] = 255;
		}
	}
	return { changed, total, overlay };
}
