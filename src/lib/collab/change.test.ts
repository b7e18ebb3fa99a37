import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { changeDefinition, changeLayout, editOrigin, readLayout } from './change';
import { readDefinition, writeDefinition, type Json } from './definition-doc';

type JsonObject = { [key: string]: Json };

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		scalar,
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'label'), tie('value'), { maxKeys: 4 })
	)
})).value;
/** Arrays of objects with unique ids, the shape of options, choices and layers. */
const entities = fc.uniqueArray(
	fc.record({ id: fc.constantFrom('p', 'q', 'r', 's', 't', 'u'), label: scalar, extra: json }),
	{ selector: (entity) => entity.id, maxLength: 6 }
);
const definitionLike = fc.record({
	name: scalar,
	options: entities,
	tags: fc.array(scalar, { maxLength: 5 }),
	nested: json
});

function docWith(definition: JsonObject): Y.Doc {
	const doc = new Y.Doc();
	writeDefinition(doc, definition);
	return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const session = {};

describe('changeDefinition', () => {
	it('leaves the doc holding exactly the edited JSON, for any before and after', () => {
		fc.assert(
			fc.property(definitionLike, definitionLike, (before, after) => {
				const doc = docWith(before as JsonObject);
				changeDefinition(doc, editOrigin('edit', session), () => after as JsonObject);
				expect(readDefinition(doc)).toEqual(after);
			})
		);
	});

	it('writes nothing when the edit changes nothing', () => {
		const doc = docWith({ name: 'Mug', options: [{ id: 'a', label: 'A' }] });
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		const changed = changeDefinition(doc, editOrigin('noop', session), (definition) => {
			definition.name = 'Mug';
		});
		expect(changed).toBe(false);
		expect(transactions).toBe(0);
	});

	it('labels the transaction with the origin it was given', () => {
		const doc = docWith({ name: 'Mug' });
		const origin = editOrigin('Rename product', session);
		let seen: unknown = null;
		doc.on('afterTransaction', (transaction) => (seen = transaction.origin));
		changeDefinition(doc, origin, (definition) => {
			definition.name = 'Cup';
		});
		expect(seen).toBe(origin);
	});

	it('merges concurrent edits of different choices of one option', () => {
		const start = {
			options: [
				{
					id: 'color',
					choices: [
						{ id: 'red', priceDelta: 0 },
						{ id: 'blue', priceDelta: 0 }
					]
				}
			]
		};
		const alice = docWith(start);
		const bob = new Y.Doc();
		sync(alice, bob);
		changeDefinition(alice, editOrigin('price red', session), (definition) => {
			((definition.options as JsonObject[])[0].choices as JsonObject[])[0].priceDelta = 500;
		});
		changeDefinition(bob, editOrigin('price blue', session), (definition) => {
			((definition.options as JsonObject[])[0].choices as JsonObject[])[1].priceDelta = 700;
		});
		sync(alice, bob);
		const expected = {
			options: [
				{
					id: 'color',
					choices: [
						{ id: 'red', priceDelta: 500 },
						{ id: 'blue', priceDelta: 700 }
					]
				}
			]
		};
		expect(readDefinition(alice)).toEqual(expected);
		expect(readDefinition(bob)).toEqual(expected);
	});

	it('keeps a concurrent edit of an option when another option is added before it', () => {
		const alice = docWith({ options: [{ id: 'size', label: 'Size' }] });
		const bob = new Y.Doc();
		sync(alice, bob);
		changeDefinition(alice, editOrigin('add', session), (definition) => {
			(definition.options as JsonObject[]).unshift({ id: 'color', label: 'Color' });
		});
		changeDefinition(bob, editOrigin('rename', session), (definition) => {
			(definition.options as JsonObject[])[0].label = 'Fit';
		});
		sync(alice, bob);
		expect(readDefinition(alice)).toEqual({
			options: [
				{ id: 'color', label: 'Color' },
				{ id: 'size', label: 'Fit' }
			]
		});
	});

	it('edits the layout beside the definition, never inside it', () => {
		const doc = docWith({ name: 'Mug' });
		changeLayout(doc, editOrigin('move', session), (layout) => {
			layout.nodes = { 'option:color': { x: 10, y: 20 } };
		});
		expect(readLayout(doc)).toEqual({ nodes: { 'option:color': { x: 10, y: 20 } } });
		expect(readDefinition(doc)).toEqual({ name: 'Mug' });
	});
});
