import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinition, type Json } from '../src/lib/collab/definition-doc';
import { connectEditor, eventually } from './support/collab-client';
import { parseDefinition } from '../src/lib/core/definition/parse';
import { createEngine } from '../src/lib/core/engine/compile';
import { createEngineWith } from '../src/lib/core/engine/engine';
import { loadCompiledDiagram } from '../src/lib/core/solver/compiled';
import { signUp, startServer, trpc, uniqueEmail, type RunningServer } from './support/server';

/** A GET through node:http, which (unlike fetch) leaves a gzip body as it came. */
function rawGet(
	url: string,
	headers: Record<string, string>
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks)
					})
				);
			})
			.on('error', reject);
	});
}

const password = 'correct-horse-battery';
const sample = JSON.parse(
	fs.readFileSync(
		path.resolve(import.meta.dirname, '../static/samples/team-jersey/definition.json'),
		'utf8'
	)
) as { [key: string]: Json };

type PublishResult =
	| { ok: true; version: number; contentHash: string; warnings: unknown[] }
	| { ok: false; errors: { path: string; message: string; code: string }[] };

describe('the public REST API', () => {
	let server: RunningServer;
	let cookie: string;
	let productId: string;
	let slug: string;
	let liveUrl: string;
	let published: Extract<PublishResult, { ok: true }>;

	beforeAll(async () => {
		server = await startServer();
		cookie = await signUp(server.url, { email: uniqueEmail('owner'), password, name: 'Owner' });
		const list = await trpc(server.url, cookie, 'workspace.list', undefined, 'query');
		const { workspaces, activeWorkspaceId } = list.body.result?.data as {
			workspaces: { id: string; slug: string }[];
			activeWorkspaceId: string;
		};
		slug = workspaces.find((w) => w.id === activeWorkspaceId)!.slug;
		const created = await trpc(server.url, cookie, 'product.create', {
			name: 'Team jersey',
			handle: 'team-jersey'
		});
		productId = (created.body.result?.data as { id: string }).id;
		liveUrl = `${server.url}/api/v1/stores/${slug}/products/team-jersey`;

		// The draft is written as the studio writes it: through a real collaboration client.
		const editor = connectEditor(server.url, cookie, productId);
		await editor.synced();
		writeDefinition(editor.doc, sample, 'test');
		// A second client that sees the draft proves the server's room holds it.
		const witness = connectEditor(server.url, cookie, productId);
		await witness.synced();
		await eventually(
			() => witness.doc.getMap('definition').get('handle') === 'team-jersey',
			'the draft reaches the server'
		);
		editor.destroy();
		witness.destroy();
	}, 60_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('answers 404 JSON while nothing is published, never the draft', async () => {
		const response = await fetch(liveUrl);
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toContain('application/json');
		expect(await response.json()).toEqual({ error: { message: expect.any(String) } });
	});

	it('publishes the draft through tRPC as version 1', async () => {
		const { status, body } = await trpc(server.url, cookie, 'product.publish', {
			productId,
			note: 'first'
		});
		expect(status).toBe(200);
		const result = body.result?.data as PublishResult;
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.version).toBe(1);
		published = result;
		const versions = await trpc(server.url, cookie, 'product.versions', { productId }, 'query');
		expect(versions.body.result?.data).toMatchObject([
			{ number: 1, note: 'first', authorName: 'Owner', channels: ['live'] }
		]);
	});

	it('serves the live definition with its ETag, cache headers and CORS', async () => {
		// The studio's own origin is always allowed (store origins: tests/publishing.test.ts).
		const response = await fetch(liveUrl, {
			headers: { origin: server.url, 'accept-encoding': 'identity' }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		expect(response.headers.get('content-encoding')).toBeNull();
		expect(response.headers.get('etag')).toBe(`"${published.contentHash}"`);
		expect(response.headers.get('cache-control')).toBe(
			'public, max-age=60, stale-while-revalidate=600'
		);
		expect(response.headers.get('access-control-allow-origin')).toBe(server.url);
		expect(response.headers.get('vary')).toMatch(/Origin/);
		const definition = await response.json();
		expect(definition).toMatchObject({ handle: 'team-jersey', name: sample.name });
	});

	it('gzips the definition for clients that take it, under the weak form of the same ETag', async () => {
		const identity = await rawGet(liveUrl, { 'accept-encoding': 'identity' });
		const gzipped = await rawGet(liveUrl, { 'accept-encoding': 'gzip, deflate, br' });
		expect(gzipped.status).toBe(200);
		expect(gzipped.headers['content-encoding']).toBe('gzip');
		expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
		expect(identity.headers.vary).toMatch(/Accept-Encoding/);
		expect(gzipped.headers.etag).toBe(`W/"${published.contentHash}"`);
		expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
		expect(gzipped.body.length).toBeLessThan(identity.body.length / 3);
		expect(gunzipSync(gzipped.body).equals(identity.body)).toBe(true);
		// A refusal by q=0 gets the plain body; either ETag revalidates either representation.
		const refused = await rawGet(liveUrl, { 'accept-encoding': 'gzip;q=0, *;q=1' });
		expect(refused.headers['content-encoding']).toBeUndefined();
		expect(refused.body.equals(identity.body)).toBe(true);
		const revalidated = await rawGet(liveUrl, {
			'accept-encoding': 'gzip',
			'if-none-match': `"${published.contentHash}"`
		});
		expect(revalidated.status).toBe(304);
		expect(revalidated.headers.etag).toBe(`W/"${published.contentHash}"`);
	});

	it('answers 304 to a matching If-None-Match, 200 to a stale one and 431 to a huge one', async () => {
		const etag = `"${published.contentHash}"`;
		const fresh = await fetch(liveUrl, {
			headers: { 'if-none-match': etag, 'accept-encoding': 'identity' }
		});
		expect(fresh.status).toBe(304);
		expect(fresh.headers.get('etag')).toBe(etag);
		expect(await fresh.text()).toBe('');
		const listed = await fetch(liveUrl, { headers: { 'if-none-match': `"old", W/${etag}` } });
		expect(listed.status).toBe(304);
		const stale = await fetch(liveUrl, { headers: { 'if-none-match': '"old"' } });
		expect(stale.status).toBe(200);
		const huge = await fetch(liveUrl, { headers: { 'if-none-match': `"${'a'.repeat(8000)}"` } });
		expect(huge.status).toBe(431);
		expect((await huge.json()).error.message).toMatch(/If-None-Match/);
	});

	it('answers from its prepared answer exactly as on the way that loads the lookups', async () => {
		// A percent-encoded handle always takes the shared way (public-api.ts); the plain URL is
		// answered from the server's prepared answer once its lookups are loaded
		// (public-fast-path.ts). Both must send the same status, headers and bytes.
		const encoded = `${server.url}/api/v1/stores/${slug}/products/team%2Djersey`;
		const etag = `"${published.contentHash}"`;
		const headersOf = (response: Response) => {
			const all = Object.fromEntries(response.headers);
			delete all.date;
			return all;
		};
		const identity = { 'accept-encoding': 'identity' };
		const gzip = { 'accept-encoding': 'gzip' };
		const variants: RequestInit[] = [
			{ headers: identity },
			{ headers: gzip },
			{ headers: { ...identity, origin: server.url } },
			{ headers: { ...gzip, origin: server.url } },
			{ method: 'HEAD', headers: { ...identity, origin: server.url } },
			{ headers: { ...identity, 'if-none-match': `"old", W/${etag}` } },
			{ headers: { ...gzip, origin: server.url, 'if-none-match': etag } },
			{ headers: { ...identity, origin: server.url, 'if-none-match': '"old"' } }
		];
		for (const suffix of ['', '/versions/1', '?include=engine', '/versions/1?include=engine']) {
			for (const init of variants) {
				const what = `${suffix || 'live'} ${JSON.stringify(init)}`;
				await (await fetch(liveUrl + suffix, init)).arrayBuffer();
				const shared = await fetch(encoded + suffix, init);
				const prepared = await fetch(liveUrl + suffix, init);
				expect(prepared.status, what).toBe(shared.status);
				expect(headersOf(prepared), what).toEqual(headersOf(shared));
				const bytes = Buffer.from(await prepared.arrayBuffer());
				expect(bytes.equals(Buffer.from(await shared.arrayBuffer())), what).toBe(true);
				// fetch unzips a gzip body; its Content-Length (the zipped size) was compared above.
				const zipped = (init.headers as Record<string, string>)['accept-encoding'] === 'gzip';
				if (init.method !== 'HEAD' && !zipped && prepared.status === 200) {
					expect(Number(prepared.headers.get('content-length')), what).toBe(bytes.length);
				}
			}
		}
	});

	it('serves the definition with its compiled rules on ?include=engine, under its own ETag', async () => {
		const plain = await (await fetch(liveUrl)).json();
		const response = await fetch(`${liveUrl}?include=engine`, {
			headers: { origin: server.url, 'accept-encoding': 'identity' }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('access-control-allow-origin')).toBe(server.url);
		const etag = response.headers.get('etag') as string;
		expect(etag).toBe(`"${published.contentHash}.engine1"`);
		const body = (await response.json()) as {
			version: number;
			definition: unknown;
			engine: unknown;
		};
		expect(body.version).toBe(1);
		expect(body.definition).toEqual(plain);
		expect(body.engine).toMatchObject({ format: 'atelier/compiled-model', version: 1 });
		// The storefront loads it without the compiler and answers as the engine compiled here.
		const parsed = parseDefinition(body.definition);
		if (!parsed.ok) throw new Error('the published definition does not parse');
		const shipped = createEngineWith(parsed.definition, loadCompiledDiagram(body.engine));
		const configuration = { selections: { color: 'navy', size: 'm' } };
		expect(shipped.evaluate(configuration)).toEqual(
			createEngine(parsed.definition).evaluate(configuration)
		);
		// Revalidation: its own ETag matches, the plain definition's does not.
		expect(
			(await fetch(`${liveUrl}?include=engine`, { headers: { 'if-none-match': etag } })).status
		).toBe(304);
		expect(
			(
				await fetch(`${liveUrl}?include=engine`, {
					headers: { 'if-none-match': `"${published.contentHash}"` }
				})
			).status
		).toBe(200);
		const v1 = await fetch(`${liveUrl}/versions/1?include=engine`);
		expect(((await v1.json()) as { version: number }).version).toBe(1);
	});

	it('serves a version by number as immutable, and keeps it after a newer publish', async () => {
		const v1Url = `${liveUrl}/versions/1`;
		const response = await fetch(v1Url);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(response.headers.get('content-type')).toContain('application/json');
		const v1 = await response.json();

		// Rollback and promotion go through setChannel; publish to staging leaves live alone.
		const staged = await trpc(server.url, cookie, 'product.publish', {
			productId,
			channel: 'staging'
		});
		expect((staged.body.result?.data as PublishResult).ok).toBe(true);
		expect((await fetch(liveUrl)).headers.get('x-atelier-version')).toBe('1');
		const promoted = await trpc(server.url, cookie, 'product.setChannel', {
			productId,
			channel: 'live',
			versionNumber: 2
		});
		expect(promoted.status).toBe(200);
		expect((await fetch(liveUrl)).headers.get('x-atelier-version')).toBe('2');
		expect(await (await fetch(v1Url)).json()).toEqual(v1);

		const missing = await trpc(server.url, cookie, 'product.setChannel', {
			productId,
			channel: 'live',
			versionNumber: 7
		});
		expect(missing.status).toBe(404);
	});

	it('answers 404 JSON for an unknown store, product or version, 400 for malformed ones', async () => {
		for (const url of [
			`${server.url}/api/v1/stores/${slug}/products/no-such-product`,
			`${server.url}/api/v1/stores/no-such-store/products/team-jersey`,
			`${liveUrl}/versions/99`,
			`${server.url}/api/v1/nothing-here`
		]) {
			const response = await fetch(url);
			expect(response.status, url).toBe(404);
			expect(response.headers.get('content-type')).toContain('application/json');
			expect((await response.json()).error.message).toBeTruthy();
		}
		for (const url of [
			`${server.url}/api/v1/stores/${slug}/products/Bad_Handle`,
			`${liveUrl}/versions/0`,
			`${liveUrl}/versions/one`
		]) {
			const response = await fetch(url);
			expect(response.status, url).toBe(400);
			expect((await response.json()).error.message).toBeTruthy();
		}
	});

	it('answers a CORS preflight for If-None-Match', async () => {
		const response = await fetch(liveUrl, {
			method: 'OPTIONS',
			headers: {
				origin: server.url,
				'access-control-request-method': 'GET',
				'access-control-request-headers': 'if-none-match'
			}
		});
		expect(response.status).toBe(204);
		expect(response.headers.get('access-control-allow-origin')).toBe(server.url);
		expect(response.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/i);
	});

	it('refuses an editor without the publish right (403) and checks the input (400 with paths)', async () => {
		const invite = await trpc(server.url, cookie, 'workspace.invite', { role: 'editor' });
		const token = (invite.body.result?.data as { url: string }).url.split('/invite/')[1];
		const editorCookie = await signUp(server.url, {
			email: uniqueEmail('editor'),
			password,
			name: 'Editor'
		});
		const joined = await fetch(`${server.url}/invite/${token}?/join`, {
			method: 'POST',
			headers: {
				cookie: editorCookie,
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: '',
			redirect: 'manual'
		});
		expect(joined.status).toBeLessThan(400);
		const refused = await trpc(server.url, editorCookie, 'product.publish', { productId });
		expect(refused.status).toBe(403);
		const rollback = await trpc(server.url, editorCookie, 'product.setChannel', {
			productId,
			channel: 'live',
			versionNumber: 1
		});
		expect(rollback.status).toBe(403);
		const versions = await trpc(
			server.url,
			editorCookie,
			'product.versions',
			{ productId },
			'query'
		);
		expect(versions.status).toBe(200);

		const bad = await trpc(server.url, cookie, 'product.publish', {
			productId,
			channel: 'Not A Channel'
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error?.data?.issues?.[0]?.path).toBe('channel');
	});

	it('serves an OpenAPI 3.1 document listing the paths', async () => {
		const response = await fetch(`${server.url}/api/v1/openapi.json`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		const doc = await response.json();
		expect(doc.openapi).toMatch(/^3\.1/);
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining([
				'/stores/{workspaceSlug}/products/{handle}',
				'/stores/{workspaceSlug}/products/{handle}/versions/{n}'
			])
		);
		expect(doc.servers[0].url).toBe(`${server.url}/api/v1`);
	});
});
