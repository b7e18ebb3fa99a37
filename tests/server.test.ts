import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_URL } from '../src/lib/server/test-databases';
import {
	signIn,
	signUp,
	startServer,
	trpc,
	uniqueEmail,
	type RunningServer
} from './support/server';

describe('the server process', () => {
	let server: RunningServer;
	let cookie: string;

	beforeAll(async () => {
		server = await startServer();
		cookie = await signUp(server.url, {
			email: uniqueEmail('owner'),
			password: 'correct-horse-battery',
			name: 'Owner'
		});
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('answers /healthz with 200 and JSON', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		expect(await response.json()).toMatchObject({ status: 'ok' });
	});

	it('tags every response with a request id and logs it', async () => {
		const response = await fetch(`${server.url}/sign-in`);
		const requestId = response.headers.get('x-request-id');
		expect(requestId).toBeTruthy();
		await new Promise((r) => setTimeout(r, 100));
		expect(
			server.logs.some((line) => line.requestId === requestId && line.path === '/sign-in')
		).toBe(true);
	});

	it('refuses tRPC calls without a session', async () => {
		const { status, body } = await trpc(server.url, '', 'product.list', undefined, 'query');
		expect(status).toBe(401);
		expect(body.error?.message).toMatch(/sign in/);
	});

	it('answers an invalid tRPC input with 400 and the path of the bad field', async () => {
		const { status, body } = await trpc(server.url, cookie, 'product.create', {
			name: 'Mug',
			handle: 'Not A Handle!'
		});
		expect(status).toBe(400);
		expect(body.error?.data?.issues).toEqual([
			{ path: 'handle', message: expect.stringMatching(/lowercase letters, digits/) }
		]);
	});

	it('creates, renames and lists products through tRPC', async () => {
		const created = await trpc(server.url, cookie, 'product.create', {
			name: 'Mug',
			handle: 'mug'
		});
		expect(created.status).toBe(200);
		const { id } = created.body.result?.data as { id: string };
		const taken = await trpc(server.url, cookie, 'product.create', { name: 'Mug', handle: 'mug' });
		expect(taken.status).toBe(409);
		expect(taken.body.error?.message).toMatch(/^handle: .*already used/);
		await trpc(server.url, cookie, 'product.rename', { productId: id, name: 'Travel mug' });
		const list = await trpc(server.url, cookie, 'product.list', undefined, 'query');
		expect(list.body.result?.data).toEqual([
			expect.objectContaining({ id, name: 'Travel mug', handle: 'mug', status: 'draft' })
		]);
	});

	it('answers "not found" for a product of another workspace, never "forbidden"', async () => {
		const created = await trpc(server.url, cookie, 'product.create', {
			name: 'Cap',
			handle: 'cap'
		});
		const { id } = created.body.result?.data as { id: string };
		const stranger = await signUp(server.url, {
			email: uniqueEmail('stranger'),
			password: 'correct-horse-battery',
			name: 'Stranger'
		});
		const read = await trpc(server.url, stranger, 'product.get', { productId: id }, 'query');
		const missing = await trpc(
			server.url,
			stranger,
			'product.get',
			{ productId: 'nosuchproduct' },
			'query'
		);
		expect(read.status).toBe(404);
		expect(missing.status).toBe(404);
		expect(read.body.error?.message).toBe(missing.body.error?.message);
		const rename = await trpc(server.url, stranger, 'product.rename', {
			productId: id,
			name: 'Mine'
		});
		expect(rename.status).toBe(404);
	});

	it('exits 0 on SIGTERM after closing cleanly', async () => {
		const other = await startServer();
		expect(await other.stop()).toBe(0);
		expect(other.logs.some((line) => line.msg === 'stopped cleanly')).toBe(true);
	});
});

describe('first start', () => {
	it('seeds the demo workspace on an empty SQLite database and lets the demo user in', async () => {
		const server = await startServer({ env: { ATELIER_SEED: '1' } });
		try {
			expect(
				server.logs.some((l) => String(l.msg).includes('demo@atelier.dev / atelier-demo'))
			).toBe(true);
			const cookie = await signIn(server.url, 'demo@atelier.dev', 'atelier-demo');
			const list = await trpc(server.url, cookie, 'product.list', undefined, 'query');
			const products = list.body.result?.data as { name: string; status: string }[];
			expect(products.map((p) => p.name).sort()).toEqual([
				'Engraved pendant',
				'Modular sofa',
				'Team jersey'
			]);
			// Each sample passed the publish gate (schema, analysis, scenarios) and is live.
			expect(products.map((p) => p.status)).toEqual(['live', 'live', 'live']);
			const live = await fetch(`${server.url}/api/v1/stores/demo/products/team-jersey`);
			expect(live.status).toBe(200);
			expect(await live.json()).toMatchObject({ handle: 'team-jersey', name: 'Team jersey' });
			const workspaces = await trpc(server.url, cookie, 'workspace.list', undefined, 'query');
			expect(workspaces.body.result?.data).toMatchObject({
				workspaces: [{ name: 'Demo Store', slug: 'demo', role: 'owner' }]
			});
		} finally {
			await server.stop();
		}
	});

	it('never seeds when ATELIER_SEED=0', async () => {
		const server = await startServer({ env: { ATELIER_SEED: '0' } });
		try {
			await expect(signIn(server.url, 'demo@atelier.dev', 'atelier-demo')).rejects.toThrow(/401/);
		} finally {
			await server.stop();
		}
	});

	it('migrates and seeds an empty PostgreSQL database given by DATABASE_URL', async () => {
		const name = `atelier_e2e_${Date.now().toString(36)}`;
		const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = new URL(TEST_POSTGRES_URL);
		url.pathname = `/${name}`;
		const server = await startServer({ env: { ATELIER_SEED: '1', DATABASE_URL: url.href } });
		try {
			const cookie = await signIn(server.url, 'demo@atelier.dev', 'atelier-demo');
			const list = await trpc(server.url, cookie, 'product.list', undefined, 'query');
			expect(list.body.result?.data).toHaveLength(3);
		} finally {
			await server.stop();
			await admin.query(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});
});
