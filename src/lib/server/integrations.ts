import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from './db';
import { newId, nowIso } from './ids';

/**
 * A workspace's integration keys: publishable keys (`pk_live_…`) that storefronts send to the
 * order API, and the webhook secrets of connected Shopify and WooCommerce stores.
 */

/** `pk_live_` and 32 base62 characters (~190 bits): unguessable, so a key names one workspace. */
const KEY_PATTERN = /^pk_live_[0-9A-Za-z]{32}$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomBase62(length: number): string {
	// 248 = 4 × 62: bytes at or above it are redrawn so every character is equally likely.
	let out = '';
	while (out.length < length) {
		for (const byte of randomBytes(length)) {
			if (byte < 248 && out.length < length) out += BASE62[byte % 62];
		}
	}
	return out;
}

/** A new publishable key. */
export function newPublishableKey(): string {
	return `pk_live_${randomBase62(32)}`;
}

export interface PublishableKey {
	id: string;
	key: string;
	createdAt: string;
	createdBy: string | null;
	revokedAt: string | null;
}

/** The workspace's keys, newest first, revoked ones included (they show when they stopped). */
export async function listKeys(
	db: Kysely<Database>,
	workspaceId: string
): Promise<PublishableKey[]> {
	const rows = await db
		.selectFrom('workspace_key')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		key: row.key,
		createdAt: row.created_at,
		createdBy: row.created_by,
		revokedAt: row.revoked_at
	}));
}

/** Creates a publishable key for the workspace. */
export async function createKey(
	db: Kysely<Database>,
	workspaceId: string,
	userId: string | null
): Promise<PublishableKey> {
	const row = {
		id: newId(),
		workspace_id: workspaceId,
		key: newPublishableKey(),
		created_by: userId,
		created_at: nowIso(),
		revoked_at: null
	};
	await db.insertInto('workspace_key').values(row).execute();
	return {
		id: row.id,
		key: row.key,
		createdAt: row.created_at,
		createdBy: userId,
		revokedAt: null
	};
}

/** Revokes a key of the workspace; false when it is not one of its active keys. */
export async function revokeKey(
	db: Kysely<Database>,
	workspaceId: string,
	keyId: string
): Promise<boolean> {
	const result = await db
		.updateTable('workspace_key')
		.set({ revoked_at: nowIso() })
		.where('id', '=', keyId)
		.where('workspace_id', '=', workspaceId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Rotation: a new key, and the old one revoked, in one transaction. */
export async function rotateKey(
	db: Kysely<Database>,
	workspaceId: string,
	keyId: string,
	userId: string | null
): Promise<PublishableKey | null> {
	return db.transaction().execute(async (trx) => {
		if (!(await revokeKey(trx, workspaceId, keyId))) return null;
		return createKey(trx, workspaceId, userId);
	});
}

/** The workspace a publishable key belongs to, or null for an unknown, malformed or revoked key. */
export async function workspaceOfKey(
	db: Kysely<Database>,
	key: string
): Promise<{ workspaceId: string; slug: string } | null> {
	if (!KEY_PATTERN.test(key)) return null;
	const row = await db
		.selectFrom('workspace_key')
		.innerJoin('organization', 'organization.id', 'workspace_key.workspace_id')
		.select(['workspace_key.workspace_id as workspaceId', 'organization.slug'])
		.where('workspace_key.key', '=', key)
		.where('workspace_key.revoked_at', 'is', null)
		.executeTakeFirst();
	return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Webhook secrets

export const PLATFORMS = ['shopify', 'woocommerce'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** `my-shop.myshopify.com`: what Shopify sends in `X-Shopify-Shop-Domain`. */
export const shopifyDomain = z
	.string()
	.trim()
	.toLowerCase()
	.max(255, 'use at most 255 characters')
	.regex(
		/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/,
		'expected the shop domain, like my-shop.myshopify.com'
	);

/** The WooCommerce site URL (what it sends in `X-WC-Webhook-Source`), kept as its origin + path. */
export const wooCommerceSite = z
	.string()
	.trim()
	.max(255, 'use at most 255 characters')
	.transform((value, ctx) => {
		const site = normalizeSiteUrl(value);
		if (!site) {
			ctx.addIssue({ code: 'custom', message: 'expected the site URL, like https://shop.example' });
			return z.NEVER;
		}
		return site;
	});

/** Webhook secrets are what the store shows the merchant: printable, 8–200 characters. */
export const webhookSecret = z
	.string()
	.min(8, 'use at least 8 characters (copy the secret the store shows)')
	.max(200, 'use at most 200 characters')
	.regex(/^[\x21-\x7e]+$/, 'use printable characters without spaces');

/** `https://Shop.example/` → `https://shop.example`; null when it is not an http(s) URL. */
export function normalizeSiteUrl(value: string): string | null {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return null;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
	return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export interface StoreWebhook {
	id: string;
	platform: Platform;
	shop: string;
	/** The last four characters only: the secret itself is never sent back to the browser. */
	secretHint: string;
	updatedAt: string;
}

export async function listWebhooks(
	db: Kysely<Database>,
	workspaceId: string
): Promise<StoreWebhook[]> {
	const rows = await db
		.selectFrom('store_webhook')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('platform')
		.orderBy('shop')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		platform: row.platform as Platform,
		shop: row.shop,
		secretHint: row.secret.slice(-4),
		updatedAt: row.updated_at
	}));
}

/** Thrown when another workspace already connected this shop. */
export class ShopTakenError extends Error {
	readonly path = ['shop'];
	constructor(shop: string) {
		super(`"${shop}" is already connected to another workspace`);
	}
}

/** Connects a store or replaces its secret (one row per platform and shop). */
export async function saveWebhook(
	db: Kysely<Database>,
	workspaceId: string,
	input: { platform: Platform; shop: string; secret: string }
): Promise<void> {
	const existing = await db
		.selectFrom('store_webhook')
		.select(['id', 'workspace_id'])
		.where('platform', '=', input.platform)
		.where('shop', '=', input.shop)
		.executeTakeFirst();
	const now = nowIso();
	if (existing) {
		if (existing.workspace_id !== workspaceId) throw new ShopTakenError(input.shop);
		await db
			.updateTable('store_webhook')
			.set({ secret: input.secret, updated_at: now })
			.where('id', '=', existing.id)
			.execute();
		return;
	}
	await db
		.insertInto('store_webhook')
		.values({
			id: newId(),
			workspace_id: workspaceId,
			platform: input.platform,
			shop: input.shop,
			secret: input.secret,
			created_at: now,
			updated_at: now
		})
		.execute();
}

export async function removeWebhook(
	db: Kysely<Database>,
	workspaceId: string,
	id: string
): Promise<boolean> {
	const result = await db
		.deleteFrom('store_webhook')
		.where('id', '=', id)
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** The workspace and secret of a connected shop (for verifying its webhook). */
export async function findWebhook(
	db: Kysely<Database>,
	platform: Platform,
	shop: string
): Promise<{ workspaceId: string; secret: string } | null> {
	const row = await db
		.selectFrom('store_webhook')
		.select(['workspace_id as workspaceId', 'secret'])
		.where('platform', '=', platform)
		.where('shop', '=', shop)
		.executeTakeFirst();
	return row ?? null;
}
