import { publicApiLookups } from './short-cache';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from './db';
import { newId, nowIso } from './ids';

/** A product handle: lowercase letters, digits and dashes, as it appears in storefront URLs. */
export const productHandle = z
	.string()
	.min(1, 'enter a handle')
	.max(60, 'use at most 60 characters')
	.regex(
		/^[a-z0-9]+(-[a-z0-9]+)*$/,
		'use lowercase letters, digits and single dashes (no dash at the start or end)'
	);

export const productName = z
	.string()
	.trim()
	.min(1, 'enter a name')
	.max(120, 'use at most 120 characters');

export interface ProductSummary {
	id: string;
	workspaceId: string;
	handle: string;
	name: string;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	/** 'draft' until a version is published, then 'live'. */
	status: 'draft' | 'live' | 'archived';
	liveVersion: number | null;
}

/** Thrown when a handle is already used in the workspace; carries the field for the form. */
export class HandleTakenError extends Error {
	readonly path = ['handle'];
	constructor(handle: string) {
		super(`the handle "${handle}" is already used by another product in this workspace`);
	}
}

async function handleTaken(
	db: Kysely<Database>,
	workspaceId: string,
	handle: string,
	exceptId?: string
) {
	let query = db
		.selectFrom('product')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.where('handle', '=', handle);
	if (exceptId) query = query.where('id', '!=', exceptId);
	return Boolean(await query.executeTakeFirst());
}

/** The workspace's products, most recently edited first. */
export async function listProducts(
	db: Kysely<Database>,
	workspaceId: string,
	{ includeArchived = false } = {}
): Promise<ProductSummary[]> {
	let query = db
		.selectFrom('product')
		.leftJoin('channel', (join) =>
			join.onRef('channel.product_id', '=', 'product.id').on('channel.name', '=', 'live')
		)
		.select([
			'product.id',
			'product.workspace_id',
			'product.handle',
			'product.name',
			'product.created_at',
			'product.updated_at',
			'product.archived_at',
			'channel.version_number'
		])
		.where('product.workspace_id', '=', workspaceId)
		.orderBy('product.updated_at', 'desc');
	if (!includeArchived) query = query.where('product.archived_at', 'is', null);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		workspaceId: r.workspace_id,
		handle: r.handle,
		name: r.name,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		archived: r.archived_at !== null,
		status: r.archived_at ? 'archived' : r.version_number != null ? 'live' : 'draft',
		liveVersion: r.version_number ?? null
	}));
}

/** One product of a workspace, or undefined. */
export async function getProduct(db: Kysely<Database>, workspaceId: string, productId: string) {
	const all = await listProducts(db, workspaceId, { includeArchived: true });
	return all.find((p) => p.id === productId);
}

/**
 * Creates a product; with `draftState` (a Y.Doc update, e.g. from a template) its first draft is
 * written in the same transaction, so a product never exists without the draft it was made with.
 */
export async function createProduct(
	db: Kysely<Database>,
	input: { workspaceId: string; name: string; handle: string; draftState?: Uint8Array }
): Promise<string> {
	if (await handleTaken(db, input.workspaceId, input.handle))
		throw new HandleTakenError(input.handle);
	const id = newId();
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('product')
			.values({
				id,
				workspace_id: input.workspaceId,
				handle: input.handle,
				name: input.name,
				created_at: now,
				updated_at: now,
				archived_at: null
			})
			.execute();
		if (input.draftState) {
			await trx
				.insertInto('draft_snapshot')
				.values({ product_id: id, state: input.draftState, up_to_update_id: 0, updated_at: now })
				.execute();
		}
	});
	return id;
}

export async function renameProduct(
	db: Kysely<Database>,
	input: { workspaceId: string; productId: string; name: string; handle?: string }
): Promise<void> {
	if (input.handle && (await handleTaken(db, input.workspaceId, input.handle, input.productId))) {
		throw new HandleTakenError(input.handle);
	}
	await db
		.updateTable('product')
		.set({
			name: input.name,
			...(input.handle ? { handle: input.handle } : {}),
			updated_at: nowIso()
		})
		.where('id', '=', input.productId)
		.where('workspace_id', '=', input.workspaceId)
		.execute();
}

export async function setArchived(
	db: Kysely<Database>,
	input: { workspaceId: string; productId: string; archived: boolean }
): Promise<void> {
	await db
		.updateTable('product')
		.set({ archived_at: input.archived ? nowIso() : null, updated_at: nowIso() })
		.where('id', '=', input.productId)
		.where('workspace_id', '=', input.workspaceId)
		.execute();
	// An archived product leaves the storefront at once (the public API keeps lookups a second).
	publicApiLookups.clearAll();
}

/** Copies a product with its draft (compacted into one snapshot); versions are not copied. */
export async function duplicateProduct(
	db: Kysely<Database>,
	input: { workspaceId: string; productId: string },
	mergeDraft: (productId: string) => Promise<Uint8Array | null>
): Promise<string> {
	const source = await getProduct(db, input.workspaceId, input.productId);
	if (!source) throw new Error('product not found');
	let handle = `${source.handle}-copy`;
	for (let n = 2; await handleTaken(db, input.workspaceId, handle); n++) {
		handle = `${source.handle}-copy-${n}`;
	}
	const id = await createProduct(db, {
		workspaceId: input.workspaceId,
		name: `${source.name} (copy)`,
		handle
	});
	const state = await mergeDraft(input.productId);
	if (state) {
		await db
			.insertInto('draft_snapshot')
			.values({ product_id: id, state, up_to_update_id: 0, updated_at: nowIso() })
			.execute();
	}
	return id;
}

/** Marks a product as edited now (the product list sorts by it). */
export async function touchProduct(db: Kysely<Database>, productId: string): Promise<void> {
	await db
		.updateTable('product')
		.set({ updated_at: nowIso() })
		.where('id', '=', productId)
		.execute();
}
