/**
 * The compiled model's query object and its compiler-free loader (`loadCompiledDiagram`): a
 * storefront that receives a compiled model with its published definition loads it without the
 * diagram builder, the variable ordering or the search fallback (`compile.ts`).
 */
import { Diagram, makeLayout, type DiagramData, type LevelLayout } from './diagram';
import { ConstraintSearch } from './explain';
import { indexModel, valuePosition, type ModelIndex } from './model-index';
import {
	SolverModelError,
	type Assignment,
	type CompiledModel,
	type CompiledStats,
	type ExplainOptions,
	type Explanation,
	type SolverModel,
	type SolverVariable
} from './types';

/** Format tag of {@link CompiledModel.serialize} output. */
export const COMPILED_FORMAT = 'atelier/compiled-model';
/** Version of the serialized form. */
export const COMPILED_FORMAT_VERSION = 1;

/** The JSON-safe serialized form of a compiled model. */
export interface SerializedCompiledModel {
	format: typeof COMPILED_FORMAT;
	version: typeof COMPILED_FORMAT_VERSION;
	/** The source model (needed for explanations). */
	model: SolverModel;
	/** Variable ids, top of the diagram first. */
	order: string[];
	diagram: DiagramData;
	/**
	 * One diagram per constraint, in model order (`serialize({ explanations: true })`): what
	 * explanations search with. With them, {@link loadCompiledDiagram} needs no diagram builder.
	 */
	constraints?: DiagramData[];
	compileMs: number;
}

export function cloneModel(model: SolverModel): SolverModel {
	return JSON.parse(JSON.stringify(model)) as SolverModel;
}

interface Resolved {
	mask: Uint8Array;
	allowedCount: Int32Array;
	/** Variable indexes restricted by the assignment (allowing fewer than all values). */
	restricted: number[];
	/** False when some variable allows no value. */
	consistent: boolean;
}

export class CompiledModelImpl implements CompiledModel {
	readonly variables: readonly SolverVariable[];
	protected readonly model: SolverModel;
	protected readonly index: ModelIndex;
	protected readonly order: Int32Array;
	protected readonly levelOf: Int32Array;
	protected readonly layout: LevelLayout;
	protected readonly diagram: Diagram;
	protected readonly compileMs: number;
	private readonly buildConstraintDiagrams: () => Diagram[];
	private constraints: Diagram[] | null = null;
	private search: ConstraintSearch | null = null;

	constructor(
		model: SolverModel,
		index: ModelIndex,
		order: Int32Array,
		layout: LevelLayout,
		diagram: Diagram,
		compileMs: number,
		constraintDiagrams: () => Diagram[]
	) {
		this.model = model;
		this.variables = model.variables;
		this.index = index;
		this.order = order;
		this.levelOf = new Int32Array(order.length);
		order.forEach((v, l) => (this.levelOf[v] = l));
		this.layout = layout;
		this.diagram = diagram;
		this.compileMs = compileMs;
		this.buildConstraintDiagrams = constraintDiagrams;
	}

	/** The per-constraint diagrams explanations search with (built or loaded once). */
	protected constraintDiagrams(): Diagram[] {
		return (this.constraints ??= this.buildConstraintDiagrams());
	}

	protected resolve(assignment: Assignment | undefined): Resolved {
		const { layout } = this;
		const off = layout.valueOffset;
		const mask = new Uint8Array(off[layout.levels]).fill(1);
		const allowedCount = Int32Array.from(layout.domainSizes);
		const restricted: number[] = [];
		let consistent = true;
		if (assignment === undefined || assignment === null)
			return { mask, allowedCount, restricted, consistent };
		if (typeof assignment !== 'object')
			throw new SolverModelError('assignment', 'must be an object');
		for (const key of Object.keys(assignment)) {
			const vi = this.index.variableIndex.get(key);
			if (vi === undefined) throw new SolverModelError(`assignment.${key}`, 'unknown variable');
			const raw = assignment[key];
			const list: readonly unknown[] =
				typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [undefined];
			const level = this.levelOf[vi];
			const values = this.index.valueIndex[vi];
			const allowed = new Uint8Array(layout.domainSizes[level]);
			list.forEach((x) => {
				const k = typeof x === 'string' ? values.get(x) : undefined;
				if (k === undefined)
					throw new SolverModelError(
						`assignment.${key}`,
						`unknown value ${JSON.stringify(x)} of variable '${key}'`
					);
				allowed[k] = 1;
			});
			let n = 0;
			for (let v = 0; v < allowed.length; v++) {
				mask[off[level] + v] = allowed[v];
				n += allowed[v];
			}
			allowedCount[level] = n;
			if (n === 0) consistent = false;
			if (n < allowed.length) restricted.push(vi);
		}
		return { mask, allowedCount, restricted, consistent };
	}

	protected emptySupport(): Map<string, Set<string>> {
		return new Map(this.variables.map((v) => [v.id, new Set<string>()]));
	}

	supportedValues(assignment?: Assignment): Map<string, Set<string>> {
		const r = this.resolve(assignment);
		if (!r.consistent) return this.emptySupport();
		const off = this.layout.valueOffset;
		const out = new Uint8Array(off[this.layout.levels]);
		if (!this.diagram.support(r.mask, out)) return this.emptySupport();
		const result = new Map<string, Set<string>>();
		this.variables.forEach((v, i) => {
			const base = off[this.levelOf[i]];
			const set = new Set<string>();
			v.values.forEach((x, k) => {
				if (out[base + k]) set.add(x);
			});
			result.set(v.id, set);
		});
		return result;
	}

	supportedValuesRelaxed(assignment?: Assignment): Map<string, Set<string>> {
		const r = this.resolve(assignment);
		const { layout } = this;
		const off = layout.valueOffset;
		// Levels that allow nothing: with two or more, every relaxation still has an empty level;
		// with one, only that level's own relaxation is consistent.
		const empty: number[] = [];
		for (let l = 0; l < layout.levels; l++) if (r.allowedCount[l] === 0) empty.push(l);
		if (empty.length > 1) return this.emptySupport();
		if (empty.length === 1) r.mask.fill(1, off[empty[0]], off[empty[0] + 1]);
		const out = new Uint8Array(off[layout.levels]);
		this.diagram.supportRelaxed(r.mask, out);
		const result = new Map<string, Set<string>>();
		this.variables.forEach((v, i) => {
			const level = this.levelOf[i];
			const base = off[level];
			const set = new Set<string>();
			if (empty.length === 0 || empty[0] === level)
				v.values.forEach((x, k) => {
					if (out[base + k]) set.add(x);
				});
			result.set(v.id, set);
		});
		return result;
	}

	isSatisfiable(assignment?: Assignment): boolean {
		const r = this.resolve(assignment);
		return r.consistent && this.diagram.satisfiable(r.mask);
	}

	/**
	 * Counting, solutions and serializing are the compiler's side (`count.ts`): the models
	 * `compileModel` and `loadCompiledModel` make have them (`CountingModel`); one loaded by
	 * `loadCompiledDiagram` — the storefront's, which only evaluates — does not.
	 */
	count(): bigint {
		return this.withoutCounting();
	}

	countByValue(): Map<string, Map<string, bigint>> {
		return this.withoutCounting();
	}

	findSolution(): Record<string, string> | null {
		return this.withoutCounting();
	}

	private withoutCounting(): never {
		throw new Error(
			'counting, finding solutions and serializing need the compiler: load the model with loadCompiledModel'
		);
	}

	explain(
		assignment: Assignment,
		variable: string,
		value: string,
		options: ExplainOptions = {}
	): Explanation | null {
		const { variable: vi, value: k } = valuePosition(this.index, variable, value);
		const r = this.resolve(assignment);
		const off = this.layout.valueOffset;
		const level = this.levelOf[vi];
		const setOnly = (mask: Uint8Array): void => {
			mask.fill(0, off[level], off[level + 1]);
			mask[off[level] + k] = 1;
		};
		const emptyLevel = (mask: Uint8Array): boolean => {
			for (let l = 0; l < this.layout.levels; l++) {
				let any = 0;
				for (let j = off[l]; j < off[l + 1]; j++) any |= mask[j];
				if (!any) return true;
			}
			return false;
		};
		const sat = (mask: Uint8Array): boolean => !emptyLevel(mask) && this.diagram.satisfiable(mask);
		// available?
		if (r.mask[off[level] + k]) {
			const probe = r.mask.slice();
			setOnly(probe);
			if (sat(probe)) return null;
		}
		// restrictions of the other variables (variable's own entry is lifted)
		const others = r.restricted.filter((x) => x !== vi);
		const maskFor = (vars: readonly number[]): Uint8Array => {
			const m = new Uint8Array(off[this.layout.levels]).fill(1);
			for (const x of vars) {
				const l = this.levelOf[x];
				m.set(r.mask.subarray(off[l], off[l + 1]), off[l]);
			}
			setOnly(m);
			return m;
		};
		if (sat(maskFor(others))) {
			// only the variable's own selection excludes the value
			return { assignments: [variable], constraints: [] };
		}
		let kept = others.slice();
		for (const x of others) {
			const without = kept.filter((y) => y !== x);
			if (!sat(maskFor(without))) kept = without;
		}
		const mask = maskFor(kept);
		if (!this.search) this.search = new ConstraintSearch(this.constraintDiagrams(), this.layout);
		// the budget covers the search only, not the one-time construction above
		this.search.setDeadline(performance.now() + (options.budgetMs ?? 150));
		const all = this.model.constraints.map((_, i) => i);
		const core = this.search.minimalCore(all, mask);
		return {
			assignments: kept.sort((a, b) => a - b).map((x) => this.variables[x].id),
			constraints: core.sort((a, b) => a - b).map((c) => this.model.constraints[c].id)
		};
	}

	stats(): CompiledStats {
		return { nodes: this.diagram.nodes, compileMs: this.compileMs };
	}

	serialize(): SerializedCompiledModel {
		return this.withoutCounting();
	}
}

/** What the full loader (`compile.ts`) adds: formula checks, and diagrams for forms without them. */
export interface LoaderCompiler {
	/** Validates the model, formulas included, and indexes it. */
	validate(model: SolverModel): ModelIndex;
	/** Builds the per-constraint diagrams of a loaded model that carries none. */
	build(model: SolverModel, index: ModelIndex, levelOf: Int32Array, layout: LevelLayout): Diagram[];
	/** The model class with counting (`CountingModel`). */
	Model: typeof CompiledModelImpl;
}

/**
 * Loads the diagram form of {@link CompiledModel.serialize} (format `atelier/compiled-model`).
 * Without `compiler`, the form must carry its per-constraint diagrams (`constraints`), and the
 * model's formulas are not checked: they are never read (explanations search the diagrams).
 */
export function loadDiagramForm(data: unknown, compiler?: LoaderCompiler): CompiledModel {
	const fail = (path: string, message: string): never => {
		throw new SolverModelError(path, message);
	};
	if (typeof data !== 'object' || data === null) return fail('serialized', 'must be an object');
	const d = data as Partial<SerializedCompiledModel>;
	if (d.format !== COMPILED_FORMAT) fail('serialized.format', `must be '${COMPILED_FORMAT}'`);
	if (d.version !== COMPILED_FORMAT_VERSION)
		fail('serialized.version', `unsupported version ${String(d.version)}`);
	const model = d.model as SolverModel;
	const index = compiler ? compiler.validate(model) : indexModel(model);
	const copy = cloneModel(model);
	if (!Array.isArray(d.order) || d.order.length !== copy.variables.length)
		return fail('serialized.order', 'must list every variable');
	const order = d.order.map((id, i) => {
		const v = index.variableIndex.get(id);
		return v === undefined ? fail(`serialized.order[${i}]`, `unknown variable '${id}'`) : v;
	});
	if (new Set(order).size !== order.length) fail('serialized.order', 'repeats a variable');
	const layout = makeLayout(order.map((v) => copy.variables[v].values.length));
	const levelOf = new Int32Array(order.length);
	order.forEach((v, l) => (levelOf[v] = l));
	const diagramOf = (path: string, dg: DiagramData | undefined, allLevels: boolean): Diagram => {
		if (!dg || typeof dg.root !== 'number' || !Array.isArray(dg.levels) || !Array.isArray(dg.edges))
			return fail(path, 'must have root, levels and edges');
		try {
			return Diagram.fromData(layout, dg, allLevels);
		} catch (e) {
			return fail(path, e instanceof Error ? e.message : String(e));
		}
	};
	const diagram = diagramOf('serialized.diagram', d.diagram, true);
	let constraintDiagrams: () => Diagram[];
	if (d.constraints !== undefined) {
		if (!Array.isArray(d.constraints) || d.constraints.length !== copy.constraints.length)
			fail('serialized.constraints', 'must hold one diagram per constraint');
		const loaded = (d.constraints as DiagramData[]).map((c, i) =>
			diagramOf(`serialized.constraints[${i}]`, c, false)
		);
		constraintDiagrams = () => loaded;
	} else if (compiler) constraintDiagrams = () => compiler.build(copy, index, levelOf, layout);
	else
		return fail(
			'serialized.constraints',
			'missing: serialize with { explanations: true }, or load with loadCompiledModel'
		);
	return new (compiler?.Model ?? CompiledModelImpl)(
		copy,
		index,
		Int32Array.from(order),
		layout,
		diagram,
		typeof d.compileMs === 'number' ? d.compileMs : 0,
		constraintDiagrams
	);
}

/**
 * Loads a compiled model shipped with its per-constraint diagrams
 * (`serialize({ explanations: true })`) without the compiler: no diagram builder, no search
 * model — what a storefront bundle needs. Answers exactly as the model that was serialized.
 * @throws SolverModelError (path `serialized…`) for any other form (the search form, a form
 * without `constraints`) or invalid data; {@link loadCompiledModel} loads those.
 */
export function loadCompiledDiagram(data: unknown): CompiledModel {
	return loadDiagramForm(data);
}
