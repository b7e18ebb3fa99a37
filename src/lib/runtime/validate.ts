// Validation of definitions nobody has validated yet (the studio's drafts): the full
// `parseDefinition` with zod. Not part of /runtime.js or /embed.js — published definitions were
// validated by the server and are loaded as trusted (`loadPublishedDefinition`).

import type { Definition } from '../core/definition/definition.js';
import { parseDefinition } from '../core/definition/parse.js';
import { definitionError, definitionJsonOf } from './configurator.js';

/**
 * Parses, migrates and validates a definition (JSON text or a parsed object); throws a
 * {@link ConfiguratorError} naming the path of each problem. Pass the result to
 * `createConfigurator`.
 */
export function parseRuntimeDefinition(definitionJson: unknown): Definition {
	const parsed = parseDefinition(definitionJsonOf(definitionJson));
	if (parsed.ok) return parsed.definition;
	throw definitionError(parsed.errors);
}
