import type { Assignment, CompiledModel, Explanation } from '../solver/types.js';

/**
 * A bounded map that keeps what was recently used: two generations of at most `capacity / 2`
 * entries; a hit in the older one moves the entry to the newer one, and when the newer one is
 * full it becomes the older one (the oldest generation is dropped). A hit in the newer
 * generation costs one lookup, without the reordering of a strict LRU.
 */
class Lru<V> {
	private recent = new Map<string, V>();
	private older = new Map<string, V>();
	private readonly half: number;
	constructor(capacity: number) {
		this.half = Math.max(1, Math.ceil(capacity / 2));
	}
	get(key: string): V | undefined {
		const v = this.recent.get(key);
		if (v !== undefined) return v;
		const old = this.older.get(key);
		if (old !== undefined) {
			this.older.delete(key);
			this.set(key, old);
		}
		return old;
	}
	set(key: string, value: V): void {
		if (this.recent.size >= this.half && !this.recent.has(key)) {
			this.older = this.recent;
			this.recent = new Map();
		}
		this.recent.set(key, value);
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
