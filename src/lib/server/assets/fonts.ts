import * as fontkit from 'fontkit';
import { MAX_FONT_BYTES } from './limits';
import { sniff } from './sniff';
import { formatBytes, type AssetProblem } from './validate';

/**
 * Uploaded fonts, checked from their bytes only: the container by its magic number (WOFF2,
 * WOFF, TrueType, OpenType/CFF), the size the header declares against the bytes received (a
 * cut-short file is refused before it is parsed), then the whole font parsed with fontkit, which
 * also gives the family, weight and style the studio shows and the definition stores.
 */

/** The font containers Atelier stores. */
export type FontKind = 'woff2' | 'woff' | 'ttf' | 'otf';

export const FONT_CONTENT_TYPES: Record<FontKind, string> = {
	woff2: 'font/woff2',
	woff: 'font/woff',
	ttf: 'font/ttf',
	otf: 'font/otf'
};

/** A font that passed validation, with what its `name` and `OS/2` tables say. */
export interface ValidatedFont {
	kind: FontKind;
	contentType: string;
	bytes: Uint8Array;
	/** The typographic family (`Inter`), without the weight or style. */
	family: string;
	/** CSS weight, 100–1000 (`OS/2` usWeightClass; 400 when the table is missing). */
	weight: number;
	style: 'normal' | 'italic';
}

export type FontValidation = { ok: true; font: ValidatedFont } | { ok: false; error: AssetProblem };

const EXPECTED = 'expected a WOFF2, WOFF, TrueType (.ttf) or OpenType (.otf) font file';

function fail(code: AssetProblem['code'], message: string): FontValidation {
	return { ok: false, error: { path: 'file', code, message } };
}

const tag = (b: Uint8Array, at = 0) =>
	b.length >= at + 4 ? String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]) : '';
const u32 = (b: Uint8Array, at: number) =>
	((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];

/** The container by its first four bytes, or null when they are not a font's. */
export function sniffFont(bytes: Uint8Array): FontKind | 'collection' | null {
	const signature = tag(bytes);
	if (signature === 'wOF2') return 'woff2';
	if (signature === 'wOFF') return 'woff';
	if (signature === 'OTTO') return 'otf';
	if (signature === 'ttcf') return 'collection';
	if (signature === 'true' || u32(bytes, 0) === 0x00010000) return 'ttf';
	return null;
}

/** What the first bytes are, in words, for a file that is not a font. */
function notAFont(bytes: Uint8Array): string {
	const sniffed = sniff(bytes);
	if (sniffed.kind === 'png') return 'a PNG image';
	if (sniffed.kind === 'jpeg') return 'a JPEG image';
	if (sniffed.kind === 'webp') return 'a WebP image';
	if (sniffed.kind === 'svg') return 'an SVG image';
	if (sniffed.kind === 'other') return sniffed.format;
	return 'not a known format';
}

/**
 * The structure the header declares, checked against the bytes: WOFF and WOFF2 state their
 * total length; a TrueType/OpenType file lists its tables, each of which must lie inside the
 * file. Null when it holds, else the reason.
 */
function structureProblem(kind: FontKind, b: Uint8Array): string | null {
	if (kind === 'woff' || kind === 'woff2') {
		const headerSize = kind === 'woff' ? 44 : 48;
		if (b.length < headerSize)
			return `the ${kind.toUpperCase()} header is cut short (${b.length} bytes of ${headerSize})`;
		const declared = u32(b, 8);
		if (declared !== b.length)
			return `the ${kind.toUpperCase()} header says the file is ${declared} bytes, but it is ${b.length}: the file is truncated or damaged`;
		return null;
	}
	if (b.length < 12) return `the font header is cut short (${b.length} bytes of 12)`;
	const tables = u16(b, 4);
	if (tables === 0) return 'the font lists no tables';
	if (12 + tables * 16 > b.length)
		return `the font's table directory (${tables} tables) runs past the end of the file: the file is truncated`;
	for (let index = 0; index < tables; index++) {
		const entry = 12 + index * 16;
		const offset = u32(b, entry + 8);
		const length = u32(b, entry + 12);
		if (offset + length > b.length)
			return `the font's "${tag(b, entry).trim()}" table runs past the end of the file (${offset + length} > ${b.length} bytes): the file is truncated`;
	}
	return null;
}

/** The font parsed whole (every table fontkit needs to draw text), or the parser's reason. */
function parse(
	bytes: Uint8Array
): { ok: true; font: fontkit.Font } | { ok: false; reason: string } {
	try {
		const parsed = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
		if (!('layout' in parsed)) return { ok: false, reason: 'it holds a collection of fonts' };
		const font = parsed as fontkit.Font;
		// Tables are read lazily: touch what the renderers use, so damage shows here, not later.
		if (!(font.unitsPerEm > 0)) return { ok: false, reason: 'its head table has no units per em' };
		if (!(font.numGlyphs > 0)) return { ok: false, reason: 'it has no glyphs' };
		const run = font.layout('Hamburgefonstiv 0123456789');
		for (const glyph of run.glyphs) void glyph.path;
		return { ok: true, font };
	} catch (error) {
		const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
		return { ok: false, reason: `the parser stopped: ${reason}` };
	}
}

/**
 * Checks an uploaded font before it is stored: not empty, within `MAX_FONT_BYTES`, a font by its
 * magic number (the name and the client's content type are never trusted; a collection (.ttc)
 * is refused: the definition names single faces), the declared size or table directory within
 * the bytes, then parsed with fontkit, with a family name.
 */
export function validateFont(bytes: Uint8Array): FontValidation {
	if (bytes.length === 0) return fail('empty', `the file is empty (0 bytes): ${EXPECTED}`);
	if (bytes.length > MAX_FONT_BYTES) {
		return fail(
			'too-large',
			`the font is ${formatBytes(bytes.length)} (${bytes.length} bytes): the limit is ${formatBytes(MAX_FONT_BYTES)}`
		);
	}
	const kind = sniffFont(bytes);
	if (kind === 'collection') {
		return fail(
			'not-a-font',
			`the file is a font collection (.ttc): upload each face as its own file; ${EXPECTED}`
		);
	}
	if (kind === null)
		return fail('not-a-font', `not a font: the file is ${notAFont(bytes)}; ${EXPECTED}`);
	const problem = structureProblem(kind, bytes);
	if (problem) return fail('bad-font', `the font cannot be read: ${problem}`);
	const parsed = parse(bytes);
	if (!parsed.ok) return fail('bad-font', `the font cannot be read: ${parsed.reason}`);
	const { font } = parsed;
	// The typographic family (name ID 16, "Inter") before the legacy one ("Inter ExtraBold").
	const named = (font as fontkit.Font & { getName?(key: string): string | null }).getName;
	const preferred = typeof named === 'function' ? named.call(font, 'preferredFamily') : null;
	const family = (preferred || font.familyName || '').trim();
	if (!family) return fail('bad-font', 'the font has no family name in its name table');
	const os2 = font['OS/2'] as
		{ usWeightClass?: number; fsSelection?: { italic?: boolean } } | undefined;
	const rawWeight = os2?.usWeightClass;
	const weight =
		typeof rawWeight === 'number' && rawWeight >= 100 && rawWeight <= 1000
			? Math.round(rawWeight)
			: 400;
	const italic = os2?.fsSelection?.italic === true || (font.italicAngle ?? 0) !== 0;
	return {
		ok: true,
		font: {
			kind,
			contentType: FONT_CONTENT_TYPES[kind],
			bytes,
			family,
			weight,
			style: italic ? 'italic' : 'normal'
		}
	};
}
