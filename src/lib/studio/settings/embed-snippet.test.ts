import { describe, expect, it } from 'vitest';
import { embedSnippet } from './embed-snippet';

describe('embedSnippet', () => {
	const base = { appOrigin: 'https://atelier.example/', storeSlug: 'demo', handle: 'team-jersey' };

	it('loads the embed script from the studio and names the store, product and variant', () => {
		expect(embedSnippet({ ...base, cart: 'shopify', itemId: '44012345678901' })).toBe(
			[
				'<script type="module" src="https://atelier.example/embed.js"></script>',
				'<atelier-configurator',
				'  store="demo"',
				'  product="team-jersey"',
				'  cart="shopify"',
				'  variant-id="44012345678901"',
				'></atelier-configurator>'
			].join('\n')
		);
	});

	it('leaves a named placeholder when no store item is saved, and none for a headless store', () => {
		expect(embedSnippet({ ...base, cart: 'woocommerce', itemId: null })).toContain(
			'cart="woocommerce"\n  variant-id="WOOCOMMERCE_PRODUCT_ID"'
		);
		const headless = embedSnippet({ ...base, cart: 'headless', itemId: '1' });
		expect(headless).not.toContain('cart=');
		expect(headless).not.toContain('variant-id');
	});

	it('escapes what it puts in attributes', () => {
		expect(
			embedSnippet({ ...base, cart: 'shopify', itemId: 'gid://shopify/ProductVariant/1"><x' })
		).toContain('variant-id="gid://shopify/ProductVariant/1&quot;>&lt;x"');
	});
});
