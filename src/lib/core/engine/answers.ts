import type { Condition } from '../definition/condition.js';
import type { Configuration, Selection, UploadAnswer } from '../definition/configuration.js';
import type { Definition } from '../definition/definition.js';
import type { Option } from '../definition/option.js';
import { compare } from './inputs.js';

/** A normalized answer of one option. */
export type Answer =
	| { kind: 'choice'; choice: string }
	| { kind: 'multi'; choices: string[] }
	| { kind: 'toggle'; on: boolean }
	| { kind: 'text'; text: string; font?: string; color?: string }
	| { kind: 'image'; upload: UploadAnswer }
	| { kind: 'number'; value: number };

/** Option id → answer. Absent: unanswered. */
export type Answers = Map<string, Answer>;

/** Length of a text as conditions and limits count it: code points, line breaks excluded. */
export function textLength(text: string): number {
	// Most texts have no line break and no character outside the Basic Multilingual Plane.
	if (!/[\n\r\ud800-\udfff]/.test(text)) return text.length;
	let n = 0;
	for (const ch of text) if (ch !== '\n' && ch !== '\r') n++;
	return n;
}

/**
 * Normalizes a configuration's selections, in definition order (never in the selections'
 * insertion order). Unknown options and answers of the wrong shape are skipped (they are
 * reported by `checkConfigurationReferences`).
 */
export function normalizeSelections(def: Definition, config: Configuration): Answers {
	const out: Answers = new Map();
	for (const o of def.options) {
		if (!Object.hasOwn(config.selections, o.id)) continue;
		const a = normalizeAnswer(o, config.selections[o.id] as Selection);
		if (a) out.set(o.id, a);
	}
	return out;
}

function normalizeAnswer(o: Option, v: Selection): Answer | undefined {
	switch (o.kind) {
		case 'choice':
			return typeof v === 'string' && o.choices.some((c) => c.id === v)
				? { kind: 'choice', choice: v }
				: undefined;
		case 'multi': {
			if (!Array.isArray(v)) return undefined;
			const chosen = new Set(v);
			// Definition order, without duplicates or unknown ids.
			return { kind: 'multi', choices: o.choices.filter((c) => chosen.has(c.id)).map((c) => c.id) };
		}
		case 'toggle':
			return typeof v === 'boolean' ? { kind: 'toggle', on: v } : undefined;
		case 'text':
			if (typeof v === 'string') return { kind: 'text', text: v };
			if (typeof v === 'object' && !Array.isArray(v) && 'text' in v)
				return {
					kind: 'text',
					text: v.text,
					...(v.font !== undefined ? { font: v.font } : {}),
					...(v.color !== undefined ? { color: v.color } : {})
				};
			return undefined;
		case 'image':
			if (typeof v === 'string')
				return v === '' ? undefined : { kind: 'image', upload: { ref: v } };
			if (typeof v === 'object' && !Array.isArray(v) && 'ref' in v)
				return { kind: 'image', upload: v };
			return undefined;
		case 'number':
			return typeof v === 'number' && Number.isFinite(v) ? { kind: 'number', value: v } : undefined;
	}
}

/** Whether an answer counts as "answered" (a toggle that is off, an empty text or multi do not). */
export function isAnswered(a: Answer | undefined): boolean {
	if (!a) return false;
	switch (a.kind) {
		case 'toggle':
			return a.on;
		case 'multi':
			return a.choices.length > 0;
		case 'text':
			return textLength(a.text) > 0;
		default:
			return true;
	}
}

/** Whether option `id` has `value` (choice id, or boolean for toggles) in `answers`. */
function hasValue(answers: Answers, id: string, value: string | boolean): boolean {
	const a = answers.get(id);
	if (typeof value === 'boolean') return (a?.kind === 'toggle' && a.on) === value;
	if (a?.kind === 'choice') return a.choice === value;
	if (a?.kind === 'multi') return a.choices.includes(value);
	return false;
}

/**
 * Evaluates a condition on answers (hidden options must already be removed). Same semantics as
 * the solver model: an unanswered option "is" nothing, has text length 0 and no number.
 */
export function evaluateCondition(c: Condition, answers: Answers, quantity: number): boolean {
	switch (c.type) {
		case 'and':
			return c.conditions.every((x) => evaluateCondition(x, answers, quantity));
		case 'or':
			return c.conditions.some((x) => evaluateCondition(x, answers, quantity));
		case 'not':
			return !evaluateCondition(c.condition, answers, quantity);
		case 'is':
			return hasValue(answers, c.option, c.value);
		case 'isNot':
			return !hasValue(answers, c.option, c.value);
		case 'in':
			return c.values.some((v) => hasValue(answers, c.option, v));
		case 'textLength': {
			const a = answers.get(c.option);
			return compare(a?.kind === 'text' ? textLength(a.text) : 0, c.compare, c.value);
		}
		case 'number': {
			const a = answers.get(c.option);
			return a?.kind === 'number' && compare(a.value, c.compare, c.value);
		}
		case 'quantity':
			return compare(quantity, c.compare, c.value);
		case 'answered':
			return isAnswered(answers.get(c.option));
		case 'unanswered':
			return !isAnswered(answers.get(c.option));
	}
}
