/**
 * The model's index (variable and value positions), with the checks a compiler-free loader needs
 * (`formula.ts` validates formulas and translates them into diagrams: the compiler's side).
 */
import { SolverModelError, type SolverModel } from './types';

/** Index of the validated model: variable positions and value positions. */
export interface ModelIndex {
	variableIndex: Map<string, number>;
	valueIndex: Map<string, number>[];
	/** Variable indexes mentioned by each constraint, sorted, distinct. */
	scopes: number[][];
}

/**
 * Positions of a variable and one of its values, for queries about a single value (`explain`).
 * @throws SolverModelError naming the unknown variable or value.
 */
export function valuePosition(
	index: ModelIndex,
	variable: string,
	value: string
): { variable: number; value: number } {
	const vi = index.variableIndex.get(variable);
	if (vi === undefined) throw new SolverModelError('variable', `unknown variable '${variable}'`);
	const k = index.valueIndex[vi].get(value);
	if (k === undefined)
		throw new SolverModelError('value', `unknown value '${value}' of variable '${variable}'`);
	return { variable: vi, value: k };
}

export function isObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Checks the variables (and that constraints are objects with distinct string ids). */
export function indexVariables(model: SolverModel): Omit<ModelIndex, 'scopes'> {
	if (!isObject(model)) throw new SolverModelError('model', 'must be an object');
	if (!Array.isArray(model.variables)) throw new SolverModelError('variables', 'must be an array');
	if (!Array.isArray(model.constraints))
		throw new SolverModelError('constraints', 'must be an array');
	const variableIndex = new Map<string, number>();
	const valueIndex: Map<string, number>[] = [];
	model.variables.forEach((v, i) => {
		const path = `variables[${i}]`;
		if (!isObject(v)) throw new SolverModelError(path, 'must be an object');
		if (typeof v.id !== 'string') throw new SolverModelError(`${path}.id`, 'must be a string');
		if (variableIndex.has(v.id))
			throw new SolverModelError(`${path}.id`, `duplicate variable id '${v.id}'`);
		if (!Array.isArray(v.values) || v.values.length === 0)
			throw new SolverModelError(`${path}.values`, 'must be a non-empty array of strings');
		const values = new Map<string, number>();
		v.values.forEach((value, k) => {
			if (typeof value !== 'string')
				throw new SolverModelError(`${path}.values[${k}]`, 'must be a string');
			if (values.has(value))
				throw new SolverModelError(`${path}.values[${k}]`, `duplicate value '${value}'`);
			values.set(value, k);
		});
		variableIndex.set(v.id, i);
		valueIndex.push(values);
	});
	const ids = new Set<string>();
	model.constraints.forEach((c, i) => {
		const path = `constraints[${i}]`;
		if (!isObject(c)) throw new SolverModelError(path, 'must be an object');
		if (typeof c.id !== 'string') throw new SolverModelError(`${path}.id`, 'must be a string');
		if (ids.has(c.id))
			throw new SolverModelError(`${path}.id`, `duplicate constraint id '${c.id}'`);
		ids.add(c.id);
	});
	return { variableIndex, valueIndex };
}

/**
 * The index of a model whose formulas are never read — a loaded compiled model that carries its
 * per-constraint diagrams: variables and constraint ids checked, formulas not (no scopes).
 * @throws SolverModelError with the path of the bad variable or constraint.
 */
export function indexModel(model: SolverModel): ModelIndex {
	return { ...indexVariables(model), scopes: model.constraints.map(() => []) };
}
