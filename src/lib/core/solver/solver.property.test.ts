import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compileModel,
	loadCompiledModel,
	type Assignment,
	type Formula,
	type SolverModel
} from './index';

/** Evaluates a formula on a complete assignment (the brute-force reference). */
function evaluate(f: Formula, s: Record<string, string>): boolean {
	switch (f.kind) {
		case 'true':
			return true;
		case 'false':
			return false;
		case 'in':
			return f.values.includes(s[f.variable]);
		case 'and':
			return f.items.every((i) => evaluate(i, s));
		case 'or':
			return f.items.some((i) => evaluate(i, s));
		case 'not':
			return !evaluate(f.item, s);
		case 'implies':
			return !evaluate(f.if, s) || evaluate(f.then, s);
		case 'count': {
			const n = f.items.filter((i) => evaluate(i, s)).length;
			return n >= f.min && n <= f.max;
		}
		case 'table': {
			const hit = f.tuples.some((t) => t.every((x, j) => s[f.scope[j]] === x));
			return f.semantics === 'supports' ? hit : !hit;
		}
	}
}

function allAssignments(model: SolverModel): Record<string, string>[] {
	let result: Record<string, string>[] = [{}];
	for (const v of model.variables)
		result = result.flatMap((partial) => v.values.map((x) => ({ ...partial, [v.id]: x })));
	return result;
}

function allows(a: Assignment, id: string, value: string): boolean {
	const r = a[id];
	if (r === undefined) return true;
	return typeof r === 'string' ? r === value : r.includes(value);
}

function solutions(model: SolverModel, constraints = model.constraints, a: Assignment = {}) {
	return allAssignments(model).filter(
		(s) =>
			model.variables.every((v) => allows(a, v.id, s[v.id])) &&
			constraints.every((c) => evaluate(c.formula, s))
	);
}

const modelArb: fc.Arbitrary<SolverModel> = fc
	.array(fc.integer({ min: 2, max: 4 }), { minLength: 3, maxLength: 6 })
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
						maxLength: 12
					})
					.chain((tuples) =>
						fc
							.constantFrom<'supports' | 'conflicts'>('supports', 'conflicts')
							.map((semantics): Formula => ({
								kind: 'table',
								scope: scope.map((i) => variables[i].id),
								tuples: tuples.map((t) => t.map(String)),
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
				fc.constant<Formula>({ kind: 'false' }),
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
		return fc.array(formula, { minLength: 1, maxLength: 5 }).map((formulas) => ({
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
		.map((entries) => {
			const a: Record<string, string | string[]> = {};
			entries.forEach((e, i) => {
				if (e !== undefined) a[model.variables[i].id] = e;
			});
			return a;
		});
}

const withAssignment = modelArb.chain((model) =>
	fc.tuple(fc.constant(model), fc.array(assignmentArb(model), { minLength: 1, maxLength: 3 }))
);

function expectedSupport(model: SolverModel, a: Assignment): Map<string, Set<string>> {
	const sols = solutions(model, model.constraints, a);
	return new Map(model.variables.map((v) => [v.id, new Set(sols.map((s) => s[v.id]))]));
}

describe('the compiled model agrees with brute-force enumeration on random small models', () => {
	it('counts exactly the complete solutions extending an assignment', () => {
		fc.assert(
			fc.property(withAssignment, ([model, assignments]) => {
				const compiled = compileModel(model);
				expect(compiled.count()).toBe(BigInt(solutions(model).length));
				for (const a of assignments)
					expect(compiled.count(a)).toBe(BigInt(solutions(model, model.constraints, a).length));
			}),
			{ numRuns: 300 }
		);
	});

	it('reports as supported exactly the values that extend to a complete solution', () => {
		fc.assert(
			fc.property(withAssignment, ([model, assignments]) => {
				const compiled = compileModel(model);
				for (const a of [{}, ...assignments])
					expect(compiled.supportedValues(a)).toEqual(expectedSupport(model, a));
			}),
			{ numRuns: 300 }
		);
	});

	it('reports relaxed supports: per variable, the supports with only its own entry dropped', () => {
		fc.assert(
			fc.property(withAssignment, ([model, assignments]) => {
				const compiled = compileModel(model);
				const loaded = loadCompiledModel(JSON.parse(JSON.stringify(compiled.serialize())));
				for (const a of [{}, ...assignments]) {
					const expected = new Map(
						model.variables.map((v) => {
							const rest = { ...a };
							delete rest[v.id];
							return [v.id, expectedSupport(model, rest).get(v.id)];
						})
					);
					expect(compiled.supportedValuesRelaxed(a)).toEqual(expected);
					expect(loaded.supportedValuesRelaxed(a)).toEqual(expected);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('counts solutions per value exactly', () => {
		fc.assert(
			fc.property(withAssignment, ([model, assignments]) => {
				const compiled = compileModel(model);
				for (const a of assignments) {
					const sols = solutions(model, model.constraints, a);
					const byValue = compiled.countByValue(a);
					for (const v of model.variables)
						for (const x of v.values)
							expect(byValue.get(v.id)?.get(x)).toBe(
								BigInt(sols.filter((s) => s[v.id] === x).length)
							);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('finds a valid completion exactly when one exists', () => {
		fc.assert(
			fc.property(withAssignment, ([model, assignments]) => {
				const compiled = compileModel(model);
				for (const a of assignments) {
					const exists = solutions(model, model.constraints, a).length > 0;
					expect(compiled.isSatisfiable(a)).toBe(exists);
					const s = compiled.findSolution(a);
					if (!exists) expect(s).toBeNull();
					else {
						expect(s).not.toBeNull();
						const sol = s as Record<string, string>;
						for (const v of model.variables) expect(allows(a, v.id, sol[v.id])).toBe(true);
						for (const c of model.constraints) expect(evaluate(c.formula, sol)).toBe(true);
					}
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('explains exactly the unavailable values, with minimal assignments and constraints that really exclude them', () => {
		fc.assert(
			fc.property(withAssignment, ([model, assignments]) => {
				const compiled = compileModel(model);
				for (const a of [{}, ...assignments]) {
					const support = expectedSupport(model, a);
					for (const v of model.variables)
						for (const x of v.values) {
							const e = compiled.explain(a, v.id, x, { budgetMs: 10_000 });
							if (support.get(v.id)?.has(x)) {
								expect(e).toBeNull();
								continue;
							}
							expect(e).not.toBeNull();
							const { assignments: vars, constraints: ids } = e as {
								assignments: string[];
								constraints: string[];
							};
							for (const id of vars) expect(a[id]).toBeDefined();
							const excludes = (varsUsed: string[], idsUsed: string[]): boolean => {
								const restriction: Assignment = {};
								for (const id of varsUsed) restriction[id] = a[id];
								const cs = model.constraints.filter((c) => idsUsed.includes(c.id));
								return solutions(model, cs, restriction).every((s) => s[v.id] !== x);
							};
							expect(excludes(vars, ids)).toBe(true);
							for (const id of vars)
								expect(
									excludes(
										vars.filter((y) => y !== id),
										ids
									)
								).toBe(false);
							for (const id of ids)
								expect(
									excludes(
										vars,
										ids.filter((y) => y !== id)
									)
								).toBe(false);
						}
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('gives identical answers after a serialize / JSON / load round trip', () => {
		fc.assert(
			fc.property(withAssignment, ([model, assignments]) => {
				const compiled = compileModel(model);
				const loaded = loadCompiledModel(JSON.parse(JSON.stringify(compiled.serialize())));
				expect(loaded.stats().nodes).toBe(compiled.stats().nodes);
				for (const a of [{}, ...assignments]) {
					expect(loaded.count(a)).toBe(compiled.count(a));
					expect(loaded.supportedValues(a)).toEqual(compiled.supportedValues(a));
					expect(loaded.findSolution(a)).toEqual(compiled.findSolution(a));
					for (const v of model.variables)
						for (const x of v.values)
							expect(loaded.explain(a, v.id, x)).toEqual(compiled.explain(a, v.id, x));
				}
			}),
			{ numRuns: 100 }
		);
	});
});
