/**
 * The exact constraint engine: compile a model of finite-domain variables and hard
 * constraints into a decision diagram, then answer availability, counting, completion and
 * explanation queries exactly. Framework-free. See CONTEXT.md for the design.
 */
export type {
	Assignment,
	CompiledModel,
	CompiledStats,
	ExplainOptions,
	Explanation,
	Formula,
	SerializeOptions,
	SolverConstraint,
	SolverModel,
	SolverVariable
} from './types';
export { SolverCapacityError, SolverModelError } from './types';
export type { CompileOptions, SerializedCompiledModel } from './compile';
export { loadCompiledDiagram } from './compiled';
export {
	compileModel,
	loadCompiledModel,
	COMPILED_FORMAT,
	COMPILED_FORMAT_VERSION
} from './compile';
export type { SearchModelOptions, SerializedSearchModel } from './search-model';
export { createSearchModel, SEARCH_FORMAT, SEARCH_FORMAT_VERSION } from './search-model';
