import { publicApiLookups } from './short-cache';
import type { Kysely } from 'kysely';
import type { Database } from './db';
import { nowIso } from './ids';

/**
 * Storefront settings of a workspace: the store origins allowed to call the public API (CORS)
 * and, per product, the store item it adds to the cart (Shopify variant id, WooCommerce id).
 */

/** At most this many store origins per workspace (a merchant has a few shops, not hundreds). */
export const MAX_STORE_ORIGINS = 50;

/**
 * A store origin as typed by a merchant → its normalized form (`https://shop.example.com`,
 * lowercase host, default port dropped), or why it is refused. Only `https://host[:port]`, and
 * `http://localhost[:port]` for local development; no path, query, fragment or credentials.
 */
export function normalizeStoreOrigin(
	input: string
): { ok: true; origin: string } | { ok: false; message: string } {
	const text = input.trim();
	const expected = 'expected https://host[:port] (or http://localhost[:port] while developing)';
	if (text.length === 0 || text.length > 300) return { ok: false, message: expected };
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, message: expected };
	}
	const localhost = url.hostname === 'localhost';
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localhost)) {
		return {
			ok: false,
			message: `${expected}; plain http is only allowed for localhost`
		};
	}
	if (url.username || url.password) return { ok: false, message: `${expected}, without a user` };
	if (
		(url.pathname !== '/' && url.pathname !== '') ||
		url.search ||
		url.hash ||
		/[?#]$/.test(text)
	) {
		return { ok: false, message: `${expected}, without a path: just the origin` };
	}
	if (text.replace(/\/$/, '').split('/').length !== 3) {
		return { ok: false, message: `${expected}, without a path: just the origin` };
	}
	if (!localhost && !url.hostname.includes('.')) {
		return { ok: false, message: `${expected}: the host needs a domain, such as shop.example.com` };
	}
	return { ok: true, origin: url.origin };
}

/** The workspace's allowed store origins, sorted. */
export async function listStoreOrigins(
	db: Kysely<Database>,
	workspaceId: string
): Promise<string[]> {
	const rows = await db
		.selectFrom('store_origin')
		.select('origin')
		.where('workspace_id', '=', workspaceId)
		.orderBy('origin')
		.execute();
	return rows.map((r) => r.origin);
}

/** Adds an already normalized origin (adding one twice is a no-op). */
export async function addStoreOrigin(
	db: Kysely<Database>,
	workspaceId: string,
	origin: string
): Promise<void> {
	await db
		.insertInto('store_origin')
		.values({ workspace_id: workspaceId, origin, created_at: nowIso() })
		.onConflict((oc) => oc.columns(['workspace_id', 'origin']).doNothing())
		.execute();
	publicApiLookups.clearAll();
}

export async function removeStoreOrigin(
	db: Kysely<Database>,
	workspaceId: string,
	origin: string
): Promise<boolean> {
	const result = await db
		.deleteFrom('store_origin')
		.where('workspace_id', '=', workspaceId)
		.where('origin', '=', origin)
		.executeTakeFirst();
	publicApiLookups.clearAll();
	return Number(result.numDeletedRows) > 0;
}

/**
 * The workspace behind a store slug and whether `origin` may call its public API; null when no
 * workspace has that slug.
 */
export async function storeOriginAllowed(
	db: Kysely<Database>,
	workspaceSlug: string,
	origin: string
): Promise<boolean | null> {
	const workspace = await db
		.selectFrom('organization')
		.leftJoin('store_origin', (join) =>
			join
				.onRef('store_origin.workspace_id', '=', 'organization.id')
				.on('store_origin.origin', '=', origin)
		)
		.select(['organization.id', 'store_origin.origin'])
		.where('organization.slug', '=', workspaceSlug)
		.executeTakeFirst();
	if (!workspace) return null;
	return workspace.origin !== null;
}

/** Store item ids: what a merchant pastes from Shopify or WooCommerce (digits, or a gid://). */
export const STORE_ITEM_ID = /^(gid:\/\/shopify\/ProductVariant\/)?[0-9]{1,20}$/;

export interface CartMapping {
	productId: string;
	shopifyVariantId: string | null;
	wooCommerceProductId: string | null;
}

/** The cart mappings of a workspace's products (products without one are absent). */
export async function listCartMappings(
	db: Kysely<Database>,
	workspaceId: string
): Promise<CartMapping[]> {
	const rows = await db
		.selectFrom('cart_mapping')
		.innerJoin('product', 'product.id', 'cart_mapping.product_id')
		.select([
			'cart_mapping.product_id',
			'cart_mapping.shopify_variant_id',
			'cart_mapping.woocommerce_product_id'
		])
		.where('product.workspace_id', '=', workspaceId)
		.execute();
	return rows.map((r) => ({
		productId: r.product_id,
		shopifyVariantId: r.shopify_variant_id,
		wooCommerceProductId: r.woocommerce_product_id
	}));
}

/** Sets (or clears, with nulls) the store items a product adds to the cart. */
export async function setCartMapping(db: Kysely<Database>, mapping: CartMapping): Promise<void> {
	const now = nowIso();
	await db
		.insertInto('cart_mapping')
		.values({
			product_id: mapping.productId,
			shopify_variant_id: mapping.shopifyVariantId,
			woocommerce_product_id: mapping.wooCommerceProductId,
			updated_at: now
		})
		.onConflict((oc) =>
			oc.column('product_id').doUpdateSet({
				shopify_variant_id: mapping.shopifyVariantId,
				woocommerce_product_id: mapping.wooCommerceProductId,
				updated_at: now
			})
		)
		.execute();
}
