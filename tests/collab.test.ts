import WebSocket from 'ws';
import { CloseCodes } from '../src/lib/server/collab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEditor, eventually, upgradeStatus } from './support/collab-client';
import { signUp, startServer, trpc, uniqueEmail, type RunningServer } from './support/server';

const password = 'correct-horse-battery';

async function ownerWithProduct(server: RunningServer, handle: string) {
	const cookie = await signUp(server.url, { email: uniqueEmail('owner'), password, name: 'Owner' });
	const created = await trpc(server.url, cookie, 'product.create', { name: handle, handle });
	return { cookie, productId: (created.body.result?.data as { id: string }).id };
}

async function inviteAs(server: RunningServer, ownerCookie: string, role: 'viewer' | 'editor') {
	const invite = await trpc(server.url, ownerCookie, 'workspace.invite', { role });
	const { url } = invite.body.result?.data as { url: string };
	const token = url.split('/invite/')[1];
	const cookie = await signUp(server.url, { email: uniqueEmail(role), password, name: role });
	// The invite page's form action joins the workspace, as a person clicking "Join" would.
	const response = await fetch(`${server.url}/invite/${token}?/join`, {
		method: 'POST',
		headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
		body: '',
		redirect: 'manual'
	});
	expect(response.status).toBeLessThan(400);
	return cookie;
}

describe('the collaboration socket of the server process', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('refuses an upgrade without a session with 401', async () => {
		const { productId } = await ownerWithProduct(server, 'no-session');
		expect(await upgradeStatus(server.url, `/collab/${productId}`)).toBe(401);
	});

	it('answers 404 for a product of another workspace, as for a missing one', async () => {
		const { productId } = await ownerWithProduct(server, 'private');
		const stranger = await signUp(server.url, { email: uniqueEmail('x'), password, name: 'X' });
		expect(await upgradeStatus(server.url, `/collab/${productId}`, stranger)).toBe(404);
		expect(await upgradeStatus(server.url, `/collab/nosuchproduct`, stranger)).toBe(404);
	});

	it("relays edits between editors and does not apply a viewer's updates", async () => {
		const { cookie, productId } = await ownerWithProduct(server, 'shared');
		const viewerCookie = await inviteAs(server, cookie, 'viewer');
		const owner = connectEditor(server.url, cookie, productId);
		const viewer = connectEditor(server.url, viewerCookie, productId);
		try {
			await Promise.all([owner.synced(), viewer.synced()]);
			owner.doc.getMap('draft').set('name', 'From the owner');
			await eventually(
				() => viewer.doc.getMap('draft').get('name') === 'From the owner',
				'viewer receives'
			);
			viewer.doc.getMap('draft').set('name', 'From the viewer');
			viewer.doc.getMap('draft').set('viewerOnly', true);
			// A later owner edit proves the server processed whatever the viewer sent before it.
			await new Promise((r) => setTimeout(r, 300));
			owner.doc.getMap('draft').set('marker', 1);
			await eventually(() => viewer.doc.getMap('draft').get('marker') === 1, 'marker relayed');
			expect(owner.doc.getMap('draft').get('name')).toBe('From the owner');
			expect(owner.doc.getMap('draft').has('viewerOnly')).toBe(false);
			const fresh = connectEditor(server.url, cookie, productId);
			await fresh.synced();
			expect(fresh.doc.getMap('draft').toJSON()).toEqual({ name: 'From the owner', marker: 1 });
			fresh.destroy();
		} finally {
			owner.destroy();
			viewer.destroy();
		}
	});

	it('closes a connection that sends a malformed frame with a named code and keeps the others', async () => {
		const { cookie, productId } = await ownerWithProduct(server, 'malformed');
		const good = connectEditor(server.url, cookie, productId);
		await good.synced();
		const bad = new WebSocket(`${server.url.replace(/^http/, 'ws')}/collab/${productId}`, {
			headers: { cookie }
		});
		await new Promise((resolve) => bad.on('open', resolve));
		const closed = new Promise<number>((resolve) => bad.on('close', (code) => resolve(code)));
		bad.send(Buffer.from([0, 2, 250, 250, 250, 250, 250]));
		const code = await closed;
		expect(code).toBe(CloseCodes.malformedMessage);
		const other = connectEditor(server.url, cookie, productId);
		try {
			await other.synced();
			good.doc.getMap('draft').set('still', 'working');
			await eventually(
				() => other.doc.getMap('draft').get('still') === 'working',
				'others keep syncing'
			);
		} finally {
			good.destroy();
			other.destroy();
		}
	});
});

describe('a crash of the server process', () => {
	it('loses no update that the server had relayed, and clients reconnect by themselves', async () => {
		let server = await startServer();
		const { port, dataDir } = server;
		const { cookie, productId } = await ownerWithProduct(server, 'crash');
		const writer = connectEditor(server.url, cookie, productId);
		const observer = connectEditor(server.url, cookie, productId);
		try {
			await Promise.all([writer.synced(), observer.synced()]);
			const seenByObserver = new Set<number>();
			const observed = observer.doc.getArray<number>('log');
			observed.observe(() => observed.toArray().forEach((v) => seenByObserver.add(v)));

			let sent = 0;
			const writing = setInterval(() => writer.doc.getArray<number>('log').push([sent++]), 5);
			await eventually(() => seenByObserver.size >= 40, 'updates flowing');
			await server.kill();
			clearInterval(writing);
			const acknowledged = [...seenByObserver];
			expect(acknowledged.length).toBeGreaterThanOrEqual(40);

			server = await startServer({ dataDir, env: { PORT: String(port) } });
			const reader = connectEditor(server.url, cookie, productId);
			await reader.synced();
			const stored = new Set(reader.doc.getArray<number>('log').toArray());
			const lost = acknowledged.filter((value) => !stored.has(value));
			expect(lost).toEqual([]);
			reader.destroy();
			// The writer reconnects on its own and its unsent edits arrive too.
			await eventually(() => writer.provider.wsconnected, 'writer reconnects', 20_000);
			await eventually(
				() => observer.doc.getArray('log').length === writer.doc.getArray('log').length,
				'everyone converges after the restart',
				20_000
			);
			expect(observer.doc.getArray('log').length).toBe(sent);
		} finally {
			writer.destroy();
			observer.destroy();
			await server.stop();
		}
	});
});
