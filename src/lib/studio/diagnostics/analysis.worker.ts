/**
 * Runs the core's `analyze` off the main thread: on the demo products it takes 20–50 ms (it
 * compiles the rules once per check), too long to run between keystrokes on the UI thread.
 * Messages: in `{ serial, definition }`, out `{ serial, diagnostics, count, compiled, ms }` (or
 * `error`).
 */
import { analyze } from '$lib/core/analysis';
import type { Definition } from '$lib/core/definition';
import { createEngine } from '$lib/core/engine';
import { compiledInWorker, type AnalysisRequest, type AnalysisResponse } from './analysis-protocol';

/**
 * The draft's compiled rules, serialized, for a product too big to compile on the page (from the
 * definition `analyze` parsed; its own compile is of a probed model, so it cannot be reused).
 */
function compiledRules(definition: Definition | undefined): unknown {
	if (!definition || !compiledInWorker(definition)) return null;
	try {
		return createEngine(definition).compiled.serialize();
	} catch {
		return null; // Some models do not serialize; the canvas then draws the raw picks.
	}
}

const scope = self as unknown as {
	onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
	postMessage(message: AnalysisResponse): void;
};

scope.onmessage = (event) => {
	const { serial, definition } = event.data;
	const started = performance.now();
	try {
		const result = analyze(definition);
		scope.postMessage({
			serial,
			diagnostics: result.diagnostics,
			count: result.count === undefined ? null : result.count.toString(),
			compiled: compiledRules(result.definition),
			ms: performance.now() - started
		});
	} catch (error) {
		// analyze never throws on bad input; this is a bug, reported as such.
		scope.postMessage({
			serial,
			error: error instanceof Error ? error.message : String(error),
			ms: performance.now() - started
		});
	}
};
