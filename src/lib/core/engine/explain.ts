import type { Definition } from '../definition/definition.js';
import type { Option } from '../definition/option.js';
import type { Rule } from '../definition/rule.js';
import type { Explanation } from '../solver/types.js';
import type { EngineReadModel } from './model.js';
import { NONE } from './model.js';

/** Why a choice is unavailable, in the merchant's words, with the rules and selections behind it. */
export interface UnavailableReason {
	/** e.g. "needs Material = Wood (rule 'Engraving only on wood')", "out of stock". */
	message: string;
	/** Responsible rules (id and the merchant's name). */
	rules: { id: string; name: string }[];
	/** The selections that cause it, e.g. `{ option: 'finish', label: 'Finish = Suede' }`. */
	causes: { option: string; label: string }[];
}

const quote = (s: string) => `'${s}'`;

/** Human label of one solver assignment, e.g. "Finish = Suede", "Charms includes Moon". */
export function describeAssignment(
	em: EngineReadModel,
	variable: string,
	value: string | readonly string[]
): { option: string; label: string } | undefined {
	const v = typeof value === 'string' ? value : value.join('|');
	const [prefix, optionId, choiceId] = variable.split(' ');
	if (prefix === 'q') return { option: 'quantity', label: `Quantity ${rangeText(v)}` };
	const o = em.options.get(optionId ?? '');
	if (!o) return undefined;
	switch (prefix) {
		case 'o':
			if (o.kind === 'toggle')
				return { option: o.id, label: `${o.label} ${v === 'true' ? 'on' : 'off'}` };
			if (v === NONE) return { option: o.id, label: `${o.label} unanswered` };
			return { option: o.id, label: `${o.label} = ${choiceLabel(o, v)}` };
		case 'm': {
			const c = choiceLabel(o, choiceId ?? '');
			return {
				option: o.id,
				label: v === '1' ? `${o.label} includes ${c}` : `${o.label} without ${c}`
			};
		}
		case 'i': {
			if (o.kind === 'image')
				return { option: o.id, label: v === 'none' ? `no ${o.label}` : `${o.label} uploaded` };
			if (o.kind === 'text')
				return {
					option: o.id,
					label: v === '0' ? `${o.label} empty` : `${o.label} with ${rangeText(v)} characters`
				};
			return {
				option: o.id,
				label: v === 'none' ? `${o.label} unanswered` : `${o.label} ${rangeText(v)}`
			};
		}
		default:
			return undefined;
	}
}

function rangeText(classId: string): string {
	if (classId.startsWith('=')) return classId.slice(1);
	if (classId.startsWith('(')) {
		const [lo, hi] = classId.slice(1, -1).split(',');
		if (lo === '-Infinity') return `below ${hi}`;
		if (hi === 'Infinity') return `above ${lo}`;
		return `between ${lo} and ${hi}`;
	}
	if (classId.endsWith('..')) return `${classId.slice(0, -2)} or more`;
	const [lo, hi] = classId.split('..');
	return hi === undefined ? (lo ?? classId) : `${lo}–${hi}`;
}

function choiceLabel(o: Option, choiceId: string): string {
	if (o.kind !== 'choice' && o.kind !== 'multi') return choiceId;
	return o.choices.find((c) => c.id === choiceId)?.label ?? choiceId;
}

/** "Label = Value" of a require/exclude target. */
function targetText(
	def: Definition,
	optionId: string,
	value: string | boolean | undefined
): string {
	const o = def.options.find((x) => x.id === optionId);
	if (!o) return optionId;
	if (value === undefined) return o.label;
	if (typeof value === 'boolean') return `${o.label} ${value ? 'on' : 'off'}`;
	return `${o.label} = ${choiceLabel(o, value)}`;
}

/**
 * Turns a solver explanation of `optionId = value` into the merchant's words:
 * - one `require` rule on another option: "needs Material = Wood (rule 'Engraving only on wood')";
 * - one `exclude` rule: "excluded by rule 'No engraving on suede' because Finish = Suede";
 * - one hide rule: "hidden by rule '…' because …";
 * - otherwise: "not possible with A = a and B = b (rules 'x', 'y')".
 */
export function explainInWords(
	def: Definition,
	em: EngineReadModel,
	optionId: string,
	explanation: Explanation,
	assignment: Record<string, string | readonly string[]>
): UnavailableReason {
	const causes = explanation.assignments
		.map((v) => {
			const value = assignment[v];
			return value === undefined ? undefined : describeAssignment(em, v, value);
		})
		.filter((c): c is { option: string; label: string } => c !== undefined);
	const because = causes.map((c) => c.label).join(' and ');
	const rules = new Map<string, Rule>();
	const other: string[] = [];
	for (const cid of explanation.constraints) {
		const origin = em.origins.get(cid);
		if (!origin) continue;
		switch (origin.kind) {
			case 'rule':
				rules.set(origin.rule.id, origin.rule);
				break;
			case 'show':
			case 'showChoice':
			case 'visibility':
				for (const r of origin.rules) rules.set(r.id, r);
				break;
			case 'required': {
				const o = em.options.get(origin.optionId);
				other.push(`${o?.label ?? origin.optionId} is required`);
				break;
			}
			case 'multi': {
				const o = em.options.get(origin.optionId);
				other.push(
					`${o?.label ?? origin.optionId} allows ${o?.kind === 'multi' ? `${o.min}–${o.max ?? o.choices.length}` : 'a limited number of'} choices`
				);
				break;
			}
			case 'stock':
				other.push('out of stock');
				break;
		}
	}
	const ruleList = [...rules.values()].map((r) => ({ id: r.id, name: r.name }));
	const single =
		explanation.constraints.length === 1
			? em.origins.get(explanation.constraints[0] as string)
			: undefined;
	let message: string | undefined;
	if (single?.kind === 'rule') {
		const { rule, effect } = single;
		if (effect.type === 'require' && effect.option !== optionId)
			message = `needs ${targetText(def, effect.option, effect.value)} (rule ${quote(rule.name)})`;
		else if (effect.type === 'hideOption' || effect.type === 'hideChoice')
			message = `hidden by rule ${quote(rule.name)}${because ? ` because ${because}` : ''}`;
		else if (effect.type === 'exclude' || effect.type === 'require' || effect.type === 'table')
			message = `excluded by rule ${quote(rule.name)}${because ? ` because ${because}` : ''}`;
	} else if (single?.kind === 'show' || single?.kind === 'showChoice') {
		message = `shown only by rule${single.rules.length > 1 ? 's' : ''} ${single.rules.map((r) => quote(r.name)).join(', ')}${because ? `, not with ${because}` : ''}`;
	} else if (single?.kind === 'stock') message = 'out of stock';
	if (message === undefined) {
		const why = [
			...(ruleList.length > 0
				? [`rule${ruleList.length > 1 ? 's' : ''} ${ruleList.map((r) => quote(r.name)).join(', ')}`]
				: []),
			...other
		].join('; ');
		message = because
			? `not possible with ${because}${why ? ` (${why})` : ''}`
			: `never possible${why ? ` (${why})` : ''}`;
	}
	return { message, rules: ruleList, causes };
}
