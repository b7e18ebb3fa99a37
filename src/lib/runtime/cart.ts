// Cart adapters: the body a store's cart endpoint expects for one configured item, built from the
// core's production spec with the core's payload functions (the runtime adds only the envelope).

import {
	cartEventDetail,
	shopifyLineItemProperties,
	wooCommerceCartItemData,
	type CartEventDetail,
	type WooCommerceCartItemData
} from '../core/production/cart.js';
import type { CartAdapter } from './configurator.js';

/** The body of Shopify's `POST /cart/add.js`. */
export interface ShopifyCartAddBody {
	items: { id: number | string; quantity: number; properties: Record<string, string> }[];
}

/**
 * Shopify's Ajax cart: `{ items: [{ id: variantId, quantity, properties }] }` — readable answers
 * as visible properties, `_atelier_design`, `_atelier_version` and the other `_` keys hidden.
 * `variantId` is the store's variant the merchant mapped the product to.
 */
export function shopifyCart(variantId: number | string): CartAdapter<ShopifyCartAddBody> {
	if (typeof variantId === 'string' && !/^\d+$/.test(variantId))
		throw new TypeError(`a Shopify variant id is a number, got "${variantId}"`);
	const id = typeof variantId === 'string' ? Number(variantId) : variantId;
	return {
		name: 'shopify',
		payload: (spec, designId) => ({
			items: [
				{ id, quantity: spec.quantity, properties: shopifyLineItemProperties(spec, designId) }
			]
		})
	};
}

/** The body of WooCommerce's Store API `POST /wc/store/v1/cart/add-item`. */
export interface WooCommerceAddItemBody {
	id: number;
	quantity: number;
	item_data: WooCommerceCartItemData['item_data'];
	/** The machine fields, kept by the Atelier plugin with the order item. */
	atelier: Omit<WooCommerceCartItemData, 'item_data'>;
}

/** WooCommerce's Store API: the product id, the quantity and the core's cart item data. */
export function wooCommerceCart(productId: number | string): CartAdapter<WooCommerceAddItemBody> {
	const id = Number(productId);
	if (!Number.isInteger(id) || id <= 0)
		throw new TypeError(`a WooCommerce product id is a positive number, got "${productId}"`);
	return {
		name: 'woocommerce',
		payload: (spec, designId) => {
			const { item_data, ...atelier } = wooCommerceCartItemData(spec, designId);
			return { id, quantity: spec.quantity, item_data, atelier };
		}
	};
}

/** Headless stores: the `atelier:add-to-cart` event's detail, nothing sent anywhere. */
export function headlessCart(): CartAdapter<CartEventDetail> {
	return { name: 'headless', payload: (spec, designId) => cartEventDetail(spec, designId) };
}

/** The cart kinds the element's `cart` attribute accepts. */
export type CartKind = 'shopify' | 'woocommerce' | 'headless';

/** The adapter for an element's `cart` and `variant-id` attributes (headless by default). */
export function cartAdapterFor(
	kind: string | null | undefined,
	variantId: string | null | undefined
): CartAdapter<unknown> {
	if (kind === 'shopify') return shopifyCart(variantId ?? '');
	if (kind === 'woocommerce') return wooCommerceCart(variantId ?? '');
	return headlessCart();
}
