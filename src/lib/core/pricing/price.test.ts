import { describe, expect, it } from 'vitest';
import type { Definition } from '../definition/definition.js';
import { parseDefinition } from '../definition/parse.js';
import { applyBasisPoints, divideRounded, formatMoney, multiplyRounded } from '../money.js';
import { leadTimeOf, rushQuotes } from './lead-time.js';
import { priceConfiguration, type PricingFacts } from './price.js';

function product(): Definition {
	const r = parseDefinition({
		formatVersion: 1,
		id: 'mug',
		name: 'Mug',
		handle: 'mug',
		currency: { code: 'USD' },
		options: [
			{ id: 'name', kind: 'text', label: 'Name', maxLength: 20 },
			{ id: 'width', kind: 'number', label: 'Width', unit: 'cm' }
		],
		rules: [
			{ id: 'p1', name: 'Premium', then: [{ type: 'pricePercent', basisPoints: 1250 }] },
			{ id: 'p2', name: 'Loyalty', then: [{ type: 'pricePercent', basisPoints: -500 }] },
			{
				id: 'letters',
				name: 'Letters',
				then: [{ type: 'pricePerCharacter', option: 'name', amount: 25, freeCharacters: 3 }]
			},
			{ id: 'w', name: 'Width', then: [{ type: 'pricePerUnit', option: 'width', amount: 33 }] },
			{ id: 'slow', name: 'Hand painted', then: [{ type: 'leadTime', days: 4 }] }
		],
		pricing: {
			base: 999,
			fees: [{ id: 'plate', label: 'Plate', amount: 500 }],
			rushTiers: [
				{ id: 'standard', label: 'Standard' },
				{ id: 'expedited', label: 'Expedited', multiplierBasisPoints: 12500, leadTimeDays: 6 },
				{ id: 'rush', label: 'Rush', multiplierBasisPoints: 20000, leadTimeDays: 2 }
			]
		},
		leadTime: { baseDays: 5 }
	});
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.definition;
}

const facts = (def: Definition, over: Partial<PricingFacts> = {}): PricingFacts => ({
	choices: [],
	togglesOn: [],
	texts: new Map([['name', 'Jo Ann Lee']]),
	numbers: new Map([['width', 2.5]]),
	firedRules: def.rules,
	quantity: 3,
	...over
});

describe('money arithmetic', () => {
	it('rounds half away from zero, exactly', () => {
		expect(divideRounded(5n, 2n)).toBe(3);
		expect(divideRounded(-5n, 2n)).toBe(-3);
		expect(divideRounded(4n, 3n)).toBe(1);
		expect(applyBasisPoints(999, 1250)).toBe(125); // 124.875
		expect(applyBasisPoints(-999, 1250)).toBe(-125);
		expect(multiplyRounded(33, 2.5)).toBe(83); // 82.5
		expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 10000)).toBe(Number.MAX_SAFE_INTEGER);
	});

	it('formats minor units for people', () => {
		expect(formatMoney(4900, 'EUR', 2, 'en')).toBe('€49.00');
		expect(formatMoney(500, 'JPY', 0, 'en')).toBe('¥500');
	});
});

describe('the price breakdown', () => {
	it('applies percents on the subtotal without compounding, then fees and rush', () => {
		const def = product();
		const p = priceConfiguration(def, facts(def, { rushTierId: 'expedited' }));
		// 999 + letters (8 − 3 free) × 25 = 125 + width 2.5 × 33 = 83 → 1207
		// +12.5 % = 151 (150.875), −5 % = −60 (60.35) → 1298
		expect(p.lines.map((l) => [l.kind, l.amount])).toEqual([
			['base', 999],
			['perCharacter', 125],
			['perUnit', 83],
			['percent', 151],
			['percent', -60],
			['rush', 974],
			['fee', 500]
		]);
		expect(p).toMatchObject({
			unitSubtotal: 1298,
			unitPrice: 1298,
			goods: 3894,
			rush: 974,
			total: 5368
		});
	});

	it('is the same whatever the order of fired rules', () => {
		const def = product();
		const a = priceConfiguration(def, facts(def));
		const b = priceConfiguration(def, facts(def, { firedRules: [...def.rules].reverse() }));
		expect(b.total).toBe(a.total);
	});

	it('gives the lead time and every rush tier with its price and days', () => {
		const def = product();
		const f = facts(def, { rushTierId: 'rush' });
		const lt = leadTimeOf(def, f);
		expect(lt).toMatchObject({ standardDays: 9, days: 2, rushTierId: 'rush' });
		const p = priceConfiguration(def, f);
		expect(rushQuotes(def, p.goods, p.fees, lt.standardDays, 'rush')).toEqual([
			{
				id: 'standard',
				label: 'Standard',
				multiplierBasisPoints: 10000,
				surcharge: 0,
				total: 4394,
				leadTimeDays: 9,
				selected: false
			},
			{
				id: 'expedited',
				label: 'Expedited',
				multiplierBasisPoints: 12500,
				surcharge: 974,
				total: 5368,
				leadTimeDays: 6,
				selected: false
			},
			{
				id: 'rush',
				label: 'Rush',
				multiplierBasisPoints: 20000,
				surcharge: 3894,
				total: 8288,
				leadTimeDays: 2,
				selected: true
			}
		]);
	});
});
