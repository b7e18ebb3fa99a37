import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinition, type Json } from '../src/lib/collab/definition-doc';
import { connectEditor, eventually } from './support/collab-client';
import { signUp, startServer, trpc, uniqueEmail, type RunningServer } from './support/server';

const password = 'correct-horse-battery';
const sample = JSON.parse(
	fs.readFileSync(
		path.resolve(import.meta.dirname, '../static/samples/team-jersey/definition.json'),
		'utf8'
	)
) as { [key: string]: Json } & { assets: { [key: string]: Json } };

interface AssetRecord {
	sha256: string;
	name: string;
	contentType: string;
	bytes: number;
	width: number | null;
	height: number | null;
	url: string;
	studioUrl: string;
	thumbnailUrl: string;
}

/** Every file under the server's asset folder, relative to it. */
function storedFiles(server: RunningServer): string[] {
	const folder = path.join(server.dataDir, 'assets');
	if (!fs.existsSync(folder)) return [];
	return fs
		.readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
		.sort();
}

/** A PNG signature and IHDR declaring the size, and nothing else: a decompression bomb's header. */
function pngHeader(width: number, height: number): Uint8Array {
	const bytes = new Uint8Array(33);
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const view = new DataView(bytes.buffer);
	view.setUint32(8, 13);
	bytes.set([0x49, 0x48, 0x44, 0x52], 12);
	view.setUint32(16, width);
	view.setUint32(20, height);
	bytes.set([8, 6, 0, 0, 0], 24);
	return bytes;
}

const solid = (width: number, height: number, background = '#c0392b') =>
	sharp({ create: { width, height, channels: 3, background } });

async function inviteAs(server: RunningServer, ownerCookie: string, role: 'viewer' | 'editor') {
	const invite = await trpc(server.url, ownerCookie, 'workspace.invite', { role });
	const { url } = invite.body.result?.data as { url: string };
	const token = url.split('/invite/')[1];
	const cookie = await signUp(server.url, { email: uniqueEmail(role), password, name: role });
	const response = await fetch(`${server.url}/invite/${token}?/join`, {
		method: 'POST',
		headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
		body: '',
		redirect: 'manual'
	});
	expect(response.status).toBeLessThan(400);
	return cookie;
}

describe('assets through the real server', () => {
	let server: RunningServer;
	let owner: string;
	let productId: string;
	let slug: string;
	const uploaded: Record<string, AssetRecord> = {};

	async function upload(
		cookie: string,
		name: string,
		bytes: Uint8Array,
		contentType = 'application/octet-stream',
		target = `product=${productId}`
	) {
		const response = await fetch(`${server.url}/api/studio/assets?${target}`, {
			method: 'POST',
			headers: {
				cookie,
				origin: server.url,
				'content-type': contentType,
				'x-file-name': encodeURIComponent(name)
			},
			body: new Blob([new Uint8Array(bytes)])
		});
		return { status: response.status, body: await response.json() };
	}

	async function listed(cookie = owner): Promise<AssetRecord[]> {
		const { body } = await trpc(server.url, cookie, 'asset.list', { productId }, 'query');
		return body.result?.data as AssetRecord[];
	}

	beforeAll(async () => {
		server = await startServer();
		owner = await signUp(server.url, { email: uniqueEmail('owner'), password, name: 'Owner' });
		const list = await trpc(server.url, owner, 'workspace.list', undefined, 'query');
		const { workspaces, activeWorkspaceId } = list.body.result?.data as {
			workspaces: { id: string; slug: string }[];
			activeWorkspaceId: string;
		};
		slug = workspaces.find((w) => w.id === activeWorkspaceId)!.slug;
		const created = await trpc(server.url, owner, 'product.create', {
			name: 'Team jersey',
			handle: 'team-jersey'
		});
		productId = (created.body.result?.data as { id: string }).id;
	}, 60_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('starts with an empty library', async () => {
		expect(await listed()).toEqual([]);
	});

	it('stores PNG, JPEG, WebP and SVG uploads (201) and lists them', async () => {
		const files: [string, Uint8Array, string, number | null, number | null][] = [
			[
				'red-front.png',
				new Uint8Array(await solid(640, 480).png().toBuffer()),
				'image/png',
				640,
				480
			],
			[
				'photo.jpg',
				new Uint8Array(await solid(300, 200).jpeg().toBuffer()),
				'image/jpeg',
				300,
				200
			],
			[
				'navy.webp',
				new Uint8Array(await solid(50, 70, '#1f3a93').webp().toBuffer()),
				'image/webp',
				50,
				70
			],
			[
				'logo.svg',
				new TextEncoder().encode(
					'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" onload="alert(1)"><circle cx="25" cy="25" r="20" fill="#e67e22"/></svg>'
				),
				'image/svg+xml',
				100,
				50
			]
		];
		for (const [name, bytes, contentType, width, height] of files) {
			// The client's content type is deliberately wrong: only the bytes decide.
			const { status, body } = await upload(owner, name, bytes, 'text/plain');
			expect(status, `${name}: ${JSON.stringify(body)}`).toBe(201);
			expect(body.created).toBe(true);
			expect(body.asset).toMatchObject({ name, contentType, width, height });
			expect(body.asset.url).toBe(`/api/v1/assets/${body.asset.sha256}`);
			uploaded[name] = body.asset;
		}
		expect(uploaded['logo.svg'].bytes).toBeLessThan(files[3][1].length); // the handler is gone
		const names = (await listed()).map((a) => a.name).sort();
		expect(names).toEqual(['logo.svg', 'navy.webp', 'photo.jpg', 'red-front.png']);
		// Each asset is two files: the bytes and the thumbnail.
		expect(storedFiles(server)).toHaveLength(8);
	});

	it('answers the existing record (200) when the same bytes come again', async () => {
		const bytes = new Uint8Array(await solid(640, 480).png().toBuffer());
		const { status, body } = await upload(owner, 'again.png', bytes);
		expect(status).toBe(200);
		expect(body).toMatchObject({ created: false, asset: uploaded['red-front.png'] });
		expect(await listed()).toHaveLength(4);
		expect(storedFiles(server)).toHaveLength(8);
	});

	it('refuses each bad file with a clear message and stores nothing', async () => {
		const before = storedFiles(server);
		const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
		const cases: [string, Uint8Array, number, RegExp][] = [
			['setup.png', elf, 415, /^not an image: the file is a Linux executable \(ELF\)/],
			['tool.jpg', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 415, /not an image.*MZ/],
			[
				'evil.svg',
				new TextEncoder().encode(
					'<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/api")</script></svg>'
				),
				422,
				/<script> element/
			],
			['bomb.png', pngHeader(20000, 20000), 422, /20000×20000 pixels.*limit is 12000 pixels/],
			['empty.png', new Uint8Array(), 422, /^the file is empty \(0 bytes\)/]
		];
		for (const [name, bytes, status, message] of cases) {
			const response = await upload(owner, name, bytes, 'image/png');
			expect(response.status, name).toBe(status);
			expect(response.body.error.path).toBe('file');
			expect(response.body.error.message).toMatch(message);
		}
		expect(await listed()).toHaveLength(4);
		expect(storedFiles(server)).toEqual(before);
	});

	it('refuses a file over 20 MiB with 413 before storing anything', async () => {
		const before = storedFiles(server);
		const big = new Uint8Array(20 * 1024 * 1024 + 10);
		big.set(pngHeader(100, 100));
		const response = await upload(owner, 'huge.png', big);
		expect(response.status).toBe(413);
		expect(response.body.error).toEqual({
			path: 'file',
			message: 'the file is 20 MiB: the limit is 20 MiB'
		});
		expect(storedFiles(server)).toEqual(before);
	});

	it('lets editors upload, refuses viewers (403), strangers (404) and anonymous callers (401)', async () => {
		const bytes = new Uint8Array(await solid(10, 10, '#27ae60').png().toBuffer());
		const editor = await inviteAs(server, owner, 'editor');
		expect((await upload(editor, 'green.png', bytes)).status).toBe(201);

		const viewer = await inviteAs(server, owner, 'viewer');
		const refused = await upload(viewer, 'x.png', bytes);
		expect(refused.status).toBe(403);
		expect(refused.body.error.message).toContain('needs the editor role');
		expect((await listed(viewer)).length).toBe(5);

		const stranger = await signUp(server.url, {
			email: uniqueEmail('stranger'),
			password,
			name: 'Stranger'
		});
		expect((await upload(stranger, 'x.png', bytes)).status).toBe(404);
		const strangerList = await trpc(server.url, stranger, 'asset.list', { productId }, 'query');
		expect(strangerList.body.error?.data?.code).toBe('NOT_FOUND');
		expect((await upload('', 'x.png', bytes)).status).toBe(401);
	});

	it('serves the files and thumbnails to members only through the studio route', async () => {
		const png = uploaded['red-front.png'];
		const response = await fetch(`${server.url}${png.studioUrl}`, { headers: { cookie: owner } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toContain('private');
		expect((await response.arrayBuffer()).byteLength).toBe(png.bytes);

		const thumb = await fetch(`${server.url}${png.thumbnailUrl}`, { headers: { cookie: owner } });
		expect(thumb.headers.get('content-type')).toBe('image/webp');
		const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
		expect([meta.width, meta.height]).toEqual([256, 192]);

		const stranger = await signUp(server.url, {
			email: uniqueEmail('other'),
			password,
			name: 'Other workspace'
		});
		const hidden = await fetch(`${server.url}${png.studioUrl}`, { headers: { cookie: stranger } });
		expect(hidden.status).toBe(404);
		const hiddenThumb = await fetch(`${server.url}${png.thumbnailUrl}`, {
			headers: { cookie: stranger }
		});
		expect(hiddenThumb.status).toBe(404);
		expect((await fetch(`${server.url}${png.studioUrl}`)).status).toBe(401);
	});

	it('keeps a draft’s assets off the public API: malformed 400, unknown or unpublished 404', async () => {
		const malformed = await fetch(`${server.url}/api/v1/assets/not-a-hash`);
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toEqual({
			error: { message: expect.stringContaining('sha256') }
		});
		const unpublished = await fetch(`${server.url}${uploaded['red-front.png'].url}`);
		expect(unpublished.status).toBe(404);
		expect(unpublished.headers.get('content-type')).toContain('application/json');
		expect(await unpublished.json()).toEqual({ error: { message: expect.any(String) } });
	});

	it('serves the assets a published version refers to, immutable and sandboxed', async () => {
		const png = uploaded['red-front.png'];
		const svg = uploaded['logo.svg'];
		const definition = structuredClone(sample);
		for (const [id, asset] of [
			['uploaded-red', png],
			['uploaded-logo', svg]
		] as const) {
			definition.assets[id] = {
				sha256: asset.sha256,
				path: asset.url,
				mime: asset.contentType,
				width: asset.width,
				height: asset.height
			};
		}
		const editor = connectEditor(server.url, owner, productId);
		await editor.synced();
		writeDefinition(editor.doc, definition, 'test');
		const witness = connectEditor(server.url, owner, productId);
		await witness.synced();
		await eventually(
			() => JSON.stringify(witness.doc.getMap('definition').toJSON()).includes(svg.sha256),
			'the draft reaches the server'
		);
		editor.destroy();
		witness.destroy();
		const published = await trpc(server.url, owner, 'product.publish', { productId });
		expect(published.body.result?.data).toMatchObject({ ok: true, version: 1 });

		const response = await fetch(`${server.url}${png.url}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(response.headers.get('etag')).toBe(`"${png.sha256}"`);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-security-policy')).toBeNull();
		const body = new Uint8Array(await response.arrayBuffer());
		const { createHash } = await import('node:crypto');
		expect(createHash('sha256').update(body).digest('hex')).toBe(png.sha256);

		const svgResponse = await fetch(`${server.url}${svg.url}`);
		expect(svgResponse.headers.get('content-type')).toBe('image/svg+xml');
		expect(svgResponse.headers.get('content-security-policy')).toBe(
			"default-src 'none'; style-src 'unsafe-inline'"
		);
		expect(await svgResponse.text()).not.toContain('onload');

		const revalidated = await fetch(`${server.url}${png.url}`, {
			headers: { 'if-none-match': `"${png.sha256}"` }
		});
		expect(revalidated.status).toBe(304);
		// An asset the version does not refer to stays private.
		expect((await fetch(`${server.url}${uploaded['photo.jpg'].url}`)).status).toBe(404);
		// The published definition carries the reference storefronts follow.
		const live = await fetch(`${server.url}/api/v1/stores/${slug}/products/team-jersey`);
		expect((await live.json()).assets['uploaded-red']).toMatchObject({ path: png.url });
	});

	it('lists the asset endpoint in the OpenAPI document', async () => {
		const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
		expect(Object.keys(doc.paths)).toContain('/assets/{sha256}');
	});

	const font = () => `product=${productId}&kind=font`;
	const interBold = () =>
		new Uint8Array(
			fs.readFileSync(
				path.resolve(import.meta.dirname, '../static/samples/fonts/inter-latin-700-normal.woff2')
			)
		);

	it('stores a WOFF2 font (kind=font) with the family, weight and style read from its bytes', async () => {
		const images = await listed();
		const before = storedFiles(server);
		const bytes = interBold();
		// The client's content type is deliberately wrong: only the bytes decide.
		const { status, body } = await upload(owner, 'Inter-Bold.woff2', bytes, 'image/png', font());
		expect(status, JSON.stringify(body)).toBe(201);
		expect(body.created).toBe(true);
		expect(body.font).toEqual({ family: 'Inter', weight: 700, style: 'normal' });
		expect(body.asset).toMatchObject({
			name: 'Inter-Bold.woff2',
			contentType: 'font/woff2',
			bytes: bytes.length,
			width: null,
			height: null,
			url: `/api/v1/assets/${body.asset.sha256}`
		});
		// One file, no thumbnail; the image library does not list fonts.
		const added = storedFiles(server).filter((file) => !before.includes(file));
		expect(added).toEqual([
			path.join(body.asset.workspaceId, body.asset.sha256.slice(0, 2), body.asset.sha256)
		]);
		expect(await listed()).toEqual(images);
		const served = await fetch(`${server.url}${body.asset.studioUrl}`, {
			headers: { cookie: owner }
		});
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('font/woff2');
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);

		const again = await upload(owner, 'copy.woff2', bytes, 'font/woff2', font());
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ created: false, font: body.font, asset: body.asset });
	});

	it('refuses a renamed PNG, a 0-byte file and a truncated font with clear messages; stores nothing', async () => {
		const before = storedFiles(server);
		const images = await listed();
		const png = new Uint8Array(await solid(8, 8).png().toBuffer());
		const whole = interBold();
		const expected = 'expected a WOFF2, WOFF, TrueType (.ttf) or OpenType (.otf) font file';
		const cases: [string, Uint8Array, number, string | RegExp][] = [
			['logo.woff2', png, 415, `not a font: the file is a PNG image; ${expected}`],
			['empty.ttf', new Uint8Array(), 422, `the file is empty (0 bytes): ${expected}`],
			[
				'cut.woff2',
				whole.subarray(0, 9000),
				422,
				`the font cannot be read: the WOFF2 header says the file is ${whole.length} bytes, but it is 9000: the file is truncated or damaged`
			],
			['notes.otf', new TextEncoder().encode('just some words'), 415, /^not a font: /]
		];
		for (const [name, bytes, status, message] of cases) {
			const response = await upload(owner, name, bytes, 'font/woff2', font());
			expect(response.status, name).toBe(status);
			expect(response.body.error.path).toBe('file');
			if (typeof message === 'string') expect(response.body.error.message).toBe(message);
			else expect(response.body.error.message).toMatch(message);
		}
		const huge = new Uint8Array(10 * 1024 * 1024 + 1);
		huge.set(whole.subarray(0, 48));
		const tooBig = await upload(owner, 'huge.woff2', huge, 'font/woff2', font());
		expect(tooBig.status).toBe(413);
		expect(tooBig.body.error.message).toMatch(/the limit is 10 MiB$/);
		const unknownKind = await upload(owner, 'a.woff2', whole, 'font/woff2', `${font()}x`);
		expect(unknownKind.status).toBe(400);
		expect(unknownKind.body.error).toEqual({
			path: 'kind',
			message: 'unknown kind "fontx": expected image or font'
		});
		expect(storedFiles(server)).toEqual(before);
		expect(await listed()).toEqual(images);
	});
});
