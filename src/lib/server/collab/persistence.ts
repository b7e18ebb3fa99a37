import { sql, type Kysely, type Transaction } from 'kysely';
import * as Y from 'yjs';
import type { AppDatabase, Database } from '../db';
import { nowIso } from '../ids';

/** A product draft as stored: the compacted snapshot (if any) and the updates appended after it. */
export interface StoredDraft {
	snapshot: Uint8Array | null;
	/** Updates with id > the snapshot's `up_to_update_id`, in id order. */
	updates: Array<{ id: number; update: Uint8Array }>;
}

export interface CompactionResult {
	/** The new snapshot's `up_to_update_id`: the last update id merged into it. */
	upToUpdateId: number;
	/** How many update rows were merged and deleted. */
	merged: number;
	/** Update ids Yjs refused while merging (kept in the snapshot as far as Yjs applied them). */
	rejected: number[];
}

/**
 * Where drafts live. The room talks to this interface only, so another storage (or a decorator
 * that also publishes to Redis, issue 5) can stand in without touching the room.
 */
export interface DraftStore {
	load(productId: string): Promise<StoredDraft>;
	/**
	 * Appends one update and its history entry (`draft_activity`: the user, the edit's label, the
	 * time) in one transaction; resolves with the update's id once both are committed.
	 */
	append(
		productId: string,
		update: Uint8Array,
		userId: string | null,
		label?: string | null
	): Promise<number>;
	/**
	 * Merges the snapshot and every update stored after it into a new snapshot and deletes exactly
	 * the merged rows, in one transaction. Returns null when there was nothing to merge.
	 */
	compact(productId: string): Promise<CompactionResult | null>;
	/** Marks the product as edited now (the product list sorts by `updated_at`). */
	touch(productId: string): Promise<void>;
}

/** Namespace of the PostgreSQL advisory locks that order appends and compaction of one draft. */
const DRAFT_LOCK_CLASS = 0x64726674; // 'drft'

function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.isBuffer(bytes)
		? bytes
		: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function readDraft(
	trx: Transaction<Database>,
	productId: string
): Promise<StoredDraft & { upTo: number }> {
	const snapshot = await trx
		.selectFrom('draft_snapshot')
		.select(['state', 'up_to_update_id'])
		.where('product_id', '=', productId)
		.executeTakeFirst();
	const upTo = snapshot ? Number(snapshot.up_to_update_id) : 0;
	const rows = await trx
		.selectFrom('draft_update')
		.select(['id', 'update'])
		.where('product_id', '=', productId)
		.where('id', '>', upTo)
		.orderBy('id')
		.execute();
	return {
		snapshot: snapshot ? snapshot.state : null,
		updates: rows.map((r) => ({ id: Number(r.id), update: r.update })),
		upTo
	};
}

/**
 * The draft store on Atelier's database (SQLite or PostgreSQL).
 *
 * Ordering: within one process the room's serial queue keeps at most one append per draft in
 * flight. Across processes (several instances on PostgreSQL) appends take a shared advisory lock
 * of the draft and compaction an exclusive one, so compaction never reads past an update whose
 * id is allocated but not yet committed. On SQLite Kysely has a single connection, so a
 * transaction already excludes every other statement.
 */
export function createDatabaseDraftStore(database: AppDatabase): DraftStore {
	const db: Kysely<Database> = database.db;
	const postgres = database.dialect === 'postgres';

	async function lockDraft(
		trx: Transaction<Database>,
		productId: string,
		mode: 'shared' | 'exclusive'
	) {
		if (!postgres) return;
		if (mode === 'shared') {
			await sql`select pg_advisory_xact_lock_shared(${DRAFT_LOCK_CLASS}, hashtext(${productId}))`.execute(
				trx
			);
		} else {
			await sql`select pg_advisory_xact_lock(${DRAFT_LOCK_CLASS}, hashtext(${productId}))`.execute(
				trx
			);
		}
	}

	return {
		async load(productId) {
			const { snapshot, updates } = await db.transaction().execute(async (trx) => {
				await lockDraft(trx, productId, 'shared');
				return readDraft(trx, productId);
			});
			return { snapshot, updates };
		},

		async append(productId, update, userId, label = null) {
			const createdAt = nowIso();
			const values = {
				product_id: productId,
				update: toBuffer(update),
				user_id: userId,
				created_at: createdAt
			};
			const activity = { product_id: productId, user_id: userId, label, created_at: createdAt };
			if (postgres) {
				// One statement (its own transaction) that holds the draft's shared lock while it
				// inserts the update and its history entry.
				const { rows } = await sql<{ id: number }>`
					with draft_lock as (
						select pg_advisory_xact_lock_shared(${DRAFT_LOCK_CLASS}, hashtext(${productId}))
					), stored as (
						insert into draft_update (product_id, "update", user_id, created_at)
						select ${values.product_id}, ${values.update}, ${values.user_id}, ${values.created_at}
						from draft_lock
						returning id
					), recorded as (
						insert into draft_activity (product_id, user_id, label, created_at)
						select ${activity.product_id}, ${activity.user_id}, ${activity.label}, ${activity.created_at}
						from stored
					)
					select id from stored`.execute(db);
				return Number(rows[0].id);
			}
			return db.transaction().execute(async (trx) => {
				const row = await trx
					.insertInto('draft_update')
					.values(values)
					.returning('id')
					.executeTakeFirstOrThrow();
				await trx.insertInto('draft_activity').values(activity).execute();
				return Number(row.id);
			});
		},

		async compact(productId) {
			return db.transaction().execute(async (trx) => {
				await lockDraft(trx, productId, 'exclusive');
				const stored = await readDraft(trx, productId);
				if (stored.updates.length === 0) return null;
				// Through a Y.Doc rather than Y.mergeUpdates: the doc garbage-collects deleted content,
				// so the snapshot stays about as big as the document, not as its history.
				const doc = new Y.Doc();
				const rejected: number[] = [];
				if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
				for (const { id, update } of stored.updates) {
					try {
						Y.applyUpdate(doc, update);
					} catch {
						rejected.push(id);
					}
				}
				const state = Y.encodeStateAsUpdate(doc);
				doc.destroy();
				const upToUpdateId = stored.updates[stored.updates.length - 1].id;
				const updatedAt = nowIso();
				await trx
					.insertInto('draft_snapshot')
					.values({
						product_id: productId,
						state: toBuffer(state),
						up_to_update_id: upToUpdateId,
						updated_at: updatedAt
					})
					.onConflict((oc) =>
						oc.column('product_id').doUpdateSet({
							state: toBuffer(state),
							up_to_update_id: upToUpdateId,
							updated_at: updatedAt
						})
					)
					.execute();
				// Only the rows merged above: an update appended meanwhile has a larger id and stays.
				await trx
					.deleteFrom('draft_update')
					.where('product_id', '=', productId)
					.where('id', '<=', upToUpdateId)
					.execute();
				return { upToUpdateId, merged: stored.updates.length, rejected };
			});
		},

		async touch(productId) {
			await db
				.updateTable('product')
				.set({ updated_at: nowIso() })
				.where('id', '=', productId)
				.execute();
		}
	};
}

/**
 * The stored draft as one update (snapshot and later updates merged), or null when nothing is
 * stored. Used when the product's room is not loaded in this process.
 */
export async function readStoredDraftState(
	store: DraftStore,
	productId: string
): Promise<Uint8Array | null> {
	const { snapshot, updates } = await store.load(productId);
	const parts = [...(snapshot ? [snapshot] : []), ...updates.map((u) => u.update)];
	if (parts.length === 0) return null;
	return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
}
