import type { Definition } from '../definition/definition.js';
import { applyBasisPoints } from '../money.js';
import type { PricingFacts } from './price.js';
import { rushTierFor } from './price.js';

/** One contribution to the lead time. */
export interface LeadTimeLine {
	kind: 'base' | 'choice' | 'toggle' | 'rule';
	label: string;
	days: number;
	optionId?: string;
	choiceId?: string;
	ruleId?: string;
}

/** A rush tier with what it costs and how fast it is for this configuration. */
export interface RushQuote {
	id: string;
	label: string;
	multiplierBasisPoints: number;
	/** Surcharge on the goods in minor units. */
	surcharge: number;
	/** Total with this tier (goods + surcharge + fees). */
	total: number;
	leadTimeDays: number;
	selected: boolean;
}

/** Production lead time of a configuration. */
export interface LeadTimeResult {
	/** Days at standard speed: base + choice deltas + rule adjustments (never below 0). */
	standardDays: number;
	/** Days with the selected rush tier. */
	days: number;
	lines: LeadTimeLine[];
	rushTierId?: string;
}

/** Lead time: base + selected choice/toggle deltas + fired `leadTime` effects; a rush tier caps it. */
export function leadTimeOf(def: Definition, facts: PricingFacts): LeadTimeResult {
	const lines: LeadTimeLine[] = [
		{ kind: 'base', label: 'Production', days: def.leadTime.baseDays }
	];
	const optionById = facts.optionById ?? new Map(def.options.map((o) => [o.id, o]));
	for (const { optionId, choiceId } of facts.choices) {
		const o = optionById.get(optionId);
		if (!o || (o.kind !== 'choice' && o.kind !== 'multi')) continue;
		const c = o.choices.find((x) => x.id === choiceId);
		if (c && c.leadTimeDeltaDays !== 0)
			lines.push({
				kind: 'choice',
				label: `${o.label}: ${c.label}`,
				days: c.leadTimeDeltaDays,
				optionId,
				choiceId
			});
	}
	for (const optionId of facts.togglesOn) {
		const o = optionById.get(optionId);
		if (o?.kind === 'toggle' && o.leadTimeDeltaDays !== 0)
			lines.push({ kind: 'toggle', label: o.label, days: o.leadTimeDeltaDays, optionId });
	}
	for (const rule of facts.firedRules)
		for (const e of rule.then)
			if (e.type === 'leadTime')
				lines.push({ kind: 'rule', label: rule.name, days: e.days, ruleId: rule.id });
	const standardDays = Math.max(
		0,
		lines.reduce((s, l) => s + l.days, 0)
	);
	const tier = rushTierFor(def, facts.rushTierId);
	const days =
		tier?.leadTimeDays !== undefined ? Math.min(standardDays, tier.leadTimeDays) : standardDays;
	return { standardDays, days, lines, ...(tier ? { rushTierId: tier.id } : {}) };
}

/** Every rush tier with its surcharge, total and lead time for goods worth `goods` and `fees`. */
export function rushQuotes(
	def: Definition,
	goods: number,
	fees: number,
	standardDays: number,
	selectedId: string | undefined
): RushQuote[] {
	return def.pricing.rushTiers.map((t) => {
		const surcharge = applyBasisPoints(goods, t.multiplierBasisPoints - 10000);
		return {
			id: t.id,
			label: t.label,
			multiplierBasisPoints: t.multiplierBasisPoints,
			surcharge,
			total: goods + surcharge + fees,
			leadTimeDays:
				t.leadTimeDays !== undefined ? Math.min(standardDays, t.leadTimeDays) : standardDays,
			selected: t.id === selectedId
		};
	});
}
