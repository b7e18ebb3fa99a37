import { changesBetween, type Reference } from './references';
import { copyOf, slugify, uniqueId, type DefinitionJson, type Json, type LayerJson } from './model';

/**
 * The product's fonts (`definition.fonts`): adding a stored font file and removing a font.
 *
 * A font entry names an entry of the `assets` table, which holds the stored file as any upload
 * does (`{ sha256, path: "/api/v1/assets/<sha>", mime }`), so publishing freezes it and the
 * storefront and the print renderer load it like art.
 *
 * Removal never leaves a dangling reference: text options stop offering the font; text layers
 * drawn with it switch to the first remaining font, or are deleted when none remains (a text
 * layer needs a font); scenario answers that picked it lose their font; its asset entry goes
 * when nothing else names it.
 */

/** A font file the server stored and read (the upload's answer). */
export interface StoredFontFile {
	sha256: string;
	/** What the asset entry gets as `path`: the public asset URL. */
	path: string;
	mime: string;
	family: string;
	weight: number;
	style: 'normal' | 'italic';
}

export type FontCommandResult =
	{ ok: true; definition: DefinitionJson; fontId: string } | { ok: false; reason: string };

type FontJson = NonNullable<DefinitionJson['fonts']>[number];

/** "Inter 400", "Inter 300 italic": how the studio names a font entry. */
export function fontLabel(font: { [key: string]: unknown }): string {
	const family = typeof font.family === 'string' ? font.family : 'Font';
	const weight = typeof font.weight === 'number' ? font.weight : 400;
	return `${family} ${weight}${font.style === 'italic' ? ' italic' : ''}`;
}

/**
 * Adds a font entry for a stored font file, with its asset entry (an entry with the same
 * sha256 is reused). Refused when the product already has this family, weight and style.
 */
export function addFont(definition: DefinitionJson, file: StoredFontFile): FontCommandResult {
	const next = copyOf(definition);
	next.fonts ??= [];
	next.assets ??= {};
	const fonts = next.fonts;
	const same = fonts.find(
		(f) =>
			f.family === file.family &&
			(f.weight ?? 400) === file.weight &&
			(f.style ?? 'normal') === file.style
	);
	if (same) return { ok: false, reason: `The product already has ${fontLabel(same)}.` };

	const base = slugify(`${file.family}-${file.weight}${file.style === 'italic' ? '-italic' : ''}`);
	const fontId = uniqueId(
		base,
		fonts.map((f) => f.id)
	);
	let assetId = Object.entries(next.assets).find(([, a]) => a.sha256 === file.sha256)?.[0];
	if (assetId === undefined) {
		assetId = uniqueId(`font-${fontId}`, Object.keys(next.assets));
		next.assets[assetId] = { sha256: file.sha256, path: file.path, mime: file.mime };
	}
	fonts.push({
		id: fontId,
		family: file.family,
		asset: assetId,
		weight: file.weight,
		style: file.style
	});
	return { ok: true, definition: next, fontId };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** How many string values anywhere in `value` equal `id`. */
function mentions(value: unknown, id: string): number {
	if (value === id) return 1;
	if (Array.isArray(value)) return value.reduce((n: number, v) => n + mentions(v, id), 0);
	if (isObject(value)) return Object.values(value).reduce((n: number, v) => n + mentions(v, id), 0);
	return 0;
}

/** Removes font `fontId` and updates what used it (see the policy at the top of the file). */
export function removeFont(definition: DefinitionJson, fontId: string): FontCommandResult {
	const font = (definition.fonts ?? []).find((f) => f.id === fontId);
	if (!font) return { ok: false, reason: `There is no font "${fontId}" to remove.` };
	const next = copyOf(definition);
	const fonts = (next.fonts ?? []).filter((f: FontJson) => f.id !== fontId);
	next.fonts = fonts;
	const replacement = fonts[0]?.id;

	for (const option of next.options ?? []) {
		if (Array.isArray(option.fonts) && option.fonts.includes(fontId))
			option.fonts = (option.fonts as Json[]).filter((f) => f !== fontId);
	}
	if (next.layers) {
		next.layers = next.layers.filter((layer: LayerJson) => {
			const style = layer.style;
			if (layer.kind !== 'text' || !isObject(style) || style.font !== fontId) return true;
			if (replacement === undefined) return false;
			style.font = replacement;
			return true;
		});
	}
	for (const scenario of next.scenarios ?? []) {
		for (const answer of Object.values(scenario.configuration?.selections ?? {})) {
			if (isObject(answer) && answer.font === fontId) delete answer.font;
		}
	}
	if (
		next.assets &&
		font.asset in next.assets &&
		mentions({ ...next, assets: {} }, font.asset) === 0
	)
		delete next.assets[font.asset];
	return { ok: true, definition: next, fontId };
}

/**
 * What refers to font `fontId` and what removing it does to each (the confirmation's list);
 * empty when nothing uses it.
 */
export function fontReferences(definition: DefinitionJson, fontId: string): Reference[] {
	const removed = removeFont(definition, fontId);
	return removed.ok ? changesBetween(definition, removed.definition) : [];
}
