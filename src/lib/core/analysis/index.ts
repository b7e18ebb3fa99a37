// Analysis: diagnostics of a product definition in the merchant's words (schema, rules, art, price, text).
export { analyze, type AnalyzeOptions, type AnalysisResult } from './analyze.js';
export {
	ANALYSIS_CODES,
	diagnostic,
	type AnalysisCode,
	type AnalysisDiagnostic,
	type AnalysisSeverity
} from './codes.js';
export { minimumUnitPrice, type MinimumUnitPrice } from './price.js';
export { probeDefinition, type Probed, type ProbeOptions } from './probes.js';
export { widestAllowedCharacter } from './text.js';
