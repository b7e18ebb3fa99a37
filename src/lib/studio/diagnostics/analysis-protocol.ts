import type { AnalysisDiagnostic } from '$lib/core';

/** What the studio sends the analysis worker: the draft's definition JSON as it stands. */
export interface AnalysisRequest {
	serial: number;
	definition: unknown;
}

/**
 * The worker's answer; `count` is a decimal string (valid variants), null when it does not parse;
 * `compiled` is the draft's compiled rules (`CompiledModel.serialize()`) when it parses and is
 * {@link compiledInWorker} — the canvas loads them instead of compiling on the page.
 */
export type AnalysisResponse =
	| {
			serial: number;
			diagnostics: AnalysisDiagnostic[];
			count: string | null;
			compiled: unknown;
			ms: number;
	  }
	| { serial: number; error: string; ms: number };

/**
 * Whether a draft's rules are compiled in the worker rather than on the page: compiling takes a
 * millisecond or two for a product of a few dozen options and rules, and most of a second for
 * hundreds, which would freeze the editor.
 */
export function compiledInWorker(definition: { options?: unknown; rules?: unknown }): boolean {
	const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
	return count(definition.options) + count(definition.rules) > 80;
}
