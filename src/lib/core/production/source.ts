// The conveniences that take an engine *or a definition* (compiling an engine for the call).
// Their own module: `spec.ts` never imports the compiler, so the storefront bundle has none.
import type { ConfigurationInput } from '../definition/configuration.js';
import type { Definition } from '../definition/definition.js';
import { createEngine } from '../engine/compile.js';
import {
	productionSpecOf,
	type EngineLike,
	type ProductionOptions,
	type ProductionResult
} from './spec.js';

/** An engine, or a definition to compile one from (compiling costs time: reuse engines). */
export type EngineSource = EngineLike | Definition;

/** The engine of a source: itself, or a freshly compiled one for a definition. */
export function engineOf(source: EngineSource): EngineLike {
	return 'evaluate' in source && typeof source.evaluate === 'function'
		? source
		: createEngine(source as Definition);
}

/**
 * The production spec of a complete, valid configuration of a published definition version:
 * product, version, SKU, answers with codes, texts with font and color, uploads, quantity, the
 * engine's price breakdown, lead time and ship-by date (see `shipByDate`), and the print areas of
 * every view. The configuration is re-evaluated by the engine (never trusted); `source` is an
 * engine (reuse it) or a definition (an engine is compiled for the call). Incomplete or
 * invalid configurations, an unknown rush tier or a bad order date give `{ ok: false, errors }`;
 * it never throws on bad input.
 *
 * The SKU is the prefix, then for each answered choice option (definition order) its choice's
 * code, for multi options the codes joined with `+`, for toggles that are on their code —
 * separated by `-` (e.g. `JERSEY-RED-L-SS-REC`). Codes default to the choice id, upper-cased.
 */
export function productionSpec(
	source: EngineSource,
	version: number,
	configuration: ConfigurationInput,
	options: ProductionOptions
): ProductionResult {
	return productionSpecOf(engineOf(source), version, configuration, options);
}
