import { describe, expect, it } from 'vitest';
import { checkConfigurationShape, isLocale } from './configuration-check.js';
import { configurationSchema } from './configuration.js';

/** A small seeded PRNG (mulberry32), so a failing fuzz case can be replayed. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ids = ['navy', 'm', '', 'a b', 'x'.repeat(201), 'x'.repeat(200), '-1', 'ok\u0007', 'é'];
const numbers = [0, 1, 3, -2, 2.5, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, 1e21];
const scalars = [...ids, ...numbers, true, false, null, undefined, {}, []];

function pick<T>(next: () => number, list: readonly T[]): T {
	return list[Math.floor(next() * list.length)] as T;
}

/** Answers of every shape the schema knows, and near misses of each. */
function answer(next: () => number): unknown {
	switch (Math.floor(next() * 7)) {
		case 0:
			return pick(next, scalars);
		case 1:
			return Array.from({ length: Math.floor(next() * 3) }, () => pick(next, [...ids, 4, null]));
		case 2:
			return maybe(next, {
				text: pick(next, ['', 'ANNA', 7]),
				font: pick(next, ids),
				color: pick(next, ids)
			});
		case 3:
			return maybe(next, {
				ref: pick(next, ['', 'blob:x', 3]),
				format: pick(next, ['png', 4]),
				width: pick(next, numbers),
				height: pick(next, numbers),
				bytes: pick(next, numbers)
			});
		case 4:
			return maybe(next, { text: 'a', ref: 'b', extra: 1 });
		default:
			return pick(next, ids);
	}
}

/** Keeps each key of `value` with probability ½. */
function maybe(next: () => number, value: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(value).filter(() => next() < 0.5));
}

function configuration(next: () => number): unknown {
	if (next() < 0.05) return pick(next, scalars);
	const selections = Object.fromEntries(
		Array.from({ length: Math.floor(next() * 4) }, () => [pick(next, ids), answer(next)])
	);
	return maybe(next, {
		selections: next() < 0.1 ? pick(next, scalars) : selections,
		quantity: pick(next, numbers),
		rushTier: pick(next, ids),
		locale: pick(next, ['en', 'fr-CA', 'EN', 'de-', 4]),
		extra: 1
	});
}

describe('checkConfigurationShape', () => {
	it('accepts exactly what configurationSchema accepts, with the same defaults', () => {
		const next = random(11);
		let accepted = 0;
		for (let i = 0; i < 5000; i++) {
			const input = configuration(next);
			const expected = configurationSchema.safeParse(input);
			const actual = checkConfigurationShape(input);
			expect({ input, ok: actual.ok }).toEqual({ input, ok: expected.success });
			if (actual.ok && expected.success) {
				accepted++;
				expect(actual.configuration).toStrictEqual(expected.data);
			}
		}
		expect(accepted).toBeGreaterThan(100);
	});

	it('names the path and what was expected', () => {
		const result = checkConfigurationShape({ selections: { size: { ref: '' } }, quantity: 0 });
		expect(result.ok || result.errors).toEqual([
			{ path: 'selections.size.ref', message: 'expected an upload reference (a non-empty string)' },
			{ path: 'quantity', message: 'expected a quantity of at least 1' }
		]);
	});

	it('knows a locale', () => {
		expect([isLocale('fr-CA'), isLocale('FR'), isLocale(undefined)]).toEqual([true, false, false]);
	});
});
