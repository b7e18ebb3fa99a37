/**
 * A propositional formula over finite-domain variables. All variable ids and values must be
 * declared in the model; `compileModel` rejects unknown ones with a {@link SolverModelError}.
 */
export type Formula =
	| { kind: 'true' }
	| { kind: 'false' }
	/** The variable takes one of `values`. */
	| { kind: 'in'; variable: string; values: string[] }
	| { kind: 'and'; items: Formula[] }
	| { kind: 'or'; items: Formula[] }
	| { kind: 'not'; item: Formula }
	| { kind: 'implies'; if: Formula; then: Formula }
	/** The number of `items` that hold lies within `[min, max]` (inclusive). */
	| { kind: 'count'; items: Formula[]; min: number; max: number }
	/**
	 * An extensional constraint: with `supports`, the scope's values must form one of `tuples`;
	 * with `conflicts`, they must form none of them. Columns follow `scope`.
	 */
	| { kind: 'table'; scope: string[]; tuples: string[][]; semantics: 'supports' | 'conflicts' };

/** A finite-domain variable: an id and its ordered, distinct values (at least one). */
export interface SolverVariable {
	id: string;
	values: string[];
}

/** A named hard constraint. The id is what explanations report. */
export interface SolverConstraint {
	id: string;
	formula: Formula;
}

/** Variables and constraints: every complete assignment satisfying all constraints is valid. */
export interface SolverModel {
	variables: SolverVariable[];
	constraints: SolverConstraint[];
}

/**
 * A partial assignment: a variable id mapped to one value, or to a set of allowed values.
 * Unmentioned variables are free. An empty array allows nothing (the assignment is then
 * inconsistent).
 */
export type Assignment = Record<string, string | readonly string[]>;

/** Why a value is unavailable under an assignment. */
export interface Explanation {
	/** A minimal subset of the assigned variable ids that together make the value impossible; `[]` when it is impossible outright. */
	assignments: string[];
	/** Ids of a minimal set of constraints that, with those assignments, exclude the value. */
	constraints: string[];
}

/** Options of {@link CompiledModel.explain}. */
export interface ExplainOptions {
	/**
	 * Wall-clock budget in milliseconds for the constraint-minimisation search (default 150).
	 * When it runs out, the remaining constraints are kept: the answer still excludes the value
	 * but may not be minimal.
	 */
	budgetMs?: number;
}

/** Size and cost figures of a compiled model. */
export interface CompiledStats {
	/** Number of internal nodes of the decision diagram. */
	nodes: number;
	/** Milliseconds spent compiling (as recorded at compile time for a loaded model). */
	compileMs: number;
}

/**
 * A model compiled into a decision diagram. Every query is exact: a value is supported iff a
 * complete valid assignment extends the given partial assignment and contains it.
 */
export interface CompiledModel {
	/** The model's variables, in declaration order. */
	readonly variables: readonly SolverVariable[];
	/** Exact number of complete valid assignments extending `assignment`. */
	count(assignment?: Assignment): bigint;
	/**
	 * For every variable, the values that extend to a complete valid assignment together with
	 * `assignment` (for an assigned variable: those of its allowed values consistent with the
	 * rest). Every set is empty when the assignment is inconsistent.
	 */
	supportedValues(assignment?: Assignment): Map<string, Set<string>>;
	/**
	 * For every variable, the values that extend to a complete valid assignment together with
	 * `assignment` *minus that variable's own entry* — "what could this answer be changed to,
	 * everything else kept". For a variable the assignment leaves free this equals
	 * {@link supportedValues}; for an assigned one it may include values outside its allowed
	 * set, and is non-empty even when the assignment as a whole is inconsistent. Equivalent to
	 * one `supportedValues(assignment without x).get(x)` per variable `x`, computed in a single
	 * pass over the diagram.
	 */
	supportedValuesRelaxed(assignment?: Assignment): Map<string, Set<string>>;
	/** For every variable and value, the number of complete valid assignments extending `assignment` with it. */
	countByValue(assignment?: Assignment): Map<string, Map<string, bigint>>;
	/** Whether some complete valid assignment extends `assignment`. */
	isSatisfiable(assignment?: Assignment): boolean;
	/** A complete valid assignment extending `assignment`, or null if none exists. */
	findSolution(assignment?: Assignment): Record<string, string> | null;
	/**
	 * Why `variable = value` is unavailable under `assignment`: null when it is available.
	 * Minimality is best-effort on very large models (each search is budgeted); the returned
	 * sets always do exclude the value.
	 */
	explain(
		assignment: Assignment,
		variable: string,
		value: string,
		options?: ExplainOptions
	): Explanation | null;
	/** Diagram size and compile time. */
	stats(): CompiledStats;
	/** A JSON-safe form that {@link loadCompiledModel} turns back into an equivalent model. */
	serialize(options?: SerializeOptions): unknown;
}

/** Options of {@link CompiledModel.serialize}. */
export interface SerializeOptions {
	/**
	 * Include the per-constraint diagrams explanations search with (diagram form only; built
	 * now if no explanation built them yet), so that `loadCompiledDiagram` — no compiler — can
	 * load the form. The search form ignores it.
	 */
	explanations?: boolean;
}

/**
 * Raised for a malformed model or assignment. `path` locates the problem, e.g.
 * `constraints[3].formula.items[1].variable` or `assignment.color`.
 */
export class SolverModelError extends Error {
	/** Where the problem is, as a property path into the model (or `assignment.<id>`). */
	readonly path: string;
	constructor(path: string, message: string) {
		super(`${path}: ${message}`);
		this.name = 'SolverModelError';
		this.path = path;
	}
}

/**
 * Raised by `compileModel` when the decision diagram would exceed the node limit or the time
 * limit (see `CompileOptions`). Happens on large models with dense, unstructured rules.
 */
export class SolverCapacityError extends Error {
	/** Which limit was hit. */
	readonly limit: 'nodes' | 'time';
	constructor(limit: 'nodes' | 'time', message: string) {
		super(message);
		this.name = 'SolverCapacityError';
		this.limit = limit;
	}
}
