import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Dialect } from '../db';
import { createDatabaseDraftStore, readStoredDraftState, type DraftStore } from './persistence';
import { SerialQueue } from './queue';
import {
	createTestAuth,
	docFrom,
	draftJson,
	newProduct,
	openTestDatabase,
	randomEdit,
	seededRandom,
	signUp,
	type TestDatabase
} from './testHarness';

const dialects: Dialect[] = ['sqlite', 'postgres'];

describe.each(dialects)('draft storage on %s', (dialect) => {
	let testDb: TestDatabase;
	let store: DraftStore;
	let productId: string;
	let userId: string;

	beforeEach(async () => {
		testDb = await openTestDatabase(dialect);
		store = createDatabaseDraftStore(testDb.database);
		const user = await signUp(createTestAuth(testDb.database), testDb.database, 'Cora');
		userId = user.userId;
		productId = await newProduct(testDb.database, user.workspaceId);
	});

	afterEach(async () => {
		await testDb.dispose();
	});

	it('loads nothing for a new draft, and null as its state', async () => {
		expect(await store.load(productId)).toEqual({ snapshot: null, updates: [] });
		expect(await readStoredDraftState(store, productId)).toBeNull();
		expect(await store.compact(productId)).toBeNull();
	});

	it('returns appended updates in order after the snapshot', async () => {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < 5; i++) doc.getArray('layers').push([i]);
		const ids: number[] = [];
		for (const u of updates) ids.push(await store.append(productId, u, userId));
		expect([...ids].sort((x, y) => x - y)).toEqual(ids);
		const loaded = await store.load(productId);
		expect(loaded.snapshot).toBeNull();
		expect(loaded.updates.map((u) => u.id)).toEqual(ids);
		expect(loaded.updates.map((u) => Array.from(u.update))).toEqual(
			updates.map((u) => Array.from(u))
		);
	});

	// Compaction runs beside the room's serial append queue; whatever the interleaving, every
	// update ever appended must be in snapshot + remaining rows, and only merged rows are deleted.
	for (const seed of [1, 2, 3, 42, 2025]) {
		it(`keeps every update when compactions interleave with appends (seed ${seed})`, async () => {
			const random = seededRandom(seed);
			const author = new Y.Doc();
			const pending: Uint8Array[] = [];
			author.on('update', (u: Uint8Array) => pending.push(u));
			const appends = new SerialQueue();
			const running: Array<Promise<unknown>> = [];
			let compactions = 0;
			for (let step = 0; step < 150; step++) {
				randomEdit(author, random, `s${seed}`);
				for (const update of pending.splice(0)) {
					running.push(appends.run(() => store.append(productId, update, userId)));
				}
				if (random() < 0.12) {
					running.push(store.compact(productId).then((r) => r && compactions++));
				}
				if (random() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(random() * 3)));
			}
			await Promise.all(running);
			await appends.idle();
			expect(compactions).toBeGreaterThan(0);
			expect(draftJson(docFrom(await readStoredDraftState(store, productId)))).toEqual(
				draftJson(author)
			);
			const final = await store.compact(productId);
			const loaded = await store.load(productId);
			expect(loaded.updates).toEqual([]);
			expect(final === null || final.rejected.length === 0).toBe(true);
			expect(draftJson(docFrom(loaded.snapshot))).toEqual(draftJson(author));
		});
	}

	it('marks the product as edited', async () => {
		const before = await testDb.database.db
			.selectFrom('product')
			.select('updated_at')
			.where('id', '=', productId)
			.executeTakeFirstOrThrow();
		await new Promise((r) => setTimeout(r, 5));
		await store.touch(productId);
		const after = await testDb.database.db
			.selectFrom('product')
			.select('updated_at')
			.where('id', '=', productId)
			.executeTakeFirstOrThrow();
		expect(after.updated_at > before.updated_at).toBe(true);
	});
});
