import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index.js';
import { parsed, sample } from '../scene/test-samples.js';
import { repriceAtQuantity } from '../pricing/price.js';
import { quantityThresholds } from '../engine/inputs.js';
import { bulkLinePrices, priceBulkOrder } from './bulk.js';

/** A shirt: 20.00 each, 15.00 from 10 pieces, XL +3.00, a 5.00 setup fee once per order. */
const shirt = parsed({
	formatVersion: 1,
	id: 'shirt',
	name: 'Team shirt',
	handle: 'team-shirt',
	currency: { code: 'EUR', minorUnits: 2 },
	options: [
		{
			id: 'size',
			kind: 'choice',
			label: 'Size',
			required: true,
			choices: [
				{ id: 'm', label: 'M' },
				{ id: 'xl', label: 'XL', priceDelta: 300 }
			]
		},
		{ id: 'name', kind: 'text', label: 'Name', maxLength: 8 }
	],
	pricing: {
		base: 2000,
		quantityTiers: [{ minQuantity: 10, unitPrice: 1500 }],
		fees: [{ id: 'setup', label: 'Setup', amount: 500 }]
	}
});
const engine = createEngine(shirt);

const rowsOf = (count: number, size = 'M') =>
	Array.from({ length: count }, (_, i) => ({ Name: `P${i}`, Size: size }));

describe('priceBulkOrder', () => {
	it('prices every row at the quantity tier of the whole order and charges fees once', () => {
		const order = priceBulkOrder(engine, [...rowsOf(9), { Name: 'BIG', Size: 'XL' }]);
		expect(order.totalQuantity).toBe(10);
		expect(order.rows.every((row) => row.ok)).toBe(true);
		// 10 pieces reach the tier: M at 15.00; XL's tier price replaces its unit subtotal too.
		expect(order.rows[0].unitPrice).toBe(1500);
		expect(order.fees).toBe(500);
		const rowsTotal = order.rows.reduce((sum, row) => sum + (row.amount ?? 0), 0);
		expect(order.total).toBe(rowsTotal + 500);
		expect(order.breakdown).toEqual({
			option: 'Size',
			counts: [
				{ choice: 'm', label: 'M', count: 9 },
				{ choice: 'xl', label: 'XL', count: 1 }
			]
		});
	});

	it('stays below the tier for a small order', () => {
		const order = priceBulkOrder(engine, rowsOf(3));
		expect(order.rows.map((row) => row.amount)).toEqual([2000, 2000, 2000]);
		expect(order.total).toBe(6500);
	});

	it('keeps bad rows, counts them, and has no total until they are fixed or removed', () => {
		const order = priceBulkOrder(engine, [
			{ Name: 'OK', Size: 'M' },
			{ Name: 'FAR TOO LONG NAME', Size: 'M' },
			{ Name: 'B', Size: 'XXL' }
		]);
		expect(order.rows).toHaveLength(3);
		expect(order.badRows).toBe(2);
		expect(order.total).toBeNull();
		expect(order.rows[1].errors[0].column).toBe('Name');
		expect(order.rows[2].errors[0].column).toBe('Size');
	});
});

describe('bulkLinePrices', () => {
	const line = (size: string, quantity = 1) => ({
		configuration: engine.evaluate({ selections: { size, name: 'A' }, quantity }).configuration
	});

	it('prices each line at the tier of all the lines, with the fees once on the first line', () => {
		const lines = bulkLinePrices(engine, [line('m', 4), line('xl', 6)]);
		// 10 pieces: the tier's 15.00 unit price for both sizes.
		expect(lines.map((p) => [p.unitPrice, p.quantity, p.goods, p.fees, p.total])).toEqual([
			[1500, 4, 6000, 500, 6500],
			[1500, 6, 9000, 0, 9000]
		]);
		expect(lines[0].lines.some((l) => l.kind === 'fee')).toBe(true);
		expect(lines[1].lines.some((l) => l.kind === 'fee')).toBe(false);
	});

	it('adds up to the bulk order’s total, which the storefront shows', () => {
		const order = priceBulkOrder(engine, [...rowsOf(7), { Name: 'BIG', Size: 'XL' }, ...rowsOf(4)]);
		const lines = bulkLinePrices(
			engine,
			order.rows.map((row) => ({ configuration: row.configuration! }))
		);
		expect(lines.reduce((sum, p) => sum + p.total, 0)).toBe(order.total);
		expect(order.rows.map((row) => row.price)).toEqual(lines);
	});

	it('is the single-item price for one line', () => {
		const alone = engine.evaluate(line('m', 3).configuration).price;
		expect(bulkLinePrices(engine, [line('m', 3)])[0]).toEqual(alone);
	});

	it('re-prices the lines’ own prices exactly as evaluating at the order’s quantity does', () => {
		// The jersey: per-letter lettering, a number fee, size deltas, tiers, rush tiers, a setup fee.
		const jersey = createEngine(sample('team-jersey'));
		expect(quantityThresholds(jersey.definition)).toEqual([]);
		const players = [
			{ size: 'm', name: 'OKAFOR', number: 9, quantity: 1 },
			{ size: 'xxl', name: 'LI', number: 23, quantity: 3 },
			{ size: 's', name: 'VAN DER BERG', number: 4, quantity: 8 }
		];
		for (const rushTier of [undefined, 'rush']) {
			const lines = players.map(({ quantity, ...selections }) => {
				const evaluation = jersey.evaluate({
					selections,
					quantity,
					...(rushTier ? { rushTier } : {})
				});
				expect(evaluation.valid).toBe(true);
				return { configuration: evaluation.configuration, price: evaluation.price };
			});
			const evaluated = bulkLinePrices(
				jersey,
				lines.map(({ configuration }) => ({ configuration }))
			);
			expect(bulkLinePrices(jersey, lines)).toEqual(evaluated);
			expect(evaluated[0].unitPrice).toBeLessThan(lines[0].price.unitPrice);
		}
	});

	it('evaluates again when a rule looks at the quantity', () => {
		// 5.00 off each shirt from 12 pieces, as a rule: re-pricing the 1-piece price would miss it.
		const bulkDeal = createEngine(
			parsed({
				...sample('team-jersey'),
				rules: [
					...sample('team-jersey').rules,
					{
						id: 'club-deal',
						name: 'Club deal',
						when: { type: 'quantity', compare: 'gte', value: 12 },
						then: [{ type: 'priceAmount', amount: -500, label: 'Club deal' }]
					}
				]
			})
		);
		expect(quantityThresholds(bulkDeal.definition)).toEqual([12]);
		const lines = Array.from({ length: 12 }, (_, i) => {
			const evaluation = bulkDeal.evaluate({
				selections: { size: 'm', name: 'PLAYER', number: i },
				quantity: 1
			});
			return { configuration: evaluation.configuration, price: evaluation.price };
		});
		const prices = bulkLinePrices(bulkDeal, lines);
		expect(prices[1].lines.map((line) => line.label)).toContain('Club deal');
		const naive = repriceAtQuantity(bulkDeal.definition, lines[1].price, 12);
		expect(prices[1].unitPrice).toBe(naive.unitPrice - 450);
	});
});
