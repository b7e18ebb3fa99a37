/**
 * The snippet a merchant pastes into a store page to show a product's configurator: the embed
 * script from the studio's origin and the element, with the store item the cart adds.
 */
export type EmbedCart = 'shopify' | 'woocommerce' | 'headless';

export interface EmbedSnippetInput {
	appOrigin: string;
	storeSlug: string;
	handle: string;
	cart: EmbedCart;
	/** The Shopify variant id or WooCommerce product id; null when none is saved yet. */
	itemId: string | null;
}

/** What a snippet needs filled in by hand before it adds to a cart, if anything. */
export const MISSING_ITEM: Record<Exclude<EmbedCart, 'headless'>, string> = {
	shopify: 'SHOPIFY_VARIANT_ID',
	woocommerce: 'WOOCOMMERCE_PRODUCT_ID'
};

const attribute = (value: string) =>
	value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedSnippet(input: EmbedSnippetInput): string {
	const origin = input.appOrigin.replace(/\/+$/, '');
	const attributes = [
		`store="${attribute(input.storeSlug)}"`,
		`product="${attribute(input.handle)}"`
	];
	if (input.cart !== 'headless') {
		attributes.push(`cart="${input.cart}"`);
		attributes.push(`variant-id="${attribute(input.itemId ?? MISSING_ITEM[input.cart])}"`);
	}
	// One attribute per line: readable in the studio's box and in a theme editor.
	return [
		`<script type="module" src="${attribute(origin)}/embed.js"></script>`,
		'<atelier-configurator',
		...attributes.map((a) => `  ${a}`),
		'></atelier-configurator>'
	].join('\n');
}
