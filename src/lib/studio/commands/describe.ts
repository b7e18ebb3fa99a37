import { formatMoney, type Condition, type Effect } from '$lib/core';
import type { DefinitionJson } from './model';

/** Conditions and effects in words, so a rule node reads as a sentence. */

const COMPARE: Record<string, string> = {
	lt: 'is under',
	lte: 'is at most',
	eq: 'is',
	neq: 'is not',
	gte: 'is at least',
	gt: 'is over'
};

function names(definition: DefinitionJson) {
	const options = new Map((definition.options ?? []).map((o) => [o.id, o]));
	const option = (id: string) => options.get(id)?.label ?? id;
	const value = (optionId: string, v: unknown) => {
		if (typeof v === 'boolean') return v ? 'on' : 'off';
		const choice = options.get(optionId)?.choices?.find((c) => c.id === v);
		return choice?.label ?? String(v);
	};
	return { option, value };
}

/** Money in the product's currency ("+$4.00"). */
export function priceText(definition: DefinitionJson, amount: number, signed = false): string {
	const currency = definition.currency;
	const text = formatMoney(Math.abs(amount), currency?.code ?? 'USD', currency?.minorUnits ?? 2);
	if (!signed) return amount < 0 ? `−${text}` : text;
	return `${amount < 0 ? '−' : '+'}${text}`;
}

export function describeCondition(definition: DefinitionJson, condition: Condition): string {
	const { option, value } = names(definition);
	switch (condition.type) {
		case 'and':
		case 'or': {
			if (condition.conditions.length === 0) return condition.type === 'and' ? 'always' : 'never';
			const parts = condition.conditions.map((c) => {
				const text = describeCondition(definition, c);
				return c.type === 'and' || c.type === 'or' ? `(${text})` : text;
			});
			return parts.join(condition.type === 'and' ? ' and ' : ' or ');
		}
		case 'not':
			return `not (${describeCondition(definition, condition.condition)})`;
		case 'is':
			return `${option(condition.option)} is ${value(condition.option, condition.value)}`;
		case 'isNot':
			return `${option(condition.option)} is not ${value(condition.option, condition.value)}`;
		case 'in':
			return `${option(condition.option)} is ${condition.values.map((v) => value(condition.option, v)).join(' or ')}`;
		case 'textLength':
			return `${option(condition.option)} length ${COMPARE[condition.compare]} ${condition.value}`;
		case 'number':
			return `${option(condition.option)} ${COMPARE[condition.compare]} ${condition.value}`;
		case 'quantity':
			return `quantity ${COMPARE[condition.compare]} ${condition.value}`;
		case 'answered':
			return `${option(condition.option)} is answered`;
		case 'unanswered':
			return `${option(condition.option)} is not answered`;
	}
}

export function describeEffect(definition: DefinitionJson, effect: Effect): string {
	const { option, value } = names(definition);
	switch (effect.type) {
		case 'showOption':
			return `show ${option(effect.option)}`;
		case 'hideOption':
			return `hide ${option(effect.option)}`;
		case 'showChoice':
			return `show ${option(effect.option)} ${value(effect.option, effect.choice)}`;
		case 'hideChoice':
			return `hide ${option(effect.option)} ${value(effect.option, effect.choice)}`;
		case 'require':
			return effect.value === undefined
				? `require ${option(effect.option)}`
				: `require ${option(effect.option)} = ${value(effect.option, effect.value)}`;
		case 'exclude':
			return effect.value === undefined
				? `exclude ${option(effect.option)}`
				: `exclude ${option(effect.option)} = ${value(effect.option, effect.value)}`;
		case 'table':
			return `${effect.mode} ${effect.rows.length} combinations of ${effect.options.map(option).join(', ')}`;
		case 'autoSelect':
			return `pick ${option(effect.option)} = ${value(effect.option, effect.value)}`;
		case 'setDefault':
			return `default ${option(effect.option)} to ${value(effect.option, effect.value)}`;
		case 'priceAmount':
			return `price ${priceText(definition, effect.amount, true)}`;
		case 'pricePercent':
			return `price ${effect.basisPoints >= 0 ? '+' : '−'}${Math.abs(effect.basisPoints) / 100} %`;
		case 'pricePerCharacter':
			return `${priceText(definition, effect.amount, true)} per character of ${option(effect.option)}`;
		case 'pricePerUnit':
			return `${priceText(definition, effect.amount, true)} per unit of ${option(effect.option)}`;
		case 'leadTime':
			return `${effect.days >= 0 ? '+' : '−'}${Math.abs(effect.days)} days lead time`;
	}
}

/** "When Color is Red, exclude Sleeves = Long." */
export function describeRule(
	definition: DefinitionJson,
	rule: { when?: Condition; then: Effect[] }
): { condition: string; effect: string; sentence: string } {
	const condition = rule.when ? describeCondition(definition, rule.when) : 'always';
	const effect = rule.then.map((e) => describeEffect(definition, e)).join(', ');
	const sentence = rule.when ? `When ${condition}, ${effect}.` : `Always ${effect}.`;
	return { condition, effect, sentence };
}
