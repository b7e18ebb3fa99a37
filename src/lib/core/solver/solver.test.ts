import { describe, expect, it } from 'vitest';
import { mulberry32 } from './order';
import {
	compileModel,
	loadCompiledModel,
	SolverCapacityError,
	SolverModelError,
	type Assignment,
	type Formula,
	type SolverModel
} from './index';

const colors = ['red', 'green', 'blue'];
const shirt: SolverModel = {
	variables: [
		{ id: 'material', values: ['cotton', 'wood', 'steel'] },
		{ id: 'color', values: colors },
		{ id: 'engraving', values: ['none', 'text', 'logo'] },
		{ id: 'size', values: ['S', 'M', 'L'] }
	],
	constraints: [
		{
			id: 'engraving-needs-wood',
			formula: {
				kind: 'implies',
				if: { kind: 'in', variable: 'engraving', values: ['text', 'logo'] },
				then: { kind: 'in', variable: 'material', values: ['wood'] }
			}
		},
		{
			id: 'wood-is-not-blue',
			formula: {
				kind: 'table',
				scope: ['material', 'color'],
				tuples: [['wood', 'blue']],
				semantics: 'conflicts'
			}
		},
		{
			id: 'steel-only-large',
			formula: {
				kind: 'or',
				items: [
					{ kind: 'not', item: { kind: 'in', variable: 'material', values: ['steel'] } },
					{ kind: 'in', variable: 'size', values: ['L'] }
				]
			}
		}
	]
};

function modelError(f: () => unknown): SolverModelError {
	try {
		f();
	} catch (e) {
		if (e instanceof SolverModelError) return e;
		throw e;
	}
	throw new Error('expected a SolverModelError');
}

describe('compileModel', () => {
	it('rejects an unknown variable with the path of the offending field', () => {
		const bad: SolverModel = {
			...shirt,
			constraints: [
				shirt.constraints[0],
				{
					id: 'x',
					formula: {
						kind: 'and',
						items: [{ kind: 'true' }, { kind: 'in', variable: 'finish', values: ['matte'] }]
					}
				}
			]
		};
		const e = modelError(() => compileModel(bad));
		expect(e.path).toBe('constraints[1].formula.items[1].variable');
		expect(e.message).toMatch(/unknown variable 'finish'/);
	});

	it('rejects unknown values, bad tuples and duplicate ids with their paths', () => {
		const withFormula = (formula: Formula): SolverModel => ({
			variables: shirt.variables,
			constraints: [{ id: 'c', formula }]
		});
		expect(
			modelError(() =>
				compileModel(withFormula({ kind: 'in', variable: 'color', values: ['red', 'pink'] }))
			).path
		).toBe('constraints[0].formula.values[1]');
		expect(
			modelError(() =>
				compileModel(
					withFormula({
						kind: 'table',
						scope: ['color', 'size'],
						tuples: [['red', 'S'], ['red']],
						semantics: 'supports'
					})
				)
			).path
		).toBe('constraints[0].formula.tuples[1]');
		expect(
			modelError(() =>
				compileModel({ variables: [...shirt.variables, shirt.variables[0]], constraints: [] })
			).path
		).toBe('variables[4].id');
	});

	it('answers availability, counts and completions on a small product', () => {
		const m = compileModel(shirt);
		// material x color x engraving x size, minus the excluded combinations
		expect(m.count()).toBe(
			BigInt(
				// cotton: no engraving; wood: not blue; steel: L only, no engraving
				1 * 3 * 1 * 3 + 1 * 2 * 3 * 3 + 1 * 3 * 1 * 1
			)
		);
		const s = m.supportedValues({ engraving: 'logo' });
		expect(s.get('material')).toEqual(new Set(['wood']));
		expect(s.get('color')).toEqual(new Set(['red', 'green']));
		expect(s.get('engraving')).toEqual(new Set(['logo']));
		const both = m.supportedValues({ engraving: ['none', 'logo'], size: 'S' });
		expect(both.get('material')).toEqual(new Set(['cotton', 'wood']));
		expect(m.countByValue({ size: 'S' }).get('material')?.get('steel')).toBe(0n);
		const solution = m.findSolution({ color: 'blue' });
		expect(solution?.color).toBe('blue');
		expect(solution && m.count(solution)).toBe(1n);
	});

	it('returns empty sets everywhere for an inconsistent assignment', () => {
		const m = compileModel(shirt);
		const inconsistent: Assignment[] = [{ engraving: 'text', color: 'blue' }, { color: [] }];
		for (const a of inconsistent) {
			expect(m.isSatisfiable(a)).toBe(false);
			expect(m.findSolution(a)).toBeNull();
			expect(m.count(a)).toBe(0n);
			for (const values of m.supportedValues(a).values()) expect(values.size).toBe(0);
		}
	});

	it('sees dead ends that arc consistency cannot see', () => {
		// three pairwise-different variables over two values: every pair is fine, the whole is not
		const ne = (a: string, b: string): Formula => ({
			kind: 'table',
			scope: [a, b],
			tuples: [
				['0', '0'],
				['1', '1']
			],
			semantics: 'conflicts'
		});
		const m = compileModel({
			variables: ['x', 'y', 'z', 'w'].map((id) => ({ id, values: ['0', '1'] })),
			constraints: [
				{
					id: 'w1-forces-triangle',
					formula: {
						kind: 'implies',
						if: { kind: 'in', variable: 'w', values: ['1'] },
						then: { kind: 'and', items: [ne('x', 'y'), ne('y', 'z'), ne('x', 'z')] }
					}
				}
			]
		});
		expect(m.supportedValues().get('w')).toEqual(new Set(['0']));
		expect(m.explain({}, 'w', '1')).toEqual({
			assignments: [],
			constraints: ['w1-forces-triangle']
		});
	});

	it('rejects an assignment naming an unknown variable or value', () => {
		const m = compileModel(shirt);
		expect(modelError(() => m.supportedValues({ finish: 'matte' })).path).toBe('assignment.finish');
		expect(modelError(() => m.count({ color: 'pink' })).path).toBe('assignment.color');
	});

	it('counts with the count formula', () => {
		const m = compileModel({
			variables: ['a', 'b', 'c'].map((id) => ({ id, values: ['no', 'yes'] })),
			constraints: [
				{
					id: 'one-or-two-extras',
					formula: {
						kind: 'count',
						items: ['a', 'b', 'c'].map((variable): Formula => ({
							kind: 'in',
							variable,
							values: ['yes']
						})),
						min: 1,
						max: 2
					}
				}
			]
		});
		expect(m.count()).toBe(6n);
	});
});

describe('explain', () => {
	it('names the selections and the rule that make a value unavailable', () => {
		const m = compileModel(shirt);
		expect(m.explain({ engraving: 'logo' }, 'color', 'red')).toBeNull();
		expect(m.explain({ engraving: 'logo', size: 'M' }, 'color', 'blue')).toEqual({
			assignments: ['engraving'],
			constraints: ['engraving-needs-wood', 'wood-is-not-blue']
		});
		expect(m.explain({ size: 'S', color: 'red' }, 'material', 'steel')).toEqual({
			assignments: ['size'],
			constraints: ['steel-only-large']
		});
	});

	it('says a value of an assigned variable is excluded by that selection alone when the rest allows it', () => {
		const m = compileModel(shirt);
		expect(m.explain({ color: 'red' }, 'color', 'green')).toEqual({
			assignments: ['color'],
			constraints: []
		});
	});

	it('answers within 200 ms on a 40-option product', () => {
		// rules relate options that are near each other (steps of a configurator), as in real products
		const random = mulberry32(7);
		const variables = Array.from({ length: 40 }, (_, i) => ({
			id: `o${i}`,
			values: Array.from({ length: 2 + Math.floor(random() * 5) }, (_, k) => `c${k}`)
		}));
		let anchor = 0;
		const literal = (): Formula => {
			const v = variables[anchor + Math.floor(random() * 8)];
			return { kind: 'in', variable: v.id, values: v.values.filter(() => random() < 0.4) };
		};
		const constraints = Array.from({ length: 100 }, (_, i) => {
			anchor = Math.floor(random() * 33);
			return {
				id: `r${i}`,
				formula: {
					kind: 'implies',
					if: { kind: 'and', items: [literal(), literal()] },
					then: { kind: 'not', item: literal() }
				} as Formula
			};
		});
		const m = compileModel({ variables, constraints });
		expect(m.count()).toBeGreaterThan(0n);
		const selection: Record<string, string> = {};
		let explained = 0;
		let slowest = 0;
		for (const v of variables.slice(0, 30)) {
			const support = m.supportedValues(selection);
			const options = [...(support.get(v.id) ?? [])];
			selection[v.id] = options[Math.floor(random() * options.length)];
			const after = m.supportedValues(selection);
			for (const w of variables)
				for (const x of w.values)
					if (!(w.id in selection) && !after.get(w.id)?.has(x)) {
						const t = performance.now();
						const e = m.explain(selection, w.id, x);
						slowest = Math.max(slowest, performance.now() - t);
						expect(e).not.toBeNull();
						explained++;
					}
		}
		expect(explained).toBeGreaterThan(20);
		expect(slowest).toBeLessThan(200);
	});
});

describe('compile limits', () => {
	it('stops with a SolverCapacityError instead of running away on dense unstructured rules', () => {
		const random = mulberry32(7);
		const variables = Array.from({ length: 40 }, (_, i) => ({
			id: `o${i}`,
			values: Array.from({ length: 2 + Math.floor(random() * 5) }, (_, k) => `c${k}`)
		}));
		const literal = (): Formula => {
			const v = variables[Math.floor(random() * 40)];
			return { kind: 'in', variable: v.id, values: v.values.filter(() => random() < 0.4) };
		};
		const constraints = Array.from({ length: 100 }, (_, i) => ({
			id: `r${i}`,
			formula: {
				kind: 'implies',
				if: { kind: 'and', items: [literal(), literal()] },
				then: { kind: 'not', item: literal() }
			} as Formula
		}));
		expect(() => compileModel({ variables, constraints }, { maxNodes: 20_000 })).toThrow(
			SolverCapacityError
		);
	});
});

describe('loadCompiledModel', () => {
	it('rejects data that is not a compiled model', () => {
		expect(modelError(() => loadCompiledModel({ format: 'nope' })).path).toBe('serialized.format');
		const data = compileModel(shirt).serialize() as { diagram: { levels: number[] } };
		data.diagram.levels[0] = 99;
		expect(modelError(() => loadCompiledModel(data)).path).toBe('serialized.diagram');
	});
});
