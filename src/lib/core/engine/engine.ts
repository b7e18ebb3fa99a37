import type { Configuration, ConfigurationInput, Selection } from '../definition/configuration.js';
import type { Definition } from '../definition/definition.js';
import { formatPath } from '../definition/errors.js';
import { checkConfigurationShape } from '../definition/configuration-check.js';
import { translator } from '../definition/translate.js';
import type { Option } from '../definition/option.js';
import { checkConfigurationReferences } from '../definition/references.js';
import type { Rule } from '../definition/rule.js';
import {
	leadTimeOf,
	rushQuotes,
	type LeadTimeResult,
	type RushQuote
} from '../pricing/lead-time.js';
import { priceConfiguration, type PriceBreakdown, type PricingFacts } from '../pricing/price.js';
import type { Assignment, CompiledModel, SolverModel } from '../solver/types.js';
import {
	evaluateCondition,
	isAnswered,
	normalizeSelections,
	textLength,
	type Answer,
	type Answers
} from './answers.js';
import { memoizeQueries } from './cache.js';
import { dependencyOrder, findRuleCycles, type RuleCycle } from './cycles.js';
import { ENGINE_CODES, type Diagnostic } from './diagnostics.js';
import { explainInWords, type UnavailableReason } from './explain.js';
import { classOf } from './inputs.js';
import {
	constraintOrigins,
	enabledEffects,
	engineDomains,
	NONE,
	varId,
	type EngineModel,
	type EngineReadModel
} from './model.js';
import { characterTest, validateAnswer } from './validate.js';

/** Where an effective answer comes from. */
export type SelectionSource = 'customer' | 'auto' | 'default';

/** The state of one choice of a choice/multi option. */
export interface ChoiceState {
	id: string;
	label: string;
	/** Not hidden by a show/hide-choice rule. */
	visible: boolean;
	/** A complete valid configuration exists with this choice and the customer's other selections. */
	available: boolean;
	selected: boolean;
	stock: 'in_stock' | 'low' | 'out_of_stock';
	/** Why it is unavailable (when explanations are on). */
	reason?: UnavailableReason;
}

/** The state of one option. */
export interface OptionState {
	id: string;
	kind: Option['kind'];
	label: string;
	visible: boolean;
	/** Required by the definition, or by a fired `require` rule without a value. */
	required: boolean;
	answered: boolean;
	/** Where the effective answer comes from (absent when unanswered). */
	source?: SelectionSource;
	/** The effective answer, in configuration form. */
	value?: Selection;
	/** Selected choice ids (choice, multi), `['true']`/`['false']` for toggles, `[]` otherwise. */
	selected: string[];
	/**
	 * Choice/multi options: whether leaving the option unanswered extends to a valid
	 * configuration (with its own answer relaxed) — the "none" a storefront may offer.
	 */
	skippable?: boolean;
	/** Choice ids (toggles: `'true'`/`'false'`) that extend to a valid configuration. */
	available: string[];
	choices?: ChoiceState[];
	errors: Diagnostic[];
}

/** The result of {@link Engine.evaluate}. */
export interface Evaluation {
	/** No conflict among the selections and no content error (a missing answer is not invalid). */
	valid: boolean;
	/** Valid, every visible required option answered, and the configuration as it stands is valid. */
	complete: boolean;
	options: OptionState[];
	/** Every message: configuration-level and per option. */
	errors: Diagnostic[];
	price: PriceBreakdown;
	leadTime: LeadTimeResult;
	rushTiers: RushQuote[];
	/** The effective configuration: visible customer answers plus auto-selected and default values. */
	configuration: Configuration;
	/** Option id → source of each effective answer. */
	sources: Record<string, SelectionSource>;
}

/** Options of {@link Engine.evaluate}. */
export interface EvaluateOptions {
	/** Explain unavailable choices (default true). Explanations cost a solver search each. */
	explain?: boolean;
	/** Compute availability of the alternatives of answered options (default true). */
	alternatives?: boolean;
}

/** A compiled product: evaluate configurations, count them, explain unavailable choices. */
export interface Engine {
	readonly definition: Definition;
	/** Compile-time diagnostics (rule cycles). */
	readonly diagnostics: readonly Diagnostic[];
	readonly cycles: readonly RuleCycle[];
	/** The compiled solver model (serializable with `serialize()`, to ship with a published definition). */
	readonly compiled: CompiledModel;
	/** Everything a storefront shows after a customer action. Never throws on bad configurations. */
	evaluate(configuration?: ConfigurationInput, options?: EvaluateOptions): Evaluation;
	/**
	 * Number of valid complete configurations extending the configuration's selections (over
	 * choice-like options; free text/number/upload inputs count as their current value, so 1).
	 */
	count(configuration?: ConfigurationInput): bigint;
	/** Why a choice (or a toggle value `'true'`/`'false'`) is unavailable, or null when it is available. */
	explain(
		configuration: ConfigurationInput,
		optionId: string,
		choiceId: string
	): UnavailableReason | null;
}

/** Compiles a solver model (the solver's `compileModel`, or a test oracle). */
export type CompileModel = (model: SolverModel) => CompiledModel;

/** Options of {@link createEngine}. */
export interface CreateEngineOptions {
	/** How to compile the solver model (default: the solver's `compileModel`; tests pass an oracle). */
	compile?: CompileModel;
	/**
	 * An already compiled model of this definition (e.g. `loadCompiledModel` of the form shipped
	 * with a published version): no compilation at all. Its variables must be the definition's.
	 */
	compiled?: CompiledModel;
}

interface Resolved {
	answers: Answers;
	visible: Map<string, boolean>;
	choiceVisible: Map<string, boolean>;
	dropped: Diagnostic[];
}

/**
 * {@link createEngine} without the solver's compiler in the bundle: from a compiled model (e.g.
 * `loadCompiledDiagram` of the form shipped with a published version) or a given compile
 * function. The storefront runtime uses it, so its scripts carry no compiler.
 * @throws Error when `compiled` belongs to another definition (other variables or values).
 */
export function createEngineWith(
	definition: Definition,
	source: CompiledModel | CompileModel,
	buildModel?: (definition: Definition) => EngineModel
): Engine {
	const def = definition;
	let em: EngineReadModel;
	let raw: CompiledModel;
	if (typeof source === 'function') {
		// Compiling needs the constraints, which only `buildEngineModel` makes: it is passed in,
		// so an engine on a compiled model (the storefront's) carries no constraint builder.
		if (!buildModel) throw new Error('createEngineWith: compiling needs buildEngineModel');
		const full = buildModel(def);
		em = full;
		raw = source(full.model);
	} else {
		const domains = engineDomains(def);
		em = { ...domains, origins: constraintOrigins(def) };
		raw = source;
		const expected = domains.variables.map((v) => `${v.id}=${v.values.join('|')}`).join(',');
		const got = raw.variables.map((v) => `${v.id}=${v.values.join('|')}`).join(',');
		if (expected !== got)
			throw new Error('createEngine: the compiled model belongs to another definition');
	}
	const compiled = memoizeQueries(raw);
	const cycles = findRuleCycles(def);
	const inCycle = new Set(cycles.flatMap((c) => c.options));
	const order = dependencyOrder(def);
	const diagnostics: Diagnostic[] = cycles.map((c) => ({
		code: ENGINE_CODES.ruleCycle,
		severity: 'warning',
		path: `rules[${def.rules.findIndex((r) => r.id === c.rules[0])}]`,
		message: `rules ${c.rules.map((r) => `'${def.rules.find((x) => x.id === r)?.name ?? r}'`).join(', ')} depend on each other through ${c.options.map((o) => em.options.get(o)?.label ?? o).join(', ')}; they are evaluated once, in definition order`
	}));
	const effects = enabledEffects(def);
	const charTests = new Map(def.options.map((o) => [o.id, characterTest(o)]));
	// Names an evaluation would otherwise rebuild for every option and choice, every time: solver
	// variables, error paths, translation keys and choice-visibility keys.
	const names = new Map(
		def.options.map((o) => [
			o.id,
			{
				variable:
					o.kind === 'multi'
						? ''
						: o.kind === 'choice' || o.kind === 'toggle'
							? varId.option(o.id)
							: varId.input(o.id),
				path: formatPath(['selections', o.id]),
				label: `option.${o.id}.label`,
				choices:
					o.kind === 'choice' || o.kind === 'multi'
						? o.choices.map((c) => ({
								variable: varId.multi(o.id, c.id),
								label: `choice.${o.id}.${c.id}.label`,
								key: `${o.id} ${c.id}`
							}))
						: []
			}
		])
	);
	type Names = typeof names extends Map<string, infer N> ? N : never;
	const namesOf = (id: string) => names.get(id) as Names;
	const pathOf = (id: string) => names.get(id)?.path ?? formatPath(['selections', id]);

	const showOpt = new Map<string, Rule[]>();
	const hideOpt = new Map<string, Rule[]>();
	const showCh = new Map<string, Rule[]>();
	const hideCh = new Map<string, Rule[]>();
	const autoSel = new Map<string, { rule: Rule; value: string | boolean }[]>();
	const setDef = new Map<string, { rule: Rule; value: string | boolean }[]>();
	const push = <V>(m: Map<string, V[]>, k: string, v: V) => m.set(k, [...(m.get(k) ?? []), v]);
	for (const { rule, effect: e } of effects) {
		if (e.type === 'showOption') push(showOpt, e.option, rule);
		else if (e.type === 'hideOption') push(hideOpt, e.option, rule);
		else if (e.type === 'showChoice') push(showCh, `${e.option} ${e.choice}`, rule);
		else if (e.type === 'hideChoice') push(hideCh, `${e.option} ${e.choice}`, rule);
		else if (e.type === 'autoSelect') push(autoSel, e.option, { rule, value: e.value });
		else if (e.type === 'setDefault') push(setDef, e.option, { rule, value: e.value });
	}
	const fires = (r: Rule, answers: Answers, q: number) =>
		!r.when || evaluateCondition(r.when, answers, q);
	// Rules with a "require" effect without a value (the option must be answered).
	const requireRules = def.rules.filter(
		(rule) => rule.enabled && rule.then.some((e) => e.type === 'require' && e.value === undefined)
	);

	/** Visibility in dependency order; answers of hidden options and hidden choices are dropped. */
	// Visibility plan, in dependency order: only choices that some rule shows or hides are listed.
	const plan = order.map((id) => {
		const o = em.options.get(id) as Option;
		const choiceRules =
			o.kind === 'choice' || o.kind === 'multi'
				? o.choices
						.map((c) => ({
							choice: c,
							key: `${id} ${c.id}`,
							shows: showCh.get(`${id} ${c.id}`),
							hides: hideCh.get(`${id} ${c.id}`) ?? []
						}))
						.filter((x) => x.shows !== undefined || x.hides.length > 0)
				: [];
		return { id, o, shows: showOpt.get(id), hides: hideOpt.get(id) ?? [], choiceRules };
	});

	/**
	 * Visibility in dependency order; answers of hidden options and hidden choices are dropped.
	 * `choiceVisible` lists only choices some rule shows or hides (others follow their option).
	 */
	// Without any show/hide rule everything is visible and nothing is dropped: one shared result
	// shape (callers only read a Resolved's maps).
	const hidesNothing = plan.every(
		(p) => p.shows === undefined && p.hides.length === 0 && p.choiceRules.length === 0
	);
	const allVisible = new Map(plan.map((p) => [p.id, true]));
	const noChoiceRules = new Map<string, boolean>();
	function resolve(input: Answers, quantity: number, warn: boolean): Resolved {
		if (hidesNothing)
			return { answers: input, visible: allVisible, choiceVisible: noChoiceRules, dropped: [] };
		// Copied on the first change only: most products hide nothing most of the time. Callers
		// never change the answers of a Resolved.
		let answers: Answers = input;
		const own = () => (answers === input ? (answers = new Map(input)) : answers);
		const visible = new Map<string, boolean>();
		const choiceVisible = new Map<string, boolean>();
		const dropped: Diagnostic[] = [];
		for (const { id, o, shows, hides, choiceRules } of plan) {
			const vis =
				(!shows || shows.some((r) => fires(r, answers, quantity))) &&
				!hides.some((r) => fires(r, answers, quantity));
			visible.set(id, vis);
			if (!vis) {
				if (warn && isAnswered(answers.get(id)))
					dropped.push({
						code: ENGINE_CODES.hiddenAnswer,
						severity: 'warning',
						path: pathOf(id),
						message: `${o.label} is hidden; its answer is ignored`
					});
				if (answers.has(id)) own().delete(id);
			}
			for (const { choice: c, key, shows: cs, hides: ch } of choiceRules) {
				const cv =
					vis &&
					(!cs || cs.some((r) => fires(r, answers, quantity))) &&
					!ch.some((r) => fires(r, answers, quantity));
				choiceVisible.set(key, cv);
				if (cv || !vis) continue;
				const a = answers.get(id);
				const hit =
					(a?.kind === 'choice' && a.choice === c.id) ||
					(a?.kind === 'multi' && a.choices.includes(c.id));
				if (!hit) continue;
				if (warn)
					dropped.push({
						code: ENGINE_CODES.hiddenAnswer,
						severity: 'warning',
						path: pathOf(id),
						message: `${c.label} is not offered for ${o.label} here; it is ignored`
					});
				if (a?.kind === 'choice') own().delete(id);
				else if (a?.kind === 'multi')
					own().set(id, { kind: 'multi', choices: a.choices.filter((x) => x !== c.id) });
			}
		}
		return { answers, visible, choiceVisible, dropped };
	}

	/** Solver assignment of answers. `fill`: unanswered options as unanswered (else left free). */
	function toAssignment(answers: Answers, quantity: number, fill: boolean): Record<string, string> {
		const a: Record<string, string> = {};
		for (const o of def.options) {
			const ans = answers.get(o.id);
			const n = namesOf(o.id);
			switch (o.kind) {
				case 'choice':
					if (ans?.kind === 'choice') a[n.variable] = ans.choice;
					else if (fill && em.hasNone.has(o.id)) a[n.variable] = NONE;
					break;
				case 'toggle':
					if (ans?.kind === 'toggle') a[n.variable] = String(ans.on);
					else if (fill) a[n.variable] = 'false';
					break;
				case 'multi':
					// An empty multi answer is "not answered yet": its choices stay free.
					if ((ans?.kind === 'multi' && ans.choices.length > 0) || fill)
						o.choices.forEach((c, i) => {
							a[(n.choices[i] as Names['choices'][number]).variable] =
								ans?.kind === 'multi' && ans.choices.includes(c.id) ? '1' : '0';
						});
					break;
				default: {
					const domain = em.inputs.get(o.id);
					if (!domain) break;
					const measured = measure(ans);
					if (measured !== undefined || fill) a[n.variable] = classOf(domain, measured).id;
				}
			}
		}
		a[varId.quantity] = classOf(em.quantity, quantity).id;
		return a;
	}

	function normalize(input: ConfigurationInput | undefined): {
		config: Configuration;
		errors: Diagnostic[];
	} {
		// Without a quantity, the product's minimum quantity (not 1) is ordered.
		const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
		const parsed = checkConfigurationShape(
			input === undefined || isObject ? { quantity: def.pricing.minQuantity, ...input } : input
		);
		if (!parsed.ok)
			return {
				config: { selections: {}, quantity: def.pricing.minQuantity },
				errors: parsed.errors.map((e) => ({
					code: ENGINE_CODES.invalidAnswer,
					severity: 'error',
					path: e.path,
					message: e.message
				}))
			};
		const errors: Diagnostic[] = checkConfigurationReferences(
			def,
			parsed.configuration,
			em.options
		).map((e) => ({
			code:
				e.path === 'rushTier'
					? ENGINE_CODES.unknownRushTier
					: e.message.startsWith('unknown option')
						? ENGINE_CODES.unknownOption
						: e.message.startsWith('unknown choice')
							? ENGINE_CODES.unknownChoice
							: ENGINE_CODES.invalidAnswer,
			severity: 'error',
			path: e.path,
			message: e.message
		}));
		const q = parsed.configuration.quantity;
		const { minQuantity, maxQuantity } = def.pricing;
		if (q < minQuantity || (maxQuantity !== undefined && q > maxQuantity))
			errors.push({
				code: ENGINE_CODES.quantityRange,
				severity: 'error',
				path: 'quantity',
				message: `quantity must be ${maxQuantity !== undefined ? `between ${minQuantity} and ${maxQuantity}` : `at least ${minQuantity}`}`
			});
		return { config: parsed.configuration, errors };
	}

	function customerState(input: ConfigurationInput | undefined) {
		const { config, errors } = normalize(input);
		const raw = normalizeSelections(def, config);
		const resolved = resolve(raw, config.quantity, true);
		return { config, errors, resolved };
	}

	function evaluate(input?: ConfigurationInput, opts: EvaluateOptions = {}): Evaluation {
		const withExplain = opts.explain ?? true;
		const withAlternatives = opts.alternatives ?? true;
		const { config, errors: configErrors, resolved: customer } = customerState(input);
		const quantity = config.quantity;
		const A = toAssignment(customer.answers, quantity, false);
		// Availability: with the customer's selections, each answered option's own answer relaxed.
		// One diagram pass gives availability for all options: for an open option its supports
		// under A, for an answered one its alternatives (its own answer relaxed). Without
		// alternatives, plain supports under A.
		const support = withAlternatives
			? compiled.supportedValuesRelaxed(A)
			: compiled.supportedValues(A);
		const supportFor = (variable: string): Set<string> => support.get(variable) ?? new Set();
		// The quantity's class is always assigned: it is supported iff A extends to a solution.
		const satisfiable = supportFor(varId.quantity).has(A[varId.quantity]);

		// Effective answers: customer, then auto-select, then defaults — in dependency order, each
		// applied only when the result stays satisfiable. Never depends on selection order.
		// Copied on the first answer added (most configurations need no auto or default answer).
		let effective: Answers = customer.answers;
		const sources = new Map<string, SelectionSource>();
		for (const id of effective.keys()) sources.set(id, 'customer');
		let state = customer;
		if (satisfiable) {
			for (let pass = 0; pass <= def.options.length; pass++) {
				let changed = false;
				for (const id of order) {
					const o = em.options.get(id) as Option;
					if (effective.has(id) || !state.visible.get(id)) continue;
					const candidates: { answer: Answer; source: SelectionSource }[] = [];
					if (!inCycle.has(id))
						for (const { rule, value } of autoSel.get(id) ?? [])
							if (fires(rule, state.answers, quantity))
								candidates.push({ answer: toAnswer(o, value), source: 'auto' });
					for (const { rule, value } of setDef.get(id) ?? [])
						if (fires(rule, state.answers, quantity))
							candidates.push({ answer: toAnswer(o, value), source: 'default' });
					const d = optionDefault(o);
					if (d) candidates.push({ answer: d, source: 'default' });
					for (const cand of candidates) {
						// Tried in place: `effective` has no answer for `id` (checked above).
						if (effective === customer.answers) effective = new Map(effective);
						effective.set(id, cand.answer);
						if (!compiled.isSatisfiable(toAssignment(effective, quantity, false))) {
							effective.delete(id);
							continue;
						}
						sources.set(id, cand.source);
						changed = true;
						break;
					}
					if (changed) break;
				}
				if (!changed) break;
				state = resolve(effective, quantity, false);
			}
		}
		const final = resolve(effective, quantity, false);
		for (const id of [...effective.keys()]) if (!final.answers.has(id)) sources.delete(id);

		const reasonFor = (
			variable: string,
			value: string,
			optionId: string
		): UnavailableReason | undefined => {
			if (!withExplain) return undefined;
			const relaxed: Assignment = { ...A };
			delete relaxed[variable];
			const ex = compiled.explain(relaxed, variable, value);
			return ex ? explainInWords(def, em, optionId, ex, relaxed) : undefined;
		};

		// When the selections conflict, blame those whose removal alone restores a valid configuration.
		const culprits = new Set<string>();
		if (!satisfiable)
			for (const v of Object.keys(A)) {
				if (v === varId.quantity) continue;
				const relaxed = { ...A };
				delete relaxed[v];
				if (compiled.isSatisfiable(relaxed)) culprits.add(v);
			}
		const blamed = (variable: string) =>
			satisfiable || culprits.size === 0 || culprits.has(variable);

		const t = translator(def.translations, config.locale);
		const allErrors: Diagnostic[] = [...configErrors, ...customer.dropped];
		const optionStates: OptionState[] = [];
		for (const o of def.options) {
			const visible = final.visible.get(o.id) ?? true;
			const ans = final.answers.get(o.id);
			const errors: Diagnostic[] = [];
			const n = namesOf(o.id);
			if (ans && visible) errors.push(...validateAnswer(def, o, ans, charTests.get(o.id), n.path));
			const answered = isAnswered(ans);
			if (o.required && visible && !answered)
				errors.push({
					code: ENGINE_CODES.required,
					severity: 'error',
					path: n.path,
					message: `${o.label} is required`
				});
			const st: OptionState = {
				id: o.id,
				kind: o.kind,
				label: t(n.label, o.label),
				visible,
				required: o.required,
				answered,
				selected: [],
				available: [],
				errors
			};
			const source = sources.get(o.id);
			if (source && ans) {
				st.source = source;
				st.value = toSelection(ans);
			}
			if (o.kind === 'choice') {
				const variable = n.variable;
				const sup = supportFor(variable);
				if (ans?.kind === 'choice') st.selected = [ans.choice];
				st.choices = o.choices.map((c, i) => {
					const cn = n.choices[i] as Names['choices'][number];
					const available = sup.has(c.id);
					const cs: ChoiceState = {
						id: c.id,
						label: t(cn.label, c.label),
						visible: final.choiceVisible.get(cn.key) ?? visible,
						available,
						selected: st.selected.includes(c.id),
						stock: c.stock
					};
					if (!available) {
						const reason =
							c.stock === 'out_of_stock'
								? { message: 'out of stock', rules: [], causes: [] }
								: reasonFor(variable, c.id, o.id);
						if (reason) cs.reason = reason;
					}
					return cs;
				});
				st.available = st.choices.filter((c) => c.available).map((c) => c.id);
				st.skippable = sup.has(NONE);
				const own = customer.answers.get(o.id);
				if (own?.kind === 'choice' && !sup.has(own.choice) && blamed(variable))
					errors.push(conflict(o, own.choice, st.choices.find((c) => c.id === own.choice)?.reason));
			} else if (o.kind === 'multi') {
				if (ans?.kind === 'multi') st.selected = [...ans.choices];
				st.choices = o.choices.map((c, i) => {
					const cn = n.choices[i] as Names['choices'][number];
					const variable = cn.variable;
					const available = supportFor(variable).has('1');
					const cs: ChoiceState = {
						id: c.id,
						label: t(cn.label, c.label),
						visible: final.choiceVisible.get(cn.key) ?? visible,
						available,
						selected: st.selected.includes(c.id),
						stock: c.stock
					};
					if (!available) {
						const reason =
							c.stock === 'out_of_stock'
								? { message: 'out of stock', rules: [], causes: [] }
								: reasonFor(variable, '1', o.id);
						if (reason) cs.reason = reason;
					}
					const own = customer.answers.get(o.id);
					if (own?.kind === 'multi' && own.choices.includes(c.id) && !available && blamed(variable))
						errors.push(conflict(o, c.id, cs.reason));
					return cs;
				});
				st.available = st.choices.filter((c) => c.available).map((c) => c.id);
				const none: Record<string, string> = { ...A };
				for (const c of n.choices) none[c.variable] = '0';
				st.skippable = compiled.isSatisfiable(none);
			} else if (o.kind === 'toggle') {
				const variable = n.variable;
				st.selected = [String(ans?.kind === 'toggle' ? ans.on : false)];
				const sup = supportFor(variable);
				st.available = ['false', 'true'].filter((v) => sup.has(v));
				const own = customer.answers.get(o.id);
				if (own?.kind === 'toggle' && !sup.has(String(own.on)) && blamed(variable))
					errors.push(conflict(o, String(own.on), reasonFor(variable, String(own.on), o.id)));
			}
			allErrors.push(...errors);
			optionStates.push(st);
		}
		// Options a fired rule requires ("require" without a value) but that are still unanswered.
		for (const rule of requireRules) {
			if (!fires(rule, final.answers, quantity)) continue;
			for (const e of rule.then) {
				if (e.type !== 'require' || e.value !== undefined) continue;
				const st = optionStates.find((x) => x.id === e.option);
				if (st?.visible) st.required = true;
				if (
					!st ||
					!st.visible ||
					st.answered ||
					st.errors.some((x) => x.code === ENGINE_CODES.required)
				)
					continue;
				const d: Diagnostic = {
					code: ENGINE_CODES.required,
					severity: 'error',
					path: pathOf(e.option),
					message: `${st.label} is required (rule '${rule.name}')`
				};
				st.errors.push(d);
				allErrors.push(d);
			}
		}
		// Free inputs whose class is impossible with the rest (e.g. a text length a rule forbids).
		for (const [id] of em.inputs) {
			const variable = varId.input(id);
			const own = A[variable];
			if (own === undefined || supportFor(variable).has(own) || !blamed(variable)) continue;
			const o = em.options.get(id) as Option;
			const st = optionStates.find((s) => s.id === id) as OptionState;
			const d = conflict(o, undefined, reasonFor(variable, own, id));
			st.errors.push(d);
			allErrors.push(d);
		}
		if (!satisfiable && !allErrors.some((e) => e.code === ENGINE_CODES.conflict))
			allErrors.push({
				code: ENGINE_CODES.conflict,
				severity: 'error',
				path: 'selections',
				message: 'these selections cannot be combined'
			});

		const blocking = allErrors.filter(
			(e) => e.severity === 'error' && e.code !== ENGINE_CODES.required
		);
		const valid = satisfiable && blocking.length === 0;
		const missing = allErrors.some((e) => e.code === ENGINE_CODES.required);
		const complete =
			valid && !missing && compiled.isSatisfiable(toAssignment(final.answers, quantity, true));

		const facts = pricingFacts(final, quantity, config.rushTier);
		const price = priceConfiguration(def, facts);
		const leadTime = leadTimeOf(def, facts);
		const rushTiers = rushQuotes(
			def,
			price.goods,
			price.fees,
			leadTime.standardDays,
			price.rushTierId
		);

		const selections: Record<string, Selection> = {};
		for (const o of def.options) {
			const a = final.answers.get(o.id);
			if (a) selections[o.id] = toSelection(a);
		}
		return {
			valid,
			complete,
			options: optionStates,
			errors: allErrors,
			price,
			leadTime,
			rushTiers,
			configuration: {
				selections,
				quantity,
				...(config.rushTier !== undefined ? { rushTier: config.rushTier } : {}),
				...(config.locale !== undefined ? { locale: config.locale } : {})
			},
			sources: recordOf(sources)
		};
	}

	function pricingFacts(
		r: Resolved,
		quantity: number,
		rushTierId: string | undefined
	): PricingFacts {
		const choices: PricingFacts['choices'] = [];
		const togglesOn: string[] = [];
		const texts = new Map<string, string>();
		const numbers = new Map<string, number>();
		for (const o of def.options) {
			const a = r.answers.get(o.id);
			if (!a) continue;
			if (a.kind === 'choice') choices.push({ optionId: o.id, choiceId: a.choice });
			else if (a.kind === 'multi')
				for (const c of a.choices) choices.push({ optionId: o.id, choiceId: c });
			else if (a.kind === 'toggle' && a.on) togglesOn.push(o.id);
			else if (a.kind === 'text') texts.set(o.id, a.text);
			else if (a.kind === 'number') numbers.set(o.id, a.value);
		}
		const firedRules = def.rules.filter((rule) => rule.enabled && fires(rule, r.answers, quantity));
		return {
			choices,
			togglesOn,
			texts,
			numbers,
			firedRules,
			quantity,
			rushTierId,
			optionById: em.options
		};
	}

	function count(input?: ConfigurationInput): bigint {
		const { config, resolved } = customerState(input);
		const A = toAssignment(resolved.answers, config.quantity, false);
		// Free inputs count as their current value: fix every input's class.
		for (const [id, domain] of em.inputs) {
			const v = varId.input(id);
			if (A[v] === undefined) A[v] = classOf(domain, measure(resolved.answers.get(id))).id;
		}
		return compiled.count(A);
	}

	function explain(
		input: ConfigurationInput,
		optionId: string,
		choiceId: string
	): UnavailableReason | null {
		const o = em.options.get(optionId);
		if (!o) throw new Error(`unknown option "${optionId}"`);
		const { config, resolved } = customerState(input);
		const A: Assignment = toAssignment(resolved.answers, config.quantity, false);
		const variable = o.kind === 'multi' ? varId.multi(optionId, choiceId) : varId.option(optionId);
		const value = o.kind === 'multi' ? '1' : choiceId;
		delete A[variable];
		const choice =
			o.kind === 'choice' || o.kind === 'multi'
				? o.choices.find((c) => c.id === choiceId)
				: undefined;
		const ex = compiled.explain(A, variable, value);
		if (!ex) return null;
		if (choice?.stock === 'out_of_stock') return { message: 'out of stock', rules: [], causes: [] };
		return explainInWords(def, em, optionId, ex, A);
	}

	return { definition: def, diagnostics, cycles, compiled: raw, evaluate, count, explain };
}

function conflict(
	o: Option,
	choiceId: string | undefined,
	reason: UnavailableReason | undefined
): Diagnostic {
	const what =
		choiceId === undefined
			? o.label
			: o.kind === 'toggle'
				? `${o.label} ${choiceId === 'true' ? 'on' : 'off'}`
				: `${o.label} = ${o.kind === 'choice' || o.kind === 'multi' ? (o.choices.find((c) => c.id === choiceId)?.label ?? choiceId) : choiceId}`;
	return {
		code: ENGINE_CODES.conflict,
		severity: 'error',
		path: formatPath(['selections', o.id]),
		message: `${what} is not possible${reason ? `: ${reason.message}` : ''}`
	};
}

/** `Object.fromEntries(map)`, several times faster on V8 for small maps. */
function recordOf<V>(map: ReadonlyMap<string, V>): Record<string, V> {
	const out: Record<string, V> = {};
	for (const [k, v] of map)
		if (k === '__proto__')
			Object.defineProperty(out, k, {
				value: v,
				enumerable: true,
				writable: true,
				configurable: true
			});
		else out[k] = v;
	return out;
}

/** The measured value of a free input's answer (text length, number, upload present). */
function measure(a: Answer | undefined): number | undefined {
	if (!a) return undefined;
	if (a.kind === 'text') return textLength(a.text) === 0 ? undefined : textLength(a.text);
	if (a.kind === 'number') return a.value;
	if (a.kind === 'image') return 1;
	return undefined;
}

function toAnswer(o: Option, value: string | boolean): Answer {
	if (o.kind === 'toggle') return { kind: 'toggle', on: value === true };
	return { kind: 'choice', choice: String(value) };
}

function optionDefault(o: Option): Answer | undefined {
	switch (o.kind) {
		case 'choice':
			return o.default !== undefined ? { kind: 'choice', choice: o.default } : undefined;
		case 'multi':
			return o.default !== undefined && o.default.length > 0
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

function toSelection(a: Answer): Selection {
	switch (a.kind) {
		case 'choice':
			return a.choice;
		case 'multi':
			return [...a.choices];
		case 'toggle':
			return a.on;
		case 'text':
			return a.font !== undefined || a.color !== undefined
				? {
						text: a.text,
						...(a.font !== undefined ? { font: a.font } : {}),
						...(a.color !== undefined ? { color: a.color } : {})
					}
				: a.text;
		case 'image':
			return a.upload;
		case 'number':
			return a.value;
	}
}
