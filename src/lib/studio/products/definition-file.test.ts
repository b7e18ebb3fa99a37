import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '$lib/core';
import { exportDefinition, importDefinition } from './definition-file';

const jersey = JSON.parse(readFileSync('static/samples/team-jersey/definition.json', 'utf8'));
const current = { id: 'mug', name: 'Mug', handle: 'mug' };

describe('definition files', () => {
	it('exports what parseDefinition (the CLI) reads back to the same definition', () => {
		const file = exportDefinition(jersey);
		expect(file.name).toBe('team-jersey.json');
		expect(JSON.parse(file.text)).toEqual(jersey);
		expect(parseDefinition(JSON.parse(file.text)).ok).toBe(true);
	});

	it('imports a valid definition, keeping the product its id, name and handle', () => {
		const result = importDefinition(JSON.stringify(jersey), current);
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.definition).toMatchObject(current);
			expect(result.definition.options).toEqual(jersey.options);
		}
	});

	it('lists every problem of a bad file with its path', () => {
		const bad = structuredClone(jersey);
		bad.options[0].choices[0].priceDelta = 1.5;
		bad.rules[0].then[0].option = 'nope';
		const result = importDefinition(JSON.stringify(bad), current);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.errors.map((e) => e.path)).toContain('options[0].choices[0].priceDelta');
		expect(importDefinition('{ not json', current)).toMatchObject({
			ok: false,
			errors: [{ path: '(file)' }]
		});
		expect(importDefinition('[]', current).ok).toBe(false);
	});
});
