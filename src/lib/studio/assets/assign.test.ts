import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '$lib/core/definition';
import { applyAssetAssignment, assignAssetsByChoiceCode, type AssignableFile } from './assign';

type JsonObject = Parameters<typeof assignAssetsByChoiceCode>[0];

const jersey = JSON.parse(
	fs.readFileSync(path.resolve('static/samples/team-jersey/definition.json'), 'utf8')
) as JsonObject;

const sha = (c: string) => c.repeat(64);
const file = (name: string, hash?: string): AssignableFile => ({
	name,
	url: hash ? `/api/v1/assets/${hash}` : `/uploads/${name}`,
	sha256: hash,
	contentType: 'image/png',
	width: 800,
	height: 800
});

describe('assignAssetsByChoiceCode', () => {
	it('matches file names to choice codes, case-insensitive, exact or followed by a separator', () => {
		const result = assignAssetsByChoiceCode(jersey, 'body-front', [
			file('red.png', sha('a')),
			file('NAV-front.webp', sha('b')),
			file('wht_v2.svg', sha('c')),
			file('logo.png', sha('d'))
		]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const { plan } = result;
		expect(plan).toMatchObject({ layerId: 'body-front', optionId: 'color', viewId: 'front' });
		expect(plan.changes.map((c) => [c.choiceId, c.file, c.previousAssetId])).toEqual([
			['red', 'red.png', 'body-red-front'],
			['navy', 'NAV-front.webp', 'body-navy-front'],
			['white', 'wht_v2.svg', 'body-white-front']
		]);
		expect(plan.changes[0]).toMatchObject({ choiceLabel: 'Red', assetId: 'upload-aaaaaaaaaaaa' });
		expect(plan.newAssets['upload-aaaaaaaaaaaa']).toEqual({
			path: `/api/v1/assets/${sha('a')}`,
			sha256: sha('a'),
			mime: 'image/png',
			width: 800,
			height: 800
		});
		expect(plan.unmatched).toEqual([
			{ name: 'logo.png', reason: 'no choice code or id matches the name' }
		]);
		expect(plan.choicesWithoutFile).toEqual(['green', 'black']);
	});

	it('falls back to choice ids when no code matches', () => {
		const result = assignAssetsByChoiceCode(jersey, 'body-front', [file('Green-front.png')]);
		expect(result.ok && result.plan.changes.map((c) => c.choiceId)).toEqual(['green']);
	});

	it('leaves files of another view unmatched, and a second file for a choice', () => {
		const result = assignAssetsByChoiceCode(jersey, 'body-front', [
			file('red-back.png', sha('1')),
			file('red-old.png', sha('2')),
			file('RED.png', sha('3'))
		]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// The exact name wins over the earlier prefix match.
		expect(result.plan.changes.map((c) => c.file)).toEqual(['RED.png']);
		expect(result.plan.unmatched).toEqual([
			{ name: 'red-back.png', reason: 'it is for the view "back"; this layer is on "front"' },
			{ name: 'red-old.png', reason: 'choice "red" already gets RED.png' }
		]);
	});

	it('prefers the longest code', () => {
		const definition = structuredClone(jersey);
		const color = (definition.options as JsonObject[]).find((o) => o.id === 'color')!;
		(color.choices as JsonObject[]).push({ id: 'dark-red', label: 'Dark red', code: 'RED-DARK' });
		const result = assignAssetsByChoiceCode(definition, 'body-front', [file('red-dark-front.png')]);
		expect(result.ok && result.plan.changes.map((c) => c.choiceId)).toEqual(['dark-red']);
	});

	it('reuses an asset entry the definition already has for the same bytes', () => {
		const definition = structuredClone(jersey);
		(definition.assets as JsonObject)['art-red'] = {
			path: `/api/v1/assets/${sha('e')}`,
			sha256: sha('e'),
			mime: 'image/png'
		};
		const result = assignAssetsByChoiceCode(definition, 'body-front', [file('red.png', sha('e'))]);
		expect(result.ok && result.plan.changes[0].assetId).toBe('art-red');
		expect(result.ok && result.plan.newAssets).toEqual({});
	});

	it('refuses a layer that is missing, not an image or not bound to a choice option', () => {
		expect(assignAssetsByChoiceCode(jersey, 'nope', [])).toEqual({
			ok: false,
			error: { path: 'layerId', message: 'no layer "nope" in this product' }
		});
		const text = assignAssetsByChoiceCode(jersey, 'name', []);
		expect(!text.ok && text.error.message).toContain('not an image layer bound to an option');
		const staticLayer = assignAssetsByChoiceCode(jersey, 'shading-front', []);
		expect(!staticLayer.ok && staticLayer.error.path).toMatch(/^layers\[\d+\]\.option$/);
	});
});

describe('applyAssetAssignment', () => {
	it('adds the assets and points the choices at them, leaving a valid definition', () => {
		const definition = structuredClone(jersey);
		const result = assignAssetsByChoiceCode(definition, 'body-front', [
			file('red.png', sha('a')),
			file('blk.png', sha('b'))
		]);
		if (!result.ok) throw new Error(result.error.message);
		applyAssetAssignment(definition, result.plan);
		const color = (definition.options as JsonObject[]).find((o) => o.id === 'color')!;
		const choices = color.choices as JsonObject[];
		expect(choices.find((c) => c.id === 'red')!.assets).toEqual({
			front: 'upload-aaaaaaaaaaaa',
			back: 'body-red-back'
		});
		expect(choices.find((c) => c.id === 'black')!.assets).toMatchObject({
			front: 'upload-bbbbbbbbbbbb'
		});
		expect(parseDefinition(definition).ok).toBe(true);
	});
});
