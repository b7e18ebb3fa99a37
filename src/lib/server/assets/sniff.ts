/**
 * What a file is, from its first bytes only — never from its name or the client's content type —
 * and the pixel size a raster image declares in its header, read before anything is decoded.
 */

/** The image kinds Atelier stores. */
export type ImageKind = 'png' | 'jpeg' | 'webp' | 'svg';

export const CONTENT_TYPES: Record<ImageKind, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	svg: 'image/svg+xml'
};

/** What the first bytes say. `other` carries a human name of a recognised non-image format. */
export type Sniffed = { kind: ImageKind } | { kind: 'other'; format: string } | { kind: 'unknown' };

/** Declared pixel size of a raster image, or a reason why the header cannot be read. */
export type HeaderSize =
	{ ok: true; width: number; height: number } | { ok: false; reason: string };

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
	if (bytes.length < at + signature.length) return false;
	return signature.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
	let out = '';
	for (let i = at; i < at + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
	return out;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * Formats refused by name when recognised, so the message says what the file really is. Checked
 * before the image signatures; none of them can start an image.
 */
const NOT_IMAGES: { format: string; test: (b: Uint8Array) => boolean }[] = [
	{ format: 'a Linux executable (ELF)', test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
	{ format: 'a Windows executable (MZ/PE)', test: (b) => startsWith(b, [0x4d, 0x5a]) },
	{
		format: 'a macOS executable (Mach-O) or Java class file',
		test: (b) =>
			startsWith(b, [0xfe, 0xed, 0xfa, 0xce]) ||
			startsWith(b, [0xfe, 0xed, 0xfa, 0xcf]) ||
			startsWith(b, [0xce, 0xfa, 0xed, 0xfe]) ||
			startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) ||
			startsWith(b, [0xca, 0xfe, 0xba, 0xbe])
	},
	{ format: 'a script (#!)', test: (b) => startsWith(b, [0x23, 0x21]) },
	{
		format: 'a ZIP archive (or a document/package built on ZIP)',
		test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])
	},
	{ format: 'a gzip archive', test: (b) => startsWith(b, [0x1f, 0x8b]) },
	{ format: 'a 7-Zip archive', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
	{ format: 'a RAR archive', test: (b) => startsWith(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) },
	{ format: 'a PDF document', test: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46]) },
	{ format: 'a WebAssembly module', test: (b) => startsWith(b, [0x00, 0x61, 0x73, 0x6d]) },
	{ format: 'a GIF image (not supported)', test: (b) => ascii(b, 0, 4) === 'GIF8' },
	{ format: 'a BMP image (not supported)', test: (b) => ascii(b, 0, 2) === 'BM' },
	{
		format: 'a TIFF image (not supported)',
		test: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*'
	}
];

/** Leading text of a file, decoded as UTF-8 (a BOM dropped), or null when it is not UTF-8. */
function leadingText(bytes: Uint8Array, length: number): string | null {
	const head = bytes.subarray(0, Math.min(bytes.length, length));
	// Cut a multi-byte sequence split by the window instead of calling the text invalid.
	let end = head.length;
	while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
	if (end > 0 && head[end - 1] >= 0xc0) end--;
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(
			head.length === bytes.length ? head : head.subarray(0, end)
		);
		return text.replace(/^\uFEFF/, '');
	} catch {
		return null;
	}
}

/**
 * Does the text open like an SVG document: an optional XML declaration, comments and
 * whitespace, then `<svg` (a DOCTYPE in between still counts, so the sanitizer can refuse it
 * with its own message)?
 */
function looksLikeSvg(text: string): boolean {
	const rest = text
		.replace(/^\s*<\?xml[^>]*\?>/, '')
		.replace(/^(\s*<!--[\s\S]*?-->)*/, '')
		.replace(/^\s*<!DOCTYPE[\s\S]*?(\[[\s\S]*?\]\s*)?>/i, '')
		.replace(/^(\s*<!--[\s\S]*?-->)*/, '')
		.trimStart();
	return /^<svg[\s>/]/.test(rest);
}

/** What the bytes are, by their magic numbers (and, for SVG, by the start of the XML text). */
export function sniff(bytes: Uint8Array): Sniffed {
	if (startsWith(bytes, PNG_SIGNATURE)) return { kind: 'png' };
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { kind: 'webp' };
	for (const candidate of NOT_IMAGES) {
		if (candidate.test(bytes)) return { kind: 'other', format: candidate.format };
	}
	const text = leadingText(bytes, 4096);
	if (text !== null && looksLikeSvg(text)) return { kind: 'svg' };
	if (text !== null && /^\s*<(!doctype\s+html|html|script)[\s>]/i.test(text))
		return { kind: 'other', format: 'an HTML page' };
	return { kind: 'unknown' };
}

function u32be(b: Uint8Array, at: number): number {
	return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}
function u16be(b: Uint8Array, at: number): number {
	return (b[at] << 8) | b[at + 1];
}
function u16le(b: Uint8Array, at: number): number {
	return b[at] | (b[at + 1] << 8);
}
function u24le(b: Uint8Array, at: number): number {
	return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
}

/** PNG: the first chunk must be IHDR; width and height are its first two big-endian words. */
export function pngSize(b: Uint8Array): HeaderSize {
	if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR' || u32be(b, 8) !== 13)
		return { ok: false, reason: 'the PNG has no IHDR header chunk' };
	return { ok: true, width: u32be(b, 16), height: u32be(b, 20) };
}

/**
 * JPEG: walk the marker segments up to the first SOFn frame header (C0–CF except DHT C4, JPG C8
 * and DAC CC), whose height and width follow the precision byte.
 */
export function jpegSize(b: Uint8Array): HeaderSize {
	let at = 2;
	while (at + 3 < b.length) {
		if (b[at] !== 0xff) return { ok: false, reason: 'the JPEG markers are corrupt' };
		const marker = b[at + 1];
		if (marker === 0xff) {
			at += 1; // fill byte
			continue;
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2; // markers without a length
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) break; // end of image, start of scan: no frame seen
		const length = u16be(b, at + 2);
		if (length < 2) return { ok: false, reason: 'the JPEG markers are corrupt' };
		const isFrame =
			marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrame) {
			if (at + 9 > b.length) break;
			return { ok: true, height: u16be(b, at + 5), width: u16be(b, at + 7) };
		}
		at += 2 + length;
	}
	return { ok: false, reason: 'the JPEG has no frame header (SOF) before its image data' };
}

/** WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size). */
export function webpSize(b: Uint8Array): HeaderSize {
	const chunk = ascii(b, 12, 4);
	if (chunk === 'VP8 ') {
		// Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
		if (b.length < 30 || !startsWith(b, [0x9d, 0x01, 0x2a], 23))
			return { ok: false, reason: 'the WebP (VP8) frame header is corrupt' };
		return { ok: true, width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		// Signature 0x2f, then width-1 and height-1 in 14 bits each, little-endian bit order.
		if (b.length < 25 || b[20] !== 0x2f)
			return { ok: false, reason: 'the WebP (VP8L) header is corrupt' };
		const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
		return { ok: true, width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		if (b.length < 30) return { ok: false, reason: 'the WebP (VP8X) header is cut short' };
		return { ok: true, width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	}
	return { ok: false, reason: 'the WebP has no VP8, VP8L or VP8X chunk first' };
}
