import type { Definition } from '../definition/definition.js';
import type { Rule } from '../definition/rule.js';
import type { Option } from '../definition/option.js';
import { applyBasisPoints, multiplyRounded } from '../money.js';

/** What a price line is. */
export type PriceLineKind =
	| 'base'
	| 'choice'
	| 'toggle'
	| 'rule'
	| 'perCharacter'
	| 'perUnit'
	| 'percent'
	| 'quantityTier'
	| 'rush'
	| 'fee';

/** One line of the price breakdown. */
export interface PriceLine {
	kind: PriceLineKind;
	/** In the merchant's words: the choice label, the rule name or the effect's label. */
	label: string;
	/**
	 * Integer minor units. Per unit for `base`, `choice`, `toggle`, `rule`, `perCharacter`,
	 * `perUnit`, `percent`, `quantityTier`; for the whole line item for `rush` and `fee`.
	 */
	amount: number;
	/** `unit`: multiplied by quantity; `total`: once per line item. */
	per: 'unit' | 'total';
	optionId?: string;
	choiceId?: string;
	ruleId?: string;
	feeId?: string;
	rushTierId?: string;
	/** For per-character and per-unit lines: the counted characters / units and the rate. */
	units?: number;
	rate?: number;
}

/** The price breakdown of a configuration. */
export interface PriceBreakdown {
	currency: string;
	minorUnits: number;
	lines: PriceLine[];
	/** Base + deltas + adjustments + formulas + percents, before the quantity tier. */
	unitSubtotal: number;
	/** Unit price after the quantity tier. */
	unitPrice: number;
	quantity: number;
	/** unitPrice × quantity. */
	goods: number;
	/** Rush surcharge on the goods (0 for standard). */
	rush: number;
	fees: number;
	/** goods + rush + fees. */
	total: number;
	rushTierId?: string;
}

/** What pricing needs to know of an evaluated configuration (visible, effective answers only). */
export interface PricingFacts {
	/** Selected choices of choice and multi options, in definition order. */
	choices: { optionId: string; choiceId: string }[];
	/** Toggle options that are on. */
	togglesOn: string[];
	texts: Map<string, string>;
	numbers: Map<string, number>;
	/** Enabled rules whose condition holds, in definition order. */
	firedRules: Rule[];
	quantity: number;
	/** The chosen rush tier id (default: the first tier). */
	rushTierId?: string | undefined;
	/** The definition's options by id, when the caller already has them (the engine does). */
	optionById?: ReadonlyMap<string, Option>;
}

/** Characters counted by a per-character price. */
function countCharacters(text: string, countSpaces: boolean): number {
	let n = 0;
	for (const ch of text) {
		if (ch === '\n' || ch === '\r') continue;
		if (!countSpaces && /\s/u.test(ch)) continue;
		n++;
	}
	return n;
}

/** The quantity tier that applies (the one with the highest `minQuantity` not above the quantity). */
export function quantityTierFor(def: Definition, quantity: number) {
	let best: Definition['pricing']['quantityTiers'][number] | undefined;
	for (const t of def.pricing.quantityTiers)
		if (t.minQuantity <= quantity && (!best || t.minQuantity > best.minQuantity)) best = t;
	return best;
}

/** The rush tier a configuration names, or the first one. */
export function rushTierFor(def: Definition, rushTierId: string | undefined) {
	return (
		def.pricing.rushTiers.find((t) => t.id === rushTierId) ??
		(rushTierId === undefined ? def.pricing.rushTiers[0] : undefined)
	);
}

/**
 * Prices a configuration, exactly, in integer minor units. The order is fixed and documented
 * so the result never depends on the order of selections:
 * 1. unit subtotal = base + choice/toggle deltas + rule amounts + per-character + per-unit;
 * 2. percent rules, each on that subtotal (not compounded);
 * 3. quantity tier (unit price override, or percent off);
 * 4. goods = unit price × quantity; rush = goods × (multiplier − 100 %); fees once;
 * 5. total = goods + rush + fees.
 */
export function priceConfiguration(def: Definition, facts: PricingFacts): PriceBreakdown {
	const lines: PriceLine[] = [];
	const optionById = facts.optionById ?? new Map(def.options.map((o) => [o.id, o]));
	lines.push({ kind: 'base', label: def.name, amount: def.pricing.base, per: 'unit' });
	for (const { optionId, choiceId } of facts.choices) {
		const o = optionById.get(optionId);
		if (!o || (o.kind !== 'choice' && o.kind !== 'multi')) continue;
		const c = o.choices.find((x) => x.id === choiceId);
		if (c && c.priceDelta !== 0)
			lines.push({
				kind: 'choice',
				label: `${o.label}: ${c.label}`,
				amount: c.priceDelta,
				per: 'unit',
				optionId,
				choiceId
			});
	}
	for (const optionId of facts.togglesOn) {
		const o = optionById.get(optionId);
		if (o?.kind === 'toggle' && o.priceDelta !== 0)
			lines.push({ kind: 'toggle', label: o.label, amount: o.priceDelta, per: 'unit', optionId });
	}
	const percents: { rule: Rule; basisPoints: number; label: string }[] = [];
	for (const rule of facts.firedRules) {
		for (const e of rule.then) {
			if (e.type === 'priceAmount')
				lines.push({
					kind: 'rule',
					label: e.label ?? rule.name,
					amount: e.amount,
					per: 'unit',
					ruleId: rule.id
				});
			else if (e.type === 'pricePerCharacter') {
				const text = facts.texts.get(e.option) ?? '';
				const units = Math.max(0, countCharacters(text, e.countSpaces) - e.freeCharacters);
				if (units > 0)
					lines.push({
						kind: 'perCharacter',
						label: e.label ?? rule.name,
						amount: units * e.amount,
						per: 'unit',
						ruleId: rule.id,
						optionId: e.option,
						units,
						rate: e.amount
					});
			} else if (e.type === 'pricePerUnit') {
				const value = facts.numbers.get(e.option);
				if (value !== undefined && value !== 0)
					lines.push({
						kind: 'perUnit',
						label: e.label ?? rule.name,
						amount: multiplyRounded(e.amount, value),
						per: 'unit',
						ruleId: rule.id,
						optionId: e.option,
						units: value,
						rate: e.amount
					});
			} else if (e.type === 'pricePercent')
				percents.push({ rule, basisPoints: e.basisPoints, label: e.label ?? rule.name });
		}
	}
	const beforePercent = lines.reduce((s, l) => s + l.amount, 0);
	for (const p of percents)
		lines.push({
			kind: 'percent',
			label: p.label,
			amount: applyBasisPoints(beforePercent, p.basisPoints),
			per: 'unit',
			ruleId: p.rule.id
		});
	const unitSubtotal = lines.reduce((s, l) => s + l.amount, 0);
	return priceAtQuantity(
		def,
		lines,
		unitSubtotal,
		facts.quantity,
		rushTierFor(def, facts.rushTierId)
	);
}

/** Lines of a breakdown that are per unit before the quantity tier (steps 1 and 2). */
const UNIT_STAGE: ReadonlySet<PriceLineKind> = new Set<PriceLineKind>([
	'base',
	'choice',
	'toggle',
	'rule',
	'perCharacter',
	'perUnit',
	'percent'
]);

/**
 * The breakdown of the same answers at another quantity: steps 3 to 5 of
 * {@link priceConfiguration} again (quantity tier, goods, rush, fees) on its unit lines. Exactly
 * what evaluating at `quantity` gives when no rule of the product looks at the quantity (the
 * answers and the rules that fire are then the same); a caller checks that first.
 */
export function repriceAtQuantity(
	def: Definition,
	price: PriceBreakdown,
	quantity: number
): PriceBreakdown {
	return priceAtQuantity(
		def,
		price.lines.filter((line) => UNIT_STAGE.has(line.kind)),
		price.unitSubtotal,
		quantity,
		def.pricing.rushTiers.find((tier) => tier.id === price.rushTierId)
	);
}

/** Steps 3 to 5: the quantity tier on the unit subtotal, goods, rush and fees. */
function priceAtQuantity(
	def: Definition,
	unitLines: readonly PriceLine[],
	unitSubtotal: number,
	quantity: number,
	rushTier: Definition['pricing']['rushTiers'][number] | undefined
): PriceBreakdown {
	const lines = [...unitLines];
	let unitPrice = unitSubtotal;
	const tier = quantityTierFor(def, quantity);
	if (tier) {
		const target =
			tier.unitPrice !== undefined
				? tier.unitPrice
				: unitSubtotal - applyBasisPoints(unitSubtotal, tier.percentOff ?? 0);
		if (target !== unitSubtotal)
			lines.push({
				kind: 'quantityTier',
				label:
					tier.unitPrice !== undefined
						? `${tier.minQuantity}+ pieces`
						: `${tier.minQuantity}+ pieces: ${(tier.percentOff ?? 0) / 100} % off`,
				amount: target - unitSubtotal,
				per: 'unit'
			});
		unitPrice = target;
	}
	const goods = unitPrice * quantity;

	let rush = 0;
	if (rushTier && rushTier.multiplierBasisPoints !== 10000) {
		rush = applyBasisPoints(goods, rushTier.multiplierBasisPoints - 10000);
		lines.push({
			kind: 'rush',
			label: rushTier.label,
			amount: rush,
			per: 'total',
			rushTierId: rushTier.id
		});
	}
	let fees = 0;
	for (const f of def.pricing.fees) {
		fees += f.amount;
		lines.push({ kind: 'fee', label: f.label, amount: f.amount, per: 'total', feeId: f.id });
	}
	return {
		currency: def.currency.code,
		minorUnits: def.currency.minorUnits,
		lines,
		unitSubtotal,
		unitPrice,
		quantity,
		goods,
		rush,
		fees,
		total: goods + rush + fees,
		...(rushTier ? { rushTierId: rushTier.id } : {})
	};
}
