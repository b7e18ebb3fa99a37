import { parseDefinition } from '$lib/core';
import type { JsonObject } from './editor.svelte';

/**
 * The draft validated once per version of it. `editor.definition` is a new object after each
 * edit and the same one until the next, and several panels validate it on every edit (the
 * canvas, the test panel, its scenario runs): one zod parse instead of one each. The results
 * are read, never changed.
 */
const parsedDrafts = new WeakMap<JsonObject, ReturnType<typeof parseDefinition>>();

export function parseDraft(draft: JsonObject): ReturnType<typeof parseDefinition> {
	let parsed = parsedDrafts.get(draft);
	if (!parsed) {
		parsed = parseDefinition(draft);
		parsedDrafts.set(draft, parsed);
	}
	return parsed;
}
