import type { Scenario } from '../definition/scenario.js';
import type { Engine, Evaluation } from './engine.js';

/** One failed expectation of a scenario. */
export interface ScenarioFailure {
	/** The expectation's path, e.g. `expect.total`, `expect.hiddenOptions[1]`. */
	path: string;
	message: string;
}

/** The outcome of one scenario test. */
export interface ScenarioResult {
	id: string;
	name: string;
	passed: boolean;
	failures: ScenarioFailure[];
	evaluation: Evaluation;
}

/** Runs one merchant-written scenario: evaluates its configuration and checks every expectation given. */
export function runScenario(engine: Engine, scenario: Scenario): ScenarioResult {
	const ev = engine.evaluate(scenario.configuration);
	const x = scenario.expect;
	const failures: ScenarioFailure[] = [];
	const fail = (path: string, message: string) =>
		failures.push({ path: `expect.${path}`, message });
	const eq = (path: string, what: string, expected: unknown, actual: unknown) => {
		if (expected !== undefined && expected !== actual)
			fail(path, `${what}: expected ${String(expected)}, got ${String(actual)}`);
	};
	eq('total', 'total', x.total, ev.price.total);
	eq('unitPrice', 'unit price', x.unitPrice, ev.price.unitPrice);
	eq('valid', 'valid', x.valid, ev.valid);
	eq('complete', 'complete', x.complete, ev.complete);
	eq('leadTimeDays', 'lead time (days)', x.leadTimeDays, ev.leadTime.days);
	const byId = new Map(ev.options.map((o) => [o.id, o]));
	x.visibleOptions?.forEach((id, i) => {
		if (!byId.get(id)?.visible)
			fail(`visibleOptions[${i}]`, `${byId.get(id)?.label ?? id} is hidden`);
	});
	x.hiddenOptions?.forEach((id, i) => {
		if (byId.get(id)?.visible !== false)
			fail(`hiddenOptions[${i}]`, `${byId.get(id)?.label ?? id} is visible`);
	});
	const choiceOf = (option: string, choice: string) =>
		byId.get(option)?.choices?.find((c) => c.id === choice) ??
		(byId.get(option)?.kind === 'toggle'
			? { label: choice, available: byId.get(option)?.available.includes(choice) ?? false }
			: undefined);
	x.availableChoices?.forEach((ref, i) => {
		const c = choiceOf(ref.option, ref.choice);
		if (!c?.available)
			fail(
				`availableChoices[${i}]`,
				`${byId.get(ref.option)?.label ?? ref.option} = ${c?.label ?? ref.choice} is unavailable${c && 'reason' in c && c.reason ? `: ${c.reason.message}` : ''}`
			);
	});
	x.unavailableChoices?.forEach((ref, i) => {
		const c = choiceOf(ref.option, ref.choice);
		if (!c || c.available)
			fail(
				`unavailableChoices[${i}]`,
				`${byId.get(ref.option)?.label ?? ref.option} = ${c?.label ?? ref.choice} is available`
			);
	});
	if (x.errorContains !== undefined) {
		const needle = x.errorContains.toLowerCase();
		const texts = [
			...ev.errors.map((e) => e.message),
			...ev.options.flatMap((o) => (o.choices ?? []).map((c) => c.reason?.message ?? ''))
		];
		if (!texts.some((t) => t.toLowerCase().includes(needle)))
			fail('errorContains', `no message contains "${x.errorContains}"`);
	}
	return {
		id: scenario.id,
		name: scenario.name,
		passed: failures.length === 0,
		failures,
		evaluation: ev
	};
}

/** Runs every scenario of the engine's definition, in order. */
export function runScenarios(engine: Engine): ScenarioResult[] {
	return engine.definition.scenarios.map((s) => runScenario(engine, s));
}
