import type { Condition, Effect, Option } from '$lib/core';
import {
	article,
	copyOf,
	done,
	hasChoices,
	KIND_NAMES,
	lists,
	refuse,
	slugify,
	uniqueId,
	uniqueLabel,
	type ChoiceJson,
	type CommandResult,
	type DefinitionJson,
	type LayerJson,
	type NodeRef,
	type OptionJson,
	type RuleJson
} from './model';
import { pruneDangling, withoutNodes } from './references';

/**
 * Editor commands: pure functions from the definition JSON to the next one (or a refusal that
 * says why). The studio runs them inside `editor.edit(label, …)`; the harness runs them against a
 * Y.Doc the same way. None of them leaves a dangling reference.
 */

type OptionKind = Option['kind'];

const DEFAULT_LABELS: Record<OptionKind, string> = {
	choice: 'Option',
	multi: 'Extras',
	text: 'Text',
	image: 'Upload',
	number: 'Number',
	toggle: 'Toggle'
};

const optionById = (definition: DefinitionJson, id: string) =>
	(definition.options ?? []).find((o) => o.id === id);

function newOption(kind: OptionKind, id: string, label: string): OptionJson {
	const firstChoice: ChoiceJson = { id: 'choice-1', label: 'Choice 1', priceDelta: 0 };
	switch (kind) {
		case 'choice':
			return { id, kind, label, required: false, display: 'button', choices: [firstChoice] };
		case 'multi':
			return { id, kind, label, required: false, display: 'checkbox', choices: [firstChoice] };
		case 'text':
			return { id, kind, label, required: false, maxLength: 20 };
		case 'image':
			return { id, kind, label, required: false, formats: ['png', 'jpeg', 'svg'] };
		case 'number':
			return { id, kind, label, required: false, min: 0, max: 100, step: 1 };
		case 'toggle':
			return { id, kind, label, required: false, priceDelta: 0 };
	}
}

/** Adds an option of `kind` (choice and multi options start with one choice). */
export function addOption(
	definition: DefinitionJson,
	{ kind, label, group }: { kind: OptionKind; label?: string; group?: string }
): CommandResult {
	const next = lists(copyOf(definition));
	const name = uniqueLabel(
		label?.trim() || DEFAULT_LABELS[kind],
		next.options.map((o) => o.label)
	);
	const id = uniqueId(
		slugify(name),
		next.options.map((o) => o.id)
	);
	const option = newOption(kind, id, name);
	next.options.push(option);
	if (group !== undefined) {
		const target = next.groups.find((g) => g.id === group);
		if (!target) return refuse(`There is no group "${group}" to add the option to.`);
		option.group = group;
		target.options = [...(target.options ?? []), id];
	}
	return done(next, [{ kind: 'option', id }]);
}

/** Adds a choice to a choice or multi option. */
export function addChoice(
	definition: DefinitionJson,
	optionId: string,
	{ label, priceDelta = 0 }: { label?: string; priceDelta?: number } = {}
): CommandResult {
	const next = copyOf(definition);
	const option = optionById(next, optionId);
	if (!option) return refuse(`The option "${optionId}" no longer exists.`);
	if (!hasChoices(option))
		return refuse(`${article(KIND_NAMES[option.kind])} option has no choices to add to.`);
	if (!Number.isInteger(priceDelta))
		return refuse('A price is a whole number of minor units (cents).');
	const choices = (option.choices ??= []);
	const name = uniqueLabel(
		label?.trim() || `Choice ${choices.length + 1}`,
		choices.map((c) => c.label)
	);
	const id = uniqueId(
		slugify(name),
		choices.map((c) => c.id)
	);
	choices.push({ id, label: name, priceDelta });
	return done(next, [{ kind: 'choice', id, parentId: optionId }]);
}

/** Adds a view (front, back…) with a default art board. */
export function addView(
	definition: DefinitionJson,
	{ label }: { label?: string } = {}
): CommandResult {
	const next = lists(copyOf(definition));
	const name = uniqueLabel(
		label?.trim() || 'Front',
		next.views.map((v) => v.label)
	);
	const id = uniqueId(
		slugify(name),
		next.views.map((v) => v.id)
	);
	next.views.push({
		id,
		label: name,
		size: { width: 1000, height: 1000 },
		physicalSize: { width: 250, height: 250, unit: 'mm' },
		printAreas: []
	});
	return done(next, [{ kind: 'view', id }]);
}

/** Adds a group (step) of options. */
export function addGroup(
	definition: DefinitionJson,
	{ label }: { label?: string } = {}
): CommandResult {
	const next = lists(copyOf(definition));
	const name = uniqueLabel(
		label?.trim() || 'Step',
		next.groups.map((g) => g.label)
	);
	const id = uniqueId(
		slugify(name),
		next.groups.map((g) => g.id)
	);
	next.groups.push({ id, label: name, options: [] });
	return done(next, [{ kind: 'group', id }]);
}

/** The layer kinds that can be added: what each one draws and which options can drive it. */
export type AddableLayerKind = 'image' | 'text' | 'upload';

/** Adds a layer to a view (the first view, made when there is none), optionally bound. */
export function addLayer(
	definition: DefinitionJson,
	{ kind, view, bindTo }: { kind: AddableLayerKind; view?: string; bindTo?: NodeRef }
): CommandResult {
	let next = lists(copyOf(definition));
	const created: NodeRef[] = [];
	let viewId = view ?? next.views[0]?.id;
	if (viewId === undefined) {
		const withView = addView(next);
		if (!withView.ok) return withView;
		next = lists(withView.definition);
		viewId = next.views[0].id;
		created.push({ kind: 'view', id: viewId });
	} else if (!next.views.some((v) => v.id === viewId)) {
		return refuse(`There is no view "${viewId}" to add the layer to.`);
	}
	const names = { image: 'Image', text: 'Text', upload: 'Upload' };
	const size = next.views.find((v) => v.id === viewId)?.size as
		{ width: number; height: number } | undefined;
	const width = size?.width ?? 1000;
	const height = size?.height ?? 1000;
	const layer: LayerJson = {
		id: '',
		kind,
		name: names[kind],
		view: viewId,
		transform:
			kind === 'image'
				? { x: 0, y: 0, width, height, rotation: 0 }
				: {
						x: width * 0.25,
						y: height * 0.4,
						width: width * 0.5,
						height: height * 0.2,
						rotation: 0
					}
	};
	if (kind === 'text') {
		const font = definition.fonts?.[0];
		if (!font)
			return refuse(
				'A text layer needs a font: add one in the product settings (Fonts) before adding text layers.'
			);
		layer.style = { font: font.id, size: Math.round(height * 0.08), color: '#111111' };
	}
	if (bindTo) {
		const problem = bindingProblem(next, layer, bindTo);
		if (problem) return refuse(problem);
		applyBinding(layer, bindTo);
	} else if (kind === 'image') {
		const asset = Object.keys(definition.assets ?? {})[0];
		if (asset === undefined)
			return refuse(
				'An image layer shows an asset or the art of a choice: upload an asset first, or drag from a choice option to create a bound layer.'
			);
		layer.asset = asset;
	} else {
		return refuse(
			`${article(names[kind].toLowerCase())} layer shows what the customer enters: drag from ${kind === 'text' ? 'a text or number' : 'an image upload'} option to create it.`
		);
	}
	const base =
		bindTo && layer.option !== undefined
			? `${layer.option}-${kind}`
			: `${names[kind].toLowerCase()}-layer`;
	layer.id = uniqueId(
		slugify(base),
		next.layers.map((l) => l.id)
	);
	layer.name = uniqueLabel(
		layer.name ?? names[kind],
		next.layers.map((l) => l.name ?? l.id)
	);
	next.layers.push(layer);
	created.push({ kind: 'layer', id: layer.id });
	return done(next, created);
}

/** The effects a rule can start with. */
export type RuleEffectKind = 'exclude' | 'require' | 'hide' | 'show';

/** The effect of `kind` aimed at `target` (an option, or a choice of one). */
function effectFor(kind: RuleEffectKind, target: NodeRef, option: OptionJson): Effect | string {
	const choice = target.kind === 'choice' ? target.id : undefined;
	switch (kind) {
		case 'exclude':
		case 'require':
			return choice !== undefined
				? { type: kind, option: option.id, value: choice }
				: { type: kind, option: option.id };
		case 'hide':
		case 'show':
			if (choice !== undefined)
				return { type: kind === 'hide' ? 'hideChoice' : 'showChoice', option: option.id, choice };
			return { type: kind === 'hide' ? 'hideOption' : 'showOption', option: option.id };
	}
}

const RULE_VERBS: Record<RuleEffectKind, string> = {
	exclude: 'Exclude',
	require: 'Require',
	hide: 'Hide',
	show: 'Show'
};

/**
 * Adds a rule "when CONDITION then EFFECT target". A rule needs an effect, so it needs a target:
 * `target`, else the first option. `when` (an option or a choice) becomes its condition.
 */
export function addRule(
	definition: DefinitionJson,
	{
		kind = 'exclude',
		target,
		when
	}: { kind?: RuleEffectKind; target?: NodeRef; when?: NodeRef } = {}
): CommandResult {
	const next = lists(copyOf(definition));
	const aim: NodeRef | undefined =
		target ?? (next.options[0] ? { kind: 'option', id: next.options[0].id } : undefined);
	if (!aim) return refuse('A rule acts on an option: add an option first.');
	const option = optionById(next, aim.kind === 'choice' ? (aim.parentId ?? '') : aim.id);
	if (!option || (aim.kind !== 'option' && aim.kind !== 'choice'))
		return refuse('A rule acts on options and choices; pick one as its target.');
	const effect = effectFor(kind, aim, option);
	if (typeof effect === 'string') return refuse(effect);
	const rule: RuleJson = {
		id: '',
		name: `${RULE_VERBS[kind]} ${option.label}`,
		enabled: true,
		then: [effect]
	};
	if (when) {
		const condition = conditionFor(next, when);
		if (typeof condition === 'string') return refuse(condition);
		rule.when = condition;
	}
	rule.id = uniqueId(
		slugify(rule.name),
		next.rules.map((r) => r.id)
	);
	rule.name = uniqueLabel(
		rule.name,
		next.rules.map((r) => r.name)
	);
	next.rules.push(rule);
	return done(next, [{ kind: 'rule', id: rule.id }]);
}

/** The condition "option is answered" / "option is choice", or why there is none. */
function conditionFor(definition: DefinitionJson, source: NodeRef): Condition | string {
	if (source.kind === 'choice') {
		const option = optionById(definition, source.parentId ?? '');
		if (!option?.choices?.some((c) => c.id === source.id)) return 'That choice no longer exists.';
		return { type: 'is', option: option.id, value: source.id };
	}
	if (source.kind === 'option') {
		const option = optionById(definition, source.id);
		if (!option) return 'That option no longer exists.';
		if (option.kind === 'toggle') return { type: 'is', option: option.id, value: true };
		return { type: 'answered', option: option.id };
	}
	return `${article(source.kind)} cannot be a rule's condition; connect an option or a choice.`;
}

/** Adds `condition` to `existing` with AND (or widens an `is`/`in` of the same option to `in`). */
function andCondition(existing: Condition | undefined, condition: Condition): Condition {
	if (!existing) return condition;
	if (
		condition.type === 'is' &&
		typeof condition.value === 'string' &&
		(existing.type === 'is' || existing.type === 'in') &&
		existing.option === condition.option
	) {
		const values = existing.type === 'in' ? existing.values : [existing.value];
		if (values.every((v) => typeof v === 'string'))
			return {
				type: 'in',
				option: condition.option,
				values: [...(values as string[]), condition.value]
			};
	}
	if (existing.type === 'and')
		return { type: 'and', conditions: [...existing.conditions, condition] };
	return { type: 'and', conditions: [existing, condition] };
}

function mentions(condition: Condition | undefined, wanted: Condition): boolean {
	if (!condition) return false;
	if (JSON.stringify(condition) === JSON.stringify(wanted)) return true;
	if (condition.type === 'and' || condition.type === 'or')
		return condition.conditions.some((c) => mentions(c, wanted));
	if (condition.type === 'in' && wanted.type === 'is')
		return condition.option === wanted.option && condition.values.includes(wanted.value as string);
	return false;
}

/** Which option kinds can drive each layer kind, in words for refusals. */
const LAYER_DRIVERS: Record<LayerJson['kind'], { kinds: OptionKind[]; what: string }> = {
	image: { kinds: ['choice', 'multi', 'toggle'], what: "an image layer's choice assets" },
	text: { kinds: ['text', 'number'], what: 'a text layer' },
	upload: { kinds: ['image'], what: 'an upload layer' },
	group: { kinds: [], what: 'a group layer' }
};

function bindingProblem(
	definition: DefinitionJson,
	layer: LayerJson,
	source: NodeRef
): string | null {
	if (source.kind === 'choice') {
		const option = optionById(definition, source.parentId ?? '');
		if (!option?.choices?.some((c) => c.id === source.id)) return 'That choice no longer exists.';
		if (layer.kind !== 'image' && layer.kind !== 'group' && layer.option === undefined)
			return `${article(layer.kind)} layer needs its option first; a choice can only make it visible.`;
		return null;
	}
	if (source.kind !== 'option') return `${article(source.kind)} cannot drive a layer.`;
	const option = optionById(definition, source.id);
	if (!option) return 'That option no longer exists.';
	const drivers = LAYER_DRIVERS[layer.kind];
	if (!drivers.kinds.includes(option.kind)) {
		const fits = (Object.keys(LAYER_DRIVERS) as LayerJson['kind'][]).find((k) =>
			LAYER_DRIVERS[k].kinds.includes(option.kind)
		);
		return `${article(KIND_NAMES[option.kind])} option cannot drive ${drivers.what}${fits ? ` — connect it to ${article(fits)} layer` : ''}.`;
	}
	return null;
}

function applyBinding(layer: LayerJson, source: NodeRef): void {
	if (source.kind === 'option') {
		layer.option = source.id;
		return;
	}
	const shown: Condition = { type: 'is', option: source.parentId ?? '', value: source.id };
	if (!layer.visibleWhen) {
		layer.visibleWhen = shown;
		if (layer.kind === 'image' && layer.option === undefined && layer.asset === undefined)
			layer.option = source.parentId;
	} else if (!mentions(layer.visibleWhen, shown)) {
		// A second choice widens "shown when" (any of them), it does not narrow it.
		const v = layer.visibleWhen;
		if ((v.type === 'is' || v.type === 'in') && v.option === shown.option) {
			const values = v.type === 'in' ? v.values : [v.value as string];
			layer.visibleWhen = { type: 'in', option: shown.option, values: [...values, source.id] };
		} else {
			layer.visibleWhen = { type: 'or', conditions: [v, shown] };
		}
	}
}

/**
 * Whether `source` may connect to `target`: null when it may, else the reason it may not, in
 * words the graph shows as the user lets go.
 */
export function connectionProblem(
	definition: DefinitionJson,
	source: NodeRef,
	target: NodeRef
): string | null {
	const result = connect(definition, source, target);
	return result.ok ? null : result.reason;
}

/**
 * Connects two graph nodes, with the meaning of the pair:
 * - option/choice → layer: the option drives the layer (an image layer shows the choice's art,
 *   a text layer the text); a choice makes the layer visible when it is selected;
 * - option/choice → rule: the rule's condition ("when Engraving is answered / Color is Red");
 * - rule → option/choice: the rule's effect targets it;
 * - option → group: the option moves into that step; layer → view: the layer moves to the view.
 * Anything else is refused with the reason.
 */
export function connect(
	definition: DefinitionJson,
	source: NodeRef,
	target: NodeRef
): CommandResult {
	const next = lists(copyOf(definition));
	if (source.kind === 'option' || source.kind === 'choice') {
		if (target.kind === 'layer') {
			const layer = next.layers.find((l) => l.id === target.id);
			if (!layer) return refuse('That layer no longer exists.');
			if (source.kind === 'option' && layer.option === source.id)
				return refuse('That option already drives this layer.');
			const problem = bindingProblem(next, layer, source);
			if (problem) return refuse(problem);
			applyBinding(layer, source);
			return done(next);
		}
		if (target.kind === 'rule') {
			const rule = next.rules.find((r) => r.id === target.id);
			if (!rule) return refuse('That rule no longer exists.');
			const condition = conditionFor(next, source);
			if (typeof condition === 'string') return refuse(condition);
			if (mentions(rule.when, condition)) return refuse('The rule already has that condition.');
			rule.when = andCondition(rule.when, condition);
			return done(next);
		}
		if (target.kind === 'group') {
			if (source.kind !== 'option')
				return refuse('Only whole options go into a step, not choices.');
			const group = next.groups.find((g) => g.id === target.id);
			const option = optionById(next, source.id);
			if (!group || !option) return refuse('That step or option no longer exists.');
			if (option.group === group.id) return refuse('The option is already in this step.');
			for (const g of next.groups) g.options = (g.options ?? []).filter((o) => o !== option.id);
			group.options = [...(group.options ?? []), option.id];
			option.group = group.id;
			return done(next);
		}
		if (target.kind === 'option' || target.kind === 'choice')
			return refuse(
				'Options do not connect to options directly: add a rule between them ("when … then …").'
			);
		return refuse(`An option does not connect to ${article(target.kind)}.`);
	}
	if (source.kind === 'rule') {
		const rule = next.rules.find((r) => r.id === source.id);
		if (!rule) return refuse('That rule no longer exists.');
		if (target.kind === 'option' || target.kind === 'choice') {
			return retarget(next, rule, target);
		}
		if (target.kind === 'layer')
			return refuse(
				'A rule acts on options and choices; a layer shows or hides by its own condition — connect a choice to the layer instead.'
			);
		return refuse(`A rule does not act on ${article(target.kind)}.`);
	}
	if (source.kind === 'layer') {
		if (target.kind !== 'view') return refuse('A layer connects to the view it is drawn in.');
		const layer = next.layers.find((l) => l.id === source.id);
		if (!layer || !next.views.some((v) => v.id === target.id))
			return refuse('That layer or view no longer exists.');
		if (layer.view === target.id) return refuse('The layer is already in this view.');
		if (layer.kind === 'group' || next.layers.some((l) => l.parent === layer.id))
			return refuse('A group layer moves with its children: move them one by one.');
		layer.view = target.id;
		delete layer.parent;
		delete layer.printArea;
		return done(next);
	}
	return refuse(`${article(source.kind)} has no outgoing connections.`);
}

/** Aims the rule's first option effect at `target` (or adds an "exclude target" effect). */
function retarget(next: DefinitionJson, rule: RuleJson, target: NodeRef): CommandResult {
	const optionId = target.kind === 'choice' ? (target.parentId ?? '') : target.id;
	const option = optionById(next, optionId);
	if (!option) return refuse('That option no longer exists.');
	if (target.kind === 'choice' && !option.choices?.some((c) => c.id === target.id))
		return refuse('That choice no longer exists.');
	const index = rule.then.findIndex((e) =>
		['exclude', 'require', 'hideOption', 'showOption', 'hideChoice', 'showChoice'].includes(e.type)
	);
	const current = rule.then[index];
	const kind: RuleEffectKind =
		current === undefined
			? 'exclude'
			: current.type === 'exclude' || current.type === 'require'
				? current.type
				: current.type.startsWith('hide')
					? 'hide'
					: 'show';
	const effect = effectFor(kind, target, option);
	if (typeof effect === 'string') return refuse(effect);
	if (rule.then.some((e) => JSON.stringify(e) === JSON.stringify(effect)))
		return refuse('The rule already acts on that.');
	if (index >= 0) rule.then[index] = effect;
	else rule.then.push(effect);
	return done(next);
}

/**
 * Deletes nodes and, following the policy in `references.ts`, what depends on them (the caller
 * shows `referencesTo` first and asks). Refuses to leave a choice option without choices.
 */
export function deleteNodes(definition: DefinitionJson, nodes: readonly NodeRef[]): CommandResult {
	if (nodes.length === 0) return refuse('Nothing is selected.');
	for (const option of definition.options ?? []) {
		if (nodes.some((n) => n.kind === 'option' && n.id === option.id)) continue;
		const gone = nodes.filter((n) => n.kind === 'choice' && n.parentId === option.id);
		if (gone.length > 0 && gone.length >= (option.choices ?? []).length)
			return refuse(
				`"${option.label}" needs at least one choice: delete the option instead, or add another choice first.`
			);
	}
	const next = pruneDangling(copyOf(withoutNodes(definition, nodes)));
	return done(next);
}

/** Renames a node: the label of options, choices, views and groups, the name of rules and layers. */
export function rename(definition: DefinitionJson, node: NodeRef, name: string): CommandResult {
	const label = name.trim();
	if (!label) return refuse('A name cannot be empty.');
	if (label.length > 500) return refuse('A name has at most 500 characters.');
	const next = lists(copyOf(definition));
	const find = (): { label?: string; name?: string } | undefined => {
		switch (node.kind) {
			case 'option':
				return optionById(next, node.id);
			case 'choice':
				return optionById(next, node.parentId ?? '')?.choices?.find((c) => c.id === node.id);
			case 'view':
				return next.views.find((v) => v.id === node.id);
			case 'group':
				return next.groups.find((g) => g.id === node.id);
			case 'rule':
				return next.rules.find((r) => r.id === node.id);
			case 'layer':
				return next.layers.find((l) => l.id === node.id);
		}
	};
	const target = find();
	if (!target) return refuse(`That ${node.kind} no longer exists.`);
	if (node.kind === 'rule' || node.kind === 'layer') target.name = label;
	else target.label = label;
	return done(next);
}

/** Copies of `nodes` with fresh ids, placed after the originals (see `clipboard.ts`). */
export { duplicateNodes } from './clipboard';

function withoutLeaves(
	condition: Condition,
	drop: (leaf: Condition) => boolean
): Condition | undefined {
	if (condition.type === 'and' || condition.type === 'or') {
		const conditions = condition.conditions
			.map((c) => withoutLeaves(c, drop))
			.filter((c): c is Condition => c !== undefined);
		if (conditions.length === 0) return undefined;
		return conditions.length === 1 ? conditions[0] : { ...condition, conditions };
	}
	if (condition.type === 'not') {
		const inner = withoutLeaves(condition.condition, drop);
		return inner ? { ...condition, condition: inner } : undefined;
	}
	if (condition.type === 'in') {
		if (!drop(condition)) return condition;
		return undefined;
	}
	return drop(condition) ? undefined : condition;
}

/** Does this condition leaf come from `source` (the option, or one of its choices)? */
function leafFrom(leaf: Condition, source: NodeRef): boolean {
	if (leaf.type === 'and' || leaf.type === 'or' || leaf.type === 'not' || leaf.type === 'quantity')
		return false;
	if (source.kind === 'option') return leaf.option === source.id;
	if (leaf.option !== source.parentId) return false;
	if (leaf.type === 'in') return leaf.values.includes(source.id);
	return 'value' in leaf && leaf.value === source.id;
}

/** Drops `source`'s choice from `in` sets first, so "Color is Red or Blue" minus Blue stays. */
function withoutSource(condition: Condition, source: NodeRef): Condition | undefined {
	const narrowed = (c: Condition): Condition => {
		if (c.type === 'and' || c.type === 'or')
			return { ...c, conditions: c.conditions.map(narrowed) };
		if (c.type === 'not') return { ...c, condition: narrowed(c.condition) };
		if (c.type === 'in' && source.kind === 'choice' && c.option === source.parentId) {
			const values = c.values.filter((v) => v !== source.id);
			return values.length > 0 && values.length < c.values.length ? { ...c, values } : c;
		}
		return c;
	};
	return withoutLeaves(narrowed(condition), (leaf) => leafFrom(leaf, source));
}

/**
 * Removes the connection an edge stands for (the reverse of {@link connect}). Refuses where the
 * target cannot live without it (a text layer without its option, a rule without effects).
 */
export function disconnect(
	definition: DefinitionJson,
	kind: 'binding' | 'visibility' | 'condition' | 'effect' | 'member' | 'view',
	source: NodeRef,
	target: NodeRef
): CommandResult {
	const next = lists(copyOf(definition));
	switch (kind) {
		case 'binding': {
			const layer = next.layers.find((l) => l.id === target.id);
			if (!layer) return refuse('That layer no longer exists.');
			if (layer.kind !== 'image' || layer.asset === undefined)
				return refuse(
					`${article(layer.kind)} layer shows what its option holds: delete the layer instead, or connect another option to it.`
				);
			delete layer.option;
			return done(next);
		}
		case 'visibility': {
			const layer = next.layers.find((l) => l.id === target.id);
			if (!layer?.visibleWhen) return refuse('That layer no longer has a visibility condition.');
			const rest = withoutSource(layer.visibleWhen, source);
			if (rest) layer.visibleWhen = rest;
			else delete layer.visibleWhen;
			return done(next);
		}
		case 'condition': {
			const rule = next.rules.find((r) => r.id === target.id);
			if (!rule?.when) return refuse('That rule no longer has a condition.');
			const rest = withoutSource(rule.when, source);
			if (rest) rule.when = rest;
			else delete rule.when;
			return done(next);
		}
		case 'effect': {
			const rule = next.rules.find((r) => r.id === source.id);
			if (!rule) return refuse('That rule no longer exists.');
			const optionId = target.kind === 'choice' ? target.parentId : target.id;
			const kept = rule.then.filter((e) => {
				if (e.type === 'table') return !e.options.includes(optionId ?? '');
				if (!('option' in e) || e.option !== optionId) return true;
				if (target.kind !== 'choice') return false;
				const value = 'choice' in e ? e.choice : 'value' in e ? e.value : undefined;
				return value !== target.id;
			});
			if (kept.length === 0)
				return refuse(
					'A rule needs at least one effect: delete the rule instead, or aim it elsewhere first.'
				);
			rule.then = kept;
			return done(next);
		}
		case 'member': {
			const option = optionById(next, source.id);
			if (!option) return refuse('That option no longer exists.');
			delete option.group;
			for (const group of next.groups)
				group.options = (group.options ?? []).filter((o) => o !== option.id);
			return done(next);
		}
		case 'view':
			return refuse('A layer is always drawn in a view: connect it to another view to move it.');
	}
}
