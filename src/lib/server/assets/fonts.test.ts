import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffFont, validateFont } from './fonts';
import { MAX_FONT_BYTES } from './limits';

const FONTS = path.resolve(import.meta.dirname, '../../../../static/samples/fonts');
const inter = (face: string) =>
	new Uint8Array(fs.readFileSync(path.join(FONTS, `inter-latin-${face}.woff2`)));

describe('validateFont: the shipped Inter faces', () => {
	it('reads family, weight and style from each face', () => {
		const faces = ['300-italic', '400-normal', '700-normal', '800-normal'].map((face) => {
			const result = validateFont(inter(face));
			if (!result.ok) throw new Error(result.error.message);
			const { kind, contentType, family, weight, style } = result.font;
			return { kind, contentType, family, weight, style };
		});
		expect(faces).toEqual([
			{ kind: 'woff2', contentType: 'font/woff2', family: 'Inter', weight: 300, style: 'italic' },
			{ kind: 'woff2', contentType: 'font/woff2', family: 'Inter', weight: 400, style: 'normal' },
			{ kind: 'woff2', contentType: 'font/woff2', family: 'Inter', weight: 700, style: 'normal' },
			{ kind: 'woff2', contentType: 'font/woff2', family: 'Inter', weight: 800, style: 'normal' }
		]);
	});
});

describe('validateFont: what is refused', () => {
	const expected = 'expected a WOFF2, WOFF, TrueType (.ttf) or OpenType (.otf) font file';

	it('refuses a 0-byte file', () => {
		expect(validateFont(new Uint8Array())).toEqual({
			ok: false,
			error: { path: 'file', code: 'empty', message: `the file is empty (0 bytes): ${expected}` }
		});
	});

	it('refuses a PNG renamed to .woff2, saying what it really is', async () => {
		const png = new Uint8Array(
			await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
				.png()
				.toBuffer()
		);
		expect(validateFont(png)).toEqual({
			ok: false,
			error: {
				path: 'file',
				code: 'not-a-font',
				message: `not a font: the file is a PNG image; ${expected}`
			}
		});
	});

	it('refuses plain text and a font collection', () => {
		const textFile = validateFont(new TextEncoder().encode('hello, this is not a font'));
		expect(textFile.ok || textFile.error.message).toBe(
			`not a font: the file is not a known format; ${expected}`
		);
		const collection = new Uint8Array(64);
		collection.set([0x74, 0x74, 0x63, 0x66]); // ttcf
		const refused = validateFont(collection);
		expect(refused.ok || refused.error.message).toMatch(/^the file is a font collection \(\.ttc\)/);
	});

	it('refuses a WOFF2 cut short, naming both sizes', () => {
		const whole = inter('400-normal');
		const cut = whole.subarray(0, 10_000);
		expect(validateFont(cut)).toEqual({
			ok: false,
			error: {
				path: 'file',
				code: 'bad-font',
				message: `the font cannot be read: the WOFF2 header says the file is ${whole.length} bytes, but it is 10000: the file is truncated or damaged`
			}
		});
	});

	it('refuses a WOFF2 whose header is intact but whose data is garbage', () => {
		const bytes = inter('400-normal').slice();
		bytes.fill(0x41, 200);
		const result = validateFont(bytes);
		expect(result.ok).toBe(false);
		expect(result.ok || result.error).toMatchObject({ code: 'bad-font' });
		expect(result.ok || result.error.message).toMatch(/^the font cannot be read: /);
	});

	it('refuses a TrueType file whose table runs past the end', () => {
		const bytes = new Uint8Array(64);
		const view = new DataView(bytes.buffer);
		view.setUint32(0, 0x00010000);
		view.setUint16(4, 1); // one table
		bytes.set([0x67, 0x6c, 0x79, 0x66], 12); // glyf
		view.setUint32(20, 28); // offset
		view.setUint32(24, 4000); // length
		const result = validateFont(bytes);
		expect(result.ok || result.error.message).toBe(
			'the font cannot be read: the font\'s "glyf" table runs past the end of the file (4028 > 64 bytes): the file is truncated'
		);
	});

	it('refuses a file over the font limit before looking inside', () => {
		const big = new Uint8Array(MAX_FONT_BYTES + 1);
		big.set([0x77, 0x4f, 0x46, 0x32]);
		const result = validateFont(big);
		expect(result.ok || result.error).toMatchObject({ code: 'too-large' });
		expect(result.ok || result.error.message).toMatch(/the limit is 10 MiB$/);
	});

	it('knows the containers by their magic numbers', () => {
		const head = (...bytes: number[]) => new Uint8Array([...bytes, 0, 0, 0, 0]);
		expect(sniffFont(head(0x77, 0x4f, 0x46, 0x32))).toBe('woff2');
		expect(sniffFont(head(0x77, 0x4f, 0x46, 0x46))).toBe('woff');
		expect(sniffFont(head(0x4f, 0x54, 0x54, 0x4f))).toBe('otf');
		expect(sniffFont(head(0x00, 0x01, 0x00, 0x00))).toBe('ttf');
		expect(sniffFont(head(0x74, 0x72, 0x75, 0x65))).toBe('ttf');
		expect(sniffFont(head(0x89, 0x50, 0x4e, 0x47))).toBe(null);
	});
});
