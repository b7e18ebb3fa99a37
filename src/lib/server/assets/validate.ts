import { MAX_ASSET_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_NAME_LENGTH } from './limits';
import { CONTENT_TYPES, jpegSize, pngSize, sniff, webpSize, type ImageKind } from './sniff';
import { sanitizeSvg } from './svg';

/** Why an upload was refused: always about the uploaded file, with what was expected. */
export interface AssetProblem {
	path: 'file';
	message: string;
	code:
		| 'empty'
		| 'too-large'
		| 'not-an-image'
		| 'unsupported-image'
		| 'bad-header'
		| 'too-many-pixels'
		| 'unsafe-svg'
		| 'undecodable'
		| 'not-a-font'
		| 'bad-font';
}

/** A file that passed validation: the bytes to store (an SVG rebuilt by the sanitizer). */
export interface ValidatedAsset {
	kind: ImageKind;
	contentType: string;
	bytes: Uint8Array;
	/** Pixel size: from the header for raster images, from width/height/viewBox for SVG. */
	width: number | null;
	height: number | null;
	/** What the SVG sanitizer left out (empty for raster images). */
	removed: string[];
}

export type AssetValidation =
	{ ok: true; asset: ValidatedAsset } | { ok: false; error: AssetProblem };

const EXPECTED = 'expected a PNG, JPEG, WebP or SVG image';

/** Human size: `512 bytes`, `3.4 KiB`, `20 MiB`. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	const units = ['KiB', 'MiB', 'GiB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const text = value >= 10 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1);
	return `${text} ${units[unit]}`;
}

function fail(code: AssetProblem['code'], message: string): AssetValidation {
	return { ok: false, error: { path: 'file', code, message } };
}

/**
 * Checks an uploaded file before anything is decoded or stored: not empty, within
 * `MAX_ASSET_BYTES`, an image by its bytes (PNG, JPEG, WebP or SVG; the name and the client's
 * content type are never trusted), raster pixel size from the header within `MAX_IMAGE_SIDE`
 * and `MAX_IMAGE_PIXELS`, SVG parsed and sanitized (see `sanitizeSvg`).
 */
export function validateAsset(bytes: Uint8Array): AssetValidation {
	if (bytes.length === 0) return fail('empty', `the file is empty (0 bytes): ${EXPECTED}`);
	if (bytes.length > MAX_ASSET_BYTES) {
		return fail(
			'too-large',
			`the file is ${formatBytes(bytes.length)} (${bytes.length} bytes): the limit is ${formatBytes(MAX_ASSET_BYTES)}`
		);
	}
	const sniffed = sniff(bytes);
	if (sniffed.kind === 'other') {
		const unsupportedImage = sniffed.format.includes('image');
		return fail(
			unsupportedImage ? 'unsupported-image' : 'not-an-image',
			`${unsupportedImage ? 'unsupported image' : 'not an image'}: the file is ${sniffed.format}; ${EXPECTED}`
		);
	}
	if (sniffed.kind === 'unknown') {
		return fail(
			'not-an-image',
			`not an image: the file's bytes are not a known format; ${EXPECTED}`
		);
	}
	if (sniffed.kind === 'svg') return validateSvg(bytes);

	const size =
		sniffed.kind === 'png'
			? pngSize(bytes)
			: sniffed.kind === 'jpeg'
				? jpegSize(bytes)
				: webpSize(bytes);
	if (!size.ok) return fail('bad-header', `the image header cannot be read: ${size.reason}`);
	const { width, height } = size;
	if (width === 0 || height === 0) {
		return fail(
			'bad-header',
			`the image header says ${width}×${height} pixels: expected a size above 0`
		);
	}
	if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
		return fail(
			'too-many-pixels',
			`the image is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(1)} megapixels): the limit is ${MAX_IMAGE_SIDE} pixels a side and ${MAX_IMAGE_PIXELS / 1e6} megapixels in all`
		);
	}
	return {
		ok: true,
		asset: {
			kind: sniffed.kind,
			contentType: CONTENT_TYPES[sniffed.kind],
			bytes,
			width,
			height,
			removed: []
		}
	};
}

function validateSvg(bytes: Uint8Array): AssetValidation {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return fail('unsafe-svg', 'the SVG is not valid UTF-8 text: save it again as UTF-8');
	}
	const result = sanitizeSvg(text);
	if (!result.ok) return fail('unsafe-svg', result.message);
	return {
		ok: true,
		asset: {
			kind: 'svg',
			contentType: CONTENT_TYPES.svg,
			bytes: new TextEncoder().encode(result.svg),
			width: result.width,
			height: result.height,
			removed: result.removed
		}
	};
}

/**
 * The display name of an upload: the last path segment of what the client sent, without
 * control characters, at most `MAX_NAME_LENGTH` characters; `untitled` when nothing is left.
 * Only ever shown, never used as a path.
 */
export function cleanAssetName(raw: string | null | undefined): string {
	const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex -- control characters are what is removed
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return clean.slice(0, MAX_NAME_LENGTH) || 'untitled';
}
