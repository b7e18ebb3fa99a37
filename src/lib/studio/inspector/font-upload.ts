/**
 * Getting a font file into the workspace's asset store, for the product inspector's Fonts
 * section: the server validates the bytes (`POST /api/studio/assets?kind=font`) and answers
 * what the file says about itself (family, weight, style). The Inter faces shipped with Atelier
 * (`static/samples/fonts`, OFL, LICENSE-inter.txt) go through the same upload, so a product
 * only ever names stored, content-addressed files.
 */
import type { StoredFontFile } from '../commands';

/** One shipped face: its file under `/samples/fonts/` and how the menu names it. */
export interface SampleFont {
	file: string;
	label: string;
}

/** The Inter faces shipped in `static/samples/fonts`. */
export const SAMPLE_FONTS: readonly SampleFont[] = [
	{ file: 'inter-latin-400-normal.woff2', label: 'Inter Regular (400)' },
	{ file: 'inter-latin-700-normal.woff2', label: 'Inter Bold (700)' },
	{ file: 'inter-latin-800-normal.woff2', label: 'Inter ExtraBold (800)' },
	{ file: 'inter-latin-300-italic.woff2', label: 'Inter Light italic (300)' }
];

/** What the file picker accepts (the server decides from the bytes anyway). */
export const FONT_FILE_ACCEPT = '.woff2,.woff,.ttf,.otf,font/woff2,font/woff,font/ttf,font/otf';

export type FontUploadResult = { ok: true; file: StoredFontFile } | { ok: false; message: string };

interface UploadAnswer {
	asset?: { sha256: string; url: string; contentType: string };
	font?: { family: string; weight: number; style: 'normal' | 'italic' };
	error?: { message?: string };
}

/** Sends a font file to the product's workspace; a refusal comes back as the server's words. */
export async function uploadFont(
	productId: string,
	name: string,
	body: Blob,
	fetcher: typeof fetch = fetch
): Promise<FontUploadResult> {
	let response: Response;
	try {
		response = await fetcher(
			`/api/studio/assets?product=${encodeURIComponent(productId)}&kind=font`,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/octet-stream',
					'x-file-name': encodeURIComponent(name)
				},
				body
			}
		);
	} catch {
		return { ok: false, message: `${name} could not be sent: check the connection and try again` };
	}
	const answer = (await response.json().catch(() => null)) as UploadAnswer | null;
	if (!response.ok || !answer?.asset || !answer.font) {
		const reason = answer?.error?.message ?? `the server answered ${response.status}`;
		return { ok: false, message: `${name} was refused: ${reason}` };
	}
	return {
		ok: true,
		file: {
			sha256: answer.asset.sha256,
			path: answer.asset.url,
			mime: answer.asset.contentType,
			...answer.font
		}
	};
}

/** Fetches a shipped face and uploads it like any font file. */
export async function uploadSampleFont(
	productId: string,
	sample: SampleFont,
	fetcher: typeof fetch = fetch
): Promise<FontUploadResult> {
	let bytes: Blob;
	try {
		const response = await fetcher(`/samples/fonts/${sample.file}`);
		if (!response.ok) throw new Error(String(response.status));
		bytes = await response.blob();
	} catch {
		return { ok: false, message: `${sample.label} could not be read from the studio's samples` };
	}
	return uploadFont(productId, sample.file, bytes, fetcher);
}
