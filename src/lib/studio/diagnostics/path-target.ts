/**
 * Diagnostic path → the thing to select. Analysis and schema errors name where they are as a
 * path into the definition (`options[3].choices[0].priceDelta`, `rules[2].then[0]`,
 * `views[0].printAreas[1].rect`); the studio selects records by id. This maps the first record
 * on the path to a {@link SelectionRef}, reading ids from the definition JSON the path was
 * computed on. Paths outside a record (pricing, currency, the whole product) give null: the
 * inspector then shows the product settings.
 */
import type { JsonObject, SelectionRef } from '../editor.svelte';

type Segment = string | number;

/** `options[3].choices[0]["a b"]` → `['options', 3, 'choices', 0, 'a b']`; null if malformed. */
export function parsePath(path: string): Segment[] | null {
	const segments: Segment[] = [];
	const pattern = /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
	let at = 0;
	while (at < path.length) {
		pattern.lastIndex = at;
		const match = pattern.exec(path);
		if (!match) return null;
		if (match[1] !== undefined) segments.push(match[1]);
		else if (match[2] !== undefined) segments.push(Number(match[2]));
		else segments.push(JSON.parse(match[3]) as string);
		at = pattern.lastIndex;
	}
	return segments;
}

function idAt(list: unknown, index: Segment | undefined): string | null {
	if (!Array.isArray(list) || typeof index !== 'number') return null;
	const item: unknown = list[index];
	if (item === null || typeof item !== 'object') return null;
	const id = (item as { id?: unknown }).id;
	return typeof id === 'string' && id !== '' ? id : null;
}

/** The record a diagnostic at `path` is about, or null for product-level paths. */
export function selectionForPath(definition: JsonObject, path: string): SelectionRef | null {
	const segments = parsePath(path);
	if (!segments || segments.length < 2) return null;
	const [collection, index, child, childIndex] = segments;
	const list = definition[collection as string];
	const id = idAt(list, index);
	if (!id) return null;
	switch (collection) {
		case 'options': {
			if (child === 'choices') {
				const option = (list as JsonObject[])[index as number];
				const choiceId = idAt(option.choices, childIndex);
				if (choiceId) return { kind: 'choice', id: choiceId, parentId: id };
			}
			return { kind: 'option', id };
		}
		case 'views': {
			if (child === 'printAreas') {
				const view = (list as JsonObject[])[index as number];
				const areaId = idAt(view.printAreas, childIndex);
				if (areaId) return { kind: 'printArea', id: areaId, parentId: id };
			}
			return { kind: 'view', id };
		}
		case 'layers':
			return { kind: 'layer', id };
		case 'rules':
			return { kind: 'rule', id };
		case 'groups':
			return { kind: 'group', id };
		case 'scenarios':
			return { kind: 'scenario', id };
		default:
			return null;
	}
}
