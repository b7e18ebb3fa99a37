// The semantic diff of two definitions and of what they do (variants, scenario results).
export {
	diffDefinitions,
	minorUnitsToDecimal,
	sameValue,
	type DefinitionChange,
	type DiffSubject
} from './diff.js';
export {
	diffOutcomes,
	type OutcomeDiff,
	type ScenarioChange,
	type ScenarioState
} from './outcomes.js';
export { diffPixels, type PixelDiff, type PixelDiffOptions } from './pixels.js';
