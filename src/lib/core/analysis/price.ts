import type { Definition } from '../definition/definition.js';
import { NONE, varId } from '../engine/model.js';
import { formatMoney } from '../money.js';
import type { Assignment, CompiledModel } from '../solver/types.js';
import { diagnostic, type AnalysisDiagnostic } from './codes.js';
import type { Probed } from './probes.js';

/** Weight of each value of a solver variable (minor units); absent values weigh 0. */
type Weights = Map<string, Map<string, number>>;

/** The lowest unit price found, and whether it is exact. */
export interface MinimumUnitPrice {
	/** Lowest unit subtotal (base + deltas + rule amounts + formulas), in minor units; `-Infinity` when unbounded. */
	amount: number;
	/** True when `amount` is attained by `witness`; false when it is only a lower bound. */
	exact: boolean;
	/** A complete valid assignment attaining it (solver variable → value). */
	witness?: Record<string, string>;
}

/** The search's budget: supportedValues calls. */
const NODE_BUDGET = 4000;

/**
 * The exact minimum of the unit subtotal over valid configurations, where the price is additive
 * over solver variables: choice/multi/toggle deltas, and rule amounts weighted on the rule's
 * fire probe. Per-character and per-unit formulas add their most negative value (a bound).
 * Branch and bound on the compiled model: the bound is the sum of each variable's cheapest
 * still-supported value (exact supports make it tight); budgeted, then a lower bound.
 */
export function minimumUnitPrice(
	def: Definition,
	compiled: CompiledModel,
	probed: Probed
): MinimumUnitPrice {
	const weights: Weights = new Map();
	const add = (variable: string, value: string, amount: number) => {
		if (amount === 0) return;
		const m = weights.get(variable) ?? new Map<string, number>();
		m.set(value, (m.get(value) ?? 0) + amount);
		weights.set(variable, m);
	};
	let constant = def.pricing.base;
	for (const o of def.options) {
		if (o.kind === 'choice') for (const c of o.choices) add(varId.option(o.id), c.id, c.priceDelta);
		else if (o.kind === 'multi')
			for (const c of o.choices) add(varId.multi(o.id, c.id), '1', c.priceDelta);
		else if (o.kind === 'toggle') add(varId.option(o.id), 'true', o.priceDelta);
	}
	const optionById = new Map(def.options.map((o) => [o.id, o]));
	for (const rule of def.rules) {
		if (!rule.enabled) continue;
		let amount = 0;
		for (const e of rule.then) {
			if (e.type === 'priceAmount') amount += e.amount;
			else if (e.type === 'pricePerCharacter' && e.amount < 0) {
				const o = optionById.get(e.option);
				if (o?.kind === 'text') amount += e.amount * Math.max(0, o.maxLength - e.freeCharacters);
			} else if (e.type === 'pricePerUnit') {
				const o = optionById.get(e.option);
				if (o?.kind !== 'number') continue;
				const ends = [o.min ?? -Infinity, o.max ?? Infinity].map((x) => e.amount * x);
				const low = Math.min(0, ...ends.map((x) => (Number.isNaN(x) ? 0 : x)));
				if (low === -Infinity) return { amount: -Infinity, exact: false };
				amount += Math.floor(low);
			}
		}
		if (amount === 0) continue;
		const probe = probed.fires.get(rule.id);
		if (probe) add(probe, '0', amount);
		else constant += amount;
	}
	const vars = [...weights.keys()].filter((v) => compiled.variables.some((x) => x.id === v));
	const minOf = (v: string, allowed: Set<string> | undefined): number => {
		const w = weights.get(v) as Map<string, number>;
		let m = Infinity;
		for (const value of allowed ?? []) m = Math.min(m, w.get(value) ?? 0);
		return m;
	};

	let nodes = 0;
	let best = Infinity;
	let witness: Record<string, string> | undefined;
	let exhausted = false;
	const rootSupport = compiled.supportedValues({});
	const rootBound = constant + vars.reduce((s, v) => s + minOf(v, rootSupport.get(v)), 0);

	const search = (assignment: Assignment, cost: number, rest: string[]) => {
		if (exhausted) return;
		if (++nodes > NODE_BUDGET) {
			exhausted = true;
			return;
		}
		if (rest.length === 0) {
			if (cost < best) {
				best = cost;
				witness = { ...(assignment as Record<string, string>) };
			}
			return;
		}
		const support = compiled.supportedValues(assignment);
		let bound = cost;
		for (const v of rest) bound += minOf(v, support.get(v));
		if (!(bound < best)) return;
		// Branch on the variable with the widest spread of weights among its supported values.
		let pick = rest[0] as string;
		let spread = -1;
		for (const v of rest) {
			const w = weights.get(v) as Map<string, number>;
			const ws = [...(support.get(v) ?? [])].map((x) => w.get(x) ?? 0);
			const s = Math.max(...ws) - Math.min(...ws);
			if (s > spread) {
				spread = s;
				pick = v;
			}
		}
		const w = weights.get(pick) as Map<string, number>;
		const values = [...(support.get(pick) ?? [])].sort((a, b) => (w.get(a) ?? 0) - (w.get(b) ?? 0));
		const others = rest.filter((v) => v !== pick);
		for (const value of values)
			search({ ...assignment, [pick]: value }, cost + (w.get(value) ?? 0), others);
	};
	if (compiled.isSatisfiable({})) search({}, constant, vars);
	if (exhausted || best === Infinity) return { amount: Math.min(rootBound, best), exact: false };
	// Complete the witness into a whole configuration, to show the merchant.
	const full = witness ? (compiled.findSolution(witness) ?? witness) : undefined;
	return { amount: best, exact: true, ...(full ? { witness: full } : {}) };
}

/** Words for a witness assignment: "Metal = Gold, Shape = Bar, rule 'Big order' applies". */
function describeWitness(def: Definition, probed: Probed, witness: Record<string, string>): string {
	const parts: string[] = [];
	for (const o of def.options) {
		if (o.kind === 'choice') {
			const v = witness[varId.option(o.id)];
			if (v !== undefined && v !== NONE)
				parts.push(`${o.label} = ${o.choices.find((c) => c.id === v)?.label ?? v}`);
		} else if (o.kind === 'multi') {
			const picked = o.choices
				.filter((c) => witness[varId.multi(o.id, c.id)] === '1')
				.map((c) => c.label);
			if (picked.length > 0) parts.push(`${o.label} = ${picked.join(' + ')}`);
		} else if (o.kind === 'toggle' && witness[varId.option(o.id)] === 'true')
			parts.push(`${o.label} on`);
	}
	for (const [ruleId, v] of probed.fires)
		if (witness[v] === '0')
			parts.push(`rule '${def.rules.find((r) => r.id === ruleId)?.name ?? ruleId}' applies`);
	return parts.join(', ');
}

/**
 * `price-missing` (base 0 and nothing adds to it) and `negative-price` (some valid
 * configuration costs less than nothing: the unit subtotal, a quantity tier's unit price,
 * percent discounts over 100 %, or fees that outweigh the cheapest order).
 */
export function checkPrice(
	def: Definition,
	compiled: CompiledModel | undefined,
	probed: Probed | undefined,
	out: AnalysisDiagnostic[]
): void {
	const p = def.pricing;
	const money = (n: number) => formatMoney(n, def.currency.code, def.currency.minorUnits);
	const anyDelta = def.options.some(
		(o) =>
			((o.kind === 'choice' || o.kind === 'multi') && o.choices.some((c) => c.priceDelta !== 0)) ||
			(o.kind === 'toggle' && o.priceDelta !== 0)
	);
	const priceEffects = def.rules.some(
		(r) =>
			r.enabled &&
			r.then.some((e) => e.type.startsWith('price') && !('amount' in e && e.amount === 0))
	);
	const tierPrice = p.quantityTiers.some((t) => (t.unitPrice ?? 0) !== 0);
	const feeTotal = p.fees.reduce((s, f) => s + f.amount, 0);
	if (p.base === 0 && !anyDelta && !priceEffects && !tierPrice && feeTotal === 0)
		out.push(
			diagnostic(
				'price-missing',
				'pricing.base',
				`${def.name} has no price: the base price is ${money(0)} and no choice, toggle or rule adds to it.`
			)
		);

	for (const [i, t] of p.quantityTiers.entries())
		if (t.unitPrice !== undefined && t.unitPrice < 0)
			out.push(
				diagnostic(
					'negative-price',
					`pricing.quantityTiers[${i}].unitPrice`,
					`From ${t.minQuantity} pieces the unit price is ${money(t.unitPrice)}: a negative price.`
				)
			);
	if (!compiled || !probed) return;

	const min = minimumUnitPrice(def, compiled, probed);
	// Percent rules apply to the subtotal; bound the discounts by all of them firing together.
	let down = 10000;
	for (const r of def.rules)
		if (r.enabled)
			for (const e of r.then)
				if (e.type === 'pricePercent' && e.basisPoints < 0) down += e.basisPoints;
	if (min.amount < 0 && min.amount !== -Infinity) {
		const how = min.witness
			? ` (${describeWitness(def, probed, min.witness) || 'with nothing chosen'})`
			: '';
		out.push(
			diagnostic(
				'negative-price',
				'pricing',
				min.exact
					? `The unit price can fall to ${money(min.amount)}${how}: choice deltas and rule adjustments outweigh the base price of ${money(p.base)}.`
					: `The unit price may fall below zero (down to ${money(min.amount)} at worst): choice deltas and rule adjustments can outweigh the base price of ${money(p.base)}.`
			)
		);
		return;
	}
	if (min.amount === -Infinity) {
		out.push(
			diagnostic(
				'negative-price',
				'pricing',
				'The unit price has no lower bound: a negative per-unit price applies to a number without a limit.'
			)
		);
		return;
	}
	if (down < 0 && min.amount >= 0) {
		out.push(
			diagnostic(
				'negative-price',
				'rules',
				`Percent adjustments can add up to ${(down - 10000) / 100} %: more than the whole price.`
			)
		);
		return;
	}
	const multipliers = p.rushTiers.map((t) => t.multiplierBasisPoints);
	const cheapestRush = multipliers.length > 0 ? Math.min(...multipliers) : 10000;
	const unit = Math.floor((min.amount * Math.max(0, down)) / 10000);
	const goods = Math.floor((unit * p.minQuantity * cheapestRush) / 10000);
	if (feeTotal < 0 && goods + feeTotal < 0)
		out.push(
			diagnostic(
				'negative-price',
				'pricing.fees',
				`The fees (${money(feeTotal)}) can outweigh the cheapest order (${money(goods)} for ${p.minQuantity}): the total would be negative.`
			)
		);
}
