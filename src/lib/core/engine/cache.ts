import type { Assignment, CompiledModel, Explanation } from '../solver/types.js';

/** A small least-recently-used map. */
class Lru<V> {
	private readonly map = new Map<string, V>();
	constructor(private readonly capacity: number) {}
	get(key: string): V | undefined {
		const v = this.map.get(key);
		if (v !== undefined) {
			this.map.delete(key);
			this.map.set(key, v);
		}
		return v;
	}
	set(key: string, value: V): void {
		this.map.delete(key);
		this.map.set(key, value);
		if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
	}
}

/** A stable key of an assignment (variables in model order). */
function keyOf(variables: readonly { id: string }[], a: Assignment): string {
	let k = '';
	for (const v of variables) {
		const x = a[v.id];
		if (x !== undefined) k += `${v.id}=${typeof x === 'string' ? x : x.join('|')};`;
	}
	return k;
}

/**
 * The same key, short: one character per variable (0 unassigned, else 1 + the value's index in
 * its domain), so that hashing and comparing keys costs little. Assignments it cannot write
 * (a value list, a value outside the domain) fall back to {@link keyOf}; the leading NUL keeps
 * both kinds of key apart (variable ids never start with one).
 */
function compactKeyer(variables: readonly { id: string; values: readonly string[] }[]) {
	const index = variables.map((v) => new Map(v.values.map((x, i) => [x, i + 1])));
	return (a: Assignment): string => {
		let k = '\0';
		for (let i = 0; i < variables.length; i++) {
			const x = a[(variables[i] as { id: string }).id];
			if (x === undefined) k += '\0';
			else {
				const n = typeof x === 'string' ? (index[i] as Map<string, number>).get(x) : undefined;
				if (n === undefined || n > 0xffff) return keyOf(variables, a);
				k += String.fromCharCode(n);
			}
		}
		return k;
	};
}

/**
 * Memoizes the queries the engine repeats from one evaluation to the next: a storefront
 * re-evaluates after every keystroke in a text field, when the choice selections (and usually
 * the text's length class) have not changed. Results are immutable; callers must not mutate them.
 */
export function memoizeQueries(model: CompiledModel, capacity = 256): CompiledModel {
	const vars = model.variables;
	const key = compactKeyer(vars);
	const supported = new Lru<Map<string, Set<string>>>(capacity);
	const relaxed = new Lru<Map<string, Set<string>>>(capacity);
	const satisfiable = new Lru<boolean>(capacity * 4);
	const explained = new Lru<Explanation | null>(capacity * 4);
	return {
		variables: vars,
		count: (a) => model.count(a),
		countByValue: (a) => model.countByValue(a),
		findSolution: (a) => model.findSolution(a),
		stats: () => model.stats(),
		serialize: (options) => model.serialize(options),
		supportedValues(a = {}) {
			const k = key(a);
			let r = supported.get(k);
			if (!r) supported.set(k, (r = model.supportedValues(a)));
			return r;
		},
		supportedValuesRelaxed(a = {}) {
			const k = key(a);
			let r = relaxed.get(k);
			if (!r) relaxed.set(k, (r = model.supportedValuesRelaxed(a)));
			return r;
		},
		isSatisfiable(a = {}) {
			const k = key(a);
			let r = satisfiable.get(k);
			if (r === undefined) satisfiable.set(k, (r = model.isSatisfiable(a)));
			return r;
		},
		explain(a, variable, value) {
			const k = `${key(a)}#${variable}=${value}`;
			let r = explained.get(k);
			if (r === undefined) explained.set(k, (r = model.explain(a, variable, value)));
			return r;
		}
	};
}
