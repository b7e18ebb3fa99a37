import * as encoding from 'lib0/encoding';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ZodError } from 'zod';
import * as Y from 'yjs';
import { changeDefinition, changeLayout, EditOrigin } from '../collab/change';
import {
	adoptServerEdit,
	EDIT_LABEL_MESSAGE,
	freshClientId,
	sendEditLabels,
	trackUndoLabels
} from '../collab/edit-label';
import { readDefinition } from '../collab/definition-doc';
import type { AppServices } from './app';
import { CloseCodes } from './collab';
import {
	connectClient,
	joinWorkspace,
	newProduct,
	openTestDatabase,
	signUp,
	startTestServer,
	waitFor,
	webSocketWithCookie,
	type TestClient,
	type TestDatabase,
	type TestServer,
	type TestUser
} from './collab/testHarness';
import type { Dialect } from './db';
import { appRouter } from './trpc';
import { formatPath } from './trpc/init';

/** The words a refused call answers with, as the API's error formatter puts them. */
async function refusal(call: Promise<unknown>): Promise<string> {
	try {
		await call;
	} catch (error) {
		const cause = (error as { cause?: unknown }).cause;
		if (cause instanceof ZodError)
			return cause.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
		return (error as Error).message;
	}
	throw new Error('the call was not refused');
}

const dialects: Dialect[] = ['sqlite', 'postgres'];

describe.each(dialects)('draft history and named snapshots on %s', (dialect) => {
	let testDb: TestDatabase;
	let server: TestServer;
	let owner: TestUser;
	let editor: TestUser;
	let viewer: TestUser;
	let productId: string;
	const clients: TestClient[] = [];

	/** tRPC as the studio calls it, for `user`, on the real database and rooms. */
	function api(user: TestUser) {
		const services = {
			database: testDb.database,
			collab: server.collab,
			log: pino({ level: 'silent' })
		} as unknown as AppServices;
		return appRouter.createCaller({
			services,
			user: { id: user.userId, name: user.name, email: `${user.userId}@example.test` },
			sessionId: null,
			activeWorkspaceId: owner.workspaceId
		}).product;
	}

	/** A studio-like client: labels its edits on the socket, undoes only its own. */
	function studioClient(user: TestUser) {
		const doc = new Y.Doc();
		const session = {};
		let undoManager: Y.UndoManager | null = null;
		let client: TestClient | null = null;
		sendEditLabels(
			doc,
			(frame) => {
				const ws = client?.provider.ws;
				if (client?.provider.wsconnected && ws?.readyState === WebSocket.OPEN) ws.send(frame);
			},
			() => undoManager
		);
		client = connectClient(server, productId, user, doc);
		clients.push(client);
		undoManager = new Y.UndoManager(
			[doc.getMap('definition'), doc.getMap('layout')],
			// A plain Set, as Yjs wants it.
			{ trackedOrigins: new Set([EditOrigin]), captureTimeout: 0 }
		);
		trackUndoLabels(undoManager);
		return {
			client,
			doc,
			undoManager,
			edit(label: string, mutate: (d: { [key: string]: unknown }) => void) {
				changeDefinition(doc, new EditOrigin(label, session), (d) => void mutate(d));
			}
		};
	}

	async function activity() {
		return testDb.database.db
			.selectFrom('draft_activity')
			.select(['user_id', 'label'])
			.where('product_id', '=', productId)
			.orderBy('id')
			.execute();
	}

	beforeEach(async () => {
		testDb = await openTestDatabase(dialect);
		server = await startTestServer(testDb.database, { roomIdleMs: 50, compactAfterUpdates: 3 });
		owner = await signUp(server.auth, testDb.database, 'Olivia');
		editor = await signUp(server.auth, testDb.database, 'Eve');
		viewer = await signUp(server.auth, testDb.database, 'Victor');
		await joinWorkspace(testDb.database, owner, editor, 'editor');
		await joinWorkspace(testDb.database, owner, viewer, 'viewer');
		productId = await newProduct(testDb.database, owner.workspaceId);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
		await testDb.dispose();
	});

	it('records each stored edit with its author and the label the client sent, past compaction', async () => {
		const eve = studioClient(editor);
		await eve.client.synced();
		eve.edit('Name of product', (d) => void (d.name = 'Mug'));
		eve.edit('Base price of Mug', (d) => void (d.basePrice = 1200));
		// An update without a label (another client, or offline edits) is recorded without one.
		eve.doc.getMap('definition').set('currency', 'EUR');
		eve.undoManager.undo();
		eve.undoManager.redo();
		await waitFor('five entries', async () => (await activity()).length === 5);
		expect(await activity()).toEqual([
			{ user_id: editor.userId, label: 'Name of product' },
			{ user_id: editor.userId, label: 'Base price of Mug' },
			{ user_id: editor.userId, label: null },
			{ user_id: editor.userId, label: 'Undo Base price of Mug' },
			{ user_id: editor.userId, label: 'Redo Base price of Mug' }
		]);
		// The browser's stored copy, replayed as one unlabelled update the room already has, is not
		// stored again (nor listed); the next labelled edit is.
		const replay = encoding.createEncoder();
		encoding.writeVarUint(replay, 0);
		encoding.writeVarUint(replay, 2);
		encoding.writeVarUint8Array(replay, Y.encodeStateAsUpdate(eve.doc));
		eve.client.provider.ws!.send(encoding.toUint8Array(replay));
		eve.edit('Currency', (d) => void (d.currency = 'USD'));
		await waitFor('six entries', async () => (await activity()).length === 6);
		expect((await activity()).at(-1)).toEqual({ user_id: editor.userId, label: 'Currency' });
		await server.collab.flush();
		// More than `compactAfterUpdates` were stored: the updates are compacted, the history is not.
		const updates = await testDb.database.db
			.selectFrom('draft_update')
			.select('id')
			.where('product_id', '=', productId)
			.execute();
		expect(updates.length).toBeLessThan(6);

		// The tRPC list: newest first, with the author's name; any member may read it.
		const history = await api(viewer).history({ productId });
		expect(history.map((e) => [e.userName, e.label])).toEqual([
			['Eve', 'Currency'],
			['Eve', 'Redo Base price of Mug'],
			['Eve', 'Undo Base price of Mug'],
			['Eve', null],
			['Eve', 'Base price of Mug'],
			['Eve', 'Name of product']
		]);
		const older = await api(viewer).history({ productId, before: history[2].id, limit: 2 });
		expect(older.map((e) => e.label)).toEqual([null, 'Base price of Mug']);
		expect(await refusal(api(viewer).history({ productId, limit: 10_000 }))).toContain(
			'limit: use at most 500'
		);
	});

	it('closes a socket that sends a label longer than the limit, and records nothing', async () => {
		const ws = new (webSocketWithCookie(editor.cookie))(`${server.url}/${productId}`);
		await new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('error', reject);
		});
		const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, EDIT_LABEL_MESSAGE);
		encoding.writeVarString(encoder, 'x'.repeat(201));
		ws.send(encoding.toUint8Array(encoder));
		expect(await closed).toBe(CloseCodes.malformedMessage);
		expect(await activity()).toEqual([]);
	});

	it('creates, lists, previews and restores a named snapshot; the restore reaches everyone and is undoable by its author', async () => {
		const eve = studioClient(editor);
		const olivia = studioClient(owner);
		await Promise.all([eve.client.synced(), olivia.client.synced()]);
		eve.edit('Name of product', (d) => void (d.name = 'Mug'));
		changeLayout(eve.doc, new EditOrigin('Move option', {}), (l) => {
			l.graph = { positions: { 'option:size': { x: 10, y: 20 } } };
		});
		await waitFor('the owner has the edits', () => readDefinition(olivia.doc).name === 'Mug');
		await server.collab.flush();

		const created = await api(editor).createSnapshot({ productId, name: '  Before pricing  ' });
		expect(created).toMatchObject({ name: 'Before pricing', createdByName: 'Eve' });

		eve.edit('Name of product', (d) => void (d.name = 'Big mug'));
		eve.edit('Base price of Big mug', (d) => void (d.basePrice = 2500));
		await waitFor(
			'the owner has the later edits',
			() => readDefinition(olivia.doc).basePrice === 2500
		);
		await server.collab.flush();

		expect((await api(viewer).snapshots({ productId })).map((s) => s.name)).toEqual([
			'Before pricing'
		]);
		const preview = await api(viewer).snapshot({ productId, snapshotId: created.id });
		expect(preview.definition).toMatchObject({ name: 'Mug' });
		expect(preview.definition.basePrice).toBeUndefined();
		expect(preview.layout).toEqual({ graph: { positions: { 'option:size': { x: 10, y: 20 } } } });

		// The owner restores it, asking for a client id so the owner's editor can undo it.
		const clientId = freshClientId();
		const adoption = adoptServerEdit(
			olivia.doc,
			olivia.undoManager,
			clientId,
			'Restored snapshot “Before pricing”'
		);
		const restored = await api(owner).restoreSnapshot({
			productId,
			snapshotId: created.id,
			clientId
		});
		expect(restored).toEqual({ changed: true, label: 'Restored snapshot “Before pricing”' });
		for (const c of [eve, olivia]) {
			await waitFor('the restore reaches every client', () => {
				const d = readDefinition(c.doc);
				return d.name === 'Mug' && d.basePrice === undefined;
			});
		}
		await adoption.arrived;
		const entries = await api(owner).history({ productId, limit: 1 });
		expect(entries[0]).toMatchObject({
			userId: owner.userId,
			userName: 'Olivia',
			label: 'Restored snapshot “Before pricing”'
		});

		// The owner undoes the restore (an edit of the owner's own): everyone is back at the later
		// state, and the history says so.
		expect(olivia.undoManager.canUndo()).toBe(true);
		olivia.undoManager.undo();
		for (const c of [eve, olivia]) {
			await waitFor('the undone restore reaches every client', () => {
				const d = readDefinition(c.doc);
				return d.name === 'Big mug' && d.basePrice === 2500;
			});
		}
		await waitFor(
			'the undo is in the history',
			async () =>
				(await api(owner).history({ productId, limit: 1 }))[0].label ===
				'Undo Restored snapshot “Before pricing”'
		);
		olivia.undoManager.redo();
		await waitFor('the redone restore reaches Eve', () => readDefinition(eve.doc).name === 'Mug');

		// Eve's undo still undoes only Eve's own last edit (the price), already gone by the restore.
		expect(eve.undoManager.canUndo()).toBe(true);
	});

	it('refuses snapshots to viewers and bad input with the field named; nothing is stored', async () => {
		expect(await refusal(api(viewer).createSnapshot({ productId, name: 'Mine' }))).toContain(
			'this needs the editor role; you are a viewer in this workspace'
		);
		expect(await refusal(api(editor).createSnapshot({ productId, name: '   ' }))).toContain(
			'name: give the snapshot a name'
		);
		expect(
			await refusal(api(editor).createSnapshot({ productId, name: 'x'.repeat(81) }))
		).toContain('name: use at most 80 characters');
		expect(await refusal(api(editor).createSnapshot({ productId, name: 'two\nlines' }))).toContain(
			'name: use a single line without control characters'
		);
		expect(await api(viewer).snapshots({ productId })).toEqual([]);

		const kept = await api(editor).createSnapshot({ productId, name: 'Kept' });
		expect(
			await refusal(api(viewer).restoreSnapshot({ productId, snapshotId: kept.id }))
		).toContain('this needs the editor role');
		expect(
			await refusal(api(editor).restoreSnapshot({ productId, snapshotId: 'nosuchsnapshot' }))
		).toContain('snapshotId: snapshot not found');
		expect(await refusal(api(editor).snapshot({ productId, snapshotId: 'Bad Id!' }))).toContain(
			'snapshotId: expected a snapshot id'
		);
		// A product of another workspace looks like a missing one.
		const stranger = await signUp(server.auth, testDb.database, 'Stan');
		expect(await refusal(api(stranger).snapshots({ productId }))).toContain('product not found');
		expect(await activity()).toEqual([]);
	});
});
