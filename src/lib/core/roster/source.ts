// `mapRoster` over an engine *or a definition* (compiling an engine for the call). Its own module,
// so that `roster.ts` and `bulk.ts` never import the compiler (the storefront's bulk mode).
import { engineOf, type EngineSource } from '../production/source.js';
import { mapRosterOf, type RosterOptions, type RosterResult, type RosterRow } from './roster.js';

/**
 * {@link mapRosterOf} (spreadsheet rows → one validated configuration per row, every cell error
 * naming its column) for an engine or a definition: `source` is an engine (reuse it) or a
 * definition (an engine is compiled for the call).
 */
export function mapRoster(
	source: EngineSource,
	rows: readonly RosterRow[],
	options: RosterOptions = {}
): RosterResult {
	return mapRosterOf(engineOf(source), rows, options);
}
