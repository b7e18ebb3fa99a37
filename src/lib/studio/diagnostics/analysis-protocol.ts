import type { AnalysisDiagnostic } from '$lib/core';

/** What the studio sends the analysis worker: the draft's definition JSON as it stands. */
export interface AnalysisRequest {
	serial: number;
	definition: unknown;
}

/** The worker's answer; `count` is a decimal string (valid variants), null when it does not parse. */
export type AnalysisResponse =
	| { serial: number; diagnostics: AnalysisDiagnostic[]; count: string | null; ms: number }
	| { serial: number; error: string; ms: number };
