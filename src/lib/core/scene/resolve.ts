import type { Configuration, ConfigurationInput } from '../definition/configuration.js';
import { checkConfigurationShape } from '../definition/configuration-check.js';
import type { Definition } from '../definition/definition.js';
import type { Option } from '../definition/option.js';
import type { Rule } from '../definition/rule.js';
import {
	evaluateCondition,
	isAnswered,
	normalizeSelections,
	type Answer,
	type Answers
} from '../engine/answers.js';

/** What the scene needs of an evaluated configuration. */
export interface SceneState {
	/** Effective answers of visible options only. */
	answers: Answers;
	/** Option id → visible. */
	visible: Map<string, boolean>;
	quantity: number;
}

/** The part of an engine evaluation the scene reads (so any `Evaluation` is accepted). */
export interface EvaluationLike {
	options: readonly { id: string; visible: boolean }[];
	/** The effective configuration: visible answers plus auto-selected and default values. */
	configuration: Configuration;
}

/** Whether `source` is an evaluation (rather than a configuration). */
export function isEvaluation(source: unknown): source is EvaluationLike {
	return (
		typeof source === 'object' &&
		source !== null &&
		Array.isArray((source as { options?: unknown }).options) &&
		typeof (source as { configuration?: unknown }).configuration === 'object'
	);
}

/** The scene state of an engine evaluation: its visibility and its effective configuration. */
export function stateOfEvaluation(def: Definition, evaluation: EvaluationLike): SceneState {
	const visible = new Map(evaluation.options.map((o) => [o.id, o.visible]));
	const answers = normalizeSelections(def, evaluation.configuration);
	for (const id of [...answers.keys()]) if (visible.get(id) === false) answers.delete(id);
	return { answers, visible, quantity: evaluation.configuration.quantity };
}

/**
 * The scene state of a raw configuration, without the solver: show/hide rules for options and
 * choices are applied until nothing changes (answers of hidden options and hidden choices are
 * dropped), then the options' own static defaults fill visible unanswered options. Auto-select
 * and rule defaults, and availability, are the engine's: pass an evaluation for the exact result.
 * A configuration that does not parse is drawn as an empty one.
 */
export function stateOfConfiguration(def: Definition, input: ConfigurationInput): SceneState {
	const parsed = checkConfigurationShape(input);
	const config: Configuration = parsed.ok
		? parsed.configuration
		: { selections: {}, quantity: def.pricing.minQuantity };
	const quantity = config.quantity;
	const customer = normalizeSelections(def, config);
	const showOpt = new Map<string, Rule[]>();
	const hideOpt = new Map<string, Rule[]>();
	const showCh = new Map<string, Rule[]>();
	const hideCh = new Map<string, Rule[]>();
	const push = (m: Map<string, Rule[]>, k: string, r: Rule) => m.set(k, [...(m.get(k) ?? []), r]);
	for (const rule of def.rules) {
		if (!rule.enabled) continue;
		for (const e of rule.then) {
			if (e.type === 'showOption') push(showOpt, e.option, rule);
			else if (e.type === 'hideOption') push(hideOpt, e.option, rule);
			else if (e.type === 'showChoice') push(showCh, `${e.option} ${e.choice}`, rule);
			else if (e.type === 'hideChoice') push(hideCh, `${e.option} ${e.choice}`, rule);
		}
	}
	const fires = (r: Rule, a: Answers) => !r.when || evaluateCondition(r.when, a, quantity);
	const shown = (shows: Rule[] | undefined, hides: Rule[] | undefined, a: Answers) =>
		(!shows || shows.some((r) => fires(r, a))) && !(hides ?? []).some((r) => fires(r, a));

	let answers: Answers = new Map(customer);
	let visible = new Map<string, boolean>();
	// Each pass recomputes visibility from the customer's answers plus defaults of the previous
	// pass; a cycle of show/hide rules stops after one pass per option.
	for (let pass = 0; pass <= def.options.length; pass++) {
		const nextVisible = new Map<string, boolean>();
		const next: Answers = new Map();
		for (const o of def.options) {
			const vis = shown(showOpt.get(o.id), hideOpt.get(o.id), answers);
			nextVisible.set(o.id, vis);
			if (!vis) continue;
			const a = customer.get(o.id) ?? defaultAnswer(o);
			const kept = a
				? withoutHiddenChoices(o, a, (c) =>
						shown(showCh.get(`${o.id} ${c}`), hideCh.get(`${o.id} ${c}`), answers)
					)
				: undefined;
			if (kept && isAnswered(kept)) next.set(o.id, kept);
		}
		const stable = sameAnswers(answers, next) && sameVisibility(visible, nextVisible);
		answers = next;
		visible = nextVisible;
		if (stable) break;
	}
	return { answers, visible, quantity };
}

function withoutHiddenChoices(
	o: Option,
	a: Answer,
	choiceShown: (choiceId: string) => boolean
): Answer | undefined {
	if (o.kind === 'choice' && a.kind === 'choice') return choiceShown(a.choice) ? a : undefined;
	if (o.kind === 'multi' && a.kind === 'multi')
		return { kind: 'multi', choices: a.choices.filter(choiceShown) };
	return a;
}

function defaultAnswer(o: Option): Answer | undefined {
	switch (o.kind) {
		case 'choice':
			return o.default !== undefined ? { kind: 'choice', choice: o.default } : undefined;
		case 'multi':
			return o.default && o.default.length > 0
				? {
						kind: 'multi',
						choices: o.choices.filter((c) => o.default?.includes(c.id)).map((c) => c.id)
					}
				: undefined;
		case 'toggle':
			return o.default ? { kind: 'toggle', on: true } : undefined;
		case 'number':
			return o.default !== undefined ? { kind: 'number', value: o.default } : undefined;
		default:
			return undefined;
	}
}

function sameAnswers(a: Answers, b: Answers): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (JSON.stringify(v) !== JSON.stringify(b.get(k))) return false;
	return true;
}

function sameVisibility(a: Map<string, boolean>, b: Map<string, boolean>): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (b.get(k) !== v) return false;
	return true;
}
