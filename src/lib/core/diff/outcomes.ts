import type { Definition } from '../definition/definition.js';
import { createEngine } from '../engine/compile.js';
import { runScenarios } from '../engine/scenarios.js';

/** A scenario test's state in the two definitions (`absent`: the definition has no such test). */
export type ScenarioState = 'passed' | 'failed' | 'absent';

/** How one scenario test's result moved between the two definitions. */
export interface ScenarioChange {
	id: string;
	name: string;
	before: ScenarioState;
	after: ScenarioState;
}

/** What the change does to the product's behaviour, beyond its text. */
export interface OutcomeDiff {
	/**
	 * The engine's count of valid variants (decimal strings: counts are bigints and travel as
	 * JSON); null on a side whose engine could not be built.
	 */
	variants: { before: string | null; after: string | null };
	/** Every scenario of either side whose result differs (or that exists on one side only). */
	scenarios: ScenarioChange[];
	/** Scenario totals on each side. */
	passing: { before: number; after: number };
	failing: { before: number; after: number };
}

function outcomesOf(definition: Definition | null): {
	variants: string | null;
	scenarios: Map<string, { name: string; passed: boolean }>;
} {
	const scenarios = new Map<string, { name: string; passed: boolean }>();
	if (!definition) return { variants: null, scenarios };
	try {
		const engine = createEngine(definition);
		for (const result of runScenarios(engine)) {
			scenarios.set(result.id, { name: result.name, passed: result.passed });
		}
		return { variants: engine.count().toString(), scenarios };
	} catch {
		// A definition the engine refuses (a programmer error upstream): no figures, not a crash.
		return { variants: null, scenarios };
	}
}

/**
 * The change in the number of valid variants and in the scenario-test results from `before` to
 * `after` (`before` null: nothing published yet, every scenario of `after` is new).
 */
export function diffOutcomes(before: Definition | null, after: Definition): OutcomeDiff {
	const a = outcomesOf(before);
	const b = outcomesOf(after);
	const state = (entry: { passed: boolean } | undefined): ScenarioState =>
		entry ? (entry.passed ? 'passed' : 'failed') : 'absent';
	const ids = [...new Set([...a.scenarios.keys(), ...b.scenarios.keys()])];
	const scenarios: ScenarioChange[] = [];
	for (const id of ids) {
		const change = {
			id,
			name: (b.scenarios.get(id) ?? a.scenarios.get(id))!.name,
			before: state(a.scenarios.get(id)),
			after: state(b.scenarios.get(id))
		};
		if (change.before !== change.after) scenarios.push(change);
	}
	const count = (m: Map<string, { passed: boolean }>, passed: boolean) =>
		[...m.values()].filter((s) => s.passed === passed).length;
	return {
		variants: { before: a.variants, after: b.variants },
		scenarios,
		passing: { before: count(a.scenarios, true), after: count(b.scenarios, true) },
		failing: { before: count(a.scenarios, false), after: count(b.scenarios, false) }
	};
}
