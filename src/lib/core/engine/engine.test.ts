import { describe, expect, it } from 'vitest';
import type { Definition, DefinitionInput } from '../definition/definition.js';
import { pendantFixture } from '../definition/fixtures.js';
import { parseDefinition } from '../definition/parse.js';
import { findRuleCycles } from './cycles.js';
import { createEngine } from './compile.js';
import type { Evaluation, OptionState } from './engine.js';
import { bruteForceCompile } from './testing/brute-force.js';

function define(input: DefinitionInput): Definition {
	const r = parseDefinition(input);
	if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
	return r.definition;
}
const pendant = createEngine(define(pendantFixture), { compile: bruteForceCompile });
const option = (ev: Evaluation, id: string): OptionState => {
	const o = ev.options.find((x) => x.id === id);
	if (!o) throw new Error(`no option ${id}`);
	return o;
};
const choice = (ev: Evaluation, optionId: string, choiceId: string) => {
	const c = option(ev, optionId).choices?.find((x) => x.id === choiceId);
	if (!c) throw new Error(`no choice ${optionId}.${choiceId}`);
	return c;
};

describe('visibility', () => {
	it('hides the engraving style until there is engraving text, then requires it', () => {
		const before = pendant.evaluate({ selections: { metal: 'gold', shape: 'round' } });
		expect(option(before, 'font').visible).toBe(false);
		expect(before.complete).toBe(true);
		const after = pendant.evaluate({
			selections: { metal: 'gold', shape: 'round', engraving: 'Ada' }
		});
		expect(option(after, 'font')).toMatchObject({ visible: true, required: true });
		expect(after.complete).toBe(false);
		expect(option(after, 'font').errors.map((e) => e.code)).toContain('required');
	});

	it('hides the gift box for wood and ignores an answer given to it, with a warning', () => {
		const ev = pendant.evaluate({ selections: { metal: 'wood', shape: 'round', giftBox: true } });
		expect(option(ev, 'giftBox').visible).toBe(false);
		expect(ev.configuration.selections.giftBox).toBeUndefined();
		expect(ev.errors).toContainEqual(
			expect.objectContaining({
				code: 'hidden-answer',
				severity: 'warning',
				path: 'selections.giftBox'
			})
		);
		expect(ev.price.lines.some((l) => l.optionId === 'giftBox')).toBe(false);
		expect(ev.valid).toBe(true);
	});
});

describe('availability and explanations', () => {
	it('explains a required combination from both sides', () => {
		const star = pendant.evaluate({ selections: { shape: 'star' } });
		expect(option(star, 'metal').available).toEqual(['gold']);
		expect(choice(star, 'metal', 'silver').reason?.message).toBe(
			"excluded by rule 'Stars are gold only' because Shape = Star"
		);
		const silver = pendant.evaluate({ selections: { metal: 'silver' } });
		expect(choice(silver, 'shape', 'star')).toMatchObject({
			available: false,
			reason: {
				message: "needs Metal = Gold (rule 'Stars are gold only')",
				rules: [{ id: 'star-needs-gold', name: 'Stars are gold only' }],
				causes: [{ option: 'metal', label: 'Metal = Silver' }]
			}
		});
	});

	it('names the exclusion rule and the selection that causes it', () => {
		const ev = pendant.evaluate({ selections: { metal: 'wood', engraving: 'Hi' } });
		expect(choice(ev, 'font', 'laser').reason?.message).toBe(
			"excluded by rule 'No laser on wood' because Metal = Wood"
		);
	});

	it('shows out-of-stock choices as unavailable, "out of stock"', () => {
		const ev = pendant.evaluate({});
		expect(choice(ev, 'metal', 'platinum')).toMatchObject({
			available: false,
			reason: { message: 'out of stock' }
		});
	});

	it('keeps the alternatives of an answered option available when they fit the rest', () => {
		const ev = pendant.evaluate({ selections: { metal: 'silver', shape: 'round' } });
		expect(option(ev, 'metal').available).toEqual(['silver', 'gold', 'wood']);
		expect(option(ev, 'shape').available).toEqual(['round', 'heart']);
		expect(option(ev, 'chain').skippable).toBe(true);
		expect(option(ev, 'font').skippable).toBe(true);
	});

	it('marks a multi choice unavailable once the maximum is reached', () => {
		const ev = pendant.evaluate({ selections: { chain: ['moon', 'sun'] } });
		expect(choice(ev, 'chain', 'leaf').available).toBe(false);
		expect(choice(ev, 'chain', 'leaf').reason?.message).toMatch(/Charms allows 1–2 choices/);
		expect(pendant.explain({ selections: { chain: ['moon'] } }, 'chain', 'leaf')).toBeNull();
	});

	it('blames only the conflicting selections', () => {
		const ev = pendant.evaluate({
			selections: { metal: 'silver', shape: 'star', chain: ['moon'], engraving: 'Hi' }
		});
		expect(ev.valid).toBe(false);
		expect(ev.errors.filter((e) => e.code === 'conflict').map((e) => e.path)).toEqual([
			'selections.metal',
			'selections.shape'
		]);
		expect(option(ev, 'shape').errors[0]?.message).toBe(
			"Shape = Star is not possible: needs Metal = Gold (rule 'Stars are gold only')"
		);
	});
});

describe('defaults and auto-selection', () => {
	it('applies the default metal, marked as a default, unless it conflicts', () => {
		const ev = pendant.evaluate({ selections: { shape: 'round' } });
		expect(option(ev, 'metal')).toMatchObject({ selected: ['silver'], source: 'default' });
		expect(ev.sources).toEqual({ shape: 'customer', metal: 'default' });
		const star = pendant.evaluate({ selections: { shape: 'star' } });
		expect(option(star, 'metal').selected).toEqual([]);
		expect(option(star, 'metal').errors.map((e) => e.code)).toEqual(['required']);
	});

	it('auto-selects a value when its rule fires, and lets the customer override it', () => {
		const def = define({
			...pendantFixture,
			rules: [
				...(pendantFixture.rules ?? []),
				{
					id: 'gold-deep',
					name: 'Gold is engraved deep',
					when: { type: 'is', option: 'metal', value: 'gold' },
					then: [{ type: 'autoSelect', option: 'font', value: 'deep' }]
				}
			]
		});
		const e = createEngine(def, { compile: bruteForceCompile });
		const ev = e.evaluate({ selections: { metal: 'gold', engraving: 'Hi' } });
		expect(option(ev, 'font')).toMatchObject({ selected: ['deep'], source: 'auto' });
		const own = e.evaluate({ selections: { metal: 'gold', engraving: 'Hi', font: 'laser' } });
		expect(option(own, 'font')).toMatchObject({ selected: ['laser'], source: 'customer' });
	});
});

describe('pricing and lead time', () => {
	it('itemizes base, choice deltas, per-character and per-unit formulas, tiers, rush and fees', () => {
		const ev = pendant.evaluate({
			selections: {
				metal: 'gold',
				shape: 'star',
				chain: ['moon', 'leaf'],
				engraving: 'Ada & Bo',
				font: 'laser',
				giftBox: true,
				length: 50
			},
			quantity: 12,
			rushTier: 'rush'
		});
		expect(ev.valid).toBe(true);
		expect(ev.complete).toBe(true);
		const lines = ev.price.lines.map((l) => [l.kind, l.label, l.amount]);
		expect(lines).toEqual([
			['base', 'Engraved pendant', 4900],
			['choice', 'Metal: Gold', 5000],
			['choice', 'Shape: Star', 300],
			['choice', 'Charms: Moon', 200],
			['choice', 'Charms: Leaf', 100],
			['choice', 'Engraving style: Laser', 400],
			['toggle', 'Gift box', 800],
			// "Ada & Bo": 6 characters without spaces × 1.50
			['perCharacter', 'Engraving per letter', 900],
			// 50 cm × 0.10
			['perUnit', 'Chain per cm', 500],
			// 10 % off 13 100
			['quantityTier', '10+ pieces: 10 % off', -1310],
			// (11 790 × 12) × 50 %
			['rush', 'Rush', 70740],
			['fee', 'Engraving setup', 1500]
		]);
		expect(ev.price).toMatchObject({
			currency: 'EUR',
			unitSubtotal: 13100,
			unitPrice: 11790,
			goods: 141480,
			rush: 70740,
			fees: 1500,
			total: 213720
		});
		// 7 base + 3 gold + 1 long chain, capped at 3 by rush.
		expect(ev.leadTime).toMatchObject({ standardDays: 11, days: 3, rushTierId: 'rush' });
		expect(ev.rushTiers).toEqual([
			expect.objectContaining({
				id: 'standard',
				surcharge: 0,
				total: 142980,
				leadTimeDays: 11,
				selected: false
			}),
			expect.objectContaining({
				id: 'rush',
				surcharge: 70740,
				total: 213720,
				leadTimeDays: 3,
				selected: true
			})
		]);
	});

	it('uses a unit price override from 50 pieces', () => {
		const ev = pendant.evaluate({ selections: { metal: 'silver', shape: 'round' }, quantity: 50 });
		expect(ev.price.unitPrice).toBe(3500);
		expect(ev.price.total).toBe(3500 * 50 + 1500);
	});

	it('gives the same evaluation whatever the order of the selections', () => {
		const a = pendant.evaluate({
			selections: {
				metal: 'gold',
				shape: 'star',
				engraving: 'Hi',
				font: 'deep',
				chain: ['sun', 'moon']
			}
		});
		const b = pendant.evaluate({
			selections: {
				chain: ['moon', 'sun'],
				font: 'deep',
				engraving: 'Hi',
				shape: 'star',
				metal: 'gold'
			}
		});
		expect(b).toEqual(a);
	});
});

describe('errors per option', () => {
	it('reports text too long, disallowed characters, number out of range and off step', () => {
		const ev = pendant.evaluate({
			selections: { metal: 'gold', shape: 'round', engraving: 'Happy birthday ✨', length: 47 }
		});
		expect(option(ev, 'engraving').errors.map((e) => e.code)).toEqual([
			'text-too-long',
			'text-characters'
		]);
		expect(option(ev, 'engraving').errors[1]?.message).toContain('"✨"');
		expect(option(ev, 'length').errors.map((e) => e.message)).toEqual([
			'Chain length must be in steps of 5 cm from 40'
		]);
		expect(ev.valid).toBe(false);
		const far = pendant.evaluate({ selections: { length: 80 } });
		expect(option(far, 'length').errors[0]?.message).toBe(
			'Chain length must be between 40 and 60 cm'
		);
	});

	it('reports unknown options and choices without throwing', () => {
		const ev = pendant.evaluate({ selections: { finish: 'suede', metal: 'bronze' } });
		expect(ev.errors.filter((e) => e.code !== 'required').map((e) => [e.code, e.path])).toEqual([
			['unknown-option', 'selections.finish'],
			['unknown-choice', 'selections.metal']
		]);
		expect(ev.valid).toBe(false);
	});

	it('reports a quantity below the minimum', () => {
		const ev = pendant.evaluate({ quantity: 0 });
		expect(ev.errors[0]).toMatchObject({ path: 'quantity' });
	});
});

describe('counting', () => {
	it('counts valid complete configurations, free inputs as one', () => {
		// Shapes: round, heart for all metals, star only for gold. Charms: none, 3 singles, 3 pairs = 7.
		// Style: hidden without text. Gift box: on/off, hidden for wood.
		// silver 2 × 7 × 2 = 28; gold 3 × 7 × 2 = 42; wood 2 × 7 × 1 = 14.
		expect(pendant.count()).toBe(84n);
		expect(pendant.count({ selections: { metal: 'gold' } })).toBe(42n);
		// With text the style is shown and required: two styles, wood only deep.
		expect(pendant.count({ selections: { engraving: 'Hi' } })).toBe(28n * 2n + 42n * 2n + 14n);
	});
});

describe('rule cycles', () => {
	const cyclic = define({
		...pendantFixture,
		rules: [
			{
				id: 'a',
				name: 'Gold hides charms',
				when: { type: 'is', option: 'metal', value: 'gold' },
				then: [{ type: 'hideOption', option: 'chain' }]
			},
			{
				id: 'b',
				name: 'Moon hides metal',
				when: { type: 'is', option: 'chain', value: 'moon' },
				then: [{ type: 'hideOption', option: 'metal' }]
			}
		]
	});

	it('finds the cycle and names its rules and options', () => {
		expect(findRuleCycles(cyclic)).toEqual([{ options: ['metal', 'chain'], rules: ['a', 'b'] }]);
		expect(findRuleCycles(define(pendantFixture))).toEqual([]);
	});

	it('reports it as a diagnostic and still evaluates without looping', () => {
		const e = createEngine(cyclic, { compile: bruteForceCompile });
		expect(e.diagnostics).toEqual([
			expect.objectContaining({ code: 'rule-cycle', path: 'rules[0]' })
		]);
		// In definition order: the moon hides the metal, so the gold is dropped and the charms stay.
		const ev = e.evaluate({ selections: { metal: 'gold', chain: ['moon'] } });
		expect(option(ev, 'metal').visible).toBe(false);
		expect(option(ev, 'chain').visible).toBe(true);
		expect(ev.errors).toContainEqual(
			expect.objectContaining({ code: 'hidden-answer', path: 'selections.metal' })
		);
	});
});

describe('translations', () => {
	it('gives customer-facing labels in the configuration’s locale, falling back to the language', () => {
		const ev = pendant.evaluate({ locale: 'fr-CA' });
		expect(option(ev, 'metal').label).toBe('Métal');
		expect(option(pendant.evaluate({}), 'metal').label).toBe('Metal');
	});
});

describe('shipping the compiled model', () => {
	it('reuses an already compiled model of the same definition, and refuses another one', () => {
		const again = createEngine(pendant.definition, { compiled: pendant.compiled });
		expect(again.count()).toBe(84n);
		const other = createEngine(
			define({
				formatVersion: 1,
				id: 'cap',
				name: 'Cap',
				handle: 'cap',
				currency: { code: 'EUR' },
				options: [
					{ id: 'size', kind: 'choice', label: 'Size', choices: [{ id: 's', label: 'S' }] }
				],
				pricing: { base: 100 }
			}),
			{ compile: bruteForceCompile }
		);
		expect(() => createEngine(pendant.definition, { compiled: other.compiled })).toThrow(
			/another definition/
		);
	});
});

describe('multi options', () => {
	it('treats an emptied required multi as unanswered (required), not as a conflict', () => {
		const def = define({
			...pendantFixture,
			options: pendantFixture.options?.map((o) => (o.id === 'chain' ? { ...o, required: true } : o))
		});
		const e = createEngine(def, { compile: bruteForceCompile });
		const ev = e.evaluate({ selections: { metal: 'gold', shape: 'round', chain: [] } });
		expect(ev.valid).toBe(true);
		expect(ev.complete).toBe(false);
		expect(option(ev, 'chain').errors.map((x) => x.code)).toEqual(['required']);
		expect(option(ev, 'chain').available).toEqual(['moon', 'sun', 'leaf']);
	});
});

describe('evaluate on arbitrary input', () => {
	it('never throws: bad configurations are errors in the result', async () => {
		const fc = (await import('fast-check')).default;
		const ids = ['metal', 'shape', 'chain', 'engraving', 'font', 'giftBox', 'length', 'nope'];
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom(...ids), fc.jsonValue(), { maxKeys: 5 }),
				fc.oneof(fc.integer({ min: -3, max: 100 }), fc.constant(undefined)),
				(selections, quantity) => {
					const ev = pendant.evaluate({ selections, quantity } as never, { explain: false });
					expect(typeof ev.valid).toBe('boolean');
					expect(Number.isInteger(ev.price.total)).toBe(true);
				}
			),
			{ numRuns: 200, seed: 5 }
		);
		expect(pendant.evaluate(42 as never).valid).toBe(false);
	});
});
