import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, parseDefinition, runScenario, type Definition } from '$lib/core';
import { nextScenarioId, recordScenario, scenarioName } from './scenario-record';

function sample(handle: string): Definition {
	const json: unknown = JSON.parse(
		fs.readFileSync(path.resolve('static/samples', handle, 'definition.json'), 'utf8')
	);
	const parsed = parseDefinition(json);
	if (!parsed.ok) throw new Error(parsed.errors[0].message);
	return parsed.definition;
}

describe('saving a scenario test from the test panel', () => {
	it('records the selections and the current outcome, and the recorded test passes on the same draft', () => {
		const definition = sample('engraved-pendant');
		const engine = createEngine(definition);
		const configuration = {
			selections: { metal: 'gold', shape: 'bar', engraving: 'Ada' },
			quantity: 2,
			locale: 'fr'
		};
		const evaluation = engine.evaluate(configuration);
		const scenario = recordScenario('scenario-7', 'Gold bar', evaluation.configuration, evaluation);
		expect(scenario.configuration).toEqual({
			selections: evaluation.configuration.selections,
			quantity: 2
		});
		expect(scenario.expect).toEqual({
			valid: evaluation.valid,
			complete: evaluation.complete,
			total: evaluation.price.total,
			leadTimeDays: evaluation.leadTime.days
		});
		const parsed = parseDefinition({ ...definition, scenarios: [scenario] });
		expect(parsed.ok).toBe(true);
		expect(
			runScenario(engine, { ...scenario, configuration: { ...scenario.configuration } }).passed
		).toBe(true);
		// The same test fails once the gold price changes.
		const dearer = sample('engraved-pendant');
		const metal = dearer.options[0];
		if (metal.kind === 'choice') metal.choices[1].priceDelta += 100;
		expect(runScenario(createEngine(dearer), scenario).passed).toBe(false);
	});

	it('names a test after the picked labels and numbers ids past the existing ones', () => {
		const definition = sample('engraved-pendant');
		expect(scenarioName(definition, { selections: {}, quantity: 1 })).toBe('Nothing selected');
		expect(
			scenarioName(definition, { selections: { metal: 'gold', engraving: 'Ada' }, quantity: 3 })
		).toBe('14k gold, “Ada”, × 3');
		expect(nextScenarioId([])).toBe('scenario-1');
		expect(nextScenarioId(['scenario-2', 'x'])).toBe('scenario-3');
		expect(nextScenarioId(['scenario-2', 'scenario-3'])).toBe('scenario-4');
	});
});
