// Reading a customer's file into an upload answer: the format, the pixel size and the byte size
// the engine checks (formats, minimum pixels, maximum bytes, effective DPI at the print size).

import type { UploadAnswer } from '../../core/definition/configuration.js';

const FORMATS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpeg',
	'image/webp': 'webp',
	'image/svg+xml': 'svg',
	'application/pdf': 'pdf'
};
const EXTENSIONS: Record<string, string> = {
	png: 'png',
	jpg: 'jpeg',
	jpeg: 'jpeg',
	webp: 'webp',
	svg: 'svg',
	pdf: 'pdf'
};

/** The upload format of a file, from its type or, failing that, its extension. */
export function uploadFormatOf(file: { type: string; name: string }): string | undefined {
	const byType = FORMATS[file.type.toLowerCase()];
	if (byType) return byType;
	const ext = file.name.toLowerCase().split('.').pop() ?? '';
	return EXTENSIONS[ext];
}

/** The `accept` attribute for a list of upload formats. */
export function acceptOf(formats: readonly string[]): string {
	const out: string[] = [];
	for (const [mime, f] of Object.entries(FORMATS)) if (formats.includes(f)) out.push(mime);
	for (const [ext, f] of Object.entries(EXTENSIONS)) if (formats.includes(f)) out.push(`.${ext}`);
	return out.join(',');
}

/** Stores a file somewhere the preview (and later the order) can reach; returns its reference. */
export type StoreUpload = (file: File) => Promise<string>;

/** The default store: an object URL, valid in this page only (the preview draws it). */
export const objectUrlUpload: StoreUpload = async (file) => URL.createObjectURL(file);

/**
 * Reads a file into an upload answer. The pixel size is read by decoding the image (undefined
 * for PDFs and undecodable files: the engine then judges on format and bytes alone).
 */
export async function readUpload(file: File, store: StoreUpload): Promise<UploadAnswer> {
	const format = uploadFormatOf(file);
	const size = format && format !== 'pdf' ? await pixelSize(file) : undefined;
	const ref = await store(file);
	return {
		ref,
		...(format ? { format } : {}),
		...(size ? { width: size.width, height: size.height } : {}),
		...(file.size > 0 ? { bytes: file.size } : {})
	};
}

async function pixelSize(file: File): Promise<{ width: number; height: number } | undefined> {
	const url = URL.createObjectURL(file);
	try {
		const img = new Image();
		img.src = url;
		await img.decode();
		const width = img.naturalWidth;
		const height = img.naturalHeight;
		return width > 0 && height > 0 ? { width, height } : undefined;
	} catch {
		return undefined;
	} finally {
		URL.revokeObjectURL(url);
	}
}
