import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../definition/definition.js';
import { parsed, sample, sampleJson } from '../scene/test-samples.js';
import { diffDefinitions, minorUnitsToDecimal } from './diff.js';
import { diffOutcomes } from './outcomes.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test edits of sample JSON

/** The team-jersey sample after an edit of its JSON. */
function jerseyWith(edit: (json: Json) => void): Definition {
	const json = sampleJson('team-jersey') as Json;
	edit(json);
	return parsed(json);
}

const messages = (before: Definition, after: Definition) =>
	diffDefinitions(before, after).map((c) => c.message);

describe('minorUnitsToDecimal', () => {
	it('formats minor units exactly, signs and zero-minor-unit currencies included', () => {
		expect(minorUnitsToDecimal(500, 2)).toBe('5.00');
		expect(minorUnitsToDecimal(-5, 2)).toBe('-0.05');
		expect(minorUnitsToDecimal(0, 2)).toBe('0.00');
		expect(minorUnitsToDecimal(1234, 0)).toBe('1234');
		expect(minorUnitsToDecimal(1, 3)).toBe('0.001');
	});
});

describe('diffDefinitions', () => {
	const jersey = sample('team-jersey');

	it('finds no change between a definition and itself', () => {
		expect(diffDefinitions(jersey, sample('team-jersey'))).toEqual([]);
	});

	it("says a choice's price change in money with the currency", () => {
		const after = jerseyWith((j) => {
			j.options[2].choices[1].priceDelta = 900;
		});
		expect(diffDefinitions(jersey, after)).toEqual([
			{
				kind: 'changed',
				subject: 'choice',
				path: 'options[2].choices[1].priceDelta',
				ids: ['sleeves', 'long'],
				field: 'priceDelta',
				message: "Choice 'Long sleeves' of 'Sleeves': price 8.00 → 9.00 USD"
			}
		]);
	});

	it('names a price that appears from the default 0', () => {
		const after = jerseyWith((j) => {
			j.options[0].choices[0].priceDelta = 500;
		});
		expect(messages(jersey, after)).toEqual(["Choice 'Red' of 'Color': price 0.00 → 5.00 USD"]);
	});

	it('lists added and removed rules by their names', () => {
		const after = jerseyWith((j) => {
			j.rules = j.rules.filter((r: Json) => r.id !== 'xs-short');
			j.rules.push({
				id: 'no-green-xs',
				name: 'No green in XS',
				when: { type: 'is', option: 'size', value: 'xs' },
				then: [{ type: 'exclude', option: 'color', value: 'green' }]
			});
		});
		const changes = diffDefinitions(jersey, after);
		expect(changes.map((c) => [c.kind, c.subject, c.message])).toEqual([
			['removed', 'rule', "Rule 'Youth XS comes with short sleeves only' removed"],
			['added', 'rule', "Rule 'No green in XS' added"]
		]);
		expect(changes[0]!.path).toBe(`rules[${jersey.rules.findIndex((r) => r.id === 'xs-short')}]`);
	});

	it('reports a changed rule condition, a renamed option and a new base price', () => {
		const after = jerseyWith((j) => {
			const rule = j.rules.find((r: Json) => r.id === 'xs-short');
			rule.enabled = false;
			j.options[0].label = 'Colour';
			j.pricing.base = 3500;
		});
		expect(messages(jersey, after)).toEqual([
			"Option 'Color': label 'Color' → 'Colour'",
			"Rule 'Youth XS comes with short sleeves only': enabled yes → no",
			'Pricing: base price 32.00 → 35.00 USD'
		]);
	});

	it('reports added and removed options and choices, and reordering', () => {
		const after = jerseyWith((j) => {
			j.options[0].choices.push({ id: 'gold', label: 'Gold', priceDelta: 300 });
			j.options[1].choices = j.options[1].choices.filter((c: Json) => c.id !== 'xl');
			j.options[2].choices.reverse();
			j.options.push({ id: 'gift', kind: 'toggle', label: 'Gift wrap' });
		});
		const changes = diffDefinitions(jersey, after);
		expect(changes.map((c) => c.message)).toEqual([
			"Option 'Gift wrap' added",
			"Choice 'Gold' of 'Color' added",
			"Choice 'XL' of 'Size' removed",
			"Choices of 'Sleeves' reordered"
		]);
		expect(changes[3]!.ids.length).toBeGreaterThan(0);
	});

	it('reports layers with their view, and views', () => {
		const after = jerseyWith((j) => {
			j.layers[0].opacity = 0.5;
			j.views[0].label = 'Front side';
		});
		const changes = diffDefinitions(jersey, after);
		expect(changes.map((c) => c.subject)).toEqual(['view', 'layer']);
		expect(changes[1]!.message).toBe("Layer 'Long sleeves' of view 'Front side': opacity 1 → 0.5");
	});
});

describe('diffOutcomes', () => {
	it('counts the same variants and no scenario changes for the same definition', () => {
		const jersey = sample('team-jersey');
		const outcome = diffOutcomes(jersey, sample('team-jersey'));
		expect(outcome.variants.before).toBe(outcome.variants.after);
		expect(BigInt(outcome.variants.after!)).toBeGreaterThan(0n);
		expect(outcome.scenarios).toEqual([]);
		expect(outcome.failing).toEqual({ before: 0, after: 0 });
	});

	it('sees fewer variants when a choice is removed and a scenario that now fails', () => {
		const jersey = sample('team-jersey');
		const after = jerseyWith((j) => {
			j.pricing.base = 9900;
		});
		const fewer = jerseyWith((j) => {
			j.options[1].choices = j.options[1].choices.filter((c: Json) => c.id !== 'xl');
			j.scenarios = [];
		});
		const outcome = diffOutcomes(jersey, after);
		expect(outcome.failing.after).toBeGreaterThan(0);
		expect(outcome.scenarios.every((s) => s.before === 'passed' && s.after === 'failed')).toBe(
			true
		);
		const counts = diffOutcomes(jersey, fewer);
		expect(BigInt(counts.variants.after!)).toBeLessThan(BigInt(counts.variants.before!));
		expect(counts.scenarios.every((s) => s.after === 'absent')).toBe(true);
	});

	it('treats every scenario as new when nothing was published before', () => {
		const outcome = diffOutcomes(null, sample('team-jersey'));
		expect(outcome.variants.before).toBeNull();
		expect(outcome.scenarios.length).toBe(sample('team-jersey').scenarios.length);
		expect(outcome.scenarios.every((s) => s.before === 'absent' && s.after === 'passed')).toBe(
			true
		);
	});
});

describe('diffDefinitions properties', () => {
	const base = sampleJson('team-jersey') as Json;

	/** One random edit of the sample, and the ids it touches. */
	const edit = fc.oneof(
		fc
			.tuple(fc.nat(3), fc.nat(5), fc.integer({ min: 1, max: 10_000 }))
			.map(([o, anyChoice, price]) => ({ o, c: anyChoice % base.options[o].choices.length, price }))
			.map(({ o, c, price }) => ({
				ids: [base.options[o].id, base.options[o].choices[c].id],
				apply: (j: Json) => {
					const choice = j.options[o].choices[c];
					choice.priceDelta = (choice.priceDelta ?? 0) + price;
				}
			})),
		fc
			.tuple(fc.nat(base.options.length - 1), fc.string({ minLength: 1, maxLength: 12 }))
			.map(([o, label]) => ({
				ids: [base.options[o].id],
				apply: (j: Json) => {
					j.options[o].label = `${j.options[o].label}${label}`;
				}
			})),
		fc.nat(base.rules.length - 1).map((r) => ({
			ids: [base.rules[r].id],
			apply: (j: Json) => {
				const rule = j.rules.find((x: Json) => x.id === base.rules[r].id);
				if (rule) rule.name = `${rule.name} (edited)`;
			}
		})),
		fc.nat(base.layers.length - 1).map((l) => ({
			ids: [base.layers[l].id],
			apply: (j: Json) => {
				j.layers[l].transform.x += 1;
			}
		})),
		fc.nat(base.rules.length - 1).map((r) => ({
			ids: [base.rules[r].id],
			apply: (j: Json) => {
				j.rules = j.rules.filter((x: Json) => x.id !== base.rules[r].id);
			}
		}))
	);

	it('finds nothing between a definition and itself, whatever the sample', () => {
		fc.assert(
			fc.property(fc.constantFrom('team-jersey', 'engraved-pendant', 'modular-sofa'), (h) => {
				const handle = h as 'team-jersey';
				expect(diffDefinitions(sample(handle), sample(handle))).toEqual([]);
			})
		);
	});

	it('names every id an edit touched', () => {
		const before = parsed(structuredClone(base));
		fc.assert(
			fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
				const json = structuredClone(base);
				// Edits never cancel out (prices only go up, labels only grow), so every id they
				// touched differs in the end.
				for (const e of edits) e.apply(json);
				const after = parseLoose(json);
				if (!after) return; // an edit combination the schema refuses (a removed rule still referenced)
				const changes = diffDefinitions(before, after);
				const named = new Set(changes.flatMap((c) => c.ids));
				for (const id of edits.flatMap((e) => e.ids)) expect(named.has(id)).toBe(true);
				expect(diffDefinitions(after, after)).toEqual([]);
			})
		);
	});
});

function parseLoose(json: unknown): Definition | null {
	try {
		return parsed(json);
	} catch {
		return null;
	}
}
