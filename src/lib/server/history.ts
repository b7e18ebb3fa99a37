import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { DEFINITION_KEY, LAYOUT_KEY, type Json } from '../collab/definition-doc';
import { readLayout, reconcileRoot } from '../collab/change';
import { readDefinition } from '../collab/definition-doc';
import type { Database } from './db';
import { newId, nowIso } from './ids';

/**
 * A draft's history: who changed what and when (`draft_activity`, one row per stored update,
 * written by the collaboration room with the update — see collab/persistence.ts), and the named
 * snapshots people keep of it (`named_snapshot`). Restoring a snapshot is an edit like any other:
 * the tRPC router runs {@link restoreInto} through the room's `applyServerChange`.
 */

type JsonObject = { [key: string]: Json };

/** One stored change, newest first in lists. `label` is null when the client sent none. */
export interface ActivityEntry {
	id: number;
	userId: string | null;
	userName: string | null;
	label: string | null;
	at: string;
}

/** Most entries one request returns. */
export const MAX_ACTIVITY_PAGE = 500;

/** The draft's changes, newest first; `before` (an entry id) pages further back. */
export async function listActivity(
	db: Kysely<Database>,
	productId: string,
	{ limit = 200, before }: { limit?: number; before?: number } = {}
): Promise<ActivityEntry[]> {
	let query = db
		.selectFrom('draft_activity')
		.leftJoin('user', 'user.id', 'draft_activity.user_id')
		.select([
			'draft_activity.id',
			'draft_activity.user_id',
			'draft_activity.label',
			'draft_activity.created_at',
			'user.name'
		])
		.where('draft_activity.product_id', '=', productId);
	if (before !== undefined) query = query.where('draft_activity.id', '<', before);
	const rows = await query
		.orderBy('draft_activity.id', 'desc')
		.limit(Math.min(Math.max(limit, 1), MAX_ACTIVITY_PAGE))
		.execute();
	return rows.map((row) => ({
		id: Number(row.id),
		userId: row.user_id,
		userName: row.name ?? null,
		label: row.label,
		at: row.created_at
	}));
}

/** Longest snapshot name. */
export const MAX_SNAPSHOT_NAME = 80;
/** Snapshots kept per product; creating one more is refused until one is deleted. */
export const MAX_SNAPSHOTS = 200;

export interface SnapshotSummary {
	id: string;
	name: string;
	createdBy: string | null;
	createdByName: string | null;
	at: string;
}

export interface SnapshotContent extends SnapshotSummary {
	definition: JsonObject;
	layout: JsonObject;
}

/** The draft's definition and layout as plain JSON, read from its Yjs state. */
export function draftContent(state: Uint8Array | null): {
	definition: JsonObject;
	layout: JsonObject;
} {
	const doc = new Y.Doc();
	try {
		if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
		return { definition: readDefinition(doc), layout: readLayout(doc) };
	} finally {
		doc.destroy();
	}
}

export async function countSnapshots(db: Kysely<Database>, productId: string): Promise<number> {
	const row = await db
		.selectFrom('named_snapshot')
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.where('product_id', '=', productId)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function createSnapshot(
	db: Kysely<Database>,
	input: {
		productId: string;
		name: string;
		userId: string;
		definition: JsonObject;
		layout: JsonObject;
	}
): Promise<SnapshotSummary> {
	const row = {
		id: newId(),
		product_id: input.productId,
		name: input.name,
		definition: JSON.stringify(input.definition),
		layout: JSON.stringify(input.layout),
		created_by: input.userId,
		created_at: nowIso()
	};
	await db.insertInto('named_snapshot').values(row).execute();
	const user = await db
		.selectFrom('user')
		.select('name')
		.where('id', '=', input.userId)
		.executeTakeFirst();
	return {
		id: row.id,
		name: row.name,
		createdBy: row.created_by,
		createdByName: user?.name ?? null,
		at: row.created_at
	};
}

/** The product's snapshots, newest first (without their content). */
export async function listSnapshots(
	db: Kysely<Database>,
	productId: string
): Promise<SnapshotSummary[]> {
	const rows = await db
		.selectFrom('named_snapshot')
		.leftJoin('user', 'user.id', 'named_snapshot.created_by')
		.select([
			'named_snapshot.id',
			'named_snapshot.name',
			'named_snapshot.created_by',
			'named_snapshot.created_at',
			'user.name as user_name'
		])
		.where('named_snapshot.product_id', '=', productId)
		.orderBy('named_snapshot.created_at', 'desc')
		.orderBy('named_snapshot.id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		createdBy: row.created_by,
		createdByName: row.user_name ?? null,
		at: row.created_at
	}));
}

/** One snapshot with its content, or null when the product has none with this id. */
export async function readSnapshot(
	db: Kysely<Database>,
	productId: string,
	snapshotId: string
): Promise<SnapshotContent | null> {
	const row = await db
		.selectFrom('named_snapshot')
		.leftJoin('user', 'user.id', 'named_snapshot.created_by')
		.selectAll('named_snapshot')
		.select('user.name as user_name')
		.where('named_snapshot.product_id', '=', productId)
		.where('named_snapshot.id', '=', snapshotId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		name: row.name,
		createdBy: row.created_by,
		createdByName: row.user_name ?? null,
		at: row.created_at,
		definition: JSON.parse(row.definition) as JsonObject,
		layout: JSON.parse(row.layout) as JsonObject
	};
}

/**
 * Makes `doc` hold the snapshot's definition and layout, changing only what differs (so the
 * restore is a small edit that merges with concurrent ones, and undoing it is small too).
 */
export function restoreInto(
	doc: Y.Doc,
	snapshot: { definition: JsonObject; layout: JsonObject },
	origin: unknown
): void {
	doc.transact(() => {
		reconcileRoot(doc, DEFINITION_KEY, snapshot.definition, origin);
		reconcileRoot(doc, LAYOUT_KEY, snapshot.layout, origin);
	}, origin);
}
