/**
 * "Save as scenario test": what the test panel records from the customer's current
 * configuration — the selections, quantity and rush tier as the customer set them, and the
 * outcome the draft gives now (validity, completeness, total, lead time) as the expectation.
 */
import type { Configuration, Definition } from '$lib/core';
import type { Evaluation } from '$lib/core';

export interface ScenarioJson {
	id: string;
	name: string;
	configuration: Configuration;
	expect: {
		valid: boolean;
		complete: boolean;
		total: number;
		leadTimeDays: number;
	};
}

/** A readable default name: the labels of the selected choices, or "Nothing selected". */
export function scenarioName(definition: Definition, configuration: Configuration): string {
	const parts: string[] = [];
	for (const option of definition.options) {
		const answer = configuration.selections[option.id];
		if (answer === undefined) continue;
		if (option.kind === 'choice' || option.kind === 'multi') {
			const ids = Array.isArray(answer) ? answer : [answer];
			for (const id of ids) {
				const choice = option.choices.find((c) => c.id === id);
				if (choice) parts.push(choice.label);
			}
		} else if (option.kind === 'toggle') {
			if (answer === true) parts.push(option.label);
		} else if (option.kind === 'text') {
			const text = typeof answer === 'string' ? answer : (answer as { text?: string }).text;
			if (text) parts.push(`“${text}”`);
		} else if (option.kind === 'number' && typeof answer === 'number') {
			parts.push(`${option.label} ${answer}`);
		} else if (option.kind === 'image') {
			parts.push(`${option.label} uploaded`);
		}
	}
	if (configuration.quantity > 1) parts.push(`× ${configuration.quantity}`);
	const name = parts.length === 0 ? 'Nothing selected' : parts.join(', ');
	return name.length > 120 ? `${name.slice(0, 119)}…` : name;
}

/** An id not used by `existing`: `scenario-1`, `scenario-2`… */
export function nextScenarioId(existing: readonly string[]): string {
	const used = new Set(existing);
	let n = existing.length + 1;
	while (used.has(`scenario-${n}`)) n++;
	return `scenario-${n}`;
}

/** The scenario test recording `evaluation` of `configuration` as the expected outcome. */
export function recordScenario(
	id: string,
	name: string,
	configuration: Configuration,
	evaluation: Pick<Evaluation, 'valid' | 'complete' | 'price' | 'leadTime'>
): ScenarioJson {
	const recorded: Configuration = {
		selections: structuredClone(configuration.selections),
		quantity: configuration.quantity
	};
	if (configuration.rushTier !== undefined) recorded.rushTier = configuration.rushTier;
	return {
		id,
		name,
		configuration: recorded,
		expect: {
			valid: evaluation.valid,
			complete: evaluation.complete,
			total: evaluation.price.total,
			leadTimeDays: evaluation.leadTime.days
		}
	};
}
