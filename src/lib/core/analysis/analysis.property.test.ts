import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../definition/condition.js';
import type { Definition, DefinitionInput } from '../definition/definition.js';
import { parseDefinition } from '../definition/parse.js';
import type { Effect, Rule } from '../definition/rule.js';
import { evaluateCondition, type Answers } from '../engine/answers.js';
import { buildEngineModel, NONE, varId } from '../engine/model.js';
import { holds } from '../engine/testing/brute-force.js';
import { formatMoney } from '../money.js';
import { analyze } from './index.js';

/**
 * Analysis against enumeration: on random small products, every exact finding (count, dead
 * choices, never-visible options, rules that never fire or change nothing, the minimum price)
 * agrees with listing every solution of the engine's model and reading it with the engine's
 * condition semantics (`evaluateCondition`), without probes.
 */

const optionArb = fc.record({
	kind: fc.constantFrom('choice', 'choice', 'multi', 'toggle'),
	n: fc.integer({ min: 2, max: 3 }),
	required: fc.boolean(),
	delta: fc.integer({ min: -6, max: 4 })
});
const condArb = fc.record({
	type: fc.constantFrom('is', 'is', 'isNot', 'and', 'or', 'answered'),
	a: fc.nat(),
	b: fc.nat(),
	c: fc.nat(),
	d: fc.nat()
});
const effectArb = fc.record({
	type: fc.constantFrom('require', 'exclude', 'exclude', 'hideOption', 'showOption', 'price'),
	a: fc.nat(),
	b: fc.nat(),
	amount: fc.integer({ min: -9, max: 5 })
});
const seedArb = fc.record({
	options: fc.array(optionArb, { minLength: 2, maxLength: 4 }),
	rules: fc.array(fc.record({ when: condArb, then: effectArb, always: fc.boolean() }), {
		maxLength: 4
	})
});
type Seed = typeof seedArb extends fc.Arbitrary<infer T> ? T : never;

function build(seed: Seed): Definition {
	const options = seed.options.map((s, i): NonNullable<DefinitionInput['options']>[number] => {
		const base = { id: `o${i}`, label: `O${i}`, required: s.required };
		const choices = Array.from({ length: s.n }, (_, j) => ({
			id: `c${j}`,
			label: `C${i}${j}`,
			priceDelta: (s.delta - j) * 100
		}));
		if (s.kind === 'toggle') return { ...base, kind: 'toggle', priceDelta: s.delta * 100 };
		if (s.kind === 'multi') return { ...base, kind: 'multi', max: 2, choices };
		return { ...base, kind: 'choice', choices };
	});
	const opt = (k: number) => options[k % options.length] as (typeof options)[number];
	const value = (o: (typeof options)[number], k: number): string | boolean =>
		o.kind === 'toggle'
			? k % 2 === 0
			: `c${k % (o.kind === 'choice' || o.kind === 'multi' ? o.choices.length : 1)}`;
	const leaf = (a: number, b: number): Condition => ({
		type: 'is',
		option: opt(a).id,
		value: value(opt(a), b)
	});
	const cond = (c: Seed['rules'][number]['when']): Condition => {
		switch (c.type) {
			case 'is':
				return leaf(c.a, c.b);
			case 'isNot':
				return { type: 'isNot', option: opt(c.a).id, value: value(opt(c.a), c.b) };
			case 'and':
				return { type: 'and', conditions: [leaf(c.a, c.b), leaf(c.c, c.d)] };
			case 'or':
				return { type: 'or', conditions: [leaf(c.a, c.b), leaf(c.c, c.d)] };
			default:
				return { type: 'answered', option: opt(c.a).id };
		}
	};
	const effect = (e: Seed['rules'][number]['then']): Effect => {
		const o = opt(e.a);
		switch (e.type) {
			case 'require':
				return { type: 'require', option: o.id, value: value(o, e.b) };
			case 'exclude':
				return { type: 'exclude', option: o.id, value: value(o, e.b) };
			case 'hideOption':
				return { type: 'hideOption', option: o.id };
			case 'showOption':
				return { type: 'showOption', option: o.id };
			default:
				return { type: 'priceAmount', amount: e.amount * 100 };
		}
	};
	const r = parseDefinition({
		formatVersion: 1,
		id: 'random',
		name: 'Random',
		handle: 'random',
		currency: { code: 'EUR' },
		options,
		rules: seed.rules.map((x, i) => ({
			id: `r${i}`,
			name: `Rule ${i}`,
			...(x.always ? {} : { when: cond(x.when) }),
			then: [effect(x.then)]
		})),
		pricing: { base: 1000 }
	});
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.definition;
}

interface Solution {
	assignment: Record<string, string>;
	answers: Answers;
	visible: Map<string, boolean>;
}

const fires = (r: Rule, answers: Answers) => !r.when || evaluateCondition(r.when, answers, 1);

/** Every solution of the engine's model of `def`, read back as answers and visibility. */
function solutions(def: Definition): Solution[] {
	const model = buildEngineModel(def).model;
	const out: Solution[] = [];
	const assignment: Record<string, string> = {};
	const walk = (i: number) => {
		const v = model.variables[i];
		if (!v) {
			if (!model.constraints.every((c) => holds(c.formula, assignment))) return;
			const answers: Answers = new Map();
			for (const o of def.options) {
				if (o.kind === 'choice') {
					const x = assignment[varId.option(o.id)];
					if (x !== undefined && x !== NONE) answers.set(o.id, { kind: 'choice', choice: x });
				} else if (o.kind === 'toggle')
					answers.set(o.id, { kind: 'toggle', on: assignment[varId.option(o.id)] === 'true' });
				else if (o.kind === 'multi') {
					const chosen = o.choices
						.filter((c) => assignment[varId.multi(o.id, c.id)] === '1')
						.map((c) => c.id);
					if (chosen.length > 0) answers.set(o.id, { kind: 'multi', choices: chosen });
				}
			}
			const visible = new Map<string, boolean>();
			for (const o of def.options) {
				const shows = def.rules.filter(
					(r) => r.enabled && r.then.some((e) => e.type === 'showOption' && e.option === o.id)
				);
				const hides = def.rules.filter(
					(r) => r.enabled && r.then.some((e) => e.type === 'hideOption' && e.option === o.id)
				);
				visible.set(
					o.id,
					(shows.length === 0 || shows.some((r) => fires(r, answers))) &&
						!hides.some((r) => fires(r, answers))
				);
			}
			out.push({ assignment: { ...assignment }, answers, visible });
			return;
		}
		for (const x of v.values) {
			assignment[v.id] = x;
			walk(i + 1);
		}
		delete assignment[v.id];
	};
	walk(0);
	return out;
}

/** What a customer can observe of a solution: answers and visibility. */
const observable = (s: Solution) => JSON.stringify([[...s.answers].sort(), [...s.visible].sort()]);

function unitPrice(def: Definition, s: Solution): number {
	let total = def.pricing.base;
	for (const o of def.options) {
		const a = s.answers.get(o.id);
		if (o.kind === 'choice' && a?.kind === 'choice')
			total += o.choices.find((c) => c.id === a.choice)?.priceDelta ?? 0;
		if (o.kind === 'multi' && a?.kind === 'multi')
			for (const c of o.choices) if (a.choices.includes(c.id)) total += c.priceDelta;
		if (o.kind === 'toggle' && a?.kind === 'toggle' && a.on) total += o.priceDelta;
	}
	for (const r of def.rules)
		if (r.enabled && fires(r, s.answers))
			for (const e of r.then) if (e.type === 'priceAmount') total += e.amount;
	return total;
}

const MODEL_EFFECTS = new Set(['showOption', 'hideOption', 'require', 'exclude']);

describe('analyze agrees with enumeration', () => {
	it('on random small products', () => {
		fc.assert(
			fc.property(seedArb, (seed) => {
				const def = build(seed);
				const sols = solutions(def);
				const result = analyze(def);
				const codes = (code: string) =>
					result.diagnostics.filter((d) => d.code === code).map((d) => d.path);
				expect(result.count).toBe(BigInt(sols.length));
				expect(codes('no-valid-configuration').length > 0).toBe(sols.length === 0);
				if (sols.length === 0) return;

				const hideable = new Set(
					def.rules.flatMap((r) =>
						r.then.flatMap((e) =>
							e.type === 'showOption' || e.type === 'hideOption' ? [e.option] : []
						)
					)
				);
				const neverVisible = def.options.filter(
					(o) => hideable.has(o.id) && !sols.some((s) => s.visible.get(o.id))
				);
				expect(codes('never-visible-option')).toEqual(
					neverVisible.map((o) => `options[${def.options.indexOf(o)}]`)
				);

				const dead: string[] = [];
				def.options.forEach((o, oi) => {
					if (neverVisible.includes(o)) return;
					if (o.kind === 'toggle') {
						for (const v of ['true', 'false'])
							if (!sols.some((s) => s.assignment[varId.option(o.id)] === v))
								dead.push(`options[${oi}]`);
					} else if (o.kind === 'choice' || o.kind === 'multi')
						o.choices.forEach((c, ci) => {
							const has = (s: Solution) =>
								o.kind === 'choice'
									? s.assignment[varId.option(o.id)] === c.id
									: s.assignment[varId.multi(o.id, c.id)] === '1';
							if (!sols.some(has)) dead.push(`options[${oi}].choices[${ci}]`);
						});
				});
				expect(codes('dead-choice')).toEqual(dead);

				const without = (r: Rule) => solutions({ ...def, rules: def.rules.filter((x) => x !== r) });
				const neverFires = def.rules.flatMap((r, ri) => {
					if (!r.when || sols.some((s) => fires(r, s.answers))) return [];
					if (
						r.then.some((e) => MODEL_EFFECTS.has(e.type)) &&
						without(r).some((s) => fires(r, s.answers))
					)
						return [];
					return [`rules[${ri}].when`];
				});
				expect(codes('rule-never-fires')).toEqual(neverFires);

				const mine = new Set(sols.map(observable));
				const noEffect = def.rules.flatMap((r, ri) => {
					if (!r.then.every((e) => MODEL_EFFECTS.has(e.type))) return [];
					if (r.when && !sols.some((s) => fires(r, s.answers))) return [];
					const theirs = new Set(without(r).map(observable));
					const same = theirs.size === mine.size && [...mine].every((x) => theirs.has(x));
					return same ? [`rules[${ri}]`] : [];
				});
				expect(codes('rule-no-effect')).toEqual(noEffect);

				const min = Math.min(...sols.map((s) => unitPrice(def, s)));
				const negative = result.diagnostics.filter((d) => d.code === 'negative-price');
				expect(negative.length > 0).toBe(min < 0);
				if (min < 0)
					expect(negative[0]?.message).toContain(`can fall to ${formatMoney(min, 'EUR', 2)}`);
			}),
			{ numRuns: 60, seed: 20261127 }
		);
	});
});
