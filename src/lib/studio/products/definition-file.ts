import { parseDefinition } from '$lib/core';

/**
 * Import and export of a product definition as a JSON file: export writes the draft exactly as
 * the CLI (`atelier check FILE`) reads it; import accepts only what `parseDefinition` accepts and
 * reports every problem with its path, so a bad file changes nothing.
 */

type JsonObject = { [key: string]: unknown };

/** The file an export downloads: the draft definition, tab-indented like the CLI writes. */
export function exportDefinition(definition: JsonObject): { name: string; text: string } {
	const handle =
		typeof definition.handle === 'string' && definition.handle ? definition.handle : 'product';
	return { name: `${handle}.json`, text: `${JSON.stringify(definition, null, '\t')}\n` };
}

export type ImportResult =
	{ ok: true; definition: JsonObject } | { ok: false; errors: { path: string; message: string }[] };

/**
 * Reads an imported file's text into the definition to store. The product keeps its own id, name
 * and handle (the product record owns them), whatever the file says.
 */
export function importDefinition(text: string, current: JsonObject): ImportResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return {
			ok: false,
			errors: [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }]
		};
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json))
		return { ok: false, errors: [{ path: '(file)', message: 'expected a definition object' }] };
	const parsed = parseDefinition(json);
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const definition: JsonObject = { ...(json as JsonObject) };
	for (const key of ['id', 'name', 'handle'] as const)
		if (typeof current[key] === 'string') definition[key] = current[key];
	return { ok: true, definition };
}
