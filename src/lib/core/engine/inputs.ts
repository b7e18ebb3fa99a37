import type { CompareOperator } from '../definition/common.js';
import type { Condition } from '../definition/condition.js';
import type { Definition } from '../definition/definition.js';
import type { NumberOption, Option } from '../definition/option.js';

/**
 * Free inputs (text length, number value, upload presence, quantity) enter the solver model as
 * one variable each whose values are *classes*: the intervals into which the thresholds of the
 * definition's conditions cut the input's range. Every condition on the input is then a set of
 * classes, and classes of one input exclude each other — so the solver never combines
 * "length > 10" with "length ≤ 5".
 */
export interface InputClass {
	/** Value id in the solver model. */
	id: string;
	/** Inclusive bounds (numbers: see `loOpen`/`hiOpen`); `none` for the unanswered class. */
	none?: true;
	lo: number;
	hi: number;
	loOpen: boolean;
	hiOpen: boolean;
}

/** The classes of one input variable. */
export interface InputDomain {
	/** What is measured: a text's length, a number's value, an upload's presence, the quantity. */
	measure: 'textLength' | 'number' | 'upload' | 'quantity';
	classes: InputClass[];
}

/** Compares `x op v`. */
export function compare(x: number, op: CompareOperator, v: number): boolean {
	switch (op) {
		case 'lt':
			return x < v;
		case 'lte':
			return x <= v;
		case 'eq':
			return x === v;
		case 'neq':
			return x !== v;
		case 'gte':
			return x >= v;
		case 'gt':
			return x > v;
	}
}

/** Thresholds of all conditions (rules, layers) on `measure` of option `optionId` (or on quantity). */
function thresholds(
	def: Definition,
	type: 'textLength' | 'number' | 'quantity',
	optionId?: string
) {
	const out = new Set<number>();
	const walk = (c: Condition): void => {
		if (c.type === 'and' || c.type === 'or') c.conditions.forEach(walk);
		else if (c.type === 'not') walk(c.condition);
		else if (c.type === type && (type === 'quantity' || ('option' in c && c.option === optionId)))
			out.add(c.value);
	};
	for (const r of def.rules) if (r.enabled && r.when) walk(r.when);
	return [...out].sort((a, b) => a - b);
}

/** Integer intervals of [lo, hi] cut before every `v` and `v + 1` (so `x op v` is constant on each). */
function integerClasses(lo: number, hi: number, cuts: number[]): InputClass[] {
	const starts = new Set<number>([lo]);
	for (const v of cuts) {
		if (v > lo && v <= hi) starts.add(v);
		if (v + 1 > lo && v + 1 <= hi) starts.add(v + 1);
	}
	const sorted = [...starts].sort((a, b) => a - b);
	return sorted.map((s, i) => {
		const next = sorted[i + 1];
		const e = next === undefined ? hi : next - 1;
		return {
			id: s === e ? `${s}` : e === Infinity ? `${s}..` : `${s}..${e}`,
			lo: s,
			hi: e,
			loOpen: false,
			hiOpen: false
		};
	});
}

/** Classes of a number option: the unanswered class, then points and open intervals. */
function numberClasses(o: NumberOption, cuts: number[]): InputClass[] {
	const points = new Set(cuts.filter((v) => (o.min ?? -Infinity) <= v && v <= (o.max ?? Infinity)));
	if (o.min !== undefined) points.add(o.min);
	if (o.max !== undefined) points.add(o.max);
	const p = [...points].sort((a, b) => a - b);
	const classes: InputClass[] = [
		{ id: 'none', none: true, lo: NaN, hi: NaN, loOpen: true, hiOpen: true }
	];
	const open = (lo: number, hi: number) =>
		classes.push({ id: `(${lo},${hi})`, lo, hi, loOpen: true, hiOpen: true });
	if (p.length === 0) open(-Infinity, Infinity);
	else {
		if (o.min === undefined) open(-Infinity, p[0] as number);
		p.forEach((v, i) => {
			classes.push({ id: `=${v}`, lo: v, hi: v, loOpen: false, hiOpen: false });
			const next = p[i + 1];
			if (next !== undefined) open(v, next);
		});
		if (o.max === undefined) open(p[p.length - 1] as number, Infinity);
	}
	return classes.filter((c) => c.none || numberClassHasValue(o, c));
}

/** Whether a class holds at least one value allowed by the option's step (when the range is finite and small). */
function numberClassHasValue(o: NumberOption, c: InputClass): boolean {
	if (o.step === undefined) return true;
	const origin = o.min ?? 0;
	const first = Math.ceil((c.lo - origin) / o.step - 1e-9);
	const last = Math.floor((c.hi - origin) / o.step + 1e-9);
	if (!Number.isFinite(first) || !Number.isFinite(last)) return true;
	for (let k = first; k <= last && k - first < 100_000; k++) {
		const x = origin + k * o.step;
		if (classContains(c, x)) return true;
	}
	return false;
}

/** Whether a class contains `x`. */
export function classContains(c: InputClass, x: number): boolean {
	if (c.none) return false;
	const aboveLo = c.loOpen ? x > c.lo : x >= c.lo;
	const belowHi = c.hiOpen ? x < c.hi : x <= c.hi;
	return aboveLo && belowHi;
}

/** A point inside the class, to evaluate conditions on it (classes never straddle a threshold). */
export function representative(c: InputClass): number {
	if (!c.loOpen) return c.lo;
	if (!c.hiOpen) return c.hi;
	if (c.lo === -Infinity) return c.hi === Infinity ? 0 : c.hi - 1;
	if (c.hi === Infinity) return c.lo + 1;
	return (c.lo + c.hi) / 2;
}

/** The input domain of an option that is a free input, or undefined for choice-like options. */
export function inputDomainOf(def: Definition, o: Option): InputDomain | undefined {
	switch (o.kind) {
		case 'text':
			return {
				measure: 'textLength',
				classes: integerClasses(0, o.maxLength, [0, ...thresholds(def, 'textLength', o.id)])
			};
		case 'number':
			return { measure: 'number', classes: numberClasses(o, thresholds(def, 'number', o.id)) };
		case 'image':
			return {
				measure: 'upload',
				classes: [
					{ id: 'none', none: true, lo: 0, hi: 0, loOpen: false, hiOpen: false },
					{ id: 'uploaded', lo: 1, hi: 1, loOpen: false, hiOpen: false }
				]
			};
		default:
			return undefined;
	}
}

/** The quantities enabled rules compare the order's quantity with (none: no rule looks at it). */
export function quantityThresholds(def: Definition): number[] {
	return thresholds(def, 'quantity');
}

/** The quantity's domain: integer intervals of [minQuantity, maxQuantity]. */
export function quantityDomain(def: Definition): InputDomain {
	return {
		measure: 'quantity',
		classes: integerClasses(
			def.pricing.minQuantity,
			def.pricing.maxQuantity ?? Infinity,
			quantityThresholds(def)
		)
	};
}

/** The class holding a measured value, clamped into the domain (out-of-range values are option errors). */
export function classOf(domain: InputDomain, value: number | undefined): InputClass {
	const classes = domain.classes;
	if (value === undefined) {
		const none = classes.find((c) => c.none);
		if (none) return none;
	}
	const x = value ?? 0;
	const hit = classes.find((c) => classContains(c, x));
	if (hit) return hit;
	const real = classes.filter((c) => !c.none);
	const first = real[0] as InputClass;
	const last = real[real.length - 1] as InputClass;
	return x < first.lo ? first : last;
}
