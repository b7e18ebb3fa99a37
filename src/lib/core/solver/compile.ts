/**
 * compileModel / loadCompiledModel: the compiler (diagram builder, variable order, search
 * fallback). The query object and the compiler-free loader are in `compiled.ts`.
 */
import { countPaths, countPathsByValue, diagramData, witness } from './count';
import { makeLayout } from './diagram';
import {
	cloneModel,
	CompiledModelImpl,
	COMPILED_FORMAT,
	COMPILED_FORMAT_VERSION,
	loadDiagramForm,
	type SerializedCompiledModel
} from './compiled';
import { buildFormula, constraintDiagrams, validateModel } from './formula';
import { FALSE, freezeDiagram, MddBuilder, MddOverflow, TRUE } from './mdd';
import { computeOrder } from './order';
import {
	createSearchModel,
	loadSearchModel,
	SEARCH_FORMAT,
	type SerializedSearchModel
} from './search-model';
import {
	SolverCapacityError,
	SolverModelError,
	type Assignment,
	type CompiledModel,
	type SerializeOptions,
	type SolverModel
} from './types';

export { COMPILED_FORMAT, COMPILED_FORMAT_VERSION, type SerializedCompiledModel };

/** The compiled model with counting and solutions (`count.ts`): what the compiler makes. */
export class CountingModel extends CompiledModelImpl {
	override serialize(options: SerializeOptions = {}): SerializedCompiledModel {
		return {
			format: COMPILED_FORMAT,
			version: COMPILED_FORMAT_VERSION,
			model: cloneModel(this.model),
			order: Array.from(this.order, (v) => this.variables[v].id),
			diagram: diagramData(this.diagram),
			...(options.explanations ? { constraints: this.constraintDiagrams().map(diagramData) } : {}),
			compileMs: this.compileMs
		};
	}

	override count(assignment?: Assignment): bigint {
		const r = this.resolve(assignment);
		if (!r.consistent) return 0n;
		return countPaths(this.diagram, r.mask, r.allowedCount);
	}

	override countByValue(assignment?: Assignment): Map<string, Map<string, bigint>> {
		const r = this.resolve(assignment);
		const off = this.layout.valueOffset;
		const byValue = r.consistent
			? countPathsByValue(this.diagram, r.mask, r.allowedCount).byValue
			: new Array<bigint>(off[this.layout.levels]).fill(0n);
		const result = new Map<string, Map<string, bigint>>();
		this.variables.forEach((v, i) => {
			const base = off[this.levelOf[i]];
			result.set(v.id, new Map(v.values.map((x, k) => [x, byValue[base + k]])));
		});
		return result;
	}

	override findSolution(assignment?: Assignment): Record<string, string> | null {
		const r = this.resolve(assignment);
		if (!r.consistent) return null;
		const w = witness(this.diagram, r.mask);
		if (!w) return null;
		const solution: Record<string, string> = {};
		this.variables.forEach((v, i) => {
			solution[v.id] = v.values[w[this.levelOf[i]]];
		});
		return solution;
	}
}

/** Options of {@link compileModel}. */
export interface CompileOptions {
	/**
	 * Variable order (variable ids, top of the diagram first). Default: hub variables first,
	 * then FORCE on the constraint scopes (see CONTEXT.md).
	 */
	order?: string[];
	/** Maximum live diagram nodes while compiling (default 4,000,000). */
	maxNodes?: number;
	/** Maximum compile time in milliseconds (default 120,000). */
	timeoutMs?: number;
	/**
	 * `'search'`: when the diagram would exceed `maxNodes` / `timeoutMs`, return the
	 * search-based model (`search-model.ts`, same exact answers, slower, budgeted `count`)
	 * instead of throwing {@link SolverCapacityError}.
	 */
	fallback?: 'search';
}

/**
 * Compiles a model into a decision diagram (exact: see {@link CompiledModel}).
 * @throws SolverModelError on unknown variables or values, duplicates or malformed formulas,
 * with a path such as `constraints[3].formula.items[1].variable`.
 */
export function compileModel(model: SolverModel, options: CompileOptions = {}): CompiledModel {
	if (options.fallback !== 'search') return compileDiagram(model, options);
	try {
		return compileDiagram(model, options);
	} catch (e) {
		if (e instanceof SolverCapacityError) return createSearchModel(model);
		throw e;
	}
}

function compileDiagram(model: SolverModel, options: CompileOptions): CompiledModel {
	const started = performance.now();
	const index = validateModel(model);
	const copy = cloneModel(model);
	const n = copy.variables.length;
	let order: number[];
	if (options.order) {
		order = options.order.map((id, i) => {
			const v = index.variableIndex.get(id);
			if (v === undefined) throw new SolverModelError(`order[${i}]`, `unknown variable '${id}'`);
			return v;
		});
		if (new Set(order).size !== n || order.length !== n)
			throw new SolverModelError('order', 'must list every variable exactly once');
	} else order = computeOrder(n, index.scopes);
	const levelOf = new Int32Array(n);
	order.forEach((v, l) => (levelOf[v] = l));
	const layout = makeLayout(order.map((v) => copy.variables[v].values.length));
	const builder = new MddBuilder(layout.domainSizes);
	const maxNodes = options.maxNodes ?? 4_000_000;
	builder.nodeLimit = 2 * maxNodes;
	builder.deadline = started + (options.timeoutMs ?? 120_000);
	let acc = TRUE;
	try {
		const parts = copy.constraints.map((c, i) => {
			const levels = index.scopes[i].map((v) => levelOf[v]);
			return {
				node: buildFormula(builder, c.formula, index, levelOf),
				lo: levels.length ? Math.min(...levels) : -1,
				hi: levels.length ? Math.max(...levels) : -1
			};
		});
		// Conjoin the constraints that start highest first, and among those the longest first:
		// hub constraints then split the diagram early, keeping intermediate results small.
		parts.sort((a, b) => a.lo - b.lo || b.hi - a.hi);
		let roots = parts.map((p) => p.node);
		let live = builder.size;
		for (let i = 0; i < roots.length && acc !== FALSE; i++) {
			if (builder.size > Math.max(1_000_000, 4 * live) || builder.size > maxNodes) {
				const kept = builder.collect([acc, ...roots.slice(i)]);
				acc = kept[0];
				roots = [...roots.slice(0, i), ...kept.slice(1)];
				live = builder.size;
				if (live > maxNodes) throw new MddOverflow('nodes');
			}
			acc = builder.and(acc, roots[i]);
		}
	} catch (e) {
		// a RangeError here is an operation memo outgrowing the largest Map: too many nodes
		if (!(e instanceof MddOverflow) && !(e instanceof RangeError)) throw e;
		const reason = e instanceof MddOverflow ? e.reason : 'nodes';
		throw new SolverCapacityError(
			reason,
			reason === 'nodes'
				? `the model's decision diagram exceeds ${maxNodes} nodes; simplify or split the rules, or raise maxNodes`
				: `compiling the model took longer than ${options.timeoutMs ?? 120_000} ms; simplify or split the rules, or raise timeoutMs`
		);
	}
	const diagram = freezeDiagram(builder, layout, acc);
	const compileMs = performance.now() - started;
	return new CountingModel(copy, index, Int32Array.from(order), layout, diagram, compileMs, () =>
		constraintDiagrams(copy, index, levelOf, layout)
	);
}

/**
 * Turns the output of {@link CompiledModel.serialize} (diagram or search form) back into a
 * compiled model without recompiling.
 * @throws SolverModelError (path `serialized…`) when the data is not a valid compiled model.
 */
export function loadCompiledModel(data: unknown): CompiledModel {
	if (
		typeof data === 'object' &&
		data !== null &&
		(data as { format?: unknown }).format === SEARCH_FORMAT
	)
		return loadSearchModel(data as Partial<SerializedSearchModel>);
	return loadDiagramForm(data, {
		validate: validateModel,
		build: constraintDiagrams,
		Model: CountingModel
	});
}
