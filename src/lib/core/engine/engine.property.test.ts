import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../definition/condition.js';
import type { Selection } from '../definition/configuration.js';
import type { Definition, DefinitionInput } from '../definition/definition.js';
import type { Option } from '../definition/option.js';
import { parseDefinition } from '../definition/parse.js';
import type { Effect } from '../definition/rule.js';
import { compileModel } from '../solver/index.js';
import { createEngine } from './compile.js';
import type { CompileModel, Engine } from './engine.js';
import { buildEngineModel, constraintOrigins, engineDomains } from './model.js';
import { bruteForceCompile } from './testing/brute-force.js';

/*
 * Property tests: random small definitions and random customer sessions, compared with a
 * brute-force enumerator written here from the definition's documented semantics (independent
 * of the engine's translation into a solver model).
 */

// ---------- random definitions ----------

const optionArb = fc.record({
	kind: fc.constantFrom('choice', 'choice', 'choice', 'multi', 'toggle'),
	n: fc.integer({ min: 2, max: 4 }),
	required: fc.boolean(),
	outOfStock: fc.integer({ min: -3, max: 3 }),
	defaultIndex: fc.integer({ min: -2, max: 3 }),
	min: fc.integer({ min: 0, max: 2 }),
	max: fc.integer({ min: 1, max: 4 })
});
const condArb = fc.record({
	type: fc.constantFrom('is', 'is', 'isNot', 'in', 'and', 'or', 'not', 'answered', 'unanswered'),
	a: fc.nat(),
	b: fc.nat(),
	c: fc.nat(),
	d: fc.nat()
});
const effectArb = fc.record({
	type: fc.constantFrom(
		'require',
		'require',
		'exclude',
		'exclude',
		'hideOption',
		'showOption',
		'hideChoice',
		'requireAnswer',
		'excludeAnswer'
	),
	a: fc.nat(),
	b: fc.nat()
});
const defArb = fc.record({
	options: fc.array(optionArb, { minLength: 3, maxLength: 5 }),
	rules: fc.array(fc.record({ when: condArb, then: effectArb, always: fc.boolean() }), {
		maxLength: 5
	})
});
type DefSeed = typeof defArb extends fc.Arbitrary<infer T> ? T : never;

function buildDefinition(seed: DefSeed): Definition {
	const options = seed.options.map((s, i): NonNullable<DefinitionInput['options']>[number] => {
		const choices = Array.from({ length: s.n }, (_, j) => ({
			id: `c${j}`,
			label: `C${i}${j}`,
			priceDelta: (i + 1) * 100 + j * 10,
			...(j === s.outOfStock ? { stock: 'out_of_stock' as const } : {})
		}));
		const base = { id: `o${i}`, label: `O${i}`, required: s.required };
		if (s.kind === 'toggle')
			return { ...base, kind: 'toggle', priceDelta: 7, default: s.defaultIndex === 0 };
		if (s.kind === 'multi')
			return {
				...base,
				kind: 'multi',
				min: Math.min(s.min, s.n),
				max: Math.max(Math.min(s.max, s.n), Math.min(s.min, s.n), 1),
				choices
			};
		return {
			...base,
			kind: 'choice',
			choices,
			...(s.defaultIndex >= 0 && s.defaultIndex < s.n ? { default: `c${s.defaultIndex}` } : {})
		};
	});
	const opt = (k: number) => options[k % options.length] as (typeof options)[number];
	const valueOf = (o: (typeof options)[number], k: number): string | boolean =>
		o.kind === 'toggle'
			? k % 2 === 0
			: `c${k % (o.kind === 'choice' || o.kind === 'multi' ? o.choices.length : 1)}`;
	const leaf = (a: number, b: number): Condition => {
		const o = opt(a);
		return { type: 'is', option: o.id, value: valueOf(o, b) };
	};
	const cond = (c: DefSeed['rules'][number]['when']): Condition => {
		const o = opt(c.a);
		switch (c.type) {
			case 'is':
				return leaf(c.a, c.b);
			case 'isNot':
				return { type: 'isNot', option: o.id, value: valueOf(o, c.b) };
			case 'in':
				if (o.kind === 'toggle') return leaf(c.a, c.b);
				return {
					type: 'in',
					option: o.id,
					values: [...new Set([valueOf(o, c.b), valueOf(o, c.c)] as string[])]
				};
			case 'and':
				return { type: 'and', conditions: [leaf(c.a, c.b), leaf(c.c, c.d)] };
			case 'or':
				return { type: 'or', conditions: [leaf(c.a, c.b), leaf(c.c, c.d)] };
			case 'not':
				return { type: 'not', condition: leaf(c.a, c.b) };
			case 'answered':
				return { type: 'answered', option: o.id };
			default:
				return { type: 'unanswered', option: o.id };
		}
	};
	const effect = (e: DefSeed['rules'][number]['then']): Effect => {
		const o = opt(e.a);
		switch (e.type) {
			case 'require':
				return { type: 'require', option: o.id, value: valueOf(o, e.b) };
			case 'exclude':
				return { type: 'exclude', option: o.id, value: valueOf(o, e.b) };
			case 'hideOption':
				return { type: 'hideOption', option: o.id };
			case 'showOption':
				return { type: 'showOption', option: o.id };
			case 'hideChoice':
				if (o.kind === 'toggle') return { type: 'hideOption', option: o.id };
				return { type: 'hideChoice', option: o.id, choice: valueOf(o, e.b) as string };
			case 'requireAnswer':
				return { type: 'require', option: o.id };
			default:
				return { type: 'exclude', option: o.id };
		}
	};
	const r = parseDefinition({
		formatVersion: 1,
		id: 'random',
		name: 'Random',
		handle: 'random',
		currency: { code: 'EUR' },
		options,
		rules: seed.rules.map((r, i) => ({
			id: `r${i}`,
			name: `Rule ${i}`,
			...(r.always ? {} : { when: cond(r.when) }),
			then: [effect(r.then)]
		})),
		pricing: { base: 1000 }
	});
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.definition;
}

// ---------- the brute-force enumerator (definition semantics) ----------

type Value = string | string[] | boolean | undefined;
type Config = Map<string, Value>;

function allConfigs(def: Definition): Config[] {
	const domains = def.options.map((o): Value[] => {
		if (o.kind === 'toggle') return [false, true];
		if (o.kind === 'choice') return [undefined, ...o.choices.map((c) => c.id)];
		if (o.kind === 'multi') {
			const ids = o.choices.map((c) => c.id);
			return Array.from({ length: 1 << ids.length }, (_, m) => ids.filter((_, i) => m & (1 << i)));
		}
		return [undefined];
	});
	const out: Config[] = [];
	const rec = (i: number, cur: Config) => {
		if (i === def.options.length) return void out.push(new Map(cur));
		for (const v of domains[i] as Value[]) {
			cur.set((def.options[i] as Option).id, v);
			rec(i + 1, cur);
		}
	};
	rec(0, new Map());
	return out;
}

function has(cfg: Config, option: string, value: string | boolean): boolean {
	const v = cfg.get(option);
	if (typeof value === 'boolean') return (v === true) === value;
	return Array.isArray(v) ? v.includes(value) : v === value;
}
function answered(cfg: Config, option: string): boolean {
	const v = cfg.get(option);
	return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false;
}
function holds(c: Condition, cfg: Config): boolean {
	switch (c.type) {
		case 'and':
			return c.conditions.every((x) => holds(x, cfg));
		case 'or':
			return c.conditions.some((x) => holds(x, cfg));
		case 'not':
			return !holds(c.condition, cfg);
		case 'is':
			return has(cfg, c.option, c.value);
		case 'isNot':
			return !has(cfg, c.option, c.value);
		case 'in':
			return c.values.some((v) => has(cfg, c.option, v));
		case 'answered':
			return answered(cfg, c.option);
		case 'unanswered':
			return !answered(cfg, c.option);
		default:
			throw new Error('not generated');
	}
}

function isValid(def: Definition, cfg: Config): boolean {
	const fired = def.rules.filter((r) => !r.when || holds(r.when, cfg));
	const targets = (type: string, option: string, choice?: string) =>
		def.rules.some((r) =>
			r.then.some(
				(e) =>
					e.type === type &&
					'option' in e &&
					e.option === option &&
					(choice === undefined || ('choice' in e && e.choice === choice))
			)
		);
	const firing = (type: string, option: string, choice?: string) =>
		fired.some((r) =>
			r.then.some(
				(e) =>
					e.type === type &&
					'option' in e &&
					e.option === option &&
					(choice === undefined || ('choice' in e && e.choice === choice))
			)
		);
	for (const o of def.options) {
		const visible =
			(!targets('showOption', o.id) || firing('showOption', o.id)) && !firing('hideOption', o.id);
		const v = cfg.get(o.id);
		if (!visible && answered(cfg, o.id)) return false;
		if (o.kind === 'multi') {
			const n = (v as string[]).length;
			const max = o.max ?? o.choices.length;
			if (n > 0 && (n < o.min || n > max)) return false;
			if (o.required && visible && n < Math.max(1, o.min)) return false;
		} else if (o.required && visible && !answered(cfg, o.id)) return false;
		if (o.kind === 'choice' || o.kind === 'multi')
			for (const c of o.choices) {
				if (!has(cfg, o.id, c.id)) continue;
				if (c.stock === 'out_of_stock') return false;
				if (targets('showChoice', o.id, c.id) && !firing('showChoice', o.id, c.id)) return false;
				if (firing('hideChoice', o.id, c.id)) return false;
			}
	}
	for (const r of fired)
		for (const e of r.then) {
			if (
				e.type === 'require' &&
				!(e.value === undefined ? answered(cfg, e.option) : has(cfg, e.option, e.value))
			)
				return false;
			if (
				e.type === 'exclude' &&
				(e.value === undefined ? answered(cfg, e.option) : has(cfg, e.option, e.value))
			)
				return false;
		}
	return true;
}

const sameValue = (a: Value, b: Value) =>
	Array.isArray(a) && Array.isArray(b)
		? a.length === b.length && a.every((x) => b.includes(x))
		: a === b;

/** Customer answers as the enumerator sees them (an unanswered option is absent). */
function toConfig(def: Definition, selections: Record<string, Selection>): Config {
	const m: Config = new Map();
	for (const o of def.options) {
		const v = selections[o.id] as Value;
		// An empty multi answer is unanswered: its choices stay free.
		if (o.id in selections && !(Array.isArray(v) && v.length === 0)) m.set(o.id, v);
	}
	return m;
}

function agrees(cfg: Config, s: Config, except?: { option: string; choice?: string }): boolean {
	for (const [id, v] of s) {
		const mine = cfg.get(id);
		if (except && id === except.option) {
			if (except.choice === undefined || !Array.isArray(v)) continue;
			const others = (xs: Value) => (xs as string[]).filter((x) => x !== except.choice);
			if (!sameValue(others(mine), others(v))) return false;
			continue;
		}
		const normalized = (x: Value) => (x === undefined ? (Array.isArray(mine) ? [] : x) : x);
		if (!sameValue(mine, normalized(v))) return false;
	}
	return true;
}

// ---------- the properties ----------

const stepArb = fc.record({
	option: fc.nat(),
	pick: fc.nat(),
	action: fc.constantFrom('pick', 'pick', 'pick', 'any', 'clear')
});

function customerSelections(ev: ReturnType<Engine['evaluate']>): Record<string, Selection> {
	return Object.fromEntries(
		Object.entries(ev.configuration.selections).filter(([id]) => ev.sources[id] === 'customer')
	);
}

const solvers: [string, CompileModel][] = [
	['the compiled decision diagram', (m) => compileModel(m)],
	['the brute-force oracle', bruteForceCompile]
];

describe.each(solvers)('the engine on %s against a brute-force enumerator', (_name, compile) => {
	it('shows exactly the choices that extend to a valid configuration, counts exactly, and completes exactly', () => {
		fc.assert(
			fc.property(defArb, fc.array(stepArb, { maxLength: 6 }), (seed, steps) => {
				const def = buildDefinition(seed);
				const engine = createEngine(def, { compile });
				const valid = allConfigs(def).filter((c) => isValid(def, c));
				let selections: Record<string, Selection> = {};
				for (const step of [undefined, ...steps]) {
					if (step) selections = applyStep(def, engine, selections, step);
					const ev = engine.evaluate({ selections }, { explain: false });
					const s = toConfig(def, customerSelections(ev));
					for (const o of def.options) {
						const state = ev.options.find((x) => x.id === o.id);
						const expected =
							o.kind === 'toggle'
								? ['false', 'true'].filter((v) =>
										valid.some(
											(c) => agrees(c, s, { option: o.id }) && c.get(o.id) === (v === 'true')
										)
									)
								: o.kind === 'choice'
									? o.choices
											.filter((c) =>
												valid.some((x) => agrees(x, s, { option: o.id }) && x.get(o.id) === c.id)
											)
											.map((c) => c.id)
									: o.kind === 'multi'
										? o.choices
												.filter((c) =>
													valid.some(
														(x) =>
															agrees(x, s, { option: o.id, choice: c.id }) && has(x, o.id, c.id)
													)
												)
												.map((c) => c.id)
										: [];
						expect(state?.available, `available ${o.id} with ${JSON.stringify([...s])}`).toEqual(
							expected
						);
						if (o.kind === 'choice' || o.kind === 'multi') {
							const skippable = valid.some(
								(x) => agrees(x, s, { option: o.id }) && !answered(x, o.id)
							);
							expect(state?.skippable, `skippable ${o.id}`).toBe(skippable);
						}
					}
					const matching = valid.filter((c) => agrees(c, s));
					expect(
						engine.count({ selections: Object.fromEntries(s) as Record<string, Selection> })
					).toBe(BigInt(matching.length));
					expect(ev.valid, 'valid').toBe(matching.length > 0);
					const effective = toConfig(def, ev.configuration.selections);
					const filled: Config = new Map(
						def.options.map((o) => [
							o.id,
							effective.get(o.id) ??
								(o.kind === 'multi' ? [] : o.kind === 'toggle' ? false : undefined)
						])
					);
					expect(ev.complete, 'complete').toBe(isValid(def, filled));
					if (ev.valid) expect(isValid(def, filled) || !ev.complete).toBe(true);
				}
			}),
			{ numRuns: 150, seed: 20261127 }
		);
	});

	it('prices the same whatever the order in which selections were made', () => {
		fc.assert(
			fc.property(defArb, fc.array(stepArb, { minLength: 2, maxLength: 6 }), (seed, steps) => {
				const def = buildDefinition(seed);
				const engine = createEngine(def, { compile });
				let selections: Record<string, Selection> = {};
				for (const step of steps) selections = applyStep(def, engine, selections, step);
				const forward = engine.evaluate({ selections }, { explain: false });
				const reversed = engine.evaluate(
					{ selections: Object.fromEntries(Object.entries(selections).reverse()) },
					{ explain: false }
				);
				expect(reversed.price).toEqual(forward.price);
				expect(reversed).toEqual(forward);
			}),
			{ numRuns: 60, seed: 7 }
		);
	});
});

function applyStep(
	def: Definition,
	engine: Engine,
	selections: Record<string, Selection>,
	step: { option: number; pick: number; action: string }
): Record<string, Selection> {
	const o = def.options[step.option % def.options.length] as Option;
	const next = { ...selections };
	if (step.action === 'clear') {
		delete next[o.id];
		return next;
	}
	const ev = engine.evaluate({ selections }, { explain: false, alternatives: true });
	const state = ev.options.find((x) => x.id === o.id);
	const pool =
		step.action === 'any'
			? o.kind === 'toggle'
				? ['false', 'true']
				: o.kind === 'choice' || o.kind === 'multi'
					? o.choices.map((c) => c.id)
					: []
			: (state?.available ?? []);
	if (pool.length === 0) return next;
	const value = pool[step.pick % pool.length] as string;
	if (o.kind === 'toggle') next[o.id] = value === 'true';
	else if (o.kind === 'choice') next[o.id] = value;
	else if (o.kind === 'multi') {
		const cur = Array.isArray(next[o.id]) ? (next[o.id] as string[]) : [];
		next[o.id] = cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value];
	}
	return next;
}

describe('the engine model without its constraints', () => {
	it('reads every constraint’s origin off its id, as buildEngineModel records it, and the same domains', () => {
		const samples = ['team-jersey', 'engraved-pendant', 'modular-sofa'].map((handle) => {
			const parsed = parseDefinition(
				JSON.parse(readFileSync(`static/samples/${handle}/definition.json`, 'utf8'))
			);
			if (!parsed.ok) throw new Error(`${handle} does not parse`);
			return parsed.definition;
		});
		const check = (def: Definition) => {
			const full = buildEngineModel(def);
			const origins = constraintOrigins(def);
			for (const constraint of full.model.constraints)
				expect(origins.get(constraint.id), constraint.id).toEqual(full.origins.get(constraint.id));
			const domains = engineDomains(def);
			expect(domains.variables).toEqual(full.model.variables);
			expect([...domains.hasNone]).toEqual([...full.hasNone]);
			expect([...domains.hideable]).toEqual([...full.hideable]);
			expect(domains.inputs).toEqual(full.inputs);
			expect(domains.quantity).toEqual(full.quantity);
		};
		samples.forEach(check);
		fc.assert(
			fc.property(defArb, (seed) => check(buildDefinition(seed))),
			{ numRuns: 300, seed: 7 }
		);
	});
});
