import { describe, expect, it } from 'vitest';
import { sample } from '../scene/test-samples.js';
import type { Assignment, CompiledModel } from '../solver/types.js';
import { memoizeQueries } from './cache.js';
import { createEngine } from './compile.js';

const jersey = createEngine(sample('team-jersey'));
const sofa = createEngine(sample('modular-sofa'));

/** Assignments a roster produces: good rows, a conflicting row, repeats, unusual values. */
function assignments(model: CompiledModel): Assignment[] {
	const vars = model.variables;
	const out: Assignment[] = [{}];
	// Every variable alone at every value, then pairs of variables at their first/last values.
	for (const v of vars) for (const x of v.values) out.push({ [v.id]: x });
	for (const a of vars)
		for (const b of vars) {
			if (a.id >= b.id) continue;
			out.push({ [a.id]: a.values[0] as string, [b.id]: b.values.at(-1) as string });
			out.push({ [a.id]: a.values.at(-1) as string, [b.id]: b.values[0] as string });
		}
	// A value outside the domain and a value list take the long key.
	const first = vars[0] as { id: string; values: string[] };
	out.push({ [first.id]: 'not-a-value' });
	out.push({ [first.id]: first.values.slice(0, 2) });
	// The same queries again, in reverse (hits after evictions with a small cache).
	return [...out, ...[...out].reverse()];
}

/** The query's result, or the error it throws (a value outside a domain is refused). */
function outcome<T>(query: () => T): T | { throws: string } {
	try {
		return query();
	} catch (e) {
		return { throws: (e as Error).message };
	}
}

describe('memoizeQueries', () => {
	for (const [name, engine] of [
		['team jersey', jersey],
		['modular sofa', sofa]
	] as const) {
		it(`answers every query as the model itself does (${name}), also when it evicts`, () => {
			const raw = engine.compiled;
			for (const capacity of [256, 2]) {
				const cached = memoizeQueries(raw, capacity);
				for (const a of assignments(raw)) {
					for (const query of [
						'isSatisfiable',
						'supportedValues',
						'supportedValuesRelaxed'
					] as const)
						expect(outcome(() => cached[query](a))).toEqual(outcome(() => raw[query](a)));
				}
			}
		});
	}

	it('tells a conflicting assignment from good ones that share its choices', () => {
		const raw = jersey.compiled;
		const cached = memoizeQueries(raw);
		// XS with long sleeves is excluded by a rule; its neighbours are fine.
		const rows: Assignment[] = [
			{ 'o size': 'm', 'o sleeves': 'long' },
			{ 'o size': 'xs', 'o sleeves': 'long' },
			{ 'o size': 'xs', 'o sleeves': 'short' },
			{ 'o size': 'm', 'o sleeves': 'long' }
		];
		expect(rows.map((a) => cached.isSatisfiable(a))).toEqual([true, false, true, true]);
		expect(rows.map((a) => cached.isSatisfiable(a))).toEqual(rows.map((a) => raw.isSatisfiable(a)));
		const explained = cached.explain(rows[0] as Assignment, 'o size', 'xs');
		expect(explained).toEqual(raw.explain(rows[0] as Assignment, 'o size', 'xs'));
		expect(explained).not.toBeNull();
		expect(cached.explain(rows[2] as Assignment, 'o size', 'm')).toEqual(
			raw.explain(rows[2] as Assignment, 'o size', 'm')
		);
	});
});
