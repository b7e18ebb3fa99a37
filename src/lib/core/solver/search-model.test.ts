import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DefinitionInput } from '../definition/definition.js';
import { parseDefinition } from '../definition/parse.js';
import { createEngine } from '../engine/compile.js';
import {
	compileModel,
	createSearchModel,
	loadCompiledModel,
	SolverCapacityError,
	type Assignment,
	type Formula,
	type SolverModel
} from './index';

/*
 * The search model (the fallback when the decision diagram would exceed its capacity) must
 * answer exactly like the compiled diagram.
 */

const modelArb: fc.Arbitrary<SolverModel> = fc
	.array(fc.integer({ min: 2, max: 4 }), { minLength: 2, maxLength: 6 })
	.chain((sizes) => {
		const variables = sizes.map((d, i) => ({
			id: `x${i}`,
			values: Array.from({ length: d }, (_, k) => `v${k}`)
		}));
		const varArb = fc.integer({ min: 0, max: variables.length - 1 });
		const inArb: fc.Arbitrary<Formula> = varArb.chain((i) =>
			fc
				.subarray(variables[i].values)
				.map((values): Formula => ({ kind: 'in', variable: variables[i].id, values }))
		);
		const tableArb: fc.Arbitrary<Formula> = fc
			.uniqueArray(varArb, { minLength: 1, maxLength: 3 })
			.chain((scope) =>
				fc
					.array(fc.tuple(...scope.map((i) => fc.constantFrom(...variables[i].values))), {
						maxLength: 10
					})
					.chain((tuples) =>
						fc
							.constantFrom<'supports' | 'conflicts'>('supports', 'conflicts')
							.map((semantics): Formula => ({
								kind: 'table',
								scope: scope.map((i) => variables[i].id),
								tuples,
								semantics
							}))
					)
			);
		const { formula } = fc.letrec<{ formula: Formula }>((tie) => ({
			formula: fc.oneof(
				{ depthSize: 'small', withCrossShrink: true },
				inArb,
				inArb,
				tableArb,
				fc.constant<Formula>({ kind: 'true' }),
				fc
					.array(tie('formula'), { maxLength: 3 })
					.map((items): Formula => ({ kind: 'and', items })),
				fc.array(tie('formula'), { maxLength: 3 }).map((items): Formula => ({ kind: 'or', items })),
				tie('formula').map((item): Formula => ({ kind: 'not', item })),
				fc
					.tuple(tie('formula'), tie('formula'))
					.map(([a, b]): Formula => ({ kind: 'implies', if: a, then: b })),
				fc
					.tuple(
						fc.array(tie('formula'), { maxLength: 4 }),
						fc.integer({ min: -1, max: 4 }),
						fc.integer({ min: 0, max: 5 })
					)
					.map(([items, min, max]): Formula => ({ kind: 'count', items, min, max }))
			)
		}));
		return fc.array(formula, { minLength: 0, maxLength: 6 }).map((formulas) => ({
			variables,
			constraints: formulas.map((f, i) => ({ id: `c${i}`, formula: f }))
		}));
	});

function assignmentArb(model: SolverModel): fc.Arbitrary<Assignment> {
	return fc
		.tuple(
			...model.variables.map((v) =>
				fc.oneof(
					fc.constant<string | string[] | undefined>(undefined),
					fc.constant<string | string[] | undefined>(undefined),
					fc.constantFrom<string | string[] | undefined>(...v.values),
					fc.subarray(v.values)
				)
			)
		)
		.map((picks) => {
			const a: Assignment = {};
			picks.forEach((p, i) => {
				if (p !== undefined) a[model.variables[i].id] = p;
			});
			return a;
		});
}

const withAssignments = modelArb.chain((model) =>
	fc.tuple(fc.constant(model), fc.array(assignmentArb(model), { minLength: 1, maxLength: 4 }))
);

describe('the search model against the compiled diagram', () => {
	it('answers supportedValues, supportedValuesRelaxed, isSatisfiable, count, countByValue, findSolution and explain alike', () => {
		fc.assert(
			fc.property(withAssignments, ([model, assignments]) => {
				const diagram = compileModel(model);
				const search = createSearchModel(model);
				const loaded = loadCompiledModel(JSON.parse(JSON.stringify(search.serialize())));
				for (const a of [{}, ...assignments]) {
					const expected = diagram.supportedValues(a);
					expect(search.supportedValues(a)).toEqual(expected);
					expect(loaded.supportedValues(a)).toEqual(expected);
					expect(search.supportedValuesRelaxed(a)).toEqual(diagram.supportedValuesRelaxed(a));
					expect(search.isSatisfiable(a)).toBe(diagram.isSatisfiable(a));
					expect(search.count(a)).toBe(diagram.count(a));
					expect(search.countByValue(a)).toEqual(diagram.countByValue(a));
					const s = search.findSolution(a);
					expect(s !== null).toBe(diagram.isSatisfiable(a));
					if (s) expect(diagram.count({ ...a, ...s })).toBe(1n);
					for (const v of model.variables)
						for (const x of v.values) {
							const ex = search.explain(a, v.id, x);
							expect(ex === null).toBe(expected.get(v.id)?.has(x) ?? false);
							if (ex) {
								const restricted: Assignment = Object.fromEntries(
									ex.assignments.filter((id) => id !== v.id).map((id) => [id, a[id]])
								);
								const sub = {
									...model,
									constraints: model.constraints.filter((c) => ex.constraints.includes(c.id))
								};
								if (!ex.assignments.includes(v.id))
									expect(compileModel(sub).isSatisfiable({ ...restricted, [v.id]: x })).toBe(false);
							}
						}
				}
				expect(search.stats().nodes).toBe(0);
			}),
			{ numRuns: 150 }
		);
	});
});

/** A product of `n` required choice options with `k` choices and `rules` random exclude rules. */
function denseProduct(n: number, k: number, rules: number, seed: number) {
	let state = seed;
	const random = (m: number): number => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return Math.floor((state / 2147483648) * m);
	};
	const options: NonNullable<DefinitionInput['options']> = Array.from({ length: n }, (_, i) => ({
		id: `o${i}`,
		label: `Option ${i}`,
		kind: 'choice' as const,
		required: true,
		choices: Array.from({ length: k }, (_, j) => ({ id: `c${j}`, label: `Choice ${j}` }))
	}));
	const list = Array.from({ length: rules }, (_, r) => {
		const a = random(n);
		const b = (a + 1 + random(n - 1)) % n;
		return {
			id: `r${r}`,
			name: `Rule ${r}`,
			when: { type: 'is' as const, option: `o${a}`, value: `c${random(k)}` },
			then: [{ type: 'exclude' as const, option: `o${b}`, value: `c${random(k)}` }]
		};
	});
	const parsed = parseDefinition({
		formatVersion: 1,
		id: 'dense',
		name: 'Dense',
		handle: 'dense',
		currency: { code: 'EUR' },
		options,
		rules: list,
		pricing: { base: 1000 }
	});
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
	return parsed.definition;
}

describe('a dense product whose diagram exceeds its budget', () => {
	it('still configures through the search fallback, exactly', () => {
		const def = denseProduct(40, 8, 150, 11);
		const fallback = (m: SolverModel) => compileModel(m, { fallback: 'search', timeoutMs: 1000 });
		const engine = createEngine(def, { compile: fallback });
		expect(engine.compiled.stats().nodes).toBe(0);
		const started = performance.now();
		const ev = engine.evaluate({ selections: { o0: 'c0', o1: 'c1' } }, { explain: false });
		const ms = performance.now() - started;
		console.log(`dense 40×8, 150 rules: evaluate ${ms.toFixed(1)} ms`);
		for (const o of ev.options)
			for (const c of o.available) {
				const a: Assignment = { 'o o0': 'c0', 'o o1': 'c1' };
				if (o.id === 'o0' || o.id === 'o1') delete a[`o ${o.id}`];
				expect(engine.compiled.findSolution({ ...a, [`o ${o.id}`]: c })).not.toBeNull();
			}
		const { model } = engine.compiled.serialize() as { model: SolverModel };
		const budgeted = createSearchModel(model, { countBudgetMs: 200 });
		expect(() => budgeted.count()).toThrow(SolverCapacityError);
	});

	it('marks unavailable exactly the choices the exhaustive diagram rules out (smaller instance)', () => {
		const def = denseProduct(9, 3, 45, 5);
		const search = createEngine(def, {
			compile: (m) => compileModel(m, { fallback: 'search', maxNodes: 1 })
		});
		const exact = createEngine(def, { compile: compileModel });
		expect(search.compiled.stats().nodes).toBe(0);
		expect(exact.compiled.stats().nodes).toBeGreaterThan(0);
		let unavailable = 0;
		const sessions: Record<string, string>[] = [{}, { o0: 'c0' }, { o1: 'c2', o3: 'c1' }];
		for (const selections of sessions) {
			const got = search.evaluate({ selections });
			const want = exact.evaluate({ selections });
			expect(got.options.map((o) => o.available)).toEqual(want.options.map((o) => o.available));
			unavailable += got.options.reduce(
				(n, o) => n + (o.choices?.length ?? 0) - o.available.length,
				0
			);
		}
		expect(unavailable).toBeGreaterThan(0);
		expect(search.count()).toBe(exact.count());
	});
});
