import * as Y from 'yjs';

/**
 * The draft of a product lives in a Y.Doc: the definition JSON under the top-level map
 * `definition` (objects as Y.Map, arrays as Y.Array, scalars as they are), and studio-only state
 * such as graph positions under `layout`, beside the definition and never inside it. The mapping
 * is lossless for JSON: `readDefinition(writeDefinition(doc, json))` equals `json`.
 */
export const DEFINITION_KEY = 'definition';
export const LAYOUT_KEY = 'layout';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Labels the transactions this module makes, so observers can tell them from user edits. */
export const SEED_ORIGIN = Symbol('atelier.seed');

function toY(value: Json): unknown {
	if (Array.isArray(value)) {
		const array = new Y.Array<unknown>();
		array.push(value.map(toY));
		return array;
	}
	if (value !== null && typeof value === 'object') {
		const map = new Y.Map<unknown>();
		for (const [key, entry] of Object.entries(value)) map.set(key, toY(entry));
		return map;
	}
	return value;
}

function fromY(value: unknown): Json {
	if (value instanceof Y.Map) {
		const out: { [key: string]: Json } = {};
		for (const [key, entry] of value.entries()) out[key] = fromY(entry);
		return out;
	}
	if (value instanceof Y.Array) return value.toArray().map(fromY);
	if (value instanceof Y.Text) return value.toString();
	return value as Json;
}

/** Replaces the doc's definition with `definition`, in one transaction labelled `origin`. */
export function writeDefinition(
	doc: Y.Doc,
	definition: { [key: string]: Json },
	origin: unknown = SEED_ORIGIN
): void {
	const root = doc.getMap<unknown>(DEFINITION_KEY);
	doc.transact(() => {
		for (const key of [...root.keys()]) if (!(key in definition)) root.delete(key);
		for (const [key, value] of Object.entries(definition)) root.set(key, toY(value));
	}, origin);
}

/** The definition JSON the doc holds (an empty object for a new product). */
export function readDefinition(doc: Y.Doc): { [key: string]: Json } {
	return fromY(doc.getMap<unknown>(DEFINITION_KEY)) as { [key: string]: Json };
}

/** A whole draft as one Yjs update, ready to store as a snapshot. */
export function draftStateFromDefinition(definition: { [key: string]: Json }): Uint8Array {
	const doc = new Y.Doc();
	writeDefinition(doc, definition);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}

/**
 * The definition of a new blank product: the smallest one that parses (no options yet). The
 * server writes it as the first draft of a product made from "Blank"; tests start from it.
 */
export function blankDefinition({
	id,
	name,
	handle
}: {
	id: string;
	name: string;
	handle: string;
}): { [key: string]: Json } {
	return {
		formatVersion: 1,
		id,
		name,
		handle,
		currency: { code: 'USD', minorUnits: 2 },
		views: [],
		groups: [],
		options: [],
		fonts: [],
		colors: [],
		assets: {},
		layers: [],
		rules: [],
		pricing: { base: 0 },
		leadTime: { baseDays: 0 },
		scenarios: []
	};
}
