import type { Condition } from '../definition/condition.js';
import type { Definition } from '../definition/definition.js';
import type { Option } from '../definition/option.js';
import type { Effect, Rule } from '../definition/rule.js';
import type { Formula, SolverConstraint, SolverModel, SolverVariable } from '../solver/types.js';
import {
	compare,
	inputDomainOf,
	quantityDomain,
	representative,
	type InputDomain
} from './inputs.js';

/** The value of a choice-like option variable meaning "unanswered" (ids never contain spaces). */
export const NONE = ' none';

/** Solver variable ids. Ids never contain spaces, so a space separates the parts. */
export const varId = {
	/** A choice or toggle option. */
	option: (optionId: string) => `o ${optionId}`,
	/** One choice of a multi option ('0' / '1'). */
	multi: (optionId: string, choiceId: string) => `m ${optionId} ${choiceId}`,
	/** A free input's class (text length, number, upload). */
	input: (optionId: string) => `i ${optionId}`,
	/** Visibility of a free input that can be hidden ('0' / '1'). */
	visible: (optionId: string) => `v ${optionId}`,
	/** The quantity's class. */
	quantity: 'q'
} as const;

/** Where a solver constraint comes from, to explain it in the merchant's words. */
export type ConstraintOrigin =
	| { kind: 'rule'; rule: Rule; effect: Effect; effectIndex: number }
	| { kind: 'show'; optionId: string; rules: Rule[] }
	| { kind: 'showChoice'; optionId: string; choiceId: string; rules: Rule[] }
	| { kind: 'visibility'; optionId: string; rules: Rule[] }
	| { kind: 'required'; optionId: string }
	| { kind: 'multi'; optionId: string }
	| { kind: 'stock'; optionId: string };

/** The definition compiled into a solver model, with what is needed to read results back. */
export interface EngineModel {
	model: SolverModel;
	/** Constraint id → origin. */
	origins: Map<string, ConstraintOrigin>;
	/** Options by id. */
	options: Map<string, Option>;
	/** Options whose choice/toggle variable has the {@link NONE} value. */
	hasNone: Set<string>;
	/** Options that some show/hide effect targets. */
	hideable: Set<string>;
	/** Input domains of text/number/image options. */
	inputs: Map<string, InputDomain>;
	quantity: InputDomain;
}

const T: Formula = { kind: 'true' };
const F: Formula = { kind: 'false' };
const and = (items: Formula[]): Formula =>
	items.length === 0 ? T : items.length === 1 ? (items[0] as Formula) : { kind: 'and', items };
const or = (items: Formula[]): Formula =>
	items.length === 0 ? F : items.length === 1 ? (items[0] as Formula) : { kind: 'or', items };
const not = (item: Formula): Formula =>
	item.kind === 'true' ? F : item.kind === 'false' ? T : { kind: 'not', item };
const isIn = (variable: string, values: string[]): Formula =>
	values.length === 0 ? F : { kind: 'in', variable, values };

/** Enabled rules' effects, with their rule and index. */
export function enabledEffects(def: Definition): { rule: Rule; effect: Effect; index: number }[] {
	return def.rules
		.filter((r) => r.enabled)
		.flatMap((rule) => rule.then.map((effect, index) => ({ rule, effect, index })));
}

/** The enabled effects, and the rules that show or hide each option and choice. */
interface RuleIndex {
	effects: { rule: Rule; effect: Effect; index: number }[];
	showRules: Map<string, Rule[]>;
	hideRules: Map<string, Rule[]>;
	showChoiceRules: Map<string, Rule[]>;
}

function ruleIndex(def: Definition): RuleIndex {
	const effects = enabledEffects(def);
	const showRules = new Map<string, Rule[]>();
	const hideRules = new Map<string, Rule[]>();
	const showChoiceRules = new Map<string, Rule[]>();
	const push = <V>(m: Map<string, V[]>, k: string, v: V) => m.set(k, [...(m.get(k) ?? []), v]);
	for (const { rule, effect } of effects) {
		if (effect.type === 'showOption') push(showRules, effect.option, rule);
		if (effect.type === 'hideOption') push(hideRules, effect.option, rule);
		if (effect.type === 'showChoice')
			push(showChoiceRules, `${effect.option} ${effect.choice}`, rule);
	}
	return { effects, showRules, hideRules, showChoiceRules };
}

/**
 * What evaluating and explaining read of the engine model: the options, their domains, and the
 * origin of a constraint (an {@link EngineModel} is one).
 */
export type EngineReadModel = Omit<EngineModel, 'model' | 'origins'> & {
	origins: { get(id: string): ConstraintOrigin | undefined };
};

/** The part of the engine model that evaluation reads: variables and their domains. */
export type EngineDomains = Omit<EngineModel, 'model' | 'origins'> & {
	variables: SolverVariable[];
};

/**
 * The solver variables of a definition and what reads answers into them (see
 * {@link buildEngineModel}) — without the constraints, which only compiling needs: an engine on
 * an already compiled model (the storefront's) needs just these and {@link constraintOrigins}.
 */
export function engineDomains(def: Definition, rules: RuleIndex = ruleIndex(def)): EngineDomains {
	const options = new Map(def.options.map((o) => [o.id, o]));
	const { effects, showRules, hideRules } = rules;
	const hideable = new Set([...showRules.keys(), ...hideRules.keys()]);

	// Does some effect force "unanswered" on a required, never-hidden option? Then it needs NONE too.
	const forcedUnanswered = new Set(
		effects
			.filter(({ effect }) => effect.type === 'exclude' && effect.value === undefined)
			.map(({ effect }) => (effect as { option: string }).option)
	);

	const variables: SolverVariable[] = [];
	const hasNone = new Set<string>();
	const inputs = new Map<string, InputDomain>();
	for (const o of def.options) {
		if (o.kind === 'choice') {
			const values = o.choices.map((c) => c.id);
			if (!o.required || hideable.has(o.id) || forcedUnanswered.has(o.id)) {
				values.push(NONE);
				hasNone.add(o.id);
			}
			variables.push({ id: varId.option(o.id), values });
		} else if (o.kind === 'toggle') {
			variables.push({ id: varId.option(o.id), values: ['false', 'true'] });
		} else if (o.kind === 'multi') {
			for (const c of o.choices)
				variables.push({ id: varId.multi(o.id, c.id), values: ['0', '1'] });
		} else {
			const domain = inputDomainOf(def, o) as InputDomain;
			inputs.set(o.id, domain);
			variables.push({ id: varId.input(o.id), values: domain.classes.map((c) => c.id) });
			if (hideable.has(o.id)) variables.push({ id: varId.visible(o.id), values: ['0', '1'] });
		}
	}
	const quantity = quantityDomain(def);
	variables.push({ id: varId.quantity, values: quantity.classes.map((c) => c.id) });
	return { options, hasNone, hideable, inputs, quantity, variables };
}

/**
 * Where each constraint of {@link buildEngineModel} comes from, read off its id (ids name their
 * kind, option, choice or rule and effect): the same origins `buildEngineModel` records, without
 * building the constraints. The rule index is built once, on the first lookup.
 */
export function constraintOrigins(def: Definition): {
	get(id: string): ConstraintOrigin | undefined;
} {
	let rules: RuleIndex | undefined;
	return {
		get(id) {
			const [kind, first = '', second = ''] = id.split(' ');
			if (kind === 'rule') {
				const rule = def.rules.find((r) => r.id === first);
				const effectIndex = Number(second);
				const effect = rule?.then[effectIndex];
				return rule && effect ? { kind: 'rule', rule, effect, effectIndex } : undefined;
			}
			const { showRules, hideRules, showChoiceRules } = (rules ??= ruleIndex(def));
			switch (kind) {
				case 'vis':
					return {
						kind: 'visibility',
						optionId: first,
						rules: [...(showRules.get(first) ?? []), ...(hideRules.get(first) ?? [])]
					};
				case 'show':
					return { kind: 'show', optionId: first, rules: showRules.get(first) ?? [] };
				case 'showChoice':
					return {
						kind: 'showChoice',
						optionId: first,
						choiceId: second,
						rules: showChoiceRules.get(`${first} ${second}`) ?? []
					};
				case 'required':
				case 'multi':
				case 'stock':
					return { kind, optionId: first };
				default:
					return undefined;
			}
		}
	};
}

/**
 * Builds the solver model of a definition:
 * - a choice option is one variable over its choice ids, plus {@link NONE} when it is optional or
 *   can be hidden; a toggle is one variable over `false`/`true` (unanswered = off);
 * - a multi option is one `0`/`1` variable per choice and a `count` constraint for min/max;
 * - text/number/image options and the quantity are "input" variables over classes of values
 *   (see `inputs.ts`), fixed by the configuration once known; inputs that can be hidden get a
 *   visibility variable defined by their show/hide rules;
 * - hide/show effects become "hidden ⇒ unanswered", required options "visible ⇒ answered",
 *   require/exclude/table effects "condition ⇒ constraint", out-of-stock choices are forbidden.
 */
export function buildEngineModel(def: Definition): EngineModel {
	const rules = ruleIndex(def);
	const { effects, showRules, hideRules, showChoiceRules } = rules;
	const { options, hasNone, hideable, inputs, quantity, variables } = engineDomains(def, rules);

	const optionOf = (id: string) => options.get(id) as Option;

	/** "The option has an answer", as a formula. */
	const answered = (id: string): Formula => {
		const o = optionOf(id);
		switch (o.kind) {
			case 'choice':
				return hasNone.has(id) ? not(isIn(varId.option(id), [NONE])) : T;
			case 'toggle':
				return isIn(varId.option(id), ['true']);
			case 'multi':
				return or(o.choices.map((c) => isIn(varId.multi(id, c.id), ['1'])));
			default: {
				const domain = inputs.get(id) as InputDomain;
				const raw = isIn(
					varId.input(id),
					domain.classes.filter((c) => !c.none && !(c.lo === 0 && c.hi === 0)).map((c) => c.id)
				);
				return hideable.has(id) ? and([isIn(varId.visible(id), ['1']), raw]) : raw;
			}
		}
	};
	const unanswered = (id: string): Formula => not(answered(id));

	/** Selecting `value` (choice id, or boolean for toggles) in option `id`. */
	const hasValue = (id: string, value: string | boolean): Formula => {
		const o = optionOf(id);
		if (o.kind === 'toggle') return isIn(varId.option(id), [String(value)]);
		if (o.kind === 'multi') return isIn(varId.multi(id, String(value)), ['1']);
		return isIn(varId.option(id), [String(value)]);
	};

	const inputCompare = (id: string, op: Parameters<typeof compare>[1], v: number): Formula => {
		const domain = inputs.get(id) as InputDomain;
		const hits = domain.classes.filter((c) => !c.none && compare(representative(c), op, v));
		const raw = isIn(
			varId.input(id),
			hits.map((c) => c.id)
		);
		if (!hideable.has(id)) return raw;
		const vis = isIn(varId.visible(id), ['1']);
		// A hidden text has length 0; a hidden number has no value.
		const whenHidden = domain.measure === 'textLength' && compare(0, op, v) ? T : F;
		return or([and([vis, raw]), and([not(vis), whenHidden])]);
	};

	const cond = (c: Condition): Formula => {
		switch (c.type) {
			case 'and':
				return and(c.conditions.map(cond));
			case 'or':
				return or(c.conditions.map(cond));
			case 'not':
				return not(cond(c.condition));
			case 'is':
				return hasValue(c.option, c.value);
			case 'isNot':
				return not(hasValue(c.option, c.value));
			case 'in': {
				const o = optionOf(c.option);
				if (o.kind === 'multi') return or(c.values.map((v) => hasValue(c.option, v)));
				return isIn(varId.option(c.option), c.values);
			}
			case 'textLength':
			case 'number':
				return inputCompare(c.option, c.compare, c.value);
			case 'quantity':
				return isIn(
					varId.quantity,
					quantity.classes
						.filter((q) => compare(representative(q), c.compare, c.value))
						.map((q) => q.id)
				);
			case 'answered':
				return answered(c.option);
			case 'unanswered':
				return unanswered(c.option);
		}
	};
	const when = (r: Rule): Formula => (r.when ? cond(r.when) : T);
	const visibleF = (id: string): Formula => {
		const shows = showRules.get(id);
		const hides = hideRules.get(id) ?? [];
		return and([shows ? or(shows.map(when)) : T, not(or(hides.map(when)))]);
	};

	const constraints: SolverConstraint[] = [];
	const origins = new Map<string, ConstraintOrigin>();
	const add = (id: string, formula: Formula, origin: ConstraintOrigin) => {
		if (formula.kind === 'true') return;
		constraints.push({ id, formula });
		origins.set(id, origin);
	};

	for (const o of def.options) {
		const id = o.id;
		const isInput = o.kind === 'text' || o.kind === 'number' || o.kind === 'image';
		if (hideable.has(id)) {
			if (isInput)
				add(
					`vis ${id}`,
					{
						kind: 'or',
						items: [
							and([isIn(varId.visible(id), ['1']), visibleF(id)]),
							and([isIn(varId.visible(id), ['0']), not(visibleF(id))])
						]
					},
					{
						kind: 'visibility',
						optionId: id,
						rules: [...(showRules.get(id) ?? []), ...(hideRules.get(id) ?? [])]
					}
				);
			else {
				const shows = showRules.get(id);
				if (shows)
					add(`show ${id}`, or([...shows.map(when), unanswered(id)]), {
						kind: 'show',
						optionId: id,
						rules: shows
					});
				// Hide rules are separate constraints (below, with the other effects) so each is named.
			}
		}
		if (o.required) {
			const vis = isInput && hideable.has(id) ? isIn(varId.visible(id), ['1']) : visibleF(id);
			const need =
				o.kind === 'multi'
					? ({
							kind: 'count',
							items: o.choices.map((c) => isIn(varId.multi(id, c.id), ['1'])),
							min: Math.max(1, o.min),
							max: o.max ?? o.choices.length
						} satisfies Formula)
					: answered(id);
			add(
				`required ${id}`,
				{ kind: 'implies', if: vis, then: need },
				{ kind: 'required', optionId: id }
			);
		}
		if (o.kind === 'multi') {
			const items = o.choices.map((c) => isIn(varId.multi(id, c.id), ['1']));
			const max = o.max ?? o.choices.length;
			const f: Formula =
				o.min > 1
					? or([
							{ kind: 'count', items, min: 0, max: 0 },
							{ kind: 'count', items, min: o.min, max }
						])
					: max < o.choices.length
						? { kind: 'count', items, min: 0, max }
						: T;
			add(`multi ${id}`, f, { kind: 'multi', optionId: id });
		}
		if (o.kind === 'choice' || o.kind === 'multi') {
			const out = o.choices.filter((c) => c.stock === 'out_of_stock');
			if (out.length > 0)
				add(
					`stock ${id}`,
					o.kind === 'choice'
						? not(
								isIn(
									varId.option(id),
									out.map((c) => c.id)
								)
							)
						: and(out.map((c) => isIn(varId.multi(id, c.id), ['0']))),
					{ kind: 'stock', optionId: id }
				);
			for (const c of o.choices) {
				const shows = showChoiceRules.get(`${id} ${c.id}`);
				if (shows)
					add(`showChoice ${id} ${c.id}`, or([...shows.map(when), not(hasValue(id, c.id))]), {
						kind: 'showChoice',
						optionId: id,
						choiceId: c.id,
						rules: shows
					});
			}
		}
	}

	for (const { rule, effect, index } of effects) {
		const cid = `rule ${rule.id} ${index}`;
		const origin: ConstraintOrigin = { kind: 'rule', rule, effect, effectIndex: index };
		const guard = (f: Formula): Formula =>
			rule.when ? { kind: 'implies', if: when(rule), then: f } : f;
		switch (effect.type) {
			case 'hideOption':
				if (!isInputKind(optionOf(effect.option)))
					add(cid, guard(unanswered(effect.option)), origin);
				break;
			case 'hideChoice':
				add(cid, guard(not(hasValue(effect.option, effect.choice))), origin);
				break;
			case 'require':
				add(
					cid,
					guard(
						effect.value === undefined
							? answered(effect.option)
							: hasValue(effect.option, effect.value)
					),
					origin
				);
				break;
			case 'exclude':
				add(
					cid,
					guard(
						effect.value === undefined
							? unanswered(effect.option)
							: not(hasValue(effect.option, effect.value))
					),
					origin
				);
				break;
			case 'table': {
				const scope = effect.options.map((o) => varId.option(o));
				const rows: string[][] = [];
				for (const row of effect.rows) {
					const mapped = row.map((v, i) => {
						const oid = effect.options[i] as string;
						if (v !== null) return v;
						const o = optionOf(oid);
						return o.kind === 'toggle' ? 'false' : hasNone.has(oid) ? NONE : undefined;
					});
					if (mapped.every((v) => v !== undefined)) rows.push(mapped as string[]);
				}
				add(
					cid,
					guard({
						kind: 'table',
						scope,
						tuples: rows,
						semantics: effect.mode === 'allow' ? 'supports' : 'conflicts'
					}),
					origin
				);
				break;
			}
			default:
				break;
		}
	}

	return {
		model: { variables, constraints },
		origins,
		options,
		hasNone,
		hideable,
		inputs,
		quantity
	};
}

function isInputKind(o: Option): boolean {
	return o.kind === 'text' || o.kind === 'number' || o.kind === 'image';
}
