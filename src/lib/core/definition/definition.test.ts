import { describe, expect, it } from 'vitest';
import { pendantFixture } from './fixtures.js';
import { pendantWith } from './test-helpers.js';
import { definitionJsonSchema } from './json-schema.js';
import { migrateDefinition, type Migration } from './migrations.js';
import { parseConfiguration, parseDefinition, serializeDefinition } from './parse.js';

function parsed() {
	const r = parseDefinition(pendantFixture);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.definition;
}

describe('the definition format', () => {
	it('accepts the hand-made pendant and fills defaults', () => {
		const d = parsed();
		expect(d.defaultLocale).toBe('en');
		expect(d.options[0]?.kind).toBe('choice');
		const metal = d.options[0];
		if (metal?.kind !== 'choice') throw new Error('metal');
		expect(metal.choices[0]?.priceDelta).toBe(0);
		expect(metal.choices[0]?.stock).toBe('in_stock');
	});

	it('round-trips: parse(serialize(x)) equals x', () => {
		const d = parsed();
		const again = parseDefinition(JSON.parse(serializeDefinition(d)));
		expect(again).toEqual({ ok: true, definition: d });
	});

	it('generates a JSON Schema that validates the sample and rejects a broken one', async () => {
		const schema = definitionJsonSchema();
		expect(schema.$schema).toContain('2020-12');
		expect(JSON.stringify(schema)).toContain('"pricePerCharacter"');
		// ajv 6 (already installed with eslint) speaks draft-07.
		let Ajv:
			| (new (o: object) => { validate(s: object, d: unknown): boolean; errors?: unknown })
			| undefined;
		try {
			Ajv = (await import('ajv')).default as unknown as typeof Ajv;
		} catch {
			console.warn('ajv is not installed: JSON Schema validation part skipped');
			return;
		}
		if (!Ajv) return;
		const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
		const draft7 = { ...definitionJsonSchema({ target: 'draft-07' }) };
		delete draft7.$id;
		expect(ajv.validate(draft7, pendantFixture)).toBe(true);
		const bad = pendantWith({
			'options[0].choices[1].priceDelta': 12.5
		});
		expect(ajv.validate(draft7, bad)).toBe(false);
	});

	it('rejects a non-integer price with its path and what was expected', () => {
		const bad = pendantWith({
			'options[0].choices[1].priceDelta': 12.5
		});
		const r = parseDefinition(bad);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toContainEqual({
			path: 'options[0].choices[1].priceDelta',
			message: 'expected an integer number of minor units'
		});
	});

	it('reports every wrong type at once, never throwing', () => {
		const bad = pendantWith({
			'pricing.base': '49.00',
			'views[0].size.width': -3,
			'options[2].min': 'one',
			'layers[1].opacity': 2
		});
		const r = parseDefinition(bad);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const paths = r.errors.map((e) => e.path);
		expect(paths).toEqual(
			expect.arrayContaining([
				'pricing.base',
				'views[0].size.width',
				'options[2].min',
				'layers[1].opacity'
			])
		);
	});

	it('rejects garbage input with a message instead of an exception', () => {
		for (const junk of [null, 42, 'x', [], {}, { formatVersion: 1 }]) {
			const r = parseDefinition(junk);
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
		}
	});

	it('reports unknown keys (typos) with their path', () => {
		const bad = pendantWith({
			'options[0].choices[0].pricedelta': 100
		});
		const r = parseDefinition(bad);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0]?.path).toBe('options[0].choices[0]');
	});

	it('reports duplicate ids and unknown references in rules, layers, groups and scenarios', () => {
		const bad = pendantWith({
			'options[1].id': 'metal',
			'options[0].choices[1].id': 'silver',
			'rules[0].when': { type: 'is', option: 'material', value: 'oak' },
			'rules[1].then': [{ type: 'require', option: 'metal', value: 'bronze' }],
			'layers[0].view': 'back',
			'layers[1].style.font': 'comic',
			'layers[1].printArea': 'sleeve',
			'groups[1].options[4]': 'ghost',
			'scenarios[0].configuration.selections.finish': 'suede',
			'scenarios[0].expect.hiddenOptions': ['nope'],
			'options[0].choices[0].assets': { front: 'missing-asset' }
		});
		const r = parseDefinition(bad);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
		expect(byPath['options[1].id']).toMatch(/duplicate option id "metal"/);
		expect(byPath['options[0].choices[1].id']).toMatch(/duplicate choice id "silver"/);
		expect(byPath['rules[0].when.option']).toBe('unknown option "material"');
		expect(byPath['rules[1].then[0].value']).toBe('unknown choice "bronze" of option "metal"');
		expect(byPath['layers[0].view']).toBe('unknown view "back"');
		expect(byPath['layers[1].style.font']).toBe('unknown font "comic"');
		expect(byPath['groups[1].options[4]']).toBe('unknown option "ghost"');
		expect(byPath['scenarios[0].configuration.selections.finish']).toBe('unknown option "finish"');
		expect(byPath['scenarios[0].expect.hiddenOptions[0]']).toBe('unknown option "nope"');
		expect(byPath['options[0].choices[0].assets["front"]']).toBe('unknown asset "missing-asset"');
	});

	it('reports a rule condition on the wrong kind of option', () => {
		const bad = pendantWith({
			'rules[0].when': { type: 'textLength', option: 'metal', compare: 'gt', value: 3 }
		});
		const r = parseDefinition(bad);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0]?.message).toMatch(/is a choice option; expected text/);
	});

	it('reports structural and reference errors together', () => {
		const bad = pendantWith({
			'pricing.base': 1.5,
			'rules[0].when': { type: 'is', option: 'nope', value: 'x' }
		});
		const r = parseDefinition(bad);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.path)).toEqual(['pricing.base', 'rules[0].when.option']);
	});
});

describe('format migrations', () => {
	const v0 = pendantWith({
		formatVersion: 0,
		name: undefined,
		title: 'Engraved pendant'
	}) as Record<string, unknown>;
	const renameTitle: Migration = {
		from: 0,
		to: 1,
		migrate: ({ title, ...rest }) => ({ ...rest, name: title })
	};

	it('migrates a version-0 definition forward with a registered step', () => {
		const m = migrateDefinition(v0, { migrations: [renameTitle], latest: 1 });
		expect(m.ok).toBe(true);
		if (!m.ok) return;
		expect(m.from).toBe(0);
		expect(m.applied).toEqual([renameTitle]);
		expect(m.json.name).toBe('Engraved pendant');
		expect(m.json.formatVersion).toBe(1);
		expect(v0.formatVersion).toBe(0);
		const r = parseDefinition(v0, { migrations: [renameTitle], latest: 1 });
		expect(r.ok).toBe(true);
	});

	it('refuses a version without a migration path or newer than the code', () => {
		expect(migrateDefinition(v0)).toMatchObject({
			ok: false,
			errors: [{ path: 'formatVersion', message: 'no migration from format version 0' }]
		});
		expect(migrateDefinition(pendantWith({ formatVersion: 7 }))).toMatchObject({ ok: false });
		expect(migrateDefinition({ name: 'x' })).toMatchObject({
			ok: false,
			errors: [{ path: 'formatVersion' }]
		});
	});

	it('leaves a current definition untouched', () => {
		const m = migrateDefinition(pendantFixture);
		expect(m).toMatchObject({ ok: true, from: 1, applied: [] });
	});
});

describe('configurations', () => {
	const d = parsed();

	it('accepts a valid configuration and fills quantity', () => {
		const r = parseConfiguration(d, {
			selections: { metal: 'gold', chain: ['moon'], giftBox: true }
		});
		expect(r).toMatchObject({ ok: true, configuration: { quantity: 1 } });
	});

	it('reports unknown options and choices and wrong answers with paths', () => {
		const r = parseConfiguration(d, {
			selections: {
				finish: 'suede',
				metal: 'bronze',
				chain: ['moon', 'comet'],
				giftBox: 'yes',
				engraving: { text: 'Hi', font: 'comic' }
			},
			rushTier: 'overnight'
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual(
			expect.arrayContaining([
				{ path: 'selections.finish', message: 'unknown option "finish"' },
				{ path: 'selections.metal', message: 'unknown choice "bronze" of option "Metal"' },
				{ path: 'selections.chain[1]', message: 'unknown choice "comet" of option "Charms"' },
				{ path: 'selections.giftBox', message: 'expected true or false for option "Gift box"' },
				{
					path: 'selections.engraving.font',
					message: 'font "comic" is not offered for option "Engraving"'
				},
				{ path: 'rushTier', message: 'unknown rush tier "overnight"' }
			])
		);
	});

	it('rejects a fractional quantity', () => {
		const r = parseConfiguration(d, { quantity: 1.5 });
		expect(r).toMatchObject({ ok: false, errors: [{ path: 'quantity' }] });
	});
});

describe('parseDefinition on arbitrary input', () => {
	it('never throws, whatever the JSON, and always says where', async () => {
		const fc = (await import('fast-check')).default;
		const paths = [
			'options',
			'options[0]',
			'options[0].choices',
			'options[0].choices[0]',
			'options[0].kind',
			'options[3].maxLength',
			'rules[0].when',
			'rules[0].then',
			'rules[1].then[0]',
			'layers[0]',
			'layers[1].style',
			'views[0].printAreas',
			'pricing',
			'pricing.quantityTiers[0]',
			'groups[0].options',
			'scenarios[0].configuration.selections',
			'assets',
			'translations'
		];
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom(...paths), fc.jsonValue()), { maxLength: 3 }),
				(changes) => {
					const r = parseDefinition(pendantWith(Object.fromEntries(changes)));
					if (!r.ok)
						for (const e of r.errors) {
							expect(typeof e.path).toBe('string');
							expect(e.message.length).toBeGreaterThan(0);
						}
				}
			),
			{ numRuns: 300, seed: 3 }
		);
		fc.assert(
			fc.property(fc.anything(), (junk) => {
				expect(parseDefinition(junk).ok).toBe(false);
			}),
			{ numRuns: 200, seed: 4 }
		);
	});
});
