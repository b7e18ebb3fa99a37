import * as fontkit from 'fontkit';
import { layoutText, type FontMetrics, type SceneTextItem } from '$lib/core';

/**
 * Text as outlines, from the same font files the browser loads for the preview (shipped in
 * `static/samples/fonts`, from @fontsource/inter, OFL). Outlines need no fonts installed where
 * the file is printed, and with `layoutText` the lines sit where the preview puts them.
 */

type LoadedFont = fontkit.Font;

export interface FontSource {
	/** The font file's bytes for a scene font, or null when it cannot be found. */
	read(font: SceneTextItem['font']): Promise<Uint8Array | null>;
}

export class FontCache {
	readonly #fonts = new Map<string, Promise<LoadedFont | null>>();

	constructor(private readonly source: FontSource) {}

	/** The parsed font of a scene font (cached by its id and asset). */
	load(font: SceneTextItem['font']): Promise<LoadedFont | null> {
		const key = `${font.id}|${font.asset?.sha256 ?? font.asset?.path ?? ''}`;
		let loaded = this.#fonts.get(key);
		if (!loaded) {
			loaded = this.source.read(font).then((bytes) => {
				if (!bytes) return null;
				const parsed = fontkit.create(Buffer.from(bytes));
				// A collection (.ttc) would need a name; our fonts are single faces.
				return 'layout' in parsed ? (parsed as LoadedFont) : null;
			});
			this.#fonts.set(key, loaded);
		}
		return loaded;
	}
}

/** The metrics `layoutText` needs, from a parsed font at `size` px. */
export function fontMetrics(font: LoadedFont, size: number): FontMetrics {
	const scale = size / font.unitsPerEm;
	return {
		ascent: font.ascent * scale,
		descent: -font.descent * scale,
		measure: (line) => font.layout(line).advanceWidth * scale
	};
}

/** SVG path data of the item's text in view pixels (unrotated, in its box). */
export function outlineText(font: LoadedFont, item: SceneTextItem): string {
	const scale = item.size / font.unitsPerEm;
	const parts: string[] = [];
	for (const line of layoutText(item, fontMetrics(font, item.size))) {
		const run = font.layout(line.text);
		let penX = line.x;
		for (let index = 0; index < run.glyphs.length; index++) {
			const glyph = run.glyphs[index];
			const position = run.positions[index];
			const originX = penX + position.xOffset * scale;
			const originY = line.baseline - position.yOffset * scale;
			// Font units are y-up; view pixels are y-down. `transform` returns a new path.
			const data = glyph.path.transform(scale, 0, 0, -scale, originX, originY).toSVG();
			if (data) parts.push(data);
			penX += position.xAdvance * scale;
		}
	}
	return parts.join('');
}
