import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../editor.svelte';
import { parsePath, selectionForPath } from './path-target';

const definition: JsonObject = {
	options: [{ id: 'metal', choices: [{ id: 'gold' }, { id: 'silver' }] }, { id: 'engraving' }],
	views: [{ id: 'front', printAreas: [{ id: 'chest' }] }],
	layers: [{ id: 'backdrop' }, { id: 'chain' }],
	rules: [{ id: 'no-gold' }],
	groups: [{ id: 'step-1' }],
	scenarios: [{ id: 'plain' }],
	pricing: { base: 100 }
};

describe('diagnostic paths', () => {
	it('parse into segments, quoted keys included', () => {
		expect(parsePath('options[3].choices[0].priceDelta')).toEqual([
			'options',
			3,
			'choices',
			0,
			'priceDelta'
		]);
		expect(parsePath('translations["fr-CA"].x')).toEqual(['translations', 'fr-CA', 'x']);
		expect(parsePath('options[')).toBeNull();
	});

	it('map to the record at fault, by id', () => {
		expect(selectionForPath(definition, 'options[0].choices[1].priceDelta')).toEqual({
			kind: 'choice',
			id: 'silver',
			parentId: 'metal'
		});
		expect(selectionForPath(definition, 'options[1]')).toEqual({ kind: 'option', id: 'engraving' });
		expect(selectionForPath(definition, 'options[1].maxLength')).toEqual({
			kind: 'option',
			id: 'engraving'
		});
		expect(selectionForPath(definition, 'views[0].printAreas[0].rect')).toEqual({
			kind: 'printArea',
			id: 'chest',
			parentId: 'front'
		});
		expect(selectionForPath(definition, 'views[0].size')).toEqual({ kind: 'view', id: 'front' });
		expect(selectionForPath(definition, 'layers[1].asset')).toEqual({ kind: 'layer', id: 'chain' });
		expect(selectionForPath(definition, 'rules[0].then[0].value')).toEqual({
			kind: 'rule',
			id: 'no-gold'
		});
		expect(selectionForPath(definition, 'groups[0]')).toEqual({ kind: 'group', id: 'step-1' });
		expect(selectionForPath(definition, 'scenarios[0].expect.total')).toEqual({
			kind: 'scenario',
			id: 'plain'
		});
	});

	it('give null for product-level paths, unknown indexes and records without an id', () => {
		expect(selectionForPath(definition, '')).toBeNull();
		expect(selectionForPath(definition, 'pricing.base')).toBeNull();
		expect(selectionForPath(definition, 'options[7]')).toBeNull();
		expect(selectionForPath(definition, 'options[0].choices[9]')).toEqual({
			kind: 'option',
			id: 'metal'
		});
		expect(selectionForPath({ options: [{ label: 'no id' }] }, 'options[0]')).toBeNull();
	});
});
