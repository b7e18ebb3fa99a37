/**
 * The search-based {@link CompiledModel}: the fallback when the global decision diagram would
 * exceed its capacity (dense, unstructured rules). Same answers, exactly — but each query is a
 * backtracking search instead of a linear pass, so latency is not bounded.
 *
 * Each constraint is compiled into its own small diagram (as explanations do); the search
 * enforces generalised arc consistency with them (one support pass per constraint whose domain
 * changed), chooses variables by dom/wdeg (constraint weights grow on each wipe-out) and
 * prefers values not yet seen in a solution. Support queries reuse solutions: every solution
 * marks all its values supported, and only values never seen are searched for specifically.
 */
import { Diagram, makeLayout, type LevelLayout } from './diagram';
import { ConstraintSearch } from './explain';
import { buildFormula, constraintDiagrams, validateModel } from './formula';
import { valuePosition, type ModelIndex } from './model-index';
import { freezeDiagram, MddBuilder } from './mdd';
import {
	SolverCapacityError,
	SolverModelError,
	type Assignment,
	type CompiledModel,
	type CompiledStats,
	type ExplainOptions,
	type Explanation,
	type SolverModel,
	type SolverVariable
} from './types';

/** Format tag of a serialized search model (recognised by `loadCompiledModel`). */
export const SEARCH_FORMAT = 'atelier/search-model';
/** Version of the serialized search model. */
export const SEARCH_FORMAT_VERSION = 1;

/** The JSON-safe serialized form of a search model. */
export interface SerializedSearchModel {
	format: typeof SEARCH_FORMAT;
	version: typeof SEARCH_FORMAT_VERSION;
	model: SolverModel;
	compileMs: number;
}

/** Options of {@link createSearchModel}. */
export interface SearchModelOptions {
	/** Wall-clock budget of `count` / `countByValue` in milliseconds (default 5,000). */
	countBudgetMs?: number;
}

class CountBudget extends Error {}

class SearchModelImpl implements CompiledModel {
	readonly variables: readonly SolverVariable[];
	private readonly model: SolverModel;
	private readonly index: ModelIndex;
	private readonly layout: LevelLayout;
	private readonly diagrams: Diagram[];
	/** Constraint indexes per variable. */
	private readonly byVar: number[][];
	/** Variables some constraint diagram depends on. */
	private readonly constrained: number[];
	private readonly isConstrained: Uint8Array;
	/** dom/wdeg weights, one per constraint. */
	private readonly weight: Float64Array;
	private readonly all: number[];
	private readonly out: Uint8Array;
	private readonly compileMs: number;
	private readonly countBudgetMs: number;
	private explainer: ConstraintSearch | null = null;
	private deadline = Infinity;
	private visits = 0;

	constructor(
		model: SolverModel,
		index: ModelIndex,
		compileMs: number,
		options: SearchModelOptions
	) {
		const started = performance.now();
		this.model = model;
		this.variables = model.variables;
		this.index = index;
		this.layout = makeLayout(model.variables.map((v) => v.values.length));
		const builder = new MddBuilder(this.layout.domainSizes);
		const identity = Int32Array.from(model.variables, (_, i) => i);
		this.diagrams = model.constraints.map((c) =>
			freezeDiagram(builder, this.layout, buildFormula(builder, c.formula, index, identity), false)
		);
		const n = model.variables.length;
		this.byVar = Array.from({ length: n }, () => []);
		this.diagrams.forEach((d, c) => {
			for (const l of d.scopeLevels) this.byVar[l].push(c);
		});
		this.isConstrained = new Uint8Array(n);
		this.constrained = [];
		for (let v = 0; v < n; v++)
			if (this.byVar[v].length > 0) {
				this.isConstrained[v] = 1;
				this.constrained.push(v);
			}
		this.weight = new Float64Array(this.diagrams.length).fill(1);
		this.all = this.diagrams.map((_, c) => c);
		this.out = new Uint8Array(this.layout.valueOffset[n]);
		this.compileMs = compileMs + (performance.now() - started);
		this.countBudgetMs = options.countBudgetMs ?? 5_000;
	}

	// ---------- assignments and domains ----------

	private resolve(assignment: Assignment | undefined): { mask: Uint8Array; restricted: number[] } {
		const off = this.layout.valueOffset;
		const mask = new Uint8Array(off[this.layout.levels]).fill(1);
		const restricted: number[] = [];
		if (assignment === undefined || assignment === null) return { mask, restricted };
		if (typeof assignment !== 'object')
			throw new SolverModelError('assignment', 'must be an object');
		for (const key of Object.keys(assignment)) {
			const vi = this.index.variableIndex.get(key);
			if (vi === undefined) throw new SolverModelError(`assignment.${key}`, 'unknown variable');
			const raw = assignment[key];
			const list: readonly unknown[] =
				typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [undefined];
			const values = this.index.valueIndex[vi];
			mask.fill(0, off[vi], off[vi + 1]);
			for (const x of list) {
				const k = typeof x === 'string' ? values.get(x) : undefined;
				if (k === undefined)
					throw new SolverModelError(
						`assignment.${key}`,
						`unknown value ${JSON.stringify(x)} of variable '${key}'`
					);
				mask[off[vi] + k] = 1;
			}
			if (this.size(mask, vi) < this.layout.domainSizes[vi]) restricted.push(vi);
		}
		return { mask, restricted };
	}

	private size(domains: Uint8Array, v: number): number {
		const off = this.layout.valueOffset;
		let n = 0;
		for (let j = off[v]; j < off[v + 1]; j++) n += domains[j];
		return n;
	}

	private emptyVariables(mask: Uint8Array): number[] {
		const empty: number[] = [];
		for (let v = 0; v < this.layout.levels; v++) if (this.size(mask, v) === 0) empty.push(v);
		return empty;
	}

	private fix(domains: Uint8Array, v: number, j: number): Uint8Array {
		const off = this.layout.valueOffset;
		const copy = domains.slice();
		copy.fill(0, off[v], off[v + 1]);
		copy[j] = 1;
		return copy;
	}

	// ---------- propagation and search ----------

	/** Generalised arc consistency from the constraints `initial`; false on a wipe-out. */
	private propagate(domains: Uint8Array, initial: readonly number[]): boolean {
		const off = this.layout.valueOffset;
		const queue: number[] = [...initial];
		const queued = new Uint8Array(this.diagrams.length);
		for (const c of initial) queued[c] = 1;
		const out = this.out;
		while (queue.length > 0) {
			const c = queue.pop() as number;
			queued[c] = 0;
			const d = this.diagrams[c];
			for (const l of d.scopeLevels) out.fill(0, off[l], off[l + 1]);
			if (!d.support(domains, out)) {
				this.weight[c]++;
				return false;
			}
			for (const l of d.scopeLevels) {
				let changed = false;
				let any = false;
				for (let j = off[l]; j < off[l + 1]; j++) {
					if (domains[j] && !out[j]) {
						domains[j] = 0;
						changed = true;
					}
					if (domains[j]) any = true;
				}
				if (!any) {
					this.weight[c]++;
					return false;
				}
				if (changed)
					for (const other of this.byVar[l])
						if (other !== c && !queued[other]) {
							queued[other] = 1;
							queue.push(other);
						}
			}
		}
		return true;
	}

	private tick(): void {
		if ((++this.visits & 255) === 0 && performance.now() > this.deadline) throw new CountBudget();
	}

	/** The unfixed constrained variable with the least domain size / weighted degree, or -1. */
	private choose(domains: Uint8Array): number {
		let best = -1;
		let bestScore = Infinity;
		for (const v of this.constrained) {
			const s = this.size(domains, v);
			if (s <= 1) continue;
			let w = 0;
			for (const c of this.byVar[v]) w += this.weight[c];
			const score = s / w;
			if (score < bestScore) {
				best = v;
				bestScore = score;
			}
		}
		return best;
	}

	/**
	 * Domains (GAC-consistent) in which every constrained variable is fixed: every combination
	 * of them is a solution. Null if there is none. `seen` orders values never seen first.
	 */
	private dfs(domains: Uint8Array, seen: Uint8Array | null): Uint8Array | null {
		this.tick();
		const v = this.choose(domains);
		if (v < 0) return domains;
		const off = this.layout.valueOffset;
		const order: number[] = [];
		for (let j = off[v]; j < off[v + 1]; j++) if (domains[j] && !seen?.[j]) order.push(j);
		if (seen) for (let j = off[v]; j < off[v + 1]; j++) if (domains[j] && seen[j]) order.push(j);
		for (const j of order) {
			const copy = this.fix(domains, v, j);
			if (!this.propagate(copy, this.byVar[v])) continue;
			const found = this.dfs(copy, seen);
			if (found) return found;
		}
		return null;
	}

	/** A solution box under `mask`, or null. */
	private solve(mask: Uint8Array): Uint8Array | null {
		if (this.emptyVariables(mask).length > 0) return null;
		const domains = mask.slice();
		if (!this.propagate(domains, this.all)) return null;
		return this.dfs(domains, null);
	}

	/**
	 * Supported values under `mask` for the variables `query` (all when omitted), or null when
	 * `mask` is unsatisfiable. Solution reuse: every solution marks all its values.
	 */
	private supports(mask: Uint8Array, query?: readonly number[]): Uint8Array | null {
		const off = this.layout.valueOffset;
		if (this.emptyVariables(mask).length > 0) return null;
		const domains = mask.slice();
		if (!this.propagate(domains, this.all)) return null;
		const seen = new Uint8Array(off[this.layout.levels]);
		const mark = (box: Uint8Array): void => {
			for (let j = 0; j < box.length; j++) if (box[j]) seen[j] = 1;
		};
		const first = this.dfs(domains, seen);
		if (!first) return null;
		mark(first);
		for (const v of query ?? this.constrained) {
			if (!this.isConstrained[v]) {
				for (let j = off[v]; j < off[v + 1]; j++) if (domains[j]) seen[j] = 1;
				continue;
			}
			for (let j = off[v]; j < off[v + 1]; j++) {
				if (!domains[j] || seen[j]) continue;
				const copy = this.fix(domains, v, j);
				if (!this.propagate(copy, this.byVar[v])) continue;
				const found = this.dfs(copy, seen);
				if (found) mark(found);
			}
		}
		return seen;
	}

	private toSets(bits: Uint8Array | null, only?: (v: number) => boolean): Map<string, Set<string>> {
		const off = this.layout.valueOffset;
		return new Map(
			this.variables.map((variable, v) => {
				const set = new Set<string>();
				if (bits && (!only || only(v)))
					variable.values.forEach((x, k) => {
						if (bits[off[v] + k]) set.add(x);
					});
				return [variable.id, set];
			})
		);
	}

	// ---------- queries ----------

	supportedValues(assignment?: Assignment): Map<string, Set<string>> {
		const { mask } = this.resolve(assignment);
		return this.toSets(this.supports(mask));
	}

	supportedValuesRelaxed(assignment?: Assignment): Map<string, Set<string>> {
		const { mask, restricted } = this.resolve(assignment);
		const off = this.layout.valueOffset;
		const empty = this.emptyVariables(mask);
		if (empty.length > 1) return this.toSets(null);
		const bits = new Uint8Array(off[this.layout.levels]);
		if (empty.length === 0) {
			const base = this.supports(mask);
			if (base) bits.set(base);
		}
		for (const x of empty.length === 1 ? empty : restricted) {
			const relaxed = mask.slice();
			relaxed.fill(1, off[x], off[x + 1]);
			const own = this.supports(relaxed, [x]);
			bits.fill(0, off[x], off[x + 1]);
			if (own) bits.set(own.subarray(off[x], off[x + 1]), off[x]);
		}
		return this.toSets(bits, empty.length === 1 ? (v) => v === empty[0] : undefined);
	}

	isSatisfiable(assignment?: Assignment): boolean {
		return this.solve(this.resolve(assignment).mask) !== null;
	}

	findSolution(assignment?: Assignment): Record<string, string> | null {
		const box = this.solve(this.resolve(assignment).mask);
		if (!box) return null;
		const off = this.layout.valueOffset;
		const solution: Record<string, string> = {};
		this.variables.forEach((variable, v) => {
			let j = off[v];
			while (!box[j]) j++;
			solution[variable.id] = variable.values[j - off[v]];
		});
		return solution;
	}

	/**
	 * Exhaustive count: calls `leaf` on every solution box (constrained variables fixed) with the
	 * number of complete assignments it holds. Throws SolverCapacityError past the budget.
	 */
	private enumerate(mask: Uint8Array, leaf: (box: Uint8Array, n: bigint) => void): void {
		if (this.emptyVariables(mask).length > 0) return;
		const domains = mask.slice();
		if (!this.propagate(domains, this.all)) return;
		const off = this.layout.valueOffset;
		const walk = (d: Uint8Array): void => {
			this.tick();
			const v = this.choose(d);
			if (v < 0) {
				let n = 1n;
				for (let u = 0; u < this.layout.levels; u++)
					if (!this.isConstrained[u]) n *= BigInt(this.size(d, u));
				leaf(d, n);
				return;
			}
			for (let j = off[v]; j < off[v + 1]; j++) {
				if (!d[j]) continue;
				const copy = this.fix(d, v, j);
				if (this.propagate(copy, this.byVar[v])) walk(copy);
			}
		};
		this.deadline = performance.now() + this.countBudgetMs;
		try {
			walk(domains);
		} catch (e) {
			if (e instanceof CountBudget)
				throw new SolverCapacityError(
					'time',
					`counting did not finish within ${this.countBudgetMs} ms: this model's rules are too dense for its decision diagram, and exact counting needs the compiled form (raise maxNodes / timeoutMs of compileModel)`
				);
			throw e;
		} finally {
			this.deadline = Infinity;
		}
	}

	count(assignment?: Assignment): bigint {
		let total = 0n;
		this.enumerate(this.resolve(assignment).mask, (_, n) => (total += n));
		return total;
	}

	countByValue(assignment?: Assignment): Map<string, Map<string, bigint>> {
		const off = this.layout.valueOffset;
		const byValue = new Array<bigint>(off[this.layout.levels]).fill(0n);
		this.enumerate(this.resolve(assignment).mask, (box, n) => {
			for (let v = 0; v < this.layout.levels; v++) {
				const share = n / BigInt(this.size(box, v));
				for (let j = off[v]; j < off[v + 1]; j++) if (box[j]) byValue[j] += share;
			}
		});
		return new Map(
			this.variables.map((variable, v) => [
				variable.id,
				new Map(variable.values.map((x, k) => [x, byValue[off[v] + k]]))
			])
		);
	}

	explain(
		assignment: Assignment,
		variable: string,
		value: string,
		options: ExplainOptions = {}
	): Explanation | null {
		const { variable: vi, value: k } = valuePosition(this.index, variable, value);
		const { mask, restricted } = this.resolve(assignment);
		const off = this.layout.valueOffset;
		const setOnly = (m: Uint8Array): void => {
			m.fill(0, off[vi], off[vi + 1]);
			m[off[vi] + k] = 1;
		};
		const sat = (m: Uint8Array): boolean => this.solve(m) !== null;
		if (mask[off[vi] + k]) {
			const probe = mask.slice();
			setOnly(probe);
			if (sat(probe)) return null;
		}
		const others = restricted.filter((x) => x !== vi);
		const maskFor = (vars: readonly number[]): Uint8Array => {
			const m = new Uint8Array(off[this.layout.levels]).fill(1);
			for (const x of vars) m.set(mask.subarray(off[x], off[x + 1]), off[x]);
			setOnly(m);
			return m;
		};
		if (sat(maskFor(others))) return { assignments: [variable], constraints: [] };
		let kept = others.slice();
		for (const x of others) {
			const without = kept.filter((y) => y !== x);
			if (!sat(maskFor(without))) kept = without;
		}
		if (!this.explainer) {
			const identity = Int32Array.from(this.variables, (_, i) => i);
			this.explainer = new ConstraintSearch(
				constraintDiagrams(this.model, this.index, identity, this.layout),
				this.layout
			);
		}
		this.explainer.setDeadline(performance.now() + (options.budgetMs ?? 150));
		const core = this.explainer.minimalCore(this.all, maskFor(kept));
		return {
			assignments: kept.sort((a, b) => a - b).map((x) => this.variables[x].id),
			constraints: core.sort((a, b) => a - b).map((c) => this.model.constraints[c].id)
		};
	}

	stats(): CompiledStats {
		return { nodes: 0, compileMs: this.compileMs };
	}

	serialize(): SerializedSearchModel {
		return {
			format: SEARCH_FORMAT,
			version: SEARCH_FORMAT_VERSION,
			model: JSON.parse(JSON.stringify(this.model)) as SolverModel,
			compileMs: this.compileMs
		};
	}
}

/**
 * A search-based {@link CompiledModel}: exact answers without a global decision diagram
 * (slower; `count` is budgeted). See the file comment.
 * @throws SolverModelError on a malformed model, as `compileModel` does.
 */
export function createSearchModel(
	model: SolverModel,
	options: SearchModelOptions = {}
): CompiledModel {
	const index = validateModel(model);
	const copy = JSON.parse(JSON.stringify(model)) as SolverModel;
	return new SearchModelImpl(copy, index, 0, options);
}

/** Turns {@link SerializedSearchModel} data back into a search model. */
export function loadSearchModel(data: Partial<SerializedSearchModel>): CompiledModel {
	if (data.version !== SEARCH_FORMAT_VERSION)
		throw new SolverModelError('serialized.version', `unsupported version ${String(data.version)}`);
	const model = data.model as SolverModel;
	const index = validateModel(model);
	const copy = JSON.parse(JSON.stringify(model)) as SolverModel;
	return new SearchModelImpl(
		copy,
		index,
		typeof data.compileMs === 'number' ? data.compileMs : 0,
		{}
	);
}
