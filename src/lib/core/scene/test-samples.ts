import pendantJson from '../../../../static/samples/engraved-pendant/definition.json';
import sofaJson from '../../../../static/samples/modular-sofa/definition.json';
import jerseyJson from '../../../../static/samples/team-jersey/definition.json';
import type { Definition } from '../definition/definition.js';
import { parseDefinition } from '../definition/parse.js';
import { createEngine } from '../engine/compile.js';
import type { Engine } from '../engine/engine.js';

/** The sample handles under `static/samples/`. */
export const SAMPLE_HANDLES = ['team-jersey', 'engraved-pendant', 'modular-sofa'] as const;
/** A sample handle. */
export type SampleHandle = (typeof SAMPLE_HANDLES)[number];

const RAW: Record<SampleHandle, unknown> = {
	'team-jersey': jerseyJson,
	'engraved-pendant': pendantJson,
	'modular-sofa': sofaJson
};

/** The sample's definition JSON, deep-copied (tests may change it before parsing). */
export function sampleJson(handle: SampleHandle): Record<string, unknown> {
	return structuredClone(RAW[handle]) as Record<string, unknown>;
}

/** Parses definition JSON, failing loudly with every error (tests only). */
export function parsed(json: unknown): Definition {
	const r = parseDefinition(json);
	if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
	return r.definition;
}

/** The sample's parsed definition. */
export function sample(handle: SampleHandle): Definition {
	return parsed(sampleJson(handle));
}

const engines = new Map<Definition, Engine>();

/** The engine of a definition (compiled once per definition object), for tests. */
export function engineFor(def: Definition): Engine {
	let e = engines.get(def);
	if (!e) {
		e = createEngine(def);
		engines.set(def, e);
	}
	return e;
}
