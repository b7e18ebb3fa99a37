import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Definition } from './definition/definition.js';
import { parseDefinition } from './definition/parse.js';
import { runScenarios } from './engine/scenarios.js';
import { productionSpec } from './production/source.js';
import { computeScene } from './scene/scene.js';
import { engineFor, SAMPLE_HANDLES } from './scene/test-samples.js';

const STATIC = fileURLToPath(new URL('../../../static', import.meta.url));

describe.each(SAMPLE_HANDLES)('the %s sample', (handle) => {
	const json: unknown = JSON.parse(
		readFileSync(`${STATIC}/samples/${handle}/definition.json`, 'utf8')
	);
	const result = parseDefinition(json);
	const def = (result.ok ? result.definition : undefined) as Definition;

	it('parses with no errors', () => {
		expect(result.ok ? [] : result.errors).toEqual([]);
		expect(def.handle).toBe(handle);
	});

	it('has every asset it references on disk', () => {
		const missing = Object.entries(def.assets)
			.filter(([, a]) => a.path !== undefined && !existsSync(`${STATIC}${a.path}`))
			.map(([id]) => id);
		expect(missing).toEqual([]);
	});

	it('passes its scenario tests', () => {
		const engine = engineFor(def);
		expect(def.scenarios.length).toBeGreaterThanOrEqual(4);
		const failures = runScenarios(engine).flatMap((r) =>
			r.failures.map((f) => `${r.name}: ${f.path}: ${f.message}`)
		);
		expect(failures).toEqual([]);
	});

	it('has a rule that makes a choice unavailable, explained in the merchant’s words', () => {
		const engine = engineFor(def);
		const explained = def.scenarios.flatMap((s) =>
			engine
				.evaluate(s.configuration)
				.options.flatMap((o) => o.choices ?? [])
				.filter((c) => !c.available && (c.reason?.rules.length ?? 0) > 0)
				.map((c) => c.reason?.message ?? '')
		);
		expect(explained.length).toBeGreaterThan(0);
		expect(explained.some((m) => def.rules.some((r) => m.includes(r.name)))).toBe(true);
	});

	it('computes a scene for every view of every complete scenario, and a production spec', () => {
		const engine = engineFor(def);
		const complete = def.scenarios.filter((s) => engine.evaluate(s.configuration).complete);
		expect(complete.length).toBeGreaterThan(0);
		for (const s of complete) {
			const ev = engine.evaluate(s.configuration);
			for (const view of def.views) {
				const scene = computeScene(def, ev, view.id);
				expect(scene.items.length).toBeGreaterThan(0);
				expect(scene.warnings).toEqual([]);
				for (const item of scene.items)
					if (item.kind === 'text') expect(item.overflow, `${s.name}: ${item.layerId}`).toBe(false);
			}
			const spec = productionSpec(engine, 1, s.configuration, { orderDate: '2026-11-27' });
			expect(spec.ok, s.name).toBe(true);
		}
	});
});
