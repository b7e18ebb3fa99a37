import type {
	Assignment,
	CompiledModel,
	Explanation,
	Formula,
	SolverModel
} from '../../solver/types.js';

/** Evaluates a formula on a complete assignment. */
export function holds(f: Formula, a: Record<string, string>): boolean {
	switch (f.kind) {
		case 'true':
			return true;
		case 'false':
			return false;
		case 'in':
			return f.values.includes(a[f.variable] as string);
		case 'and':
			return f.items.every((x) => holds(x, a));
		case 'or':
			return f.items.some((x) => holds(x, a));
		case 'not':
			return !holds(f.item, a);
		case 'implies':
			return !holds(f.if, a) || holds(f.then, a);
		case 'count': {
			const n = f.items.filter((x) => holds(x, a)).length;
			return n >= f.min && n <= f.max;
		}
		case 'table': {
			const row = f.scope.map((v) => a[v]);
			const hit = f.tuples.some((t) => t.every((x, i) => x === row[i]));
			return f.semantics === 'supports' ? hit : !hit;
		}
	}
}

const allows = (assignment: Assignment, variable: string, value: string) => {
	const x = assignment[variable];
	if (x === undefined) return true;
	return typeof x === 'string' ? x === value : x.includes(value);
};

/**
 * The reference oracle: a {@link CompiledModel} that enumerates every complete assignment.
 * Only for tiny models (tests); exponential by design, obviously correct.
 */
export function bruteForceCompile(model: SolverModel): CompiledModel {
	const vars = model.variables;
	const solutionsWith = (constraintIds?: ReadonlySet<string>): Record<string, string>[] => {
		const out: Record<string, string>[] = [];
		const cs = model.constraints.filter((c) => !constraintIds || constraintIds.has(c.id));
		const cur: Record<string, string> = {};
		const rec = (i: number) => {
			if (i === vars.length) {
				if (cs.every((c) => holds(c.formula, cur))) out.push({ ...cur });
				return;
			}
			const v = vars[i] as { id: string; values: string[] };
			for (const value of v.values) {
				cur[v.id] = value;
				rec(i + 1);
			}
		};
		rec(0);
		return out;
	};
	const all = solutionsWith();
	const matching = (assignment: Assignment = {}, sols = all) =>
		sols.filter((s) => Object.keys(assignment).every((k) => allows(assignment, k, s[k] as string)));
	const supported = (assignment: Assignment, variable: string, value: string, sols = all) =>
		matching({ ...assignment, [variable]: value }, sols).length > 0;

	return {
		variables: vars,
		count: (assignment) => BigInt(matching(assignment).length),
		supportedValues(assignment = {}) {
			const m = matching(assignment);
			const out = new Map<string, Set<string>>(vars.map((v) => [v.id, new Set<string>()]));
			for (const s of m) for (const v of vars) out.get(v.id)?.add(s[v.id] as string);
			return out;
		},
		supportedValuesRelaxed(assignment = {}) {
			const out = new Map<string, Set<string>>();
			for (const v of vars) {
				const relaxed = { ...assignment };
				delete relaxed[v.id];
				out.set(v.id, new Set(matching(relaxed).map((s) => s[v.id] as string)));
			}
			return out;
		},
		countByValue(assignment = {}) {
			const m = matching(assignment);
			const out = new Map(vars.map((v) => [v.id, new Map(v.values.map((x) => [x, 0n]))]));
			for (const s of m)
				for (const v of vars) {
					const row = out.get(v.id) as Map<string, bigint>;
					row.set(s[v.id] as string, (row.get(s[v.id] as string) ?? 0n) + 1n);
				}
			return out;
		},
		isSatisfiable: (assignment) => matching(assignment).length > 0,
		findSolution: (assignment) => matching(assignment)[0] ?? null,
		explain(assignment, variable, value): Explanation | null {
			if (supported(assignment, variable, value)) return null;
			// Greedy minimal subset of the assignment, then of the constraints.
			const keys = Object.keys(assignment).filter((k) => k !== variable);
			let kept = [...keys];
			for (const k of keys) {
				const trial = kept.filter((x) => x !== k);
				const sub = Object.fromEntries(
					trial.map((x) => [x, assignment[x] as string | readonly string[]])
				);
				if (!supported(sub, variable, value)) kept = trial;
			}
			const sub = Object.fromEntries(
				kept.map((x) => [x, assignment[x] as string | readonly string[]])
			);
			let cs = model.constraints.map((c) => c.id);
			for (const id of model.constraints.map((c) => c.id)) {
				const trial = cs.filter((x) => x !== id);
				if (!supported(sub, variable, value, solutionsWith(new Set(trial)))) cs = trial;
			}
			return { assignments: kept, constraints: cs };
		},
		stats: () => ({ nodes: 0, compileMs: 0 }),
		serialize: () => model
	};
}
