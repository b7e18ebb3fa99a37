import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinition, type Json } from '../src/lib/collab/definition-doc';
import { createEngine, parseDefinition, type ConfigurationInput } from '../src/lib/core/index';
import { connectEditor, eventually } from './support/collab-client';
import { signIn, signUp, startServer, trpc, type RunningServer } from './support/server';

/** Retries `read` until it returns a value (not null) or `ms` pass. */
async function waitFor<T>(read: () => Promise<T | null>, what: string, ms = 60_000): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await read();
		if (value !== null) return value;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Production files through the real server: an order placed with the public API gets its print
 * files, work order and zip made in the background; the studio reads the progress and downloads
 * the zip; a member of another workspace cannot.
 */

interface ProductionJob {
	status: 'queued' | 'running' | 'done' | 'failed';
	files: { name: string; kind: string; bytes: number }[];
	warnings: { item: number; message: string }[];
	zipName: string | null;
}

describe('production files of an order', () => {
	let server: RunningServer;
	let cookie: string;
	let key: string;
	let orderId: string;
	let orderNumber: number;

	/**
	 * Places one jersey of published `version` through the public API, at the price that version
	 * gives it; answers the order and the published definition.
	 */
	async function placeJerseyOrder(version: number, configuration: ConfigurationInput) {
		const published = parseDefinition(
			await (
				await fetch(`${server.url}/api/v1/stores/demo/products/team-jersey/versions/${version}`)
			).json()
		);
		if (!published.ok) throw new Error(`version ${version} of the jersey does not parse`);
		const price = createEngine(published.definition).evaluate(configuration).price;
		const response = await fetch(`${server.url}/api/v1/orders`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${key}`,
				'idempotency-key': randomUUID()
			},
			body: JSON.stringify({
				items: [
					{
						product: 'team-jersey',
						version,
						configuration,
						price: { amount: price.total, currency: price.currency }
					}
				]
			})
		});
		const body = (await response.json()) as { order: { id: string; number: number } };
		expect(response.status, JSON.stringify(body)).toBe(201);
		return { order: body.order, definition: published.definition };
	}

	beforeAll(async () => {
		server = await startServer({ env: { ATELIER_SEED: '1' } });
		cookie = await signIn(server.url, 'demo@atelier.dev', 'atelier-demo');
		const created = await trpc(server.url, cookie, 'orders.integrations.createKey');
		key = (created.body.result?.data as { key: string }).key;
		({
			order: { id: orderId, number: orderNumber }
		} = await placeJerseyOrder(1, {
			selections: { color: 'navy', size: 'l', sleeves: 'short', name: 'OKAFOR', number: 9 }
		}));
	}, 90_000);

	afterAll(async () => {
		await server?.stop();
	});

	async function job(id = orderId): Promise<ProductionJob | null> {
		const answer = await trpc(server.url, cookie, 'orders.production', { orderId: id }, 'query');
		return answer.body.result?.data as ProductionJob | null;
	}

	it('makes a PDF, SVG and PNG per used print area, a work order and a zip, in the background', async () => {
		const done = await waitFor(async () => {
			const current = await job();
			return current?.status === 'done' ? current : null;
		}, 'the production files');
		const names = done.files.map((file) => file.name);
		// The jersey's back has the name and number areas; the front's chest logo is empty here.
		for (const area of ['back-name', 'back-number']) {
			for (const extension of ['pdf', 'svg', 'png']) {
				expect(names).toContain(`${orderNumber}-1-${area}.${extension}`);
			}
		}
		expect(names.some((name) => name.includes('front-chest'))).toBe(false);
		expect(names).toContain(`${orderNumber}-work-order.pdf`);
		expect(done.zipName).toBe(`${orderNumber}-production.zip`);

		const download = await fetch(`${server.url}/orders/${orderId}/production.zip`, {
			headers: { cookie }
		});
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/zip');
		const entries = unzipSync(new Uint8Array(await download.arrayBuffer()));
		expect(Object.keys(entries).sort()).toEqual([...names].sort());
		const png = await sharp(entries[`${orderNumber}-1-back-name.png`]).metadata();
		expect(png.width).toBeGreaterThan(100);
		expect(Buffer.from(entries[`${orderNumber}-work-order.pdf`].subarray(0, 5)).toString()).toBe(
			'%PDF-'
		);
	});

	it('makes the files again on request, and refuses while they are being made', async () => {
		const again = await trpc(server.url, cookie, 'orders.regenerateProduction', { orderId });
		expect(again.status).toBe(200);
		const refused = await trpc(server.url, cookie, 'orders.regenerateProduction', { orderId });
		// Either still queued/running (refused), or already done again (accepted): never two jobs.
		expect([200, 409]).toContain(refused.status);
		const done = await waitFor(async () => {
			const current = await job();
			return current?.status === 'done' ? current : null;
		}, 'the production files made again');
		expect(done.files.length).toBeGreaterThan(0);
	});

	it('shows each view of an item as ordered, to members only', async () => {
		const back = await fetch(`${server.url}/orders/${orderId}/items/0/back.png?width=300`, {
			headers: { cookie }
		});
		expect(back.status).toBe(200);
		expect(back.headers.get('content-type')).toBe('image/png');
		const meta = await sharp(Buffer.from(await back.arrayBuffer())).metadata();
		expect(meta.width).toBe(300);
		const unknownView = await fetch(`${server.url}/orders/${orderId}/items/0/sleeve.png`, {
			headers: { cookie }
		});
		expect(unknownView.status).toBe(404);
		const badWidth = await fetch(`${server.url}/orders/${orderId}/items/0/back.png?width=99999`, {
			headers: { cookie }
		});
		expect(badWidth.status).toBe(400);
		const stranger = await signUp(server.url, {
			email: `viewer-${randomUUID().slice(0, 8)}@example.com`,
			password: 'a-long-password-1',
			name: 'Someone else'
		});
		const refused = await fetch(`${server.url}/orders/${orderId}/items/0/back.png`, {
			headers: { cookie: stranger }
		});
		expect(refused.status).toBe(404);
	});

	it('keeps the zip from people outside the workspace and from signed-out visitors', async () => {
		const signedOut = await fetch(`${server.url}/orders/${orderId}/production.zip`, {
			redirect: 'manual'
		});
		expect(signedOut.status).toBe(303);
		const strangerCookie = await signUp(server.url, {
			email: `stranger-${randomUUID().slice(0, 8)}@example.com`,
			password: 'a-long-password-1',
			name: 'Stranger'
		});
		const answer = await fetch(`${server.url}/orders/${orderId}/production.zip`, {
			headers: { cookie: strangerCookie }
		});
		expect(answer.status).toBe(404);
	});

	it('outlines text with a font uploaded to the workspace, read from the asset store', async () => {
		const listed = await trpc(server.url, cookie, 'product.list', undefined, 'query');
		const jersey = (listed.body.result?.data as { id: string; handle: string }[]).find(
			(product) => product.handle === 'team-jersey'
		)!;
		const root = path.resolve(import.meta.dirname, '..');
		const upload = await fetch(`${server.url}/api/studio/assets?product=${jersey.id}&kind=font`, {
			method: 'POST',
			headers: {
				cookie,
				origin: server.url,
				'content-type': 'application/octet-stream',
				'x-file-name': 'inter-800.woff2'
			},
			body: new Blob([
				new Uint8Array(
					fs.readFileSync(path.join(root, 'static/samples/fonts/inter-latin-800-normal.woff2'))
				)
			])
		});
		const { asset } = (await upload.json()) as {
			asset: { sha256: string; url: string; contentType: string };
		};
		expect(upload.status).toBe(201);
		// The jersey's font now names the stored file, not the static sample.
		const definition = JSON.parse(
			fs.readFileSync(path.join(root, 'static/samples/team-jersey/definition.json'), 'utf8')
		) as { [key: string]: Json } & { assets: { [key: string]: Json } };
		definition.assets['font-inter-800'] = {
			sha256: asset.sha256,
			path: asset.url,
			mime: asset.contentType
		};
		const editor = connectEditor(server.url, cookie, jersey.id);
		await editor.synced();
		writeDefinition(editor.doc, definition, 'test');
		const witness = connectEditor(server.url, cookie, jersey.id);
		await witness.synced();
		await eventually(
			() => JSON.stringify(witness.doc.getMap('definition').toJSON()).includes(asset.sha256),
			'the draft reaches the server'
		);
		editor.destroy();
		witness.destroy();
		const published = await trpc(server.url, cookie, 'product.publish', {
			productId: jersey.id,
			acknowledgeWarnings: true
		});
		const { version } = published.body.result?.data as { ok: boolean; version: number };
		expect(published.body.result?.data).toMatchObject({ ok: true });

		const { order, definition: republished } = await placeJerseyOrder(version, {
			selections: { color: 'navy', size: 'm', sleeves: 'short', name: 'ADEYEMI', number: 4 }
		});
		expect(republished.assets['font-inter-800'].sha256).toBe(asset.sha256);
		const done = await waitFor(async () => {
			const current = await job(order.id);
			return current?.status === 'done' ? current : null;
		}, 'the production files of the second order');
		// Without the stored font the renderer warns `font "…" is missing` and draws no outlines.
		expect(done.warnings.filter((w) => /font/i.test(w.message))).toEqual([]);
		const zip = await fetch(`${server.url}/orders/${order.id}/production.zip`, {
			headers: { cookie }
		});
		const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
		const svg = Buffer.from(entries[`${order.number}-1-back-name.svg`]).toString('utf8');
		expect(svg).toMatch(/<path[^>]* d="M/);
	});
});
