import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDefinition } from '../core';
import { readDefinition } from '../collab/definition-doc';
import { PRODUCT_TEMPLATES, templateDraft } from './templates';

describe('product templates', () => {
	it('give every new product a first draft that parses, named after the product', () => {
		for (const template of PRODUCT_TEMPLATES) {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, templateDraft(template, { name: 'My shirt', handle: 'my-shirt' }));
			const parsed = parseDefinition(readDefinition(doc));
			expect(parsed.ok, `${template}: ${JSON.stringify(!parsed.ok && parsed.errors)}`).toBe(true);
			if (!parsed.ok) continue;
			expect(parsed.definition).toMatchObject({
				name: 'My shirt',
				handle: 'my-shirt',
				id: 'my-shirt'
			});
			if (template === 'blank') expect(parsed.definition.options).toEqual([]);
			else expect(parsed.definition.options.length).toBeGreaterThan(0);
		}
	});

	it('takes only the name and handle from what it is given (a whole request, say)', () => {
		for (const template of PRODUCT_TEMPLATES) {
			const request = { name: 'My shirt', handle: 'my-shirt', template, workspaceId: 'w1' };
			const doc = new Y.Doc();
			Y.applyUpdate(doc, templateDraft(template, request));
			const definition = readDefinition(doc);
			expect(definition).not.toHaveProperty('template');
			expect(definition).not.toHaveProperty('workspaceId');
			expect(parseDefinition(definition).ok).toBe(true);
		}
	});

	it('refuses a template whose sample is missing', () => {
		expect(() => templateDraft('team-jersey', { name: 'X', handle: 'x' }, '/nonexistent')).toThrow(
			/missing/
		);
	});
});
