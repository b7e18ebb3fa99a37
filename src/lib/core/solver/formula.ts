/**
 * Model validation (formulas included) and formula → MDD translation: the compiler's side. The
 * index and the checks a compiler-free loader needs are in `model-index.ts`.
 */
import type { Diagram, LevelLayout } from './diagram';
import { FALSE, freezeDiagram, MddBuilder, TRUE } from './mdd';
import { indexVariables, isObject, type ModelIndex } from './model-index';
import { SolverModelError, type Formula, type SolverModel } from './types';

/**
 * Checks the model's shape and references; returns its index.
 * @throws SolverModelError with a path such as `constraints[3].formula.items[1].variable`.
 */
export function validateModel(model: SolverModel): ModelIndex {
	const { variableIndex, valueIndex } = indexVariables(model);
	const scopes: number[][] = [];
	model.constraints.forEach((c, i) => {
		const path = `constraints[${i}]`;
		const scope = new Set<number>();
		const variable = (id: unknown, p: string): number => {
			if (typeof id !== 'string') throw new SolverModelError(p, 'must be a variable id');
			const index = variableIndex.get(id);
			if (index === undefined) throw new SolverModelError(p, `unknown variable '${id}'`);
			scope.add(index);
			return index;
		};
		const value = (vi: number, x: unknown, p: string): void => {
			if (typeof x !== 'string' || !valueIndex[vi].has(x))
				throw new SolverModelError(
					p,
					`unknown value ${JSON.stringify(x)} of variable '${model.variables[vi].id}'`
				);
		};
		const visit = (f: unknown, p: string, depth: number): void => {
			if (depth > 200) throw new SolverModelError(p, 'formula is nested too deeply');
			if (!isObject(f)) throw new SolverModelError(p, 'must be a formula object');
			const items = (key: string): unknown[] => {
				const list = f[key];
				if (!Array.isArray(list)) throw new SolverModelError(`${p}.${key}`, 'must be an array');
				return list;
			};
			switch (f.kind) {
				case 'true':
				case 'false':
					return;
				case 'in': {
					const vi = variable(f.variable, `${p}.variable`);
					items('values').forEach((x, k) => value(vi, x, `${p}.values[${k}]`));
					return;
				}
				case 'and':
				case 'or':
					items('items').forEach((item, k) => visit(item, `${p}.items[${k}]`, depth + 1));
					return;
				case 'not':
					visit(f.item, `${p}.item`, depth + 1);
					return;
				case 'implies':
					visit(f.if, `${p}.if`, depth + 1);
					visit(f.then, `${p}.then`, depth + 1);
					return;
				case 'count': {
					items('items').forEach((item, k) => visit(item, `${p}.items[${k}]`, depth + 1));
					if (typeof f.min !== 'number' || !Number.isInteger(f.min))
						throw new SolverModelError(`${p}.min`, 'must be an integer');
					if (typeof f.max !== 'number' || !Number.isInteger(f.max))
						throw new SolverModelError(`${p}.max`, 'must be an integer');
					return;
				}
				case 'table': {
					const sc = items('scope').map((id, k) => variable(id, `${p}.scope[${k}]`));
					if (new Set(sc).size !== sc.length)
						throw new SolverModelError(`${p}.scope`, 'repeats a variable');
					if (f.semantics !== 'supports' && f.semantics !== 'conflicts')
						throw new SolverModelError(`${p}.semantics`, "must be 'supports' or 'conflicts'");
					items('tuples').forEach((t, k) => {
						if (!Array.isArray(t) || t.length !== sc.length)
							throw new SolverModelError(
								`${p}.tuples[${k}]`,
								`must be an array of ${sc.length} values (one per scope variable)`
							);
						t.forEach((x, j) => value(sc[j], x, `${p}.tuples[${k}][${j}]`));
					});
					return;
				}
				default:
					throw new SolverModelError(`${p}.kind`, `unknown formula kind ${JSON.stringify(f.kind)}`);
			}
		};
		visit(c.formula, `${path}.formula`, 0);
		scopes.push([...scope].sort((a, b) => a - b));
	});
	return { variableIndex, valueIndex, scopes };
}

/**
 * Translates a validated formula into a diagram of `builder`. `levelOf[variableIndex]` gives
 * the variable's level.
 */
export function buildFormula(
	builder: MddBuilder,
	formula: Formula,
	index: ModelIndex,
	levelOf: Int32Array
): number {
	const rec = (f: Formula): number => {
		switch (f.kind) {
			case 'true':
				return TRUE;
			case 'false':
				return FALSE;
			case 'in': {
				const vi = index.variableIndex.get(f.variable) as number;
				const level = levelOf[vi];
				const allowed = new Uint8Array(builder.domainSizes[level]);
				for (const x of f.values) allowed[index.valueIndex[vi].get(x) as number] = 1;
				return builder.literal(level, allowed);
			}
			case 'and': {
				let acc = TRUE;
				for (const item of f.items) {
					acc = builder.and(acc, rec(item));
					if (acc === FALSE) break;
				}
				return acc;
			}
			case 'or': {
				let acc = FALSE;
				for (const item of f.items) {
					acc = builder.or(acc, rec(item));
					if (acc === TRUE) break;
				}
				return acc;
			}
			case 'not':
				return builder.not(rec(f.item));
			case 'implies':
				return builder.or(builder.not(rec(f.if)), rec(f.then));
			case 'count': {
				const items = f.items.map(rec);
				const n = items.length;
				// ok[k] = diagram for "items i.. hold so that k + (number holding) is within [min,max]"
				let next: number[] = [];
				for (let k = 0; k <= n; k++) next.push(k >= f.min && k <= f.max ? TRUE : FALSE);
				for (let i = n - 1; i >= 0; i--) {
					const cur: number[] = [];
					const negated = builder.not(items[i]);
					for (let k = 0; k <= i; k++)
						cur.push(builder.or(builder.and(items[i], next[k + 1]), builder.and(negated, next[k])));
					next = cur;
				}
				return next[0];
			}
			case 'table': {
				const vis = f.scope.map((id) => index.variableIndex.get(id) as number);
				const levels = vis.map((vi) => levelOf[vi]);
				const tuples = f.tuples.map((t) =>
					Int32Array.from(t.map((x, j) => index.valueIndex[vis[j]].get(x) as number))
				);
				return builder.table(levels, tuples, f.semantics);
			}
		}
	};
	return rec(formula);
}

/**
 * One diagram per constraint (in model order), over the levels it touches: what explanations
 * search with. Built once, on the first explanation; a serialized model may carry them instead.
 */
export function constraintDiagrams(
	model: SolverModel,
	index: ModelIndex,
	levelOf: Int32Array,
	layout: LevelLayout
): Diagram[] {
	const builder = new MddBuilder(layout.domainSizes);
	return model.constraints.map((c) =>
		freezeDiagram(builder, layout, buildFormula(builder, c.formula, index, levelOf), false)
	);
}
