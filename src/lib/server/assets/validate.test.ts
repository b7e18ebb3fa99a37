import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_ASSET_BYTES } from './limits';
import { jpegSize, pngSize, sniff, webpSize } from './sniff';
import { sanitizeSvg } from './svg';
import { cleanAssetName, validateAsset } from './validate';

/** The first 33 bytes of a PNG (signature + IHDR) declaring the given size; no pixel data. */
function pngHeader(width: number, height: number): Uint8Array {
	const bytes = new Uint8Array(33);
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const view = new DataView(bytes.buffer);
	view.setUint32(8, 13);
	bytes.set([0x49, 0x48, 0x44, 0x52], 12); // IHDR
	view.setUint32(16, width);
	view.setUint32(20, height);
	bytes.set([8, 6, 0, 0, 0], 24); // 8-bit RGBA
	return bytes;
}

const solid = (width: number, height: number) =>
	sharp({ create: { width, height, channels: 3, background: '#c0392b' } });

const text = (s: string) => new TextEncoder().encode(s);

describe('validateAsset: what is refused', () => {
	it('refuses a 0-byte file', () => {
		const result = validateAsset(new Uint8Array());
		expect(result).toEqual({
			ok: false,
			error: {
				path: 'file',
				code: 'empty',
				message: 'the file is empty (0 bytes): expected a PNG, JPEG, WebP or SVG image'
			}
		});
	});

	it('refuses a file over the size limit, naming both sizes', () => {
		const big = new Uint8Array(MAX_ASSET_BYTES + 1);
		big.set(pngHeader(10, 10));
		const result = validateAsset(big);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.code).toBe('too-large');
			expect(result.error.message).toBe('the file is 20 MiB (20971521 bytes): the limit is 20 MiB');
		}
	});

	it.each([
		['a Linux executable', [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 'ELF'],
		['a Windows executable', [0x4d, 0x5a, 0x90, 0x00, 3, 0, 0, 0], 'MZ/PE'],
		['a zip archive', [0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0], 'ZIP'],
		['a shell script', [...text('#!/bin/sh\nrm -rf /\n')], 'script']
	])('refuses %s renamed to .png as "not an image"', (_label, bytes, named) => {
		const result = validateAsset(new Uint8Array(bytes));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.path).toBe('file');
			expect(result.error.code).toBe('not-an-image');
			expect(result.error.message).toMatch(/^not an image: /);
			expect(result.error.message).toContain(named);
			expect(result.error.message).toContain('expected a PNG, JPEG, WebP or SVG image');
		}
	});

	it('refuses an HTML page and unknown bytes', () => {
		const html = validateAsset(text('<!doctype html><html><script>alert(1)</script></html>'));
		expect(!html.ok && html.error.message).toContain('an HTML page');
		const noise = validateAsset(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
		expect(!noise.ok && noise.error.code).toBe('not-an-image');
	});

	it('refuses a GIF as an unsupported image', () => {
		const result = validateAsset(text('GIF89a\x01\x00\x01\x00'));
		expect(!result.ok && result.error.message).toBe(
			'unsupported image: the file is a GIF image (not supported); expected a PNG, JPEG, WebP or SVG image'
		);
	});

	it('refuses a 20000×20000 PNG from its header alone, giving its size and the limit', () => {
		const result = validateAsset(pngHeader(20000, 20000));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.code).toBe('too-many-pixels');
			expect(result.error.message).toBe(
				'the image is 20000×20000 pixels (400.0 megapixels): the limit is 12000 pixels a side and 64 megapixels in all'
			);
		}
	});

	it('refuses a narrow image whose pixel count is over the limit', () => {
		const result = validateAsset(pngHeader(11000, 11000));
		expect(!result.ok && result.error.code).toBe('too-many-pixels');
	});

	it('refuses a PNG whose first chunk is not IHDR', () => {
		const bytes = pngHeader(10, 10);
		bytes.set(text('tEXt'), 12);
		const result = validateAsset(bytes);
		expect(!result.ok && result.error.message).toBe(
			'the image header cannot be read: the PNG has no IHDR header chunk'
		);
	});

	it('refuses an SVG with a script, saying why', () => {
		const result = validateAsset(
			text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
		);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.code).toBe('unsafe-svg');
			expect(result.error.message).toContain('<script>');
			expect(result.error.message).toContain('line 1');
		}
	});
});

describe('validateAsset: what is accepted', () => {
	it('accepts a PNG, with its header size', async () => {
		const bytes = new Uint8Array(await solid(40, 30).png().toBuffer());
		const result = validateAsset(bytes);
		expect(result).toMatchObject({
			ok: true,
			asset: { kind: 'png', contentType: 'image/png', width: 40, height: 30, removed: [] }
		});
		if (result.ok) expect(result.asset.bytes).toBe(bytes);
	});

	it('accepts a JPEG, reading its SOF frame past the APP segments', async () => {
		const bytes = new Uint8Array(
			await solid(123, 45).withMetadata({ density: 300 }).jpeg({ progressive: true }).toBuffer()
		);
		expect(jpegSize(bytes)).toEqual({ ok: true, width: 123, height: 45 });
		expect(validateAsset(bytes)).toMatchObject({
			ok: true,
			asset: { kind: 'jpeg', contentType: 'image/jpeg', width: 123, height: 45 }
		});
	});

	it('reads the size of lossy, lossless and extended WebP', async () => {
		const lossy = new Uint8Array(await solid(321, 99).webp({ quality: 50 }).toBuffer());
		const lossless = new Uint8Array(await solid(77, 5000).webp({ lossless: true }).toBuffer());
		const alpha = new Uint8Array(
			await sharp({ create: { width: 9, height: 8, channels: 4, background: '#0000ff80' } })
				.webp()
				.toBuffer()
		);
		expect(webpSize(lossy)).toEqual({ ok: true, width: 321, height: 99 });
		expect(webpSize(lossless)).toEqual({ ok: true, width: 77, height: 5000 });
		expect(webpSize(alpha)).toEqual({ ok: true, width: 9, height: 8 });
		expect(validateAsset(lossy)).toMatchObject({
			ok: true,
			asset: { kind: 'webp', contentType: 'image/webp' }
		});
	});

	it('accepts an SVG and takes its size from width/height or the viewBox', () => {
		const sized = validateAsset(
			text(
				'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100px"><rect width="10" height="10"/></svg>'
			)
		);
		expect(sized).toMatchObject({ ok: true, asset: { kind: 'svg', width: 200, height: 100 } });
		const boxed = validateAsset(
			text('\uFEFF<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480"></svg>')
		);
		expect(boxed).toMatchObject({
			ok: true,
			asset: { contentType: 'image/svg+xml', width: 640, height: 480, removed: [] }
		});
	});

	it('never trusts the name: sniffing looks at the bytes only', async () => {
		const png = new Uint8Array(await solid(2, 2).png().toBuffer());
		expect(sniff(png)).toEqual({ kind: 'png' });
		expect(pngSize(png)).toEqual({ ok: true, width: 2, height: 2 });
	});
});

describe('sanitizeSvg', () => {
	const svg = (body: string, attrs = '') =>
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>${body}</svg>`;

	it('strips event handlers and reports them', () => {
		const result = sanitizeSvg(svg('<rect onclick="steal()" width="4"/>', ' onload="alert(1)"'));
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.svg).not.toMatch(/onload|onclick/);
			expect(result.svg).toContain('<rect width="4"/>');
			expect(result.removed).toEqual([
				'onload event handler on <svg> (line 1)',
				'onclick event handler on <rect> (line 1)'
			]);
		}
	});

	it('reports the line of each removal in a multi-line file', () => {
		const result = sanitizeSvg(
			'<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n<rect onclick="a()"/>\n\n<circle onmouseover="b()"/>\n</g>\n</svg>'
		);
		expect(result.ok && result.removed).toEqual([
			'onclick event handler on <rect> (line 3)',
			'onmouseover event handler on <circle> (line 5)'
		]);
	});

	it('removes <foreignObject> with its content', () => {
		const result = sanitizeSvg(
			svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject><g/>')
		);
		expect(result.ok && result.svg).toBe(
			'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g/></svg>'
		);
		expect(result.ok && result.removed).toEqual([
			'<foreignObject> element with its content (line 1)'
		]);
	});

	it('keeps internal and data: references and removes external ones', () => {
		const result = sanitizeSvg(
			svg(
				'<use href="#a"/><use xlink:href="https://evil.example/x.svg#a"/>' +
					'<image href="data:image/png;base64,AAAA"/><image xlink:href="file:///etc/passwd"/>' +
					'<rect fill="url(#grad)"/><rect fill="url(https://evil.example/t.png)"/>' +
					'<a href="java&#115;cript:alert(1)"><path d="M0 0"/></a>'
			)
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.svg).toContain('<use href="#a"/>');
		expect(result.svg).toContain('<image href="data:image/png;base64,AAAA"/>');
		expect(result.svg).toContain('<rect fill="url(#grad)"/>');
		expect(result.svg).not.toMatch(/evil|passwd|javascript/);
		expect(result.removed).toHaveLength(4);
		expect(result.removed[0]).toContain('xlink:href="https://evil.example/x.svg#a" on <use>');
		expect(result.removed[3]).toContain('href="javascript:alert(1)" on <a>');
	});

	it('removes @import and external url() from style sheets', () => {
		const result = sanitizeSvg(
			svg(
				'<style>@import url(https://evil.example/a.css); .a { fill: url(#g); background: url("http://x/y.png") }</style>'
			)
		);
		expect(result.ok && result.svg).toContain('.a { fill: url(#g); background: none }');
		expect(result.ok && result.svg).not.toContain('@import');
		expect(result.ok && result.removed.length).toBe(2);
	});

	it('refuses DOCTYPE and ENTITY declarations (billion laughs, external entities)', () => {
		const result = sanitizeSvg(
			'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">]><svg xmlns="http://www.w3.org/2000/svg">&lol;</svg>'
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain('DOCTYPE or ENTITY declaration');
	});

	it('refuses undefined entities and a namespaced script', () => {
		const entity = sanitizeSvg(svg('<text>&nbsp;</text>'));
		expect(!entity.ok && entity.message).toContain('"&nbsp;"');
		const prefixed = sanitizeSvg(
			'<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>'
		);
		expect(!prefixed.ok && prefixed.message).toContain('<script>');
	});

	it('refuses malformed markup with the line at fault', () => {
		expect(sanitizeSvg(svg('\n<g><rect></g>'))).toEqual({
			ok: false,
			message: 'the SVG closes </g> on line 2 but <rect> (line 2) is still open'
		});
		const unquoted = sanitizeSvg(svg('<rect width=4/>'));
		expect(!unquoted.ok && unquoted.message).toContain('expected name="value"');
		const unclosed = sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><g>');
		expect(!unclosed.ok && unclosed.message).toContain('<g> (line 1) is still open');
		expect(sanitizeSvg('<html></html>')).toEqual({
			ok: false,
			message: 'the root element is <html>: expected <svg>'
		});
	});

	it('escapes attribute values again when rebuilding', () => {
		const result = sanitizeSvg(svg('<text font-family="A &amp; B &quot;C&quot;">x &lt; y</text>'));
		expect(result.ok && result.svg).toContain(
			'<text font-family="A &amp; B &quot;C&quot;">x &lt; y</text>'
		);
	});
});

describe('cleanAssetName', () => {
	it('keeps the last path segment without control characters', () => {
		expect(cleanAssetName('C:\\Users\\me\\red-front.png')).toBe('red-front.png');
		expect(cleanAssetName('../../etc/passwd')).toBe('passwd');
		expect(cleanAssetName('a\u0000b\nc.svg')).toBe('abc.svg');
		expect(cleanAssetName('')).toBe('untitled');
		expect(cleanAssetName('x'.repeat(500))).toHaveLength(200);
	});
});
