// The rules engine: a definition compiled once into an exact solver model; evaluate, count, explain.
export {
	createEngineWith,
	type Engine,
	type Evaluation,
	type EvaluateOptions,
	type OptionState,
	type ChoiceState,
	type SelectionSource,
	type CompileModel,
	type CreateEngineOptions
} from './engine.js';
export { createCompileCache, createEngine, defaultCompile } from './compile.js';
export { buildEngineModel, NONE, varId, type EngineModel, type ConstraintOrigin } from './model.js';
export { findRuleCycles, type RuleCycle } from './cycles.js';
export { ENGINE_CODES, type EngineCode, type Diagnostic } from './diagnostics.js';
export { type UnavailableReason } from './explain.js';
export { evaluateCondition, textLength, type Answer, type Answers } from './answers.js';
export {
	runScenario,
	runScenarios,
	type ScenarioResult,
	type ScenarioFailure
} from './scenarios.js';
