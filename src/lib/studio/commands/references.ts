import type { Condition, Effect } from '$lib/core';
import {
	hasChoices,
	type DefinitionJson,
	type LayerJson,
	type NodeRef,
	type RuleJson
} from './model';

/**
 * Who refers to what, and what happens to the referrers when the referred thing goes away.
 *
 * The policy (applied by {@link pruneDangling}, shown to the user by {@link referencesTo} before
 * they confirm a delete) never leaves a dangling reference and never silently widens a rule:
 * - a rule whose condition mentions a deleted option or choice is deleted (dropping just the leaf
 *   would make "exclude Suede when Engraving is on" fire always); an `in` set only loses the
 *   deleted value while others remain (a choice that no longer exists was never selectable);
 * - a rule effect aimed at a deleted option or choice is removed; a rule left without effects
 *   is deleted; table rows naming a deleted choice are dropped (they could never match);
 * - a layer bound to a deleted option, or shown only when a deleted thing holds, is deleted;
 *   an image layer that also has a static asset keeps it and loses only the binding;
 *   children of a deleted group layer are un-parented; layers of a deleted view are deleted;
 * - groups forget deleted options; options forget a deleted group;
 * - a scenario whose configuration selects a deleted option or choice is deleted (its
 *   expectations meant that configuration); expectation lists just lose the deleted entries.
 */

/** One thing that refers to a node, as the delete confirmation lists it. */
export interface Reference {
	kind: 'rule' | 'layer' | 'group' | 'scenario' | 'option' | 'view';
	id: string;
	/** Its name as the user knows it. */
	label: string;
	/** What deleting the node does to it. */
	consequence: 'deleted' | 'changed';
}

interface Known {
	options: Map<string, Set<string> | null>;
	views: Map<string, Set<string>>;
	layers: Set<string>;
	groups: Set<string>;
}

function known(definition: DefinitionJson): Known {
	return {
		options: new Map(
			(definition.options ?? []).map((o) => [
				o.id,
				hasChoices(o) ? new Set((o.choices ?? []).map((c) => c.id)) : null
			])
		),
		views: new Map(
			(definition.views ?? []).map((v) => [v.id, new Set((v.printAreas ?? []).map((a) => a.id))])
		),
		layers: new Set((definition.layers ?? []).map((l) => l.id)),
		groups: new Set((definition.groups ?? []).map((g) => g.id))
	};
}

const choiceExists = (k: Known, option: string, choice: unknown) =>
	typeof choice !== 'string' || k.options.get(option)?.has(choice) !== false;

/**
 * The condition with deleted values dropped from `in` sets, or null when it mentions something
 * that no longer exists (the caller then deletes what depends on it).
 */
function pruneCondition(condition: Condition, k: Known): Condition | null {
	switch (condition.type) {
		case 'and':
		case 'or': {
			const conditions: Condition[] = [];
			for (const inner of condition.conditions) {
				const pruned = pruneCondition(inner, k);
				if (!pruned) return null;
				conditions.push(pruned);
			}
			return { ...condition, conditions };
		}
		case 'not': {
			const inner = pruneCondition(condition.condition, k);
			return inner ? { ...condition, condition: inner } : null;
		}
		case 'quantity':
			return condition;
		case 'in': {
			if (!k.options.has(condition.option)) return null;
			const values = condition.values.filter((v) => choiceExists(k, condition.option, v));
			return values.length > 0 ? { ...condition, values } : null;
		}
		case 'is':
		case 'isNot':
			if (!k.options.has(condition.option)) return null;
			return choiceExists(k, condition.option, condition.value) ? condition : null;
		default:
			return k.options.has(condition.option) ? condition : null;
	}
}

/** The effect with dead table rows dropped, or null when it is aimed at something gone. */
function pruneEffect(effect: Effect, k: Known): Effect | null {
	switch (effect.type) {
		case 'priceAmount':
		case 'pricePercent':
		case 'leadTime':
			return effect;
		case 'table': {
			if (!effect.options.every((o) => k.options.has(o))) return null;
			const rows = effect.rows.filter((row) =>
				row.every(
					(value, i) =>
						value === null ||
						k.options.get(effect.options[i]) === null ||
						choiceExists(k, effect.options[i], value)
				)
			);
			return { ...effect, rows };
		}
		case 'showChoice':
		case 'hideChoice':
			return k.options.has(effect.option) && choiceExists(k, effect.option, effect.choice)
				? effect
				: null;
		default: {
			if (!k.options.has(effect.option)) return null;
			const value = 'value' in effect ? effect.value : undefined;
			return choiceExists(k, effect.option, value) ? effect : null;
		}
	}
}

/**
 * Removes every reference to something the definition no longer holds, following the policy
 * above. Mutates and returns `definition`. A definition without dangling references is
 * returned unchanged.
 */
export function pruneDangling(definition: DefinitionJson): DefinitionJson {
	const k = known(definition);

	for (const option of definition.options ?? []) {
		if (option.group !== undefined && !k.groups.has(option.group)) delete option.group;
		if (option.kind === 'choice' && typeof option.default === 'string') {
			if (!choiceExists(k, option.id, option.default)) delete option.default;
		}
		if (option.kind === 'multi' && Array.isArray(option.default)) {
			option.default = option.default.filter((d) => choiceExists(k, option.id, d));
		}
		for (const choice of option.choices ?? []) {
			if (!choice.assets) continue;
			for (const view of Object.keys(choice.assets))
				if (!k.views.has(view)) delete choice.assets[view];
		}
	}

	for (const group of definition.groups ?? []) {
		group.options = (group.options ?? []).filter((o) => k.options.has(o));
	}

	if (definition.layers) {
		// Layers can cascade (a deleted group layer), so repeat until nothing changes.
		let changed = true;
		while (changed) {
			changed = false;
			const layerIds = new Set(definition.layers.map((l) => l.id));
			const kept: LayerJson[] = [];
			for (const layer of definition.layers) {
				if (!k.views.has(layer.view)) continue;
				if (layer.visibleWhen) {
					const pruned = pruneCondition(layer.visibleWhen, k);
					if (!pruned) continue;
					layer.visibleWhen = pruned;
				}
				if (layer.option !== undefined && !k.options.has(layer.option)) {
					if (layer.kind === 'image' && layer.asset !== undefined) delete layer.option;
					else continue;
				}
				if (layer.parent !== undefined && !layerIds.has(layer.parent)) delete layer.parent;
				if (layer.printArea !== undefined && !k.views.get(layer.view)?.has(layer.printArea))
					delete layer.printArea;
				kept.push(layer);
			}
			changed = kept.length !== definition.layers.length;
			definition.layers = kept;
		}
	}

	if (definition.rules) {
		const kept: RuleJson[] = [];
		for (const rule of definition.rules) {
			if (rule.when) {
				const pruned = pruneCondition(rule.when, k);
				if (!pruned) continue;
				rule.when = pruned;
			}
			const effects = rule.then
				.map((effect) => pruneEffect(effect, k))
				.filter((e): e is Effect => e !== null);
			if (effects.length === 0) continue;
			rule.then = effects;
			kept.push(rule);
		}
		definition.rules = kept;
	}

	if (definition.scenarios) {
		definition.scenarios = definition.scenarios.filter((scenario) => {
			for (const [option, value] of Object.entries(scenario.configuration.selections ?? {})) {
				if (!k.options.has(option)) return false;
				const values = Array.isArray(value) ? value : [value];
				if (k.options.get(option) && !values.every((v) => choiceExists(k, option, v))) return false;
			}
			const x = scenario.expect;
			for (const key of ['visibleOptions', 'hiddenOptions'] as const) {
				if (x[key]) x[key] = x[key].filter((o) => k.options.has(o));
			}
			for (const key of ['availableChoices', 'unavailableChoices'] as const) {
				if (x[key])
					x[key] = x[key].filter(
						(r) => k.options.has(r.option) && choiceExists(k, r.option, r.choice)
					);
			}
			return true;
		});
	}

	if (definition.translations) {
		for (const texts of Object.values(definition.translations)) {
			for (const key of Object.keys(texts)) {
				const [scope, id, choice] = key.split('.');
				const gone =
					(scope === 'option' && !k.options.has(id)) ||
					(scope === 'choice' && (!k.options.has(id) || !choiceExists(k, id, choice))) ||
					(scope === 'group' && !k.groups.has(id)) ||
					(scope === 'view' && !k.views.has(id)) ||
					(scope === 'rule' && !(definition.rules ?? []).some((r) => r.id === id));
				if (gone) delete texts[key];
			}
		}
	}
	return definition;
}

/** The definition without `nodes` themselves (their referrers untouched). */
export function withoutNodes(
	definition: DefinitionJson,
	nodes: readonly NodeRef[]
): DefinitionJson {
	const ids = (kind: NodeRef['kind']) =>
		new Set(nodes.filter((n) => n.kind === kind).map((n) => n.id));
	const options = ids('option');
	const layers = ids('layer');
	const views = ids('view');
	const rules = ids('rule');
	const groups = ids('group');
	const next = { ...definition };
	if (next.options) {
		next.options = next.options
			.filter((o) => !options.has(o.id))
			.map((o) => {
				const gone = nodes.filter((n) => n.kind === 'choice' && n.parentId === o.id);
				if (gone.length === 0 || !o.choices) return o;
				return { ...o, choices: o.choices.filter((c) => !gone.some((n) => n.id === c.id)) };
			});
	}
	if (next.layers) next.layers = next.layers.filter((l) => !layers.has(l.id));
	if (next.views) next.views = next.views.filter((v) => !views.has(v.id));
	if (next.rules) next.rules = next.rules.filter((r) => !rules.has(r.id));
	if (next.groups) next.groups = next.groups.filter((g) => !groups.has(g.id));
	return next;
}

/**
 * Everything that refers to `nodes` (other than the nodes themselves) and what deleting them
 * would do to it: the list the delete confirmation shows. Empty when the delete breaks nothing.
 */
export function referencesTo(definition: DefinitionJson, nodes: readonly NodeRef[]): Reference[] {
	const after = pruneDangling(structuredClone(withoutNodes(definition, nodes)));
	// An option that only lost its own deleted choices (and its default among them) is not a
	// reference; one that lost its group is.
	const parents = new Set(nodes.filter((n) => n.kind === 'choice').map((n) => n.parentId));
	return changesBetween(definition, after, {
		skip: new Set(nodes.map((n) => `${n.kind}:${n.id}`)),
		skipOptions: parents
	});
}

/**
 * The options, rules, layers, groups and scenarios of `before` that `after` deleted or changed,
 * named as the user knows them — what a confirmation lists before a change that ripples.
 * `skip` holds `kind:id` of things removed on purpose; `skipOptions` options not to compare.
 */
export function changesBetween(
	before: DefinitionJson,
	after: DefinitionJson,
	{ skip = new Set<string>(), skipOptions = new Set<string | undefined>() } = {}
): Reference[] {
	const references: Reference[] = [];
	const compare = <T extends { id: string }>(
		kind: Reference['kind'],
		list: T[] | undefined,
		afterList: T[] | undefined,
		label: (item: T) => string
	) => {
		const afterById = new Map((afterList ?? []).map((item) => [item.id, item]));
		for (const item of list ?? []) {
			if (skip.has(`${kind}:${item.id}`)) continue;
			const next = afterById.get(item.id);
			if (!next) references.push({ kind, id: item.id, label: label(item), consequence: 'deleted' });
			else if (JSON.stringify(next) !== JSON.stringify(item))
				references.push({ kind, id: item.id, label: label(item), consequence: 'changed' });
		}
	};
	compare(
		'option',
		(before.options ?? []).filter((o) => !skipOptions.has(o.id)),
		after.options,
		(o) => o.label
	);
	compare('rule', before.rules, after.rules, (r) => r.name);
	compare('layer', before.layers, after.layers, (l) => l.name ?? l.id);
	compare('group', before.groups, after.groups, (g) => g.label);
	compare('scenario', before.scenarios, after.scenarios, (s) => s.name);
	return references;
}
