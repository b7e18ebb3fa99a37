import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDefinition } from '$lib/core';
import { changeDefinition, EditOrigin } from '$lib/collab/change';
import {
	blankDefinition,
	readDefinition,
	writeDefinition,
	type Json
} from '$lib/collab/definition-doc';
import { addFont, fontReferences, removeFont, type StoredFontFile } from './fonts';
import { addLayer, addOption } from './commands';
import type { DefinitionJson } from './model';

type JsonObject = { [key: string]: Json };

const sha = (c: string) => c.repeat(64);
const file = (over: Partial<StoredFontFile> = {}): StoredFontFile => ({
	sha256: sha('a'),
	path: `/api/v1/assets/${sha('a')}`,
	mime: 'font/woff2',
	family: 'Inter',
	weight: 400,
	style: 'normal',
	...over
});

const blank = () => blankDefinition({ id: 'mug', name: 'Mug', handle: 'mug' }) as DefinitionJson;

function must<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result as Extract<T, { ok: true }>;
}

function expectParses(definition: DefinitionJson) {
	const parsed = parseDefinition(definition);
	if (!parsed.ok) expect.fail(JSON.stringify(parsed.errors, null, 1));
}

/** Blank + Inter 400 + a text option "Name" with a text layer bound to it. */
function withTextLayer() {
	let d = must(addFont(blank(), file())).definition;
	d = must(addOption(d, { kind: 'text', label: 'Name' })).definition;
	d = must(addLayer(d, { kind: 'text', bindTo: { kind: 'option', id: 'name' } })).definition;
	return d;
}

describe('fonts: adding', () => {
	it('adds the font and its asset entry; a text layer can then be added and it parses', () => {
		const added = must(addFont(blank(), file()));
		expect(added.fontId).toBe('inter-400');
		expect(added.definition.fonts).toEqual([
			{ id: 'inter-400', family: 'Inter', asset: 'font-inter-400', weight: 400, style: 'normal' }
		]);
		expect(added.definition.assets).toEqual({
			'font-inter-400': { sha256: sha('a'), path: `/api/v1/assets/${sha('a')}`, mime: 'font/woff2' }
		});
		const d = withTextLayer();
		expect(d.layers?.[0]).toMatchObject({
			kind: 'text',
			option: 'name',
			style: { font: 'inter-400' }
		});
		expectParses(d);
	});

	it('refuses the same family, weight and style twice; an italic is another font', () => {
		const d = must(addFont(blank(), file())).definition;
		expect(addFont(d, file({ sha256: sha('b') }))).toEqual({
			ok: false,
			reason: 'The product already has Inter 400.'
		});
		const italic = must(addFont(d, file({ sha256: sha('b'), weight: 300, style: 'italic' })));
		expect(italic.fontId).toBe('inter-300-italic');
		expect(Object.keys(italic.definition.assets ?? {})).toEqual([
			'font-inter-400',
			'font-inter-300-italic'
		]);
	});
});

describe('fonts: removing', () => {
	it('removes an unused font and its asset, with nothing to confirm', () => {
		const d = must(addFont(blank(), file())).definition;
		expect(fontReferences(d, 'inter-400')).toEqual([]);
		const removed = must(removeFont(d, 'inter-400')).definition;
		expect(removed.fonts).toEqual([]);
		expect(removed.assets).toEqual({});
		expectParses(removed);
	});

	it('lists the text layer and option that use it; the layer is deleted when no font remains', () => {
		let d = withTextLayer();
		d.options![0].fonts = ['inter-400'];
		expect(fontReferences(d, 'inter-400')).toEqual([
			{ kind: 'option', id: 'name', label: 'Name', consequence: 'changed' },
			{ kind: 'layer', id: 'name-text', label: 'Text', consequence: 'deleted' }
		]);
		d = must(removeFont(d, 'inter-400')).definition;
		expect(d.layers).toEqual([]);
		expect(d.options![0].fonts).toEqual([]);
		expectParses(d);
	});

	it('switches text layers to the first remaining font', () => {
		let d = withTextLayer();
		d = must(addFont(d, file({ sha256: sha('b'), weight: 700 }))).definition;
		expect(fontReferences(d, 'inter-400')).toEqual([
			{ kind: 'layer', id: 'name-text', label: 'Text', consequence: 'changed' }
		]);
		d = must(removeFont(d, 'inter-400')).definition;
		expect((d.layers?.[0].style as { font: string }).font).toBe('inter-700');
		expect(Object.keys(d.assets ?? {})).toEqual(['font-inter-700']);
		expectParses(d);
	});

	it('is one labelled, undoable edit of a Y.Doc', () => {
		const doc = new Y.Doc();
		writeDefinition(doc, blank() as JsonObject);
		const session = {};
		const undo = new Y.UndoManager([doc.getMap('definition')], {
			trackedOrigins: new Set([EditOrigin]),
			captureTimeout: 0
		});
		changeDefinition(doc, new EditOrigin('Add font Inter 400', session), (draft) => {
			const result = addFont(draft as DefinitionJson, file());
			return result.ok ? (result.definition as JsonObject) : undefined;
		});
		expect((readDefinition(doc) as DefinitionJson).fonts).toHaveLength(1);
		expect(undo.undoStack).toHaveLength(1);
		undo.undo();
		const after = readDefinition(doc) as DefinitionJson;
		expect(after.fonts).toEqual([]);
		expect(after.assets).toEqual({});
	});
});
