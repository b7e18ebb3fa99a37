import { describe, expect, it } from 'vitest';
import { formatMoneyInput, parseMoneyInput } from './money-input';

const EUR = { code: 'EUR', minorUnits: 2 };
const JPY = { code: 'JPY', minorUnits: 0 };
const BHD = { code: 'BHD', minorUnits: 3 };

describe('parseMoneyInput', () => {
	it('reads whole amounts, one decimal and two decimals with a point or a comma', () => {
		expect(parseMoneyInput('5', EUR)).toEqual({ ok: true, amount: 500 });
		expect(parseMoneyInput('5.5', EUR)).toEqual({ ok: true, amount: 550 });
		expect(parseMoneyInput('5,50', EUR)).toEqual({ ok: true, amount: 550 });
		expect(parseMoneyInput('0.1', EUR)).toEqual({ ok: true, amount: 10 });
		expect(parseMoneyInput('  12.05 ', EUR)).toEqual({ ok: true, amount: 1205 });
	});

	it('reads negative amounts, thousands separators and the currency written around the number', () => {
		expect(parseMoneyInput('-2.25', EUR)).toEqual({ ok: true, amount: -225 });
		expect(parseMoneyInput('−3', EUR)).toEqual({ ok: true, amount: -300 });
		expect(parseMoneyInput('1 234,50', EUR)).toEqual({ ok: true, amount: 123450 });
		expect(parseMoneyInput('1,234.50', EUR)).toEqual({ ok: true, amount: 123450 });
		expect(parseMoneyInput('1.234,50', EUR)).toEqual({ ok: true, amount: 123450 });
		expect(parseMoneyInput('1,000,000', EUR)).toEqual({ ok: true, amount: 100000000 });
		expect(parseMoneyInput('€ 5', EUR)).toEqual({ ok: true, amount: 500 });
		expect(parseMoneyInput('5 EUR', EUR)).toEqual({ ok: true, amount: 500 });
		expect(parseMoneyInput('-0', EUR)).toEqual({ ok: true, amount: 0 });
	});

	it('follows the minor units of the currency', () => {
		expect(parseMoneyInput('500', JPY)).toEqual({ ok: true, amount: 500 });
		expect(parseMoneyInput('1.250', BHD)).toEqual({ ok: true, amount: 1250 });
		expect(parseMoneyInput('1.2', BHD)).toEqual({ ok: true, amount: 1200 });
	});

	it('refuses garbage, too many decimals and empty input with a message saying what to type', () => {
		const refused = (text: string, currency = EUR) => {
			const result = parseMoneyInput(text, currency);
			expect(result.ok).toBe(false);
			return result.ok ? '' : result.message;
		};
		expect(refused('abc')).toMatch(/not an amount.*12\.50/);
		expect(refused('5.5.5,1')).toMatch(/not an amount/);
		expect(refused('1,5.000,5')).toMatch(/more than one decimal separator|not an amount/);
		expect(refused('5.555')).toMatch(/EUR has 2 decimals at most/);
		expect(refused('5.5', JPY)).toMatch(/JPY has no decimals.*500/);
		expect(refused('')).toMatch(/Enter an amount/);
		expect(refused('5,')).toMatch(/not an amount/);
		expect(refused('1e3')).toMatch(/not an amount/);
		expect(refused('--5')).toMatch(/not an amount/);
		expect(refused('99999999999999999999')).toMatch(/too large/);
	});
});

describe('formatMoneyInput', () => {
	it('writes minor units as the plain text a field edits, and reads back the same amount', () => {
		expect(formatMoneyInput(550, EUR)).toBe('5.50');
		expect(formatMoneyInput(5, EUR)).toBe('0.05');
		expect(formatMoneyInput(-225, EUR)).toBe('-2.25');
		expect(formatMoneyInput(500, JPY)).toBe('500');
		expect(formatMoneyInput(1250, BHD)).toBe('1.250');
		for (const amount of [0, 1, 99, 100, -1, -1005, 123456789])
			expect(parseMoneyInput(formatMoneyInput(amount, EUR), EUR)).toEqual({ ok: true, amount });
	});
});
