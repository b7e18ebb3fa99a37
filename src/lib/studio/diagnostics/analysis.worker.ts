/**
 * Runs the core's `analyze` off the main thread: on the demo products it takes 20–50 ms (it
 * compiles the rules once per check), too long to run between keystrokes on the UI thread.
 * Messages: in `{ serial, definition }`, out `{ serial, diagnostics, count, ms }` (or `error`).
 */
import { analyze } from '$lib/core/analysis';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';

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
