import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DefinitionInput } from '../definition/definition.js';
import { parseDefinition } from '../definition/parse.js';
import { compileModel } from '../solver/index.js';
import {
	analyze,
	ANALYSIS_CODES,
	minimumUnitPrice,
	probeDefinition,
	type AnalysisCode
} from './index.js';
import { createEngine } from '../engine/compile.js';

const STATIC = fileURLToPath(new URL('../../../../static', import.meta.url));

/** A small product: Color (red, blue), Size (s, m, xl), both required; base 10.00 EUR. */
function product(changes: Partial<DefinitionInput> = {}): DefinitionInput {
	return {
		formatVersion: 1,
		id: 'shirt',
		name: 'Shirt',
		handle: 'shirt',
		currency: { code: 'EUR', minorUnits: 2 },
		options: [
			{
				id: 'color',
				kind: 'choice',
				label: 'Color',
				required: true,
				choices: [
					{ id: 'red', label: 'Red' },
					{ id: 'blue', label: 'Blue' }
				]
			},
			{
				id: 'size',
				kind: 'choice',
				label: 'Size',
				required: true,
				choices: [
					{ id: 's', label: 'Small' },
					{ id: 'm', label: 'Medium' },
					{ id: 'xl', label: 'Extra large' }
				]
			}
		],
		pricing: { base: 1000 },
		...changes
	};
}

const codes = (json: unknown) => analyze(json).diagnostics.map((d) => d.code);
const only = (json: unknown, code: AnalysisCode) =>
	analyze(json).diagnostics.filter((d) => d.code === code);

describe('analyze', () => {
	it('has one table of codes, each with a severity', () => {
		for (const [code, { severity }] of Object.entries(ANALYSIS_CODES))
			expect(['error', 'warning', 'info'], code).toContain(severity);
	});

	it('finds nothing to say about a plain product', () => {
		const r = analyze(product());
		expect(r.diagnostics).toEqual([]);
		expect(r.count).toBe(6n);
	});

	it('schema-error: reports parse errors with their paths', () => {
		const json = product();
		(json.options?.[0] as { choices: { priceDelta?: number }[] }).choices[0].priceDelta = 1.5;
		const [d] = only(json, 'schema-error');
		expect(d).toMatchObject({
			severity: 'error',
			path: 'options[0].choices[0].priceDelta'
		});
		expect(d?.message).toMatch(/^Option 'Color': expected an integer number of minor units/);
		expect(new Set(codes('not a definition'))).toEqual(new Set(['schema-error']));
	});

	it('duplicate-id: two options with one id', () => {
		const json = product();
		json.options?.push({ id: 'color', kind: 'toggle', label: 'Gift wrap' });
		expect(only(json, 'duplicate-id')[0]?.path).toBe('options[2].id');
	});

	it('missing-reference: a rule naming a deleted option, a layer naming a missing asset', () => {
		const json = product({
			rules: [
				{
					id: 'r',
					name: 'Fabric needs XL',
					when: { type: 'is', option: 'fabric', value: 'wool' },
					then: [{ type: 'require', option: 'size', value: 'xl' }]
				}
			],
			views: [
				{
					id: 'front',
					label: 'Front',
					size: { width: 100, height: 100 },
					physicalSize: { width: 1, height: 1, unit: 'in' }
				}
			],
			layers: [
				{
					id: 'bg',
					kind: 'image',
					view: 'front',
					asset: 'gone',
					transform: { x: 0, y: 0, width: 100, height: 100 }
				}
			]
		});
		const ds = only(json, 'missing-reference');
		expect(ds.map((d) => d.path)).toEqual(['layers[0].asset', 'rules[0].when.option']);
		expect(ds[1]?.message).toBe(`Rule 'Fabric needs XL': unknown option "fabric"`);
	});

	it('no-valid-configuration: names a minimal set of conflicting rules', () => {
		const json = product({
			rules: [
				{
					id: 'no-red',
					name: 'Red is sold out',
					then: [{ type: 'exclude', option: 'color', value: 'red' }]
				},
				{
					id: 'xl-price',
					name: 'XL costs more',
					when: { type: 'is', option: 'size', value: 'xl' },
					then: [{ type: 'priceAmount', amount: 200 }]
				},
				{
					id: 'no-small',
					name: 'No small',
					then: [{ type: 'exclude', option: 'size', value: 's' }]
				},
				{
					id: 'no-blue',
					name: 'Blue is discontinued',
					then: [{ type: 'exclude', option: 'color', value: 'blue' }]
				}
			]
		});
		const r = analyze(json);
		const ds = r.diagnostics.filter((d) => d.code === 'no-valid-configuration');
		expect(ds).toHaveLength(1);
		expect(ds[0]).toMatchObject({ severity: 'error', path: 'rules[0]', related: ['rules[3]'] });
		expect(ds[0]?.message).toContain(
			`rules 'Red is sold out' and 'Blue is discontinued' cannot all hold together`
		);
		expect(r.count).toBe(0n);
	});

	it('no-valid-configuration without rules: a required option with every choice out of stock', () => {
		const json = product();
		for (const c of (json.options?.[0] as { choices: { stock?: string }[] }).choices)
			c.stock = 'out_of_stock';
		const [d] = only(json, 'no-valid-configuration');
		expect(d?.path).toBe('options[0]');
		expect(d?.message).toContain('Color is required but every choice is out of stock');
	});

	it('dead-choice: a choice no configuration allows, with the rule that kills it', () => {
		const json = product({
			rules: [
				{
					id: 'no-blue',
					name: 'Blue is discontinued',
					then: [{ type: 'exclude', option: 'color', value: 'blue' }]
				}
			]
		});
		const [d] = only(json, 'dead-choice');
		expect(d).toMatchObject({ severity: 'warning', path: 'options[0].choices[1]' });
		expect(d?.message).toContain('Color: Blue is never available');
		expect(d?.message).toContain('Blue is discontinued');
		// A choice available only in some configurations is not dead.
		const conditional = product({
			rules: [
				{
					id: 'r',
					name: 'Blue only in XL',
					when: { type: 'is', option: 'color', value: 'blue' },
					then: [{ type: 'require', option: 'size', value: 'xl' }]
				}
			]
		});
		expect(codes(conditional)).toEqual([]);
	});

	it('never-visible-option: an option shown only by a condition that cannot hold', () => {
		const json = product({
			options: [
				...(product().options ?? []),
				{ id: 'monogram', kind: 'text', label: 'Monogram', maxLength: 3 }
			],
			rules: [
				{
					id: 'show',
					name: 'Monogram on XL',
					when: { type: 'is', option: 'size', value: 'xl' },
					then: [{ type: 'showOption', option: 'monogram' }]
				},
				{
					id: 'no-xl',
					name: 'XL is sold out',
					then: [{ type: 'exclude', option: 'size', value: 'xl' }]
				}
			]
		});
		const [d] = only(json, 'never-visible-option');
		expect(d).toMatchObject({ path: 'options[2]', related: ['rules[0]'] });
		expect(d?.message).toContain(`Monogram is never shown`);
		expect(d?.message).toContain(`'Monogram on XL'`);
	});

	it('rule-never-fires: a condition no valid configuration meets (but not a self-enforcing constraint)', () => {
		const json = product({
			rules: [
				{
					id: 'no-xl',
					name: 'XL is sold out',
					then: [{ type: 'exclude', option: 'size', value: 'xl' }]
				},
				{
					id: 'xl-price',
					name: 'XL costs more',
					when: { type: 'is', option: 'size', value: 'xl' },
					then: [{ type: 'priceAmount', amount: 200 }]
				},
				{
					id: 'red-small',
					name: 'No small red shirts',
					when: {
						type: 'and',
						conditions: [
							{ type: 'is', option: 'color', value: 'red' },
							{ type: 'is', option: 'size', value: 's' }
						]
					},
					then: [{ type: 'exclude', option: 'size', value: 's' }]
				}
			]
		});
		const ds = only(json, 'rule-never-fires');
		expect(ds.map((d) => d.path)).toEqual(['rules[1].when']);
		expect(ds[0]?.message).toBe(
			`Rule 'XL costs more' never applies: no valid configuration meets its condition.`
		);
	});

	it('rule-no-effect: a rule another rule already enforces', () => {
		const json = product({
			rules: [
				{
					id: 'a',
					name: 'XL only in blue',
					when: { type: 'is', option: 'size', value: 'xl' },
					then: [{ type: 'require', option: 'color', value: 'blue' }]
				},
				{
					id: 'b',
					name: 'No red XL',
					when: { type: 'is', option: 'color', value: 'red' },
					then: [{ type: 'exclude', option: 'size', value: 'xl' }]
				},
				{
					id: 'c',
					name: 'Small red is fine',
					when: { type: 'is', option: 'size', value: 's' },
					then: [{ type: 'exclude', option: 'color', value: 'blue' }]
				}
			]
		});
		const ds = only(json, 'rule-no-effect');
		// 'a' and 'b' say the same thing: each is redundant given the other; 'c' matters.
		expect(ds.map((d) => d.path)).toEqual(['rules[0]', 'rules[1]']);
		expect(ds[0]?.message).toContain(`Rule 'XL only in blue' changes nothing`);
	});

	it('rule-no-effect sees visibility: a show rule is not redundant even when the count stays', () => {
		const json = product({
			options: [
				...(product().options ?? []),
				{ id: 'note', kind: 'text', label: 'Note', maxLength: 20 }
			],
			rules: [
				{
					id: 'show',
					name: 'Notes for XL',
					when: { type: 'is', option: 'size', value: 'xl' },
					then: [{ type: 'showOption', option: 'note' }]
				}
			]
		});
		expect(codes(json)).toEqual([]);
	});

	it('missing-layer-asset: a choice without art in a view its layer draws', () => {
		const json = product({
			views: [
				{
					id: 'front',
					label: 'Front',
					size: { width: 100, height: 100 },
					physicalSize: { width: 1, height: 1, unit: 'in' }
				}
			],
			assets: { red: { path: '/red.svg', mime: 'image/svg+xml' } },
			layers: [
				{
					id: 'body',
					name: 'Body',
					kind: 'image',
					view: 'front',
					option: 'color',
					transform: { x: 0, y: 0, width: 100, height: 100 }
				}
			]
		});
		(json.options?.[0] as { choices: { assets?: Record<string, string> }[] }).choices[0].assets = {
			front: 'red'
		};
		const [d] = only(json, 'missing-layer-asset');
		expect(d).toMatchObject({
			severity: 'warning',
			path: 'options[0].choices[1].assets',
			related: ['layers[0]']
		});
		expect(d?.message).toContain(
			`Color: Blue has no art for the Front view, which layer 'Body' draws`
		);
	});

	it('price-missing: base 0 and nothing adds to it', () => {
		expect(only(product({ pricing: { base: 0 } }), 'price-missing')[0]?.path).toBe('pricing.base');
	});

	it('negative-price: the exact minimum over valid configurations, with the configuration', () => {
		const json = product();
		const choices = (json.options?.[1] as { choices: { priceDelta?: number }[] }).choices;
		choices[0].priceDelta = -1500;
		const [d] = only(json, 'negative-price');
		expect(d?.severity).toBe('error');
		expect(d?.message).toContain('can fall to -€5.00 (Color = Red, Size = Small)');
		// Forbid the cheap size: the minimum is exact, so nothing is reported.
		const safe = product({
			rules: [
				{
					id: 'no-s',
					name: 'Small discontinued',
					then: [{ type: 'exclude', option: 'size', value: 's' }]
				}
			]
		});
		(safe.options?.[1] as { choices: { priceDelta?: number }[] }).choices[0].priceDelta = -1500;
		expect(codes(safe)).toEqual(['dead-choice']);
	});

	it('negative-price counts rule adjustments only where their condition can hold', () => {
		const json = product({
			rules: [
				{
					id: 'promo',
					name: 'Blue promo',
					when: { type: 'is', option: 'color', value: 'blue' },
					then: [{ type: 'priceAmount', amount: -800 }]
				},
				{
					id: 'xl',
					name: 'XL surcharge',
					when: { type: 'is', option: 'size', value: 'xl' },
					then: [{ type: 'priceAmount', amount: 300 }]
				}
			]
		});
		(json.options?.[0] as { choices: { priceDelta?: number }[] }).choices[1].priceDelta = -300;
		const [d] = only(json, 'negative-price');
		expect(d?.message).toContain(
			`can fall to -€1.00 (Color = Blue, Size = Small, rule 'Blue promo' applies)`
		);
		const parsed = parseDefinition(json);
		if (!parsed.ok) throw new Error('does not parse');
		const probed = probeDefinition(parsed.definition);
		const engine = createEngine(probed.definition, { compile: compileModel });
		expect(minimumUnitPrice(parsed.definition, engine.compiled, probed)).toMatchObject({
			amount: -100,
			exact: true
		});
	});

	const textProduct = (
		style: Record<string, unknown>,
		maxLength: number,
		box = { width: 200, height: 40 }
	) =>
		product({
			options: [
				...(product().options ?? []),
				{
					id: 'name',
					kind: 'text',
					label: 'Name',
					maxLength,
					allowedCharacters: { preset: 'letters' }
				}
			],
			views: [
				{
					id: 'back',
					label: 'Back',
					size: { width: 400, height: 400 },
					physicalSize: { width: 1, height: 1, unit: 'in' }
				}
			],
			fonts: [{ id: 'inter', family: 'Inter', asset: 'font' }],
			assets: { font: { path: '/inter.woff2', mime: 'font/woff2' } },
			layers: [
				{
					id: 'name-layer',
					name: 'Name',
					kind: 'text',
					view: 'back',
					option: 'name',
					transform: { x: 0, y: 0, ...box },
					style: { font: 'inter', size: 20, color: '#000000', ...style }
				}
			]
		});

	it('text-shrinks / text-overflow: the longest text in the widest allowed letters', () => {
		// 8 × "W" at 20 px ≈ 144 px: fits 200 px.
		expect(codes(textProduct({}, 8))).toEqual([]);
		// 16 × "W" ≈ 288 px: shrinks to fit.
		const [shrinks] = only(textProduct({}, 16), 'text-shrinks');
		expect(shrinks).toMatchObject({ severity: 'info', path: 'layers[0]' });
		expect(shrinks?.message).toContain(
			`Name in layer 'Name' (Back view): 16 characters ("WWW…") in Inter do not fit the 200×40 px box at 20 px; such a text is drawn at 13.5 px.`
		);
		// Clipped text is cut off: a warning.
		expect(only(textProduct({ overflow: 'clip' }, 16), 'text-overflow')[0]?.message).toContain(
			'cut off'
		);
		// 80 characters do not fit even at a quarter of the size.
		expect(only(textProduct({}, 80), 'text-overflow')[0]?.message).toContain('even shrunk');
	});

	it('rule-cycle: show rules that depend on each other', () => {
		const json = product({
			rules: [
				{
					id: 'a',
					name: 'Size after color',
					when: { type: 'answered', option: 'color' },
					then: [{ type: 'showOption', option: 'size' }]
				},
				{
					id: 'b',
					name: 'Color after size',
					when: { type: 'answered', option: 'size' },
					then: [{ type: 'showOption', option: 'color' }]
				}
			]
		});
		const [d] = only(json, 'rule-cycle');
		expect(d).toMatchObject({ severity: 'warning', path: 'rules[0]', related: ['rules[1]'] });
		expect(d?.message).toContain(
			`Rules 'Size after color' and 'Color after size' depend on each other through Color and Size`
		);
	});

	it('analysis-skipped: per-rule checks beyond the time budget', () => {
		const json = product({
			rules: [
				{
					id: 'a',
					name: 'No red XL',
					when: { type: 'is', option: 'color', value: 'red' },
					then: [{ type: 'exclude', option: 'size', value: 'xl' }]
				}
			]
		});
		const ds = analyze(json, { budgetMs: 0 }).diagnostics;
		expect(ds.map((d) => d.code)).toEqual(['analysis-skipped']);
	});

	it.each(['team-jersey', 'engraved-pendant', 'modular-sofa'])(
		'the %s sample has no errors or warnings',
		(handle) => {
			const json: unknown = JSON.parse(
				readFileSync(`${STATIC}/samples/${handle}/definition.json`, 'utf8')
			);
			const r = analyze(json);
			expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
			expect(r.count).toBeGreaterThan(0n);
		}
	);
});
