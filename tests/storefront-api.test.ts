/**
 * The storefront's server side against the real built server with the demo seed: saved designs
 * (validated with the core against the pinned version), the storefront scripts and their cache
 * headers, the demo store pages, and the OpenAPI entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { ATELIER_SEED: '1' } });
});

afterAll(async () => {
	await server?.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

describe('saved designs', () => {
	const configuration = {
		selections: { color: 'navy', size: 'm', name: { text: 'GARCIA', color: 'gold' }, number: 10 },
		quantity: 3
	};

	it('saves a design of a published version and gives it back exactly', async () => {
		const res = await post('/api/v1/stores/demo/designs', {
			product: 'team-jersey',
			version: 1,
			configuration
		});
		expect(res.status).toBe(201);
		const body = (await res.json()) as { id: string; url: string };
		expect(body.id).toMatch(/^d[0-9a-z]{20}$/);
		expect(body.url).toBe(`${server.url}/api/v1/stores/demo/designs/${body.id}`);
		expect(res.headers.get('location')).toBe(body.url);

		const got = await fetch(body.url, { headers: { origin: server.url } });
		expect(got.status).toBe(200);
		expect(got.headers.get('cache-control')).toContain('immutable');
		// The studio's own origin (the demo store) is always allowed; store origins are listed
		// per store (tests/publishing.test.ts).
		expect(got.headers.get('access-control-allow-origin')).toBe(server.url);
		expect(await got.json()).toMatchObject({
			id: body.id,
			product: 'team-jersey',
			version: 1,
			configuration: { selections: configuration.selections, quantity: 3 }
		});
	});

	it('accepts an incomplete design (a share link of half a product)', async () => {
		const res = await post('/api/v1/stores/demo/designs', {
			product: 'engraved-pendant',
			version: 1,
			configuration: { selections: { metal: 'gold' } }
		});
		expect(res.status).toBe(201);
	});

	it('refuses a configuration the pinned version does not allow, with a reason per path', async () => {
		const res = await post('/api/v1/stores/demo/designs', {
			product: 'team-jersey',
			version: 1,
			configuration: { selections: { color: 'purple', name: 'LEE 7', size: 'xs', sleeves: 'long' } }
		});
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: { errors: { path: string; message: string }[] } };
		const paths = body.error.errors.map((e) => e.path);
		expect(paths).toContain('configuration.selections.color');
		expect(
			body.error.errors.find((e) => e.path === 'configuration.selections.color')?.message
		).toMatch(/purple/);
	});

	it('refuses an impossible combination through the engine', async () => {
		const res = await post('/api/v1/stores/demo/designs', {
			product: 'team-jersey',
			version: 1,
			configuration: { selections: { size: 'xs', sleeves: 'long', name: 'LEE 7' } }
		});
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: { errors: { path: string; message: string }[] } };
		expect(body.error.errors.some((e) => e.path === 'configuration.selections.name')).toBe(true);
		expect(body.error.errors.some((e) => /sleeves|Size|combined|possible/i.test(e.message))).toBe(
			true
		);
	});

	it('names the field of a malformed body', async () => {
		const res = await post('/api/v1/stores/demo/designs', {
			product: 'Team Jersey!',
			version: 0,
			configuration: []
		});
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: { errors: { path: string }[] } };
		expect(body.error.errors.map((e) => e.path).sort()).toEqual([
			'configuration',
			'product',
			'version'
		]);
	});

	it('answers 400 for a body that is not JSON and 413 for a huge one', async () => {
		expect((await post('/api/v1/stores/demo/designs', '{ nope')).status).toBe(400);
		const huge = {
			product: 'team-jersey',
			version: 1,
			configuration: { selections: { name: 'A'.repeat(70_000) } }
		};
		expect((await post('/api/v1/stores/demo/designs', huge)).status).toBe(413);
	});

	it('answers 404 for an unknown store, product or version', async () => {
		const body = { product: 'team-jersey', version: 1, configuration: { selections: {} } };
		expect((await post('/api/v1/stores/nowhere/designs', body)).status).toBe(404);
		expect(
			(await post('/api/v1/stores/demo/designs', { ...body, product: 'no-such-thing' })).status
		).toBe(404);
		expect((await post('/api/v1/stores/demo/designs', { ...body, version: 99 })).status).toBe(404);
	});

	it('answers 400 for a malformed design id and 404 for an unknown one', async () => {
		const malformed = await fetch(`${server.url}/api/v1/stores/demo/designs/..%2Fetc`);
		expect(malformed.status).toBe(400);
		const unknown = await fetch(`${server.url}/api/v1/stores/demo/designs/d${'0'.repeat(20)}`);
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
			/no design/
		);
	});

	it('answers the CORS preflight per the store: its pages may POST JSON, other origins get 403', async () => {
		const preflight = (origin: string) =>
			fetch(`${server.url}/api/v1/stores/demo/designs`, {
				method: 'OPTIONS',
				headers: {
					origin,
					'access-control-request-method': 'POST',
					'access-control-request-headers': 'content-type'
				}
			});
		expect((await preflight('https://not-a-listed-shop.example')).status).toBe(403);
		const res = await preflight(server.url);
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe(server.url);
		expect(res.headers.get('access-control-allow-methods')).toContain('POST');
		expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
			'content-type'
		);
	});
});

describe('the storefront scripts', () => {
	it('serves /embed.js with a short cache and its hashed chunks forever, gzipped on request', async () => {
		const embed = await fetch(`${server.url}/embed.js`, {
			headers: { 'accept-encoding': 'gzip' }
		});
		expect(embed.status).toBe(200);
		expect(embed.headers.get('content-type')).toContain('javascript');
		expect(embed.headers.get('cache-control')).toMatch(/max-age=300/);
		expect(embed.headers.get('access-control-allow-origin')).toBe('*');
		const source = await embed.text();
		expect(source).toContain('atelier-configurator');
		const chunks = [...source.matchAll(/["'](\.\/storefront\/[\w-]+\.js)["']/g)].map((m) => m[1]);
		expect(chunks.length).toBeGreaterThan(0);
		for (const chunk of chunks) {
			const res = await fetch(new URL(chunk as string, `${server.url}/embed.js`));
			expect(res.status).toBe(200);
			expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		}
		const etag = embed.headers.get('etag') ?? '';
		const again = await fetch(`${server.url}/embed.js`, { headers: { 'if-none-match': etag } });
		expect(again.status).toBe(304);
	});

	it('serves /runtime.js as an ES module exporting createConfigurator', async () => {
		const res = await fetch(`${server.url}/runtime.js`);
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/createConfigurator/);
	});

	it('answers 404 for a chunk name that is not one', async () => {
		expect((await fetch(`${server.url}/storefront/..%2F..%2Fserver.js`)).status).toBe(404);
		expect((await fetch(`${server.url}/storefront/nope.js`)).status).toBe(404);
	});
});

describe('the demo store', () => {
	it('lists the published demo products and embeds the merchant’s snippet on each page', async () => {
		const index = await (await fetch(`${server.url}/demo-store`)).text();
		for (const handle of ['team-jersey', 'engraved-pendant', 'modular-sofa'])
			expect(index).toContain(`href="/demo-store/${handle}"`);
		const page = await (await fetch(`${server.url}/demo-store/team-jersey`)).text();
		expect(page).toContain('<script type="module" src="/embed.js"></script>');
		expect(page).toMatch(
			/<atelier-configurator store="demo" product="team-jersey" cart="shopify" variant-id="\d+"/
		);
	});

	it('answers 404 with a page for an unknown product', async () => {
		const res = await fetch(`${server.url}/demo-store/no-such-thing`);
		expect(res.status).toBe(404);
		expect(await res.text()).toContain('could not find');
	});
});

describe('the OpenAPI document', () => {
	it('describes the designs endpoints', async () => {
		const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
			paths: Record<string, Record<string, unknown>>;
		};
		expect(doc.paths['/stores/{workspaceSlug}/designs']?.post).toBeDefined();
		expect(doc.paths['/stores/{workspaceSlug}/designs/{id}']?.get).toBeDefined();
	});
});
