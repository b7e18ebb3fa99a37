import * as Y from 'yjs';
import { DEFINITION_KEY, LAYOUT_KEY, readDefinition, type Json } from './definition-doc';

/**
 * Edits of the draft as plain JSON, written into the Y.Doc as the smallest set of Yjs operations.
 *
 * Studio code never mutates Y types by hand: it calls {@link changeDefinition} with a function
 * that mutates a plain copy of the definition, and this module reconciles the doc with the
 * result. Reconciling field by field (instead of replacing the definition) is what makes
 * co-editing merge well: two people editing different choices of one option touch different
 * Y.Maps, so neither overwrites the other.
 *
 * Arrays whose elements are all objects with a unique string `id` (options, choices, layers,
 * rules, views...) are matched by id: kept elements are reconciled in place, removed ones deleted,
 * new ones inserted at their position, and only elements that changed position are moved (a move
 * is a delete plus an insert, so a concurrent edit of a moved element can be lost — rare, and the
 * price of Yjs having no move operation). Other arrays keep their common prefix and suffix and
 * replace the middle.
 */

type JsonObject = { [key: string]: Json };

/**
 * The origin of a labelled local edit. A class, so a `Y.UndoManager` can track every local edit
 * by its constructor while remote updates (whose origin is the provider) are never undone.
 */
export class EditOrigin {
	constructor(
		/** What the user did, e.g. "Rename option Color"; shown in undo and activity lists. */
		readonly label: string,
		/** The editing session (one per open editor), so undo only reverts its own edits. */
		readonly session: object
	) {}
}

export function editOrigin(label: string, session: object): EditOrigin {
	return new EditOrigin(label, session);
}

function isObject(value: unknown): value is JsonObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toY(value: Json): unknown {
	if (Array.isArray(value)) {
		const array = new Y.Array<unknown>();
		array.push(value.map(toY));
		return array;
	}
	if (isObject(value)) {
		const map = new Y.Map<unknown>();
		for (const [key, entry] of Object.entries(value))
			if (entry !== undefined) map.set(key, toY(entry));
		return map;
	}
	return value;
}

function fromY(value: unknown): Json {
	if (value instanceof Y.Map) {
		const out: JsonObject = {};
		for (const [key, entry] of value.entries()) out[key] = fromY(entry);
		return out;
	}
	if (value instanceof Y.Array) return value.toArray().map(fromY);
	if (value instanceof Y.Text) return value.toString();
	return value as Json;
}

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) {
		return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
	}
	if (isObject(a) && isObject(b)) {
		const aKeys = Object.keys(a).filter((key) => a[key] !== undefined);
		const bKeys = Object.keys(b).filter((key) => b[key] !== undefined);
		return aKeys.length === bKeys.length && aKeys.every((key) => sameJson(a[key], b[key]));
	}
	return false;
}

/** Can this value be reconciled into `existing` in place (same container kind)? */
function sameShape(existing: unknown, next: Json): boolean {
	return (
		(existing instanceof Y.Map && isObject(next)) ||
		(existing instanceof Y.Array && Array.isArray(next))
	);
}

function reconcileMap(map: Y.Map<unknown>, next: JsonObject): void {
	for (const key of [...map.keys()]) {
		if (next[key] === undefined) map.delete(key);
	}
	for (const [key, value] of Object.entries(next)) {
		if (value === undefined) continue;
		const existing = map.get(key);
		if (sameShape(existing, value)) reconcileValue(existing, value);
		else if (!sameJson(fromY(existing), value)) map.set(key, toY(value));
	}
}

function reconcileValue(existing: unknown, next: Json): void {
	if (existing instanceof Y.Map && isObject(next)) reconcileMap(existing, next);
	else if (existing instanceof Y.Array && Array.isArray(next)) reconcileArray(existing, next);
}

function idOf(value: unknown): string | null {
	if (value instanceof Y.Map) {
		const id = value.get('id');
		return typeof id === 'string' ? id : null;
	}
	if (isObject(value)) return typeof value.id === 'string' ? value.id : null;
	return null;
}

function uniqueIds(values: readonly unknown[]): string[] | null {
	const ids: string[] = [];
	for (const value of values) {
		const id = idOf(value);
		if (id === null) return null;
		ids.push(id);
	}
	return new Set(ids).size === ids.length ? ids : null;
}

function reconcileArray(array: Y.Array<unknown>, next: Json[]): void {
	const current = array.toArray();
	const currentIds = uniqueIds(current);
	const nextIds = uniqueIds(next);
	if (currentIds && nextIds && (current.length > 0 || next.length > 0)) {
		reconcileById(array, currentIds, next, nextIds);
		return;
	}
	// Positional: keep the common prefix and suffix, reconcile or replace the middle.
	let start = 0;
	while (
		start < current.length &&
		start < next.length &&
		sameJson(fromY(current[start]), next[start])
	)
		start++;
	let endCurrent = current.length;
	let endNext = next.length;
	while (
		endCurrent > start &&
		endNext > start &&
		sameJson(fromY(current[endCurrent - 1]), next[endNext - 1])
	) {
		endCurrent--;
		endNext--;
	}
	if (endCurrent - start === endNext - start) {
		// Same length in the middle: reconcile element by element where the shapes allow it.
		for (let i = start; i < endCurrent; i++) {
			if (sameShape(current[i], next[i])) reconcileValue(current[i], next[i]);
			else if (sameJson(fromY(current[i]), next[i])) continue;
			else {
				array.delete(i, 1);
				array.insert(i, [toY(next[i])]);
			}
		}
		return;
	}
	if (endCurrent > start) array.delete(start, endCurrent - start);
	if (endNext > start) array.insert(start, next.slice(start, endNext).map(toY));
}

function reconcileById(
	array: Y.Array<unknown>,
	currentIds: string[],
	next: Json[],
	nextIds: string[]
): void {
	const wanted = new Set(nextIds);
	// 1. Delete elements that are gone (from the end, so indexes stay valid).
	for (let i = currentIds.length - 1; i >= 0; i--) {
		if (!wanted.has(currentIds[i])) array.delete(i, 1);
	}
	// 2. Walk the wanted order: keep elements already in place, move or insert the others.
	for (let i = 0; i < next.length; i++) {
		const items = array.toArray();
		const here = items[i];
		const value = next[i];
		if (here !== undefined && idOf(here) === nextIds[i]) {
			if (sameShape(here, value)) reconcileValue(here, value);
			continue;
		}
		const from = items.findIndex((item, index) => index > i && idOf(item) === nextIds[i]);
		if (from >= 0) {
			const moved = fromY(items[from]);
			array.delete(from, 1);
			array.insert(i, [toY(sameJson(moved, value) ? moved : value)]);
		} else {
			array.insert(i, [toY(value)]);
		}
	}
	if (array.length > next.length) array.delete(next.length, array.length - next.length);
}

function clone<T extends Json>(value: T): T {
	return structuredClone(value);
}

/**
 * Reconciles the root map `rootKey` of `doc` with `next`, in one transaction labelled `origin`.
 * Returns false (and writes nothing) when nothing changed.
 */
export function reconcileRoot(
	doc: Y.Doc,
	rootKey: string,
	next: JsonObject,
	origin: unknown
): boolean {
	const root = doc.getMap<unknown>(rootKey);
	if (sameJson(fromY(root), next)) return false;
	doc.transact(() => reconcileMap(root, next), origin);
	return true;
}

/**
 * Edits the draft's definition: `mutate` receives a plain copy of it, changes it (or returns a
 * replacement), and the doc is reconciled with the result in one transaction labelled `origin`.
 * Returns false when the edit changed nothing (no transaction, nothing to undo).
 */
export function changeDefinition(
	doc: Y.Doc,
	origin: unknown,
	mutate: (definition: JsonObject) => JsonObject | void
): boolean {
	const draft = clone(readDefinition(doc));
	const next = mutate(draft) ?? draft;
	return reconcileRoot(doc, DEFINITION_KEY, next, origin);
}

/** The studio-only state stored beside the definition: node positions, view state. */
export function readLayout(doc: Y.Doc): JsonObject {
	return fromY(doc.getMap<unknown>(LAYOUT_KEY)) as JsonObject;
}

/** Edits the layout map the same way {@link changeDefinition} edits the definition. */
export function changeLayout(
	doc: Y.Doc,
	origin: unknown,
	mutate: (layout: JsonObject) => JsonObject | void
): boolean {
	const draft = clone(readLayout(doc));
	const next = mutate(draft) ?? draft;
	return reconcileRoot(doc, LAYOUT_KEY, next, origin);
}
