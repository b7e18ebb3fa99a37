import type { Definition } from '../definition/definition.js';
import type { ValidationError } from '../definition/errors.js';
import { parseDefinition } from '../definition/parse.js';
import { createEngine } from '../engine/compile.js';
import type { CompileModel } from '../engine/engine.js';
import { findRuleCycles } from '../engine/cycles.js';
import { buildEngineModel, varId } from '../engine/model.js';
import { compileModel } from '../solver/index.js';
import type { Assignment, CompiledModel } from '../solver/types.js';
import { diagnostic, type AnalysisDiagnostic } from './codes.js';
import { checkPrice } from './price.js';
import { probeDefinition, type Probed } from './probes.js';
import { checkTextFit } from './text.js';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
	/** How to compile solver models (default: the solver's `compileModel`). */
	compile?: CompileModel;
	/**
	 * Time budget in milliseconds for the checks that recompile the product once per rule
	 * ("changes nothing", minimal conflicting rules). Default 10 000. Beyond it those checks are
	 * skipped with an `analysis-skipped` info.
	 */
	budgetMs?: number;
	/** At most this many dead choices are explained (each explanation is a solver search). Default 25. */
	maxExplanations?: number;
	/** Clock (tests). */
	now?: () => number;
}

/** The result of {@link analyze}. */
export interface AnalysisResult {
	/** Errors first, then warnings, then infos; within a severity in definition order. */
	diagnostics: AnalysisDiagnostic[];
	/** The parsed definition, when it parses. */
	definition?: Definition;
	/**
	 * Exact number of valid configurations of the choice-like options (free texts, numbers and
	 * uploads counted as unanswered), when the definition parses.
	 */
	count?: bigint;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Analyzes a product definition (any JSON) and returns diagnostics in the merchant's words:
 * schema errors with their paths; no valid configuration at all (with a minimal set of
 * conflicting rules); dead choices and never-visible options; rules that never fire or change
 * nothing; choices missing the art an image layer draws; missing or negative prices; texts that
 * cannot fit their box; rule cycles. Never throws on bad input.
 *
 * Exact checks run on the engine's own solver model (see CONTEXT.md: "probes"), so analysis
 * and the storefront always agree.
 */
export function analyze(definitionJson: unknown, options: AnalyzeOptions = {}): AnalysisResult {
	const parsed = parseDefinition(definitionJson);
	if (!parsed.ok)
		return {
			diagnostics: sortDiagnostics(parsed.errors.map((e) => schemaDiagnostic(definitionJson, e)))
		};
	const def = parsed.definition;
	const out: AnalysisDiagnostic[] = [];

	checkCycles(def, out);
	checkLayerAssets(def, out);
	checkTextFit(def, out);

	let count: bigint | undefined;
	try {
		count = checkModel(def, out, options);
	} catch (e) {
		out.push(
			diagnostic(
				'analysis-skipped',
				'',
				`The rules could not be checked: ${e instanceof Error ? e.message : String(e)}`
			)
		);
		checkPrice(def, undefined, undefined, out);
	}
	return {
		diagnostics: sortDiagnostics(out),
		definition: def,
		...(count !== undefined ? { count } : {})
	};
}

function sortDiagnostics(ds: AnalysisDiagnostic[]): AnalysisDiagnostic[] {
	return ds
		.map((d, i) => ({ d, i }))
		.sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.i - b.i)
		.map(({ d }) => d);
}

// ---------------------------------------------------------------------------------------------
// Schema errors

const MISSING = /^unknown (option|choice|layer|asset|view|font|color|group|print area|rush tier)\b/;

/** Names the record a path points into, from the raw JSON: "Rule 'No engraving on suede'". */
function recordName(json: unknown, path: string): string | undefined {
	const m = /^(options|rules|layers|views|scenarios|groups)\[(\d+)\]/.exec(path);
	if (!m || typeof json !== 'object' || json === null) return undefined;
	const list = (json as Record<string, unknown>)[m[1] as string];
	if (!Array.isArray(list)) return undefined;
	const item: unknown = list[Number(m[2])];
	if (typeof item !== 'object' || item === null) return undefined;
	const rec = item as Record<string, unknown>;
	const text = (k: string) =>
		typeof rec[k] === 'string' && rec[k] !== '' ? (rec[k] as string) : undefined;
	const kind = {
		options: 'Option',
		rules: 'Rule',
		layers: 'Layer',
		views: 'View',
		scenarios: 'Scenario',
		groups: 'Group'
	}[m[1] as 'options'];
	const name = text('label') ?? text('name') ?? text('id');
	return name ? `${kind} '${name}'` : undefined;
}

function schemaDiagnostic(json: unknown, e: ValidationError): AnalysisDiagnostic {
	const code = /^duplicate\b/.test(e.message)
		? 'duplicate-id'
		: MISSING.test(e.message)
			? 'missing-reference'
			: 'schema-error';
	const who = recordName(json, e.path);
	return diagnostic(code, e.path, who ? `${who}: ${e.message}` : e.message);
}

// ---------------------------------------------------------------------------------------------
// Checks without the solver

const ruleName = (def: Definition, id: string) =>
	`'${def.rules.find((r) => r.id === id)?.name ?? id}'`;
const rulePath = (def: Definition, id: string) =>
	`rules[${def.rules.findIndex((r) => r.id === id)}]`;
const optionLabel = (def: Definition, id: string) =>
	def.options.find((o) => o.id === id)?.label ?? id;
const optionPath = (def: Definition, id: string) =>
	`options[${def.options.findIndex((o) => o.id === id)}]`;
const list = (items: string[]) =>
	items.length <= 1
		? (items[0] ?? '')
		: `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

function checkCycles(def: Definition, out: AnalysisDiagnostic[]): void {
	for (const c of findRuleCycles(def)) {
		const rules = c.rules.map((r) => ruleName(def, r));
		out.push(
			diagnostic(
				'rule-cycle',
				rulePath(def, c.rules[0] as string),
				`${rules.length > 1 ? `Rules ${list(rules)} depend on each other` : `Rule ${rules[0]} depends on itself`} through ${list(c.options.map((o) => optionLabel(def, o)))}: they are applied once, in the order they are listed, never in a loop. Break the cycle so the result does not depend on that order.`,
				c.rules.slice(1).map((r) => rulePath(def, r))
			)
		);
	}
}

function checkLayerAssets(def: Definition, out: AnalysisDiagnostic[]): void {
	const seen = new Set<string>();
	const viewLabel = (id: string) => def.views.find((v) => v.id === id)?.label ?? id;
	def.layers.forEach((layer, li) => {
		if (layer.kind !== 'image' || layer.option === undefined) return;
		const oi = def.options.findIndex((o) => o.id === layer.option);
		const o = def.options[oi];
		if (!o) return;
		const layerName = layer.name ?? layer.id;
		if (o.kind === 'toggle') {
			if (layer.asset === undefined)
				out.push(
					diagnostic(
						'missing-layer-asset',
						`layers[${li}].asset`,
						`Layer '${layerName}' is drawn while ${o.label} is on, but has no asset to draw.`
					)
				);
			return;
		}
		if (o.kind !== 'choice' && o.kind !== 'multi') return;
		o.choices.forEach((c, ci) => {
			if (c.assets[layer.view] !== undefined) return;
			const key = `${o.id} ${c.id} ${layer.view}`;
			if (seen.has(key)) return;
			seen.add(key);
			out.push(
				diagnostic(
					'missing-layer-asset',
					`options[${oi}].choices[${ci}].assets`,
					`${o.label}: ${c.label} has no art for the ${viewLabel(layer.view)} view, which layer '${layerName}' draws: nothing is drawn there when it is chosen.`,
					[`layers[${li}]`]
				)
			);
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Checks on the solver model

/** Model-changing effects (constraints and visibility), as opposed to price/lead-time/defaults. */
const MODEL_EFFECTS = new Set([
	'showOption',
	'hideOption',
	'showChoice',
	'hideChoice',
	'require',
	'exclude',
	'table'
]);

function checkModel(def: Definition, out: AnalysisDiagnostic[], options: AnalyzeOptions): bigint {
	const compile = options.compile ?? compileModel;
	const now = options.now ?? (() => Date.now());
	const budget = options.budgetMs ?? 10_000;
	const probed = probeDefinition(def);
	const t0 = now();
	const engine = createEngine(probed.definition, { compile });
	const compileMs = Math.max(1, now() - t0);
	const compiled = engine.compiled;
	const fixProbes: Assignment = {};
	for (const id of probed.probeOptions) fixProbes[varId.input(id)] = '0';

	if (!compiled.isSatisfiable({})) {
		explainNoConfiguration(def, out, compile, budget, now);
		checkPrice(def, undefined, undefined, out);
		return 0n;
	}
	const count = engine.count({});

	// Never-visible options.
	const neverVisible = new Set<string>();
	for (const [optionId, v] of probed.visible) {
		if (!compiled.variables.some((x) => x.id === v)) continue;
		if (compiled.isSatisfiable({ [v]: '1' })) continue;
		neverVisible.add(optionId);
		const rules = def.rules
			.filter(
				(r) =>
					r.enabled &&
					r.then.some(
						(e) => (e.type === 'showOption' || e.type === 'hideOption') && e.option === optionId
					)
			)
			.map((r) => r.id);
		out.push(
			diagnostic(
				'never-visible-option',
				optionPath(def, optionId),
				`${optionLabel(def, optionId)} is never shown: in every valid configuration ${rules.length > 1 ? 'rules' : 'rule'} ${list(rules.map((r) => ruleName(def, r)))} ${rules.length > 1 ? 'keep' : 'keeps'} it hidden.`,
				rules.map((r) => rulePath(def, r))
			)
		);
	}

	// Dead choices: never available, whatever the customer picks (any quantity, any text).
	const support = compiled.supportedValues({});
	let explained = 0;
	const maxExplanations = options.maxExplanations ?? 25;
	const explainDead = (optionId: string, choiceId: string): string => {
		if (explained >= maxExplanations) return '';
		explained++;
		const reason = engine.explain({}, optionId, choiceId);
		return reason ? `: ${reason.message}` : '';
	};
	def.options.forEach((o, oi) => {
		if (neverVisible.has(o.id)) return;
		if (o.kind === 'choice' || o.kind === 'multi') {
			o.choices.forEach((c, ci) => {
				if (c.stock === 'out_of_stock') return;
				const ok =
					o.kind === 'choice'
						? support.get(varId.option(o.id))?.has(c.id)
						: support.get(varId.multi(o.id, c.id))?.has('1');
				if (ok) return;
				out.push(
					diagnostic(
						'dead-choice',
						`options[${oi}].choices[${ci}]`,
						`${o.label}: ${c.label} is never available${explainDead(o.id, c.id)}.`
					)
				);
			});
		} else if (o.kind === 'toggle') {
			const sup = support.get(varId.option(o.id));
			for (const value of ['true', 'false'] as const) {
				if (sup?.has(value)) continue;
				out.push(
					diagnostic(
						'dead-choice',
						`options[${oi}]`,
						`${o.label} can never be switched ${value === 'true' ? 'on' : 'off'}${explainDead(o.id, value)}.`
					)
				);
			}
		}
	});

	// Rules that never fire.
	const neverFires = new Set<string>();
	def.rules.forEach((r, ri) => {
		const v = probed.fires.get(r.id);
		if (!v || compiled.isSatisfiable({ [v]: '0' })) return;
		neverFires.add(r.id);
		// A constraint whose own effect rules its condition out ("when Ottoman alone, exclude
		// Ottoman") does its job: only a condition that fails without the rule is dead.
		if (r.then.some((e) => MODEL_EFFECTS.has(e.type))) {
			const without = probeDefinition(def, { without: r.id });
			const c = compile(buildEngineModel(without.definition).model);
			if (c.isSatisfiable({ [without.fires.get(r.id) as string]: '0' })) return;
		}
		out.push(
			diagnostic(
				'rule-never-fires',
				`rules[${ri}].when`,
				`Rule '${r.name}' never applies: no valid configuration meets its condition.`
			)
		);
	});

	// Rules that change nothing (bounded: one compilation per rule).
	const candidates = def.rules.filter(
		(r) => r.enabled && !neverFires.has(r.id) && r.then.every((e) => MODEL_EFFECTS.has(e.type))
	);
	if (candidates.length > 0) {
		const estimate = compileMs * candidates.length;
		if (estimate > budget)
			out.push(
				diagnostic(
					'analysis-skipped',
					'rules',
					`Rules that change nothing were not looked for: ${candidates.length} rules would take about ${Math.round(estimate / 1000)} s (budget ${Math.round(budget / 1000)} s).`
				)
			);
		else {
			const base = signature(compiled, probed, fixProbes, def);
			const start = now();
			for (const r of candidates) {
				if (now() - start > budget) {
					out.push(
						diagnostic(
							'analysis-skipped',
							'rules',
							'Rules that change nothing: the time budget ran out before every rule was checked.'
						)
					);
					break;
				}
				const without = probeDefinition(def, { without: r.id });
				const c = compile(buildEngineModel(without.definition).model);
				const fix: Assignment = {};
				for (const id of without.probeOptions)
					if (c.variables.some((x) => x.id === varId.input(id))) fix[varId.input(id)] = '0';
				if (!sameSignature(base, signature(c, without, fix, def))) continue;
				out.push(
					diagnostic(
						'rule-no-effect',
						rulePath(def, r.id),
						`Rule '${r.name}' changes nothing: without it the same configurations are valid and the same options are shown. Other rules already do its work, or its effect never matters.`
					)
				);
			}
		}
	}

	checkPrice(def, compiled, probed, out);
	return count;
}

/** Counts that identify the valid configurations and the options' visibility, for comparison. */
function signature(
	compiled: CompiledModel,
	probed: Probed,
	fix: Assignment,
	def: Definition
): Map<string, bigint> {
	const sig = new Map<string, bigint>();
	const total = compiled.count(fix);
	sig.set('count', total);
	const real = new Set<string>();
	for (const o of def.options) {
		if (o.kind === 'multi') for (const c of o.choices) real.add(varId.multi(o.id, c.id));
		// Visibility variables are left out: the visibility probes compare visibility.
		else if (o.kind === 'text' || o.kind === 'number' || o.kind === 'image')
			real.add(varId.input(o.id));
		else real.add(varId.option(o.id));
	}
	const byValue = compiled.countByValue(fix);
	for (const [v, m] of byValue) {
		if (!real.has(v)) continue;
		for (const [value, n] of m) if (n > 0n) sig.set(`${v}=${value}`, n);
	}
	for (const [optionId, v] of probed.visible) {
		const n = byValue.get(v)?.get('1');
		sig.set(`visible ${optionId}`, n ?? total);
	}
	return sig;
}

function sameSignature(a: Map<string, bigint>, b: Map<string, bigint>): boolean {
	for (const [k, n] of a) if ((b.get(k) ?? 0n) !== n) return false;
	for (const [k, n] of b) if ((a.get(k) ?? 0n) !== n) return false;
	return true;
}

/** Deletion-based minimal set of conflicting rules (each kept rule is needed for the conflict). */
function explainNoConfiguration(
	def: Definition,
	out: AnalysisDiagnostic[],
	compile: CompileModel,
	budget: number,
	now: () => number
): void {
	const withRules = (ids: Set<string>): boolean => {
		const d: Definition = { ...def, rules: def.rules.filter((r) => ids.has(r.id)) };
		return compile(buildEngineModel(d).model).isSatisfiable({});
	};
	const enabled = def.rules.filter((r) => r.enabled).map((r) => r.id);
	if (withRules(new Set())) {
		const start = now();
		const kept = new Set(enabled);
		let minimal = true;
		for (const id of enabled) {
			if (now() - start > budget) {
				minimal = false;
				break;
			}
			kept.delete(id);
			if (withRules(kept)) kept.add(id);
		}
		const ids = enabled.filter((id) => kept.has(id));
		out.push(
			diagnostic(
				'no-valid-configuration',
				ids.length > 0 ? rulePath(def, ids[0] as string) : 'rules',
				`No configuration is possible: ${ids.length === 1 ? `rule ${ruleName(def, ids[0] as string)} rules out everything` : `rules ${list(ids.map((id) => ruleName(def, id)))} cannot all hold together`}${minimal ? '' : ' (not reduced further: time budget)'}. Change or disable ${ids.length === 1 ? 'it' : 'one of them'}.`,
				ids.slice(1).map((id) => rulePath(def, id))
			)
		);
		return;
	}
	// Even without rules: required options with nothing to choose, multi minimums, …
	const culprits = def.options
		.filter(
			(o) =>
				(o.kind === 'choice' || o.kind === 'multi') &&
				o.required &&
				o.choices.every((c) => c.stock === 'out_of_stock')
		)
		.map((o) => o.id);
	out.push(
		diagnostic(
			'no-valid-configuration',
			culprits.length > 0 ? optionPath(def, culprits[0] as string) : 'options',
			culprits.length > 0
				? `No configuration is possible: ${list(culprits.map((o) => optionLabel(def, o)))} ${culprits.length > 1 ? 'are' : 'is'} required but every choice is out of stock.`
				: 'No configuration is possible, even without any rule: check the required options and their choices.',
			culprits.slice(1).map((o) => optionPath(def, o))
		)
	);
}
