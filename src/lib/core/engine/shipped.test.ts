import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../definition/definition.js';
import { parseDefinition } from '../definition/parse.js';
import { xcspToDefinition } from '../import/index.js';
import { loadCompiledDiagram } from '../solver/compiled.js';
import { loadCompiledModel } from '../solver/compile.js';
import { parseXcsp } from '../xcsp/index.js';
import { createEngine } from './compile.js';
import { createEngineWith, type Engine } from './engine.js';

/*
 * A published version ships its compiled rules (`serialize({ explanations: true })`, the public
 * API's `?include=engine`), and the storefront loads them with `loadCompiledDiagram` instead of
 * compiling: every evaluation — availability, defaults, conflicts, reasons, prices — must be the
 * one of the engine compiled in place, on the demo products and the benchmark problems.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const benchmarksDir = process.env.ATELIER_BENCHMARKS_DIR
	? resolve(process.env.ATELIER_BENCHMARKS_DIR)
	: resolve(repoRoot, '../shared/benchmarks');
const benchmarks = existsSync(resolve(benchmarksDir, 'renault-br4cp/medium_domainsorted.xml'));

function parsed(input: unknown): Definition {
	const result = parseDefinition(input);
	if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
	return result.definition;
}

const sample = (handle: string) =>
	parsed(JSON.parse(readFileSync(`static/samples/${handle}/definition.json`, 'utf8')));
const imported = (relative: string) =>
	parsed(xcspToDefinition(parseXcsp(readFileSync(resolve(benchmarksDir, relative), 'utf8'))));

/** The engine compiled in place, and one over its shipped form (through JSON, like the API). */
function pair(definition: Definition): { compiled: Engine; shipped: Engine; form: unknown } {
	const compiled = createEngine(definition);
	const form = JSON.parse(JSON.stringify(compiled.compiled.serialize({ explanations: true })));
	return { compiled, shipped: createEngineWith(definition, loadCompiledDiagram(form)), form };
}

function seeded(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Customer sessions: from nothing, pick a random choice (available or not, so conflicts and
 * their reasons are compared too) of a random choice/toggle option, and compare both engines'
 * evaluations after every pick. Returns the number of evaluations compared.
 */
function compareSessions(
	engines: { compiled: Engine; shipped: Engine },
	options: { sessions: number; steps: number; explain: boolean; seed: number }
): number {
	const random = seeded(options.seed);
	const def = engines.compiled.definition;
	const pickable = def.options.filter((o) => o.kind === 'choice' || o.kind === 'toggle');
	let compared = 0;
	for (let s = 0; s < options.sessions; s++) {
		const selections: Record<string, string | boolean> = {};
		for (let step = 0; step < options.steps; step++) {
			const o = pickable[Math.floor(random() * pickable.length)];
			if (!o) break;
			if (o.kind === 'toggle') selections[o.id] = random() < 0.5;
			else if (o.kind === 'choice')
				selections[o.id] = o.choices[Math.floor(random() * o.choices.length)].id;
			const configuration = { selections: { ...selections } };
			const a = engines.compiled.evaluate(configuration, { explain: options.explain });
			const b = engines.shipped.evaluate(configuration, { explain: options.explain });
			expect(b).toEqual(a);
			compared++;
		}
	}
	return compared;
}

describe('a compiled model shipped with a published version', () => {
	for (const handle of ['team-jersey', 'engraved-pendant', 'modular-sofa']) {
		it(`evaluates ${handle} exactly as the engine compiled in place, reasons included`, () => {
			const engines = pair(sample(handle));
			expect(engines.shipped.evaluate({})).toEqual(engines.compiled.evaluate({}));
			const compared = compareSessions(engines, {
				sessions: 12,
				steps: 8,
				explain: true,
				seed: handle.length
			});
			expect(compared).toBe(96);
			// Per-choice explanations through the engine's own `explain` agree too.
			for (const o of engines.compiled.definition.options)
				if (o.kind === 'choice')
					for (const c of o.choices)
						expect(engines.shipped.explain({}, o.id, c.id)).toEqual(
							engines.compiled.explain({}, o.id, c.id)
						);
		});
	}

	it('carries one diagram per constraint, and loads without them only through the compiler', () => {
		const { compiled, form } = pair(sample('modular-sofa'));
		const f = form as { constraints: unknown[]; model: { constraints: unknown[] } };
		expect(f.constraints).toHaveLength(f.model.constraints.length);
		const bare = { ...f, constraints: undefined };
		expect(() => loadCompiledDiagram(bare)).toThrow(/serialized\.constraints/);
		// The full loader builds them, and answers the same.
		const rebuilt = createEngineWith(compiled.definition, loadCompiledModel(bare));
		const sofa = { selections: {} };
		expect(rebuilt.evaluate(sofa)).toEqual(compiled.evaluate(sofa));
	});

	it('is a query-only model: counting and serializing need the full loader', () => {
		const { compiled, form } = pair(sample('team-jersey'));
		const light = loadCompiledDiagram(form);
		expect(() => light.count({})).toThrow(/loadCompiledModel/);
		expect(() => light.serialize()).toThrow(/loadCompiledModel/);
		const full = loadCompiledModel(form);
		expect(full.count({})).toBe(compiled.compiled.count({}));
		expect(full.serialize({ explanations: true })).toEqual(form);
	});

	it('refuses a damaged form with the path of the problem', () => {
		const { form } = pair(sample('engraved-pendant'));
		const f = form as { constraints: { levels: number[] }[] };
		const damaged = structuredClone(f);
		const withNodes = damaged.constraints.findIndex((c) => c.levels.length > 0);
		damaged.constraints[withNodes].levels[0] = 10_000;
		expect(() => loadCompiledDiagram(damaged)).toThrow(
			new RegExp(`serialized\\.constraints\\[${withNodes}\\]`)
		);
		expect(() => loadCompiledDiagram({ ...f, format: 'atelier/search-model' })).toThrow(
			/serialized\.format/
		);
	});

	it('is refused by an engine of another definition', () => {
		const { form } = pair(sample('engraved-pendant'));
		expect(() => createEngineWith(sample('modular-sofa'), loadCompiledDiagram(form))).toThrow(
			/another definition/
		);
	});

	describe.skipIf(!benchmarks)(
		benchmarks
			? 'on the Renault problems'
			: `on the Renault problems (SKIPPED: no benchmarks at ${benchmarksDir})`,
		() => {
			// Without reasons: on problems this size an explanation's search is budgeted in wall-clock
			// time (`budgetMs`), so two runs may stop at different points and keep different (each
			// valid) constraint sets; the products above never reach the budget.
			it('evaluates BR4CP medium exactly as compiled in place', () => {
				const engines = pair(imported('renault-br4cp/medium_domainsorted.xml'));
				expect(compareSessions(engines, { sessions: 6, steps: 10, explain: false, seed: 7 })).toBe(
					60
				);
			}, 120_000);

			it('evaluates Megane exactly as compiled in place', () => {
				const engines = pair(imported('renault-megane/megane.xml'));
				expect(compareSessions(engines, { sessions: 3, steps: 10, explain: false, seed: 9 })).toBe(
					30
				);
			}, 300_000);
		}
	);
});
