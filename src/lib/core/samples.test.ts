import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Definition } from './definition/definition.js';
import { parseDefinition } from './definition/parse.js';
import type { Scenario } from './definition/scenario.js';
import type { Engine } from './engine/engine.js';
import { productionSpec } from './production/spec.js';
import { computeScene } from './scene/scene.js';
import { engineFor, SAMPLE_HANDLES } from './scene/test-samples.js';

const STATIC = fileURLToPath(new URL('../../../static', import.meta.url));

/** Every failed expectation of a scenario, in words (empty: it passes). */
function scenarioFailures(engine: Engine, s: Scenario): string[] {
	const ev = engine.evaluate(s.configuration);
	const e = s.expect;
	const out: string[] = [];
	const same = (what: string, got: unknown, want: unknown) => {
		if (want !== undefined && got !== want)
			out.push(`${what}: ${String(got)}, expected ${String(want)}`);
	};
	same('valid', ev.valid, e.valid);
	same('complete', ev.complete, e.complete);
	same('total', ev.price.total, e.total);
	same('unit price', ev.price.unitPrice, e.unitPrice);
	same('lead time', ev.leadTime.days, e.leadTimeDays);
	const option = (id: string) => ev.options.find((o) => o.id === id);
	for (const id of e.visibleOptions ?? []) if (!option(id)?.visible) out.push(`${id} is hidden`);
	for (const id of e.hiddenOptions ?? [])
		if (option(id)?.visible !== false) out.push(`${id} is visible`);
	for (const c of e.availableChoices ?? [])
		if (!option(c.option)?.available.includes(c.choice))
			out.push(`${c.option}=${c.choice} is unavailable`);
	for (const c of e.unavailableChoices ?? [])
		if (option(c.option)?.available.includes(c.choice) !== false)
			out.push(`${c.option}=${c.choice} is available`);
	if (e.errorContains) {
		const messages = [
			...ev.errors.map((x) => x.message),
			...ev.options.flatMap((o) => (o.choices ?? []).map((c) => c.reason?.message ?? ''))
		];
		const needle = e.errorContains.toLowerCase();
		if (!messages.some((m) => m.toLowerCase().includes(needle)))
			out.push(`no message contains "${e.errorContains}"`);
	}
	return out;
}

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
		const failures = def.scenarios.flatMap((s) =>
			scenarioFailures(engine, s).map((f) => `${s.name}: ${f}`)
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
