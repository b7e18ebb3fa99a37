import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Dialect } from '../db';
import { CloseCodes } from './closeCodes';
import {
	LogLevel,
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
	upgradeRefusal,
	waitFor,
	webSocketWithCookie,
	type TestClient,
	type TestDatabase,
	type TestServer,
	type TestUser
} from './testHarness';

const dialects: Dialect[] = ['sqlite', 'postgres'];

describe.each(dialects)('collaboration server on %s', (dialect) => {
	let testDb: TestDatabase;
	let server: TestServer;
	let owner: TestUser;
	let productId: string;
	const clients: TestClient[] = [];
	const sockets: WebSocket[] = [];

	function client(user: TestUser, product = productId): TestClient {
		const c = connectClient(server, product, user);
		clients.push(c);
		return c;
	}

	/** A raw `ws` socket with the user's cookie, for frames the real client would never send. */
	async function rawSocket(user: TestUser): Promise<WebSocket> {
		const Ws = webSocketWithCookie(user.cookie);
		const ws = new Ws(`${server.url}/${productId}`);
		sockets.push(ws);
		await new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('error', reject);
		});
		return ws;
	}

	function closeCodeOf(ws: WebSocket): Promise<number> {
		return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
	}

	async function restart(overrides: Parameters<typeof startTestServer>[1] = {}) {
		await server.stop();
		server = await startTestServer(testDb.database, overrides);
	}

	beforeEach(async () => {
		testDb = await openTestDatabase(dialect);
		server = await startTestServer(testDb.database, { roomIdleMs: 50, touchThrottleMs: 20 });
		owner = await signUp(server.auth, testDb.database, 'Olivia');
		productId = await newProduct(testDb.database, owner.workspaceId);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		for (const ws of sockets.splice(0)) ws.terminate();
		await server.stop();
		await testDb.dispose();
	});

	it('refuses an upgrade without a valid session with 401, before loading any document', async () => {
		const url = `${server.url}/${productId}`;
		for (const cookie of [undefined, 'better-auth.session_token=forged.value']) {
			const refused = await upgradeRefusal(url, cookie);
			expect(refused.status).toBe(401);
			expect(JSON.parse(refused.body)).toEqual({ error: expect.any(String) });
		}
		expect(server.authorizeCalls).toEqual([]);
		expect(server.logs.filter((l) => l.msg === 'collab room loaded')).toEqual([]);
		expect(await server.collab.readDraftState(productId)).toBeNull();
	});

	it('answers a product of another workspace with the same 404 as a missing product', async () => {
		const stranger = await signUp(server.auth, testDb.database, 'Stan');
		const elsewhere = await upgradeRefusal(`${server.url}/${productId}`, stranger.cookie);
		const missing = await upgradeRefusal(`${server.url}/nosuchproduct0000`, stranger.cookie);
		const malformedId = await upgradeRefusal(`${server.url}/Not-An-Id`, stranger.cookie);
		expect(elsewhere.status).toBe(404);
		expect(elsewhere).toEqual(missing);
		expect(malformedId).toEqual(missing);
		expect(server.logs.filter((l) => l.msg === 'collab room loaded')).toEqual([]);
	});

	it('lets two editors converge, and the stored updates rebuild the same document after a restart', async () => {
		const editor = await signUp(server.auth, testDb.database, 'Eddie');
		await joinWorkspace(testDb.database, owner, editor, 'editor');
		const a = client(owner);
		const b = client(editor);
		await Promise.all([a.synced(), b.synced()]);
		const random = seededRandom(20_251_127);
		for (let step = 0; step < 120; step++) {
			randomEdit(random() < 0.5 ? a.doc : b.doc, random, random() < 0.5 ? 'alpha' : 'beta');
			if (step % 10 === 0) await new Promise((r) => setTimeout(r, 1));
		}
		await waitFor('both editors see the same draft', () => {
			return JSON.stringify(draftJson(a.doc)) === JSON.stringify(draftJson(b.doc));
		});
		await server.collab.flush();
		const expected = draftJson(a.doc);
		expect(draftJson(docFrom(await server.collab.readDraftState(productId)))).toEqual(expected);

		for (const c of clients.splice(0)) c.destroy();
		await restart();
		expect(draftJson(docFrom(await server.collab.readDraftState(productId)))).toEqual(expected);
		const late = client(owner);
		await late.synced();
		expect(draftJson(late.doc)).toEqual(expected);

		const product = await testDb.database.db
			.selectFrom('product')
			.select(['created_at', 'updated_at'])
			.where('id', '=', productId)
			.executeTakeFirstOrThrow();
		expect(product.updated_at > product.created_at).toBe(true);
	});

	it("drops a viewer's document updates and logs them, while the viewer still receives edits", async () => {
		const viewer = await signUp(server.auth, testDb.database, 'Vera');
		await joinWorkspace(testDb.database, owner, viewer, 'viewer');
		const editorClient = client(owner);
		const viewerClient = client(viewer);
		await Promise.all([editorClient.synced(), viewerClient.synced()]);

		editorClient.doc.getMap('options').set('color', 'red');
		await waitFor(
			'the viewer receives the edit',
			() => viewerClient.doc.getMap('options').get('color') === 'red'
		);

		viewerClient.doc.getMap('options').set('color', 'hacked');
		viewerClient.doc.getArray('layers').push(['viewer-layer']);
		// Frames of one socket are handled in order: once the viewer's awareness arrives, its
		// updates before it were handled (and dropped).
		viewerClient.provider.awareness.setLocalStateField('user', { name: 'Vera' });
		await waitFor('the viewer awareness reaches the editor', () =>
			editorClient.provider.awareness.getStates().has(viewerClient.doc.clientID)
		);
		await server.collab.flush();
		expect(editorClient.doc.getMap('options').get('color')).toBe('red');
		expect(editorClient.doc.getArray('layers').length).toBe(0);
		const stored = docFrom(await server.collab.readDraftState(productId));
		expect(draftJson(stored)).toEqual({ options: { color: 'red' }, layers: [], name: '' });
		const warnings = server.logs.filter(
			(l) => l.msg === 'collab dropped a document update from a viewer'
		);
		expect(warnings.length).toBeGreaterThan(0);
		expect(warnings[0]).toMatchObject({ level: LogLevel.warn, productId, userId: viewer.userId });

		editorClient.doc.getMap('options').set('size', 'XL');
		await waitFor(
			'the viewer still receives edits',
			() => viewerClient.doc.getMap('options').get('size') === 'XL'
		);
		const rows = await testDb.database.db
			.selectFrom('draft_update')
			.select('user_id')
			.where('product_id', '=', productId)
			.execute();
		expect(rows.every((r) => r.user_id === owner.userId)).toBe(true);
	});

	it('closes only the connection that sent a malformed frame, with a named close code', async () => {
		const a = client(owner);
		const b = client(owner);
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getMap('options').set('before', 1);
		await waitFor('b syncs before the garbage', () => b.doc.getMap('options').get('before') === 1);

		const badUpdate = encoding.createEncoder();
		encoding.writeVarUint(badUpdate, 0);
		encoding.writeVarUint(badUpdate, 2);
		encoding.writeVarUint8Array(badUpdate, new Uint8Array([5, 200, 1, 7, 7, 7]));
		const frames: Array<{ data: string | Uint8Array; binary: boolean }> = [
			{ data: 'hello', binary: false },
			{ data: new Uint8Array([]), binary: true },
			{ data: new Uint8Array([0xff, 0xff, 0xff]), binary: true },
			{ data: new Uint8Array([9, 1, 2]), binary: true },
			{ data: new Uint8Array([0, 7, 0]), binary: true },
			{ data: encoding.toUint8Array(badUpdate), binary: true },
			{ data: new Uint8Array([1, 5, 1, 1, 1, 1, 1]), binary: true }
		];
		for (const frame of frames) {
			const ws = await rawSocket(owner);
			const closed = closeCodeOf(ws);
			ws.send(frame.data, { binary: frame.binary });
			expect(await closed).toBe(CloseCodes.malformedMessage);
		}
		expect(server.logs.filter((l) => l.msg.startsWith('collab malformed message')).length).toBe(
			frames.length
		);

		a.doc.getMap('options').set('after', 2);
		await waitFor('b keeps syncing', () => b.doc.getMap('options').get('after') === 2);
		b.doc.getArray('layers').push(['from-b']);
		await waitFor('a keeps syncing', () => a.doc.getArray('layers').length === 1);
		expect(a.closes).toEqual([]);
		expect(b.closes).toEqual([]);
		await server.collab.flush();
		expect(draftJson(docFrom(await server.collab.readDraftState(productId)))).toEqual(
			draftJson(a.doc)
		);
	});

	it('keeps every update through compaction, including updates that arrive while it runs', async () => {
		await restart({ roomIdleMs: 50, compactAfterUpdates: 8 });
		const editors = [client(owner), client(owner), client(owner)];
		await Promise.all(editors.map((c) => c.synced()));
		const random = seededRandom(7_919);
		for (let step = 0; step < 300; step++) {
			const i = Math.floor(random() * editors.length);
			randomEdit(editors[i].doc, random, `e${i}`);
			if (random() < 0.2) await new Promise((r) => setTimeout(r, Math.floor(random() * 3)));
		}
		await waitFor('every editor has the same draft', () => {
			const first = JSON.stringify(draftJson(editors[0].doc));
			return editors.every((c) => JSON.stringify(draftJson(c.doc)) === first);
		});
		await server.collab.flush();
		const expected = draftJson(editors[0].doc);
		const compactions = server.logs.filter((l) => l.msg === 'collab draft compacted');
		expect(compactions.length).toBeGreaterThan(3);

		for (const c of clients.splice(0)) c.destroy();
		await restart();
		expect(draftJson(docFrom(await server.collab.readDraftState(productId)))).toEqual(expected);
		const snapshot = await testDb.database.db
			.selectFrom('draft_snapshot')
			.select('up_to_update_id')
			.where('product_id', '=', productId)
			.executeTakeFirstOrThrow();
		const left = await testDb.database.db
			.selectFrom('draft_update')
			.select('id')
			.where('product_id', '=', productId)
			.execute();
		expect(left.every((r) => r.id > Number(snapshot.up_to_update_id))).toBe(true);
		expect(left.length).toBeLessThan(300);
	});

	it('stores a server change before relaying it to every connected client', async () => {
		const a = client(owner);
		const b = client(owner);
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getMap('options').set('kept', 'from a');
		await waitFor('b has a edit', () => b.doc.getMap('options').get('kept') === 'from a');

		const relayedTo: string[] = [];
		a.doc.on('update', (_u: Uint8Array, origin: unknown) => {
			if (origin === a.provider) relayedTo.push('a');
		});
		const update = await server.collab.applyServerChange(
			productId,
			(doc) => {
				doc.getMap('options').set('restored', 'v1');
				doc.getArray('layers').push(['from-snapshot']);
			},
			{ userId: owner.userId, reason: 'restore' }
		);
		expect(update).toBeInstanceOf(Uint8Array);
		// Stored by the time the promise resolves.
		const rows = await testDb.database.db
			.selectFrom('draft_update')
			.select(['update', 'user_id'])
			.where('product_id', '=', productId)
			.orderBy('id')
			.execute();
		const last = rows[rows.length - 1];
		expect(Buffer.from(last.update).equals(Buffer.from(update!))).toBe(true);
		expect(last.user_id).toBe(owner.userId);
		for (const c of [a, b]) {
			await waitFor('the client receives the server change', () => {
				return (
					c.doc.getMap('options').get('restored') === 'v1' &&
					c.doc.getArray('layers').toArray().includes('from-snapshot')
				);
			});
		}
		expect(relayedTo).toEqual(['a']);
		expect(a.doc.getMap('options').get('kept')).toBe('from a');
	});

	it('applies a server change to a room that is not loaded, and stores nothing for a no-op or a throwing change', async () => {
		const noChange = await server.collab.applyServerChange(productId, () => undefined);
		expect(noChange).toBeNull();
		await expect(
			server.collab.applyServerChange(productId, (doc) => {
				doc.getMap('options').set('half', true);
				throw new Error('the snapshot is unreadable');
			})
		).rejects.toThrow('the snapshot is unreadable');
		const nothing = await testDb.database.db
			.selectFrom('draft_update')
			.select('id')
			.where('product_id', '=', productId)
			.execute();
		expect(nothing).toEqual([]);

		await server.collab.applyServerChange(productId, (doc) =>
			doc.getMap('options').set('fromServer', 1)
		);
		await waitFor('the room unloads again', () =>
			server.logs.some((l) => l.msg === 'collab room unloaded')
		);
		const stored = await testDb.database.db
			.selectFrom('draft_update')
			.select('user_id')
			.where('product_id', '=', productId)
			.execute();
		expect(stored).toEqual([{ user_id: null }]);
		const late = client(owner);
		await late.synced();
		expect(late.doc.getMap('options').toJSON()).toEqual({ fromServer: 1 });
		await expect(server.collab.applyServerChange('Not-An-Id', () => undefined)).rejects.toThrow(
			'productId'
		);
	});

	it("closes a removed member's sockets with accessRevoked, which the client does not retry", async () => {
		const editor = await signUp(server.auth, testDb.database, 'Remy');
		await joinWorkspace(testDb.database, owner, editor, 'editor');
		const ownerClient = client(owner);
		const removed = client(editor);
		const removedElsewhere = client(editor, await newProduct(testDb.database, owner.workspaceId));
		await Promise.all([ownerClient.synced(), removed.synced(), removedElsewhere.synced()]);
		const terminal: number[] = [];
		removed.provider.on('closed', (event) => terminal.push(event.code));

		await testDb.database.db
			.deleteFrom('member')
			.where('userId', '=', editor.userId)
			.where('organizationId', '=', owner.workspaceId)
			.execute();
		const result = await server.collab.revokeAccess({
			userId: editor.userId,
			workspaceId: owner.workspaceId
		});
		expect(result).toEqual({ closed: 2, changed: 0 });
		await waitFor('the client gives up for good', () => terminal.length === 1);
		expect(terminal).toEqual([CloseCodes.accessRevoked]);
		await waitFor('the other product closes too', () => removedElsewhere.closes.length > 0);
		expect(removedElsewhere.closes[0].code).toBe(CloseCodes.accessRevoked);
		expect(removed.provider.shouldConnect).toBe(false);

		// The owner's socket in the same room carries on.
		ownerClient.doc.getMap('options').set('after', 'removal');
		await waitFor('the owner edit is stored', async () => {
			await server.collab.flush();
			const stored = docFrom(await server.collab.readDraftState(productId));
			return stored.getMap('options').get('after') === 'removal';
		});
		expect(ownerClient.closes).toEqual([]);
	});

	it('closes the socket of a member removed without a re-check call at the next access sweep', async () => {
		await restart({ roomIdleMs: 50, accessSweepMs: 100 });
		const editor = await signUp(server.auth, testDb.database, 'Sven');
		await joinWorkspace(testDb.database, owner, editor, 'editor');
		const removed = client(editor);
		await removed.synced();
		// As better-auth's own organization endpoints would: the row goes, nobody calls recheckAccess.
		await testDb.database.db
			.deleteFrom('member')
			.where('userId', '=', editor.userId)
			.where('organizationId', '=', owner.workspaceId)
			.execute();
		await waitFor('the sweep closes the socket', () => removed.closes.length > 0);
		expect(removed.closes[0].code).toBe(CloseCodes.accessRevoked);
	});

	it('makes a demoted editor read-only on its open socket at once, and a promoted viewer an editor', async () => {
		const editor = await signUp(server.auth, testDb.database, 'Dora');
		await joinWorkspace(testDb.database, owner, editor, 'editor');
		const ownerClient = client(owner);
		const demoted = client(editor);
		await Promise.all([ownerClient.synced(), demoted.synced()]);
		demoted.doc.getMap('options').set('asEditor', 1);
		await waitFor('the editor edit arrives', () =>
			ownerClient.doc.getMap('options').has('asEditor')
		);

		const setRole = (role: 'viewer' | 'editor') =>
			testDb.database.db
				.updateTable('member')
				.set({ role })
				.where('userId', '=', editor.userId)
				.where('organizationId', '=', owner.workspaceId)
				.execute();
		await setRole('viewer');
		expect(
			await server.collab.recheckAccess({ userId: editor.userId, workspaceId: owner.workspaceId })
		).toEqual({ closed: 0, changed: 1 });
		demoted.doc.getMap('options').set('asViewer', 1);
		// A later owner edit that reaches the demoted client proves its own frame was handled first.
		demoted.provider.awareness.setLocalStateField('user', { name: 'Dora' });
		await waitFor('the awareness after the edit arrives', () =>
			ownerClient.provider.awareness.getStates().has(demoted.doc.clientID)
		);
		await server.collab.flush();
		expect(ownerClient.doc.getMap('options').has('asViewer')).toBe(false);
		expect(
			docFrom(await server.collab.readDraftState(productId))
				.getMap('options')
				.has('asViewer')
		).toBe(false);
		expect(demoted.closes).toEqual([]);
		expect(
			server.logs.some(
				(l) =>
					l.msg === 'collab dropped a document update from a viewer' && l.userId === editor.userId
			)
		).toBe(true);

		// Promoted again: the server asks for what the client has, so its edit arrives after all.
		await setRole('editor');
		expect(
			await server.collab.recheckAccess({ userId: editor.userId, workspaceId: owner.workspaceId })
		).toEqual({ closed: 0, changed: 1 });
		await waitFor('the edit made as a viewer arrives after the promotion', () =>
			ownerClient.doc.getMap('options').has('asViewer')
		);
	});

	it("relays awareness and removes a client's awareness when its socket closes", async () => {
		const a = client(owner);
		const b = client(owner);
		await Promise.all([a.synced(), b.synced()]);
		a.provider.awareness.setLocalStateField('user', { name: 'Olivia', color: '#f60' });
		await waitFor(
			'b sees a',
			() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Olivia'
		);
		b.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
		await waitFor(
			'a sees b',
			() => a.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.x === 1
		);

		// A newcomer gets everyone present right away.
		const c = client(owner);
		await c.synced();
		await waitFor('the newcomer sees a and b', () => {
			const states = c.provider.awareness.getStates();
			return states.has(a.doc.clientID) && states.has(b.doc.clientID);
		});

		// Cut a's socket without a goodbye: the server removes its state for the others.
		(a.provider.ws as unknown as WebSocket | null)?.terminate();
		a.provider.shouldConnect = false;
		await waitFor(
			'b no longer sees a',
			() => !b.provider.awareness.getStates().has(a.doc.clientID)
		);
		await waitFor(
			'c no longer sees a',
			() => !c.provider.awareness.getStates().has(a.doc.clientID)
		);
		expect(
			await testDb.database.db
				.selectFrom('draft_update')
				.select('id')
				.where('product_id', '=', productId)
				.execute()
		).toEqual([]);
	});

	it("drops an awareness update for another user's client, and lets a user's new socket take over its own", async () => {
		const other = await signUp(server.auth, testDb.database, 'Mallory');
		await joinWorkspace(testDb.database, owner, other, 'editor');
		const a = client(owner);
		const watcher = client(owner);
		await Promise.all([a.synced(), watcher.synced()]);
		a.provider.awareness.setLocalStateField('user', { name: 'Olivia' });
		const nameSeen = () =>
			watcher.provider.awareness.getStates().get(a.doc.clientID)?.user?.name as string | undefined;
		await waitFor('the watcher sees a', () => nameSeen() === 'Olivia');

		/** `[1, [1, client, clock, state]]`: an awareness frame for one client id. */
		const awarenessFrame = (name: string) => {
			const inner = encoding.createEncoder();
			encoding.writeVarUint(inner, 1);
			encoding.writeVarUint(inner, a.doc.clientID);
			encoding.writeVarUint(inner, 1_000);
			encoding.writeVarString(inner, JSON.stringify({ user: { name } }));
			const outer = encoding.createEncoder();
			encoding.writeVarUint(outer, 1);
			encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
			return encoding.toUint8Array(outer);
		};
		const spoofer = await rawSocket(other);
		spoofer.send(awarenessFrame('Spoofed'));
		await waitFor('the server logs the spoof', () =>
			server.logs.some(
				(l) => l.msg === "collab dropped an awareness update for another user's client"
			)
		);
		expect(nameSeen()).toBe('Olivia');

		// The same user on a new socket (a reconnect the server has not noticed yet) may.
		const sameUser = await rawSocket(owner);
		sameUser.send(awarenessFrame('Olivia again'));
		await waitFor('the takeover is relayed', () => nameSeen() === 'Olivia again');
	});

	it("echoes a client's awareness back to it, the heartbeat that keeps a lone y-websocket client connected", async () => {
		const alone = client(owner);
		await alone.synced();
		const before = alone.provider.wsLastMessageReceived;
		await new Promise((r) => setTimeout(r, 20));
		alone.provider.awareness.setLocalStateField('user', { name: 'Olivia' });
		await waitFor('the client hears back', () => alone.provider.wsLastMessageReceived > before);
	});

	it('drops a socket that stops answering pings', async () => {
		await restart({ keepaliveMs: 40 });
		// `ws` answers pings by itself unless told not to: this socket plays a dead peer.
		const silent = new WebSocket(`${server.url}/${productId}`, {
			headers: { cookie: owner.cookie },
			autoPong: false
		});
		sockets.push(silent);
		await new Promise((r) => silent.once('open', r));
		const code = await closeCodeOf(silent);
		expect(code).toBe(1006);
		expect(server.logs.some((l) => l.msg === 'collab socket missed a pong')).toBe(true);
	});

	it('unloads an idle room after flushing and loads it again on the next join', async () => {
		const a = client(owner);
		await a.synced();
		a.doc.getMap('options').set('kept', true);
		a.destroy();
		clients.splice(0);
		await waitFor('the room unloads', () =>
			server.logs.some((l) => l.msg === 'collab room unloaded')
		);
		expect(
			docFrom(await server.collab.readDraftState(productId))
				.getMap('options')
				.get('kept')
		).toBe(true);
		const b = client(owner);
		await b.synced();
		expect(b.doc.getMap('options').get('kept')).toBe(true);
		expect(server.logs.filter((l) => l.msg === 'collab room loaded').length).toBe(2);
	});

	it('closes every socket with 1001 on close() after storing what it received', async () => {
		const a = client(owner);
		await a.synced();
		a.provider.shouldReconnect = () => false;
		for (let i = 0; i < 20; i++) a.doc.getArray('layers').push([`l${i}`]);
		await waitFor('the updates were received', async () => {
			await server.collab.flush();
			return (await server.collab.readDraftState(productId)) !== null;
		});
		await server.collab.close();
		await waitFor('the client sees the close', () => a.closes.length > 0);
		expect(a.closes[0].code).toBe(CloseCodes.goingAway);
		a.destroy();
		clients.splice(0);
		await restart();
		const stored = docFrom(await server.collab.readDraftState(productId));
		expect(stored.getArray('layers').length).toBeGreaterThan(0);
	});
});

describe('message size limit', () => {
	it('closes a socket that sends a message over maxMessageBytes with messageTooBig, and only that one', async () => {
		const testDb = await openTestDatabase('sqlite');
		const server = await startTestServer(testDb.database, { maxMessageBytes: 4096 });
		const owner = await signUp(server.auth, testDb.database, 'Max');
		const productId = await newProduct(testDb.database, owner.workspaceId);
		const good = connectClient(server, productId, owner);
		const Ws = webSocketWithCookie(owner.cookie);
		const opened: WebSocket[] = [];
		try {
			await good.synced();
			for (const [bytes, code] of [
				[5_000, CloseCodes.messageTooBig],
				// Over twice the limit `ws` stops reading the frame and closes with its own code.
				[10_000, CloseCodes.frameTooBig]
			]) {
				const big = new Ws(`${server.url}/${productId}`);
				opened.push(big);
				await new Promise((r) => big.once('open', r));
				const closed = new Promise<number>((resolve) => big.once('close', (c) => resolve(c)));
				big.send(new Uint8Array(bytes));
				expect(await closed).toBe(code);
			}
			good.doc.getMap('options').set('still', 'here');
			await waitFor('the other client is stored', async () => {
				await server.collab.flush();
				const state = await server.collab.readDraftState(productId);
				return docFrom(state).getMap('options').get('still') === 'here';
			});
			expect(good.closes).toEqual([]);
			expect(server.logs.some((l) => l.msg === 'collab message too big, closing')).toBe(true);
		} finally {
			for (const ws of opened) ws.terminate();
			good.destroy();
			await server.stop();
			await testDb.dispose();
		}
	});
});

describe('rate limit', () => {
	/** `count` valid update frames, each one transaction of a client doc of its own. */
	function updateFrames(count: number): Uint8Array[] {
		const doc = new Y.Doc();
		const frames: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			encoding.writeVarUint(encoder, 2);
			encoding.writeVarUint8Array(encoder, update);
			frames.push(encoding.toUint8Array(encoder));
		});
		for (let i = 0; i < count; i++) doc.getArray('flood').push([i]);
		return frames;
	}

	/** Sends frames in one write, so the server reads them as one chunk (already past pause()). */
	function sendAtOnce(ws: WebSocket, frames: Uint8Array[]): void {
		const raw = (ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
		raw.cork();
		for (const frame of frames) ws.send(frame);
		raw.uncork();
	}

	it('throttles a flooding socket without closing it or slowing the others, and loses none of its updates', async () => {
		const testDb = await openTestDatabase('sqlite');
		const server = await startTestServer(testDb.database, {
			rateLimit: { perSecond: 60, burst: 20 }
		});
		const owner = await signUp(server.auth, testDb.database, 'Flo');
		const productId = await newProduct(testDb.database, owner.workspaceId);
		const a = connectClient(server, productId, owner);
		const b = connectClient(server, productId, owner);
		const flooder = new (webSocketWithCookie(owner.cookie))(`${server.url}/${productId}`);
		const flooderCloses: number[] = [];
		flooder.on('close', (code) => flooderCloses.push(code));
		try {
			await Promise.all([a.synced(), b.synced(), new Promise((r) => flooder.once('open', r))]);
			const flood = 150;
			sendAtOnce(flooder, updateFrames(flood));
			await waitFor('the flooder is throttled', () =>
				server.logs.some((l) => l.msg === 'collab throttling a socket')
			);
			a.doc.getMap('options').set('meanwhile', 'a');
			await waitFor('b receives a while the flood is held back', () =>
				b.doc.getMap('options').has('meanwhile')
			);
			// 150 frames at 60/s after a burst of 20 take about two seconds: most still wait.
			expect(b.doc.getArray('flood').length).toBeLessThan(flood);
			await waitFor(
				'every flooded update arrives in the end',
				() => b.doc.getArray('flood').length === flood,
				15_000
			);
			expect(b.doc.getArray('flood').toArray()).toEqual([...Array(flood).keys()]);
			expect(flooderCloses).toEqual([]);
			expect(a.closes).toEqual([]);
			expect(b.closes).toEqual([]);
		} finally {
			flooder.terminate();
			a.destroy();
			b.destroy();
			await server.stop();
			await testDb.dispose();
		}
	});

	it('closes a socket with rateLimited when more frames wait than maxQueued', async () => {
		const testDb = await openTestDatabase('sqlite');
		const server = await startTestServer(testDb.database, {
			rateLimit: { perSecond: 10, burst: 5, maxQueued: 20 }
		});
		const owner = await signUp(server.auth, testDb.database, 'Flo');
		const productId = await newProduct(testDb.database, owner.workspaceId);
		const other = connectClient(server, productId, owner);
		const flooder = new (webSocketWithCookie(owner.cookie))(`${server.url}/${productId}`);
		try {
			await Promise.all([other.synced(), new Promise((r) => flooder.once('open', r))]);
			const closed = new Promise<number>((resolve) => flooder.once('close', (c) => resolve(c)));
			sendAtOnce(flooder, updateFrames(200));
			expect(await closed).toBe(CloseCodes.rateLimited);
			other.doc.getMap('options').set('after', 1);
			await waitFor('the other socket is unaffected', async () => {
				await server.collab.flush();
				return docFrom(await server.collab.readDraftState(productId))
					.getMap('options')
					.has('after');
			});
			expect(other.closes).toEqual([]);
		} finally {
			flooder.terminate();
			other.destroy();
			await server.stop();
			await testDb.dispose();
		}
	});
});

describe('readDraftState', () => {
	it('reads a product that never had a room from the database, and null for an empty draft', async () => {
		const testDb = await openTestDatabase('sqlite');
		const server = await startTestServer(testDb.database);
		try {
			const owner = await signUp(server.auth, testDb.database, 'Rita');
			const productId = await newProduct(testDb.database, owner.workspaceId);
			expect(await server.collab.readDraftState(productId)).toBeNull();
			const doc = new Y.Doc();
			doc.getMap('options').set('a', 1);
			await testDb.database.db
				.insertInto('draft_update')
				.values({
					product_id: productId,
					update: Buffer.from(Y.encodeStateAsUpdate(doc)),
					user_id: owner.userId,
					created_at: new Date().toISOString()
				})
				.execute();
			expect(
				docFrom(await server.collab.readDraftState(productId))
					.getMap('options')
					.toJSON()
			).toEqual({ a: 1 });
		} finally {
			await server.stop();
			await testDb.dispose();
		}
	});
});
