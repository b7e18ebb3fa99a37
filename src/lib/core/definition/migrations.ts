import { FORMAT_VERSION } from './format-version.js';
import type { ValidationError } from './errors.js';

/** One step of the format: turns a version-`from` definition JSON into version `to` = from + 1. */
export interface Migration {
	from: number;
	to: number;
	/** Pure: returns new JSON, never mutates its input. May throw only on programmer errors. */
	migrate(json: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The registry of format migrations, in order. Version 1 is the first published format, so it is
 * empty; a version 2 adds `{ from: 1, to: 2, migrate }` here and bumps `FORMAT_VERSION`.
 */
export const migrations: readonly Migration[] = [];

/** Result of {@link migrateDefinition}. */
export type MigrationResult =
	| { ok: true; json: Record<string, unknown>; from: number; applied: Migration[] }
	| { ok: false; errors: ValidationError[] };

/**
 * Brings definition JSON of any known format version to the latest (`FORMAT_VERSION`) by applying
 * the registered migrations in turn. A missing `formatVersion` is an error, so is a version newer
 * than this code or one with no migration path. Never throws on bad input.
 */
export function migrateDefinition(
	json: unknown,
	options: { migrations?: readonly Migration[]; latest?: number } = {}
): MigrationResult {
	const registry = options.migrations ?? migrations;
	const latest = options.latest ?? FORMAT_VERSION;
	if (typeof json !== 'object' || json === null || Array.isArray(json))
		return { ok: false, errors: [{ path: '', message: 'expected a definition object' }] };
	let current = json as Record<string, unknown>;
	const version = current.formatVersion;
	if (typeof version !== 'number' || !Number.isInteger(version))
		return {
			ok: false,
			errors: [{ path: 'formatVersion', message: 'expected an integer formatVersion' }]
		};
	if (version > latest)
		return {
			ok: false,
			errors: [
				{
					path: 'formatVersion',
					message: `format version ${version} is newer than this Atelier understands (${latest})`
				}
			]
		};
	const applied: Migration[] = [];
	let v = version;
	while (v < latest) {
		const step = registry.find((m) => m.from === v);
		if (!step || step.to !== v + 1)
			return {
				ok: false,
				errors: [{ path: 'formatVersion', message: `no migration from format version ${v}` }]
			};
		current = { ...step.migrate(current), formatVersion: step.to };
		applied.push(step);
		v = step.to;
	}
	return { ok: true, json: current, from: version, applied };
}
