import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	draftStateFromDefinition,
	readDefinition,
	writeDefinition,
	type Json
} from './definition-doc';

const jsonObject = fc.dictionary(
	fc.string({ minLength: 1, maxLength: 8 }),
	fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>
);

describe('the definition stored in a draft document', () => {
	it('round-trips any JSON object without loss', () => {
		fc.assert(
			fc.property(jsonObject, (definition) => {
				const doc = new Y.Doc();
				writeDefinition(doc, definition);
				// Exactly what was written, down to -0 (which JSON text would turn into 0).
				expect(readDefinition(doc)).toEqual(definition);
			}),
			{ numRuns: 200 }
		);
	});

	it('survives encoding to an update and loading it into another document', () => {
		const definition = { name: 'Mug', options: [{ id: 'color', choices: [{ id: 'red' }] }] };
		const other = new Y.Doc();
		Y.applyUpdate(other, draftStateFromDefinition(definition));
		expect(readDefinition(other)).toEqual(definition);
	});

	it('replaces keys that the new definition no longer has', () => {
		const doc = new Y.Doc();
		writeDefinition(doc, { a: 1, b: 2 });
		writeDefinition(doc, { b: 3 });
		expect(readDefinition(doc)).toEqual({ b: 3 });
	});

	it('merges concurrent edits of different options from two documents', () => {
		const one = new Y.Doc();
		writeDefinition(one, {
			options: [
				{ id: 'a', label: 'A' },
				{ id: 'b', label: 'B' }
			]
		});
		const two = new Y.Doc();
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		const optionsOf = (doc: Y.Doc) =>
			doc.getMap('definition').get('options') as Y.Array<Y.Map<unknown>>;
		optionsOf(one).get(0).set('label', 'Alpha');
		optionsOf(two).get(1).set('label', 'Beta');
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		expect(readDefinition(one)).toEqual({
			options: [
				{ id: 'a', label: 'Alpha' },
				{ id: 'b', label: 'Beta' }
			]
		});
		expect(readDefinition(two)).toEqual(readDefinition(one));
	});
});
