import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes } from './closeCodes';
import {
	REDIS_URL,
	connectClient,
	docFrom,
	draftJson,
	joinWorkspace,
	newProduct,
	openTestDatabase,
	randomEdit,
	seededRandom,
	signUp,
	startTestServer,
	waitFor,
	type TestClient,
	type TestDatabase,
	type TestServer,
	type TestUser
} from './testHarness';

/** Two instances on one PostgreSQL schema and one Redis, as two processes would be. */
describe('two instances through Redis', () => {
	let testDb: TestDatabase;
	let first: TestServer;
	let second: TestServer;
	let owner: TestUser;
	let productId: string;
	const clients: TestClient[] = [];

	function client(server: TestServer, user: TestUser = owner): TestClient {
		const c = connectClient(server, productId, user);
		clients.push(c);
		return c;
	}

	async function storedRows(): Promise<number> {
		const rows = await testDb.database.db
			.selectFrom('draft_update')
			.select('id')
			.where('product_id', '=', productId)
			.execute();
		return rows.length;
	}

	beforeEach(async () => {
		testDb = await openTestDatabase('postgres');
		const settings = { roomIdleMs: 50, touchThrottleMs: 20, redisUrl: REDIS_URL };
		first = await startTestServer(testDb.database, settings);
		second = await startTestServer(testDb.database, settings);
		owner = await signUp(first.auth, testDb.database, 'Orla');
		productId = await newProduct(testDb.database, owner.workspaceId);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await Promise.all([first.stop(), second.stop()]);
		await testDb.dispose();
	});

	it('relays edits both ways, each stored once, and converges under random edits', async () => {
		const a = client(first);
		const b = client(second);
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getMap('options').set('fromFirst', 1);
		await waitFor('b sees a', () => b.doc.getMap('options').get('fromFirst') === 1);
		b.doc.getMap('options').set('fromSecond', 2);
		await waitFor('a sees b', () => a.doc.getMap('options').get('fromSecond') === 2);
		await Promise.all([first.collab.flush(), second.collab.flush()]);
		// One row per edit: the receiving instance relays, it does not store again.
		expect(await storedRows()).toBe(2);

		const random = seededRandom(5_150);
		for (let step = 0; step < 200; step++) {
			randomEdit(random() < 0.5 ? a.doc : b.doc, random, random() < 0.5 ? 'x' : 'y');
			if (step % 20 === 0) await new Promise((r) => setTimeout(r, 2));
		}
		await waitFor('both converge', () => {
			return JSON.stringify(draftJson(a.doc)) === JSON.stringify(draftJson(b.doc));
		});
		await Promise.all([first.collab.flush(), second.collab.flush()]);
		const expected = draftJson(a.doc);
		expect(draftJson(docFrom(await first.collab.readDraftState(productId)))).toEqual(expected);
		expect(draftJson(docFrom(await second.collab.readDraftState(productId)))).toEqual(expected);
		// Stored exactly once each: the rows rebuild the same draft, and there are not twice as many.
		expect(await storedRows()).toBeLessThanOrEqual(202);
		for (const server of [first, second]) {
			expect(server.logs.some((l) => l.msg === 'collab remote update rejected by Yjs')).toBe(false);
		}
	});

	it("relays awareness across instances and removes a client's when it leaves", async () => {
		const a = client(first);
		const b = client(second);
		await Promise.all([a.synced(), b.synced()]);
		a.provider.awareness.setLocalStateField('user', { name: 'Orla', color: '#06f' });
		await waitFor(
			'b sees a',
			() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Orla'
		);
		b.provider.awareness.setLocalStateField('cursor', { x: 3 });
		await waitFor(
			'a sees b',
			() => a.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.x === 3
		);
		// A newcomer on the second instance sees the first instance's client at once.
		const c = client(second);
		await c.synced();
		await waitFor('the newcomer sees a', () =>
			c.provider.awareness.getStates().has(a.doc.clientID)
		);

		a.provider.disconnect();
		await waitFor(
			'b no longer sees a',
			() => !b.provider.awareness.getStates().has(a.doc.clientID)
		);
		await waitFor(
			'c no longer sees a',
			() => !c.provider.awareness.getStates().has(a.doc.clientID)
		);
	});

	it('lets an instance that loads a room late see everything already committed', async () => {
		const a = client(first);
		await a.synced();
		for (let i = 0; i < 30; i++) a.doc.getArray('layers').push([`l${i}`]);
		// The second instance loads while the first is still storing.
		const b = client(second);
		await b.synced();
		await waitFor('b has everything', () => b.doc.getArray('layers').length === 30);
		expect(b.doc.getArray('layers').toArray()).toEqual(a.doc.getArray('layers').toArray());
	});

	it('applies a server change made on one instance on the other', async () => {
		const b = client(second);
		await b.synced();
		await first.collab.applyServerChange(productId, (doc: Y.Doc) =>
			doc.getMap('options').set('restored', true)
		);
		await waitFor(
			'b receives the server change',
			() => b.doc.getMap('options').get('restored') === true
		);
	});

	it('catches a room up from the database after its Redis subscription was cut', async () => {
		const a = client(first);
		const b = client(second);
		await Promise.all([a.synced(), b.synced()]);
		const ready = second.logs.find((l) => l.msg === 'collab fan-out through redis ready');
		const admin = new Redis(REDIS_URL);
		try {
			const list = String(await admin.call('CLIENT', 'LIST'));
			const line = list
				.split('\n')
				.find((l) => l.includes(`name=atelier-sub-${ready?.instanceId}`));
			const address = line?.match(/ addr=(\S+)/)?.[1];
			expect(address).toBeTruthy();
			await admin.call('CLIENT', 'KILL', 'ADDR', address!);
			// Published while the second instance is resubscribing: it may never hear of this one.
			a.doc.getMap('options').set('duringOutage', 1);
			await waitFor('the second instance caught up', () =>
				second.logs.some((l) => l.msg === 'collab room caught up from the database')
			);
			await waitFor('b has the edit', () => b.doc.getMap('options').get('duringOutage') === 1);
			a.doc.getMap('options').set('afterOutage', 2);
			await waitFor(
				'the relay works again',
				() => b.doc.getMap('options').get('afterOutage') === 2
			);
		} finally {
			admin.disconnect();
		}
	});

	it('catches up from the database when another instance loads the room (it may have died before publishing)', async () => {
		const a = client(first);
		await a.synced();
		// What an instance killed between its insert and its publish leaves: a stored row nobody heard of.
		const orphan = new Y.Doc();
		orphan.getMap('options').set('orphan', 'stored, never published');
		await testDb.database.db
			.insertInto('draft_update')
			.values({
				product_id: productId,
				update: Buffer.from(Y.encodeStateAsUpdate(orphan)),
				user_id: owner.userId,
				created_at: new Date().toISOString()
			})
			.execute();
		expect(a.doc.getMap('options').has('orphan')).toBe(false);
		// The restarted instance loads the room and says hello; the first one reads the database again.
		const b = client(second);
		await b.synced();
		expect(b.doc.getMap('options').get('orphan')).toBe('stored, never published');
		await waitFor('a receives the orphaned update', () => a.doc.getMap('options').has('orphan'));
	});

	it('closes a removed member’s socket on the other instance', async () => {
		const editor = await signUp(first.auth, testDb.database, 'Rhea');
		await joinWorkspace(testDb.database, owner, editor, 'editor');
		const removed = client(second, editor);
		await removed.synced();
		await testDb.database.db
			.deleteFrom('member')
			.where('userId', '=', editor.userId)
			.where('organizationId', '=', owner.workspaceId)
			.execute();
		// Re-checked on the first instance, where the user has no socket at all.
		expect(
			await first.collab.revokeAccess({ userId: editor.userId, workspaceId: owner.workspaceId })
		).toEqual({ closed: 0, changed: 0 });
		await waitFor('the socket on the second instance closes', () => removed.closes.length > 0);
		expect(removed.closes[0].code).toBe(CloseCodes.accessRevoked);
	});
});
