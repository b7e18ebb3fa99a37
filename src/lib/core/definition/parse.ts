import { definitionSchema, type Definition } from './definition.js';
import { zodIssuesToErrors, type ValidationError } from './errors.js';
import { migrateDefinition, type Migration } from './migrations.js';
import { checkReferences } from './references.js';

/** Result of {@link parseDefinition}. */
export type ParseDefinitionResult =
	{ ok: true; definition: Definition } | { ok: false; errors: ValidationError[] };

/**
 * Validates definition JSON of any known format version: migrates it to the latest format,
 * checks its structure against the schema, then (when the structure is sound) every
 * cross-reference. Returns all errors with their paths; never throws on bad input.
 */
export function parseDefinition(
	json: unknown,
	options: { migrations?: readonly Migration[]; latest?: number } = {}
): ParseDefinitionResult {
	const migrated = migrateDefinition(json, options);
	if (!migrated.ok) {
		// Still report structural errors when the version is the problem.
		const structural = definitionSchema.safeParse(json);
		const more = structural.success
			? []
			: zodIssuesToErrors(structural.error.issues).filter((e) => e.path !== 'formatVersion');
		return { ok: false, errors: [...migrated.errors, ...more] };
	}
	const parsed = definitionSchema.safeParse(migrated.json);
	if (!parsed.success) {
		const errors = zodIssuesToErrors(parsed.error.issues);
		return { ok: false, errors: [...errors, ...bestEffortReferences(migrated.json, errors)] };
	}
	const refErrors = checkReferences(parsed.data);
	if (refErrors.length > 0) return { ok: false, errors: refErrors };
	return { ok: true, definition: parsed.data };
}

/**
 * Serializes a definition to plain JSON (what `parseDefinition` reads back to an equal value).
 */
export function serializeDefinition(definition: Definition): string {
	return JSON.stringify(definition);
}

// Configurations are checked without zod (they are checked in the storefront runtime too).
export { parseConfiguration, type ParseConfigurationResult } from './configuration-check.js';

/**
 * Cross-reference errors of a structurally invalid definition, as far as they can be found: the
 * checker runs on the raw JSON and stops quietly where the structure is too broken to walk
 * (errors found until then are kept). Errors under a path that already has a structural error
 * are dropped.
 */
function bestEffortReferences(json: unknown, structural: ValidationError[]): ValidationError[] {
	const sink: ValidationError[] = [];
	try {
		checkReferences(withTopLevelDefaults(json) as Definition, sink);
	} catch {
		// The structure is broken somewhere the checker walks; keep what was found.
	}
	return sink.filter((e) => !structural.some((s) => e.path.startsWith(s.path)));
}

/** Fills the top-level collections a broken definition may lack, so the reference walk goes further. */
function withTopLevelDefaults(json: unknown): unknown {
	if (typeof json !== 'object' || json === null) return json;
	const j = json as Record<string, unknown>;
	const pricing = typeof j.pricing === 'object' && j.pricing !== null ? j.pricing : {};
	return {
		views: [],
		groups: [],
		options: [],
		fonts: [],
		colors: [],
		assets: {},
		layers: [],
		rules: [],
		scenarios: [],
		...j,
		pricing: { quantityTiers: [], fees: [], rushTiers: [], minQuantity: 1, ...pricing }
	};
}
