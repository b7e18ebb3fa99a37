import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cartAdapterFor, headlessCart, shopifyCart, wooCommerceCart } from './cart.js';
import { defaultCompile } from '../core/engine/compile.js';
import { buildEngineModel } from '../core/engine/model.js';
import { createConfigurator as createWith } from './configurator.js';

/** A configurator over a plain definition, its rules compiled in place (as the studio does). */
const createConfigurator: typeof createWith = (json, options) =>
	createWith(json, { compile: defaultCompile, buildModel: buildEngineModel, ...options });

const jersey = () => {
	const c = createConfigurator(
		JSON.parse(readFileSync('static/samples/team-jersey/definition.json', 'utf8')),
		{ version: 4, now: () => new Date('2026-03-02T10:00:00Z'), saveDesign: async () => 'dsg_1' }
	);
	c.select('color', 'white');
	c.select('size', 'l');
	c.select('sleeves', 'long');
	c.select('league', 'recreational');
	c.setText('name', 'GARCIA');
	c.setQuantity(2);
	return c;
};

describe('shopifyCart', () => {
	it('builds the /cart/add.js body with visible answers and hidden Atelier keys', async () => {
		const { payload } = await jersey().toCart(shopifyCart('4242'));
		expect(payload.items).toHaveLength(1);
		const [item] = payload.items;
		expect(item?.id).toBe(4242);
		expect(item?.quantity).toBe(2);
		expect(item?.properties).toMatchObject({
			Color: 'White',
			Size: 'L',
			'Player name': 'GARCIA',
			_atelier_design: 'dsg_1',
			_atelier_version: '4',
			_atelier_currency: 'USD'
		});
		for (const [key, value] of Object.entries(item?.properties ?? {})) {
			expect(typeof value).toBe('string');
			if (key.startsWith('atelier')) throw new Error(`internal key ${key} would be visible`);
		}
	});

	it('refuses a variant id that is not a number', () => {
		expect(() => shopifyCart('gid://shopify/x')).toThrow(/variant id/);
	});
});

describe('wooCommerceCart', () => {
	it('builds the Store API add-item body with the readable item data', async () => {
		const { payload } = await jersey().toCart(wooCommerceCart(77));
		expect(payload).toMatchObject({ id: 77, quantity: 2 });
		expect(payload.item_data).toContainEqual({ key: 'Color', value: 'White' });
		expect(payload.atelier).toMatchObject({
			atelier_design_id: 'dsg_1',
			atelier_version: 4,
			atelier_quantity: 2
		});
		expect(Number.isInteger(payload.atelier.atelier_total)).toBe(true);
	});

	it('refuses a product id that is not a positive number', () => {
		expect(() => wooCommerceCart('abc')).toThrow(/product id/);
	});
});

describe('headlessCart', () => {
	it('gives the event detail only', async () => {
		const { payload } = await jersey().toCart(headlessCart());
		expect(payload).toMatchObject({
			type: 'atelier:add-to-cart',
			designId: 'dsg_1',
			version: 4,
			quantity: 2
		});
		expect(payload.price.total).toBe(jersey().state.price.total);
	});

	it('is what an element without a cart attribute uses', () => {
		expect(cartAdapterFor(null, null).name).toBe('headless');
		expect(cartAdapterFor('shopify', '1').name).toBe('shopify');
		expect(cartAdapterFor('woocommerce', '5').name).toBe('woocommerce');
	});
});
