/**
 * The rule editor's condition builder, as plain data: a tree of AND/OR groups and leaves, each
 * of which may be negated (NOT). The builder edits this model; the rule stores the definition's
 * `Condition` JSON. {@link toConditionModel} and {@link fromConditionModel} convert both ways
 * (a double NOT folds away; everything else round-trips unchanged), and
 * {@link conditionProblems} finds what would make the rule unsavable: references to options or
 * choices that do not exist (deleted), values of the wrong kind, empty sets.
 */
import type { Condition, Effect, EffectType } from '$lib/core/definition';

/** A condition leaf: every condition type except and/or/not. */
export type LeafCondition = Exclude<Condition, { type: 'and' | 'or' | 'not' }>;

export interface GroupNode {
	kind: 'group';
	/** AND: all children hold; OR: at least one does. */
	operator: 'and' | 'or';
	/** NOT around the whole group. */
	negated: boolean;
	children: ConditionNode[];
}

export interface LeafNode {
	kind: 'leaf';
	negated: boolean;
	condition: LeafCondition;
}

export type ConditionNode = GroupNode | LeafNode;

/** The definition's `when` (or none: always) as a builder tree whose root is always a group. */
export function toConditionModel(when: Condition | undefined): GroupNode {
	if (when === undefined) return { kind: 'group', operator: 'and', negated: false, children: [] };
	const node = toNode(when, false);
	if (node.kind === 'group') return node;
	return { kind: 'group', operator: 'and', negated: false, children: [node] };
}

function toNode(condition: Condition, negated: boolean): ConditionNode {
	switch (condition.type) {
		case 'not':
			return toNode(condition.condition, !negated);
		case 'and':
		case 'or':
			return {
				kind: 'group',
				operator: condition.type,
				negated,
				children: condition.conditions.map((c) => toNode(c, false))
			};
		default:
			return { kind: 'leaf', negated, condition: structuredClone(condition) };
	}
}

/**
 * The builder tree as the definition's `when`. An empty, non-negated root means "always" and
 * gives `undefined` (no `when`); a root group with one child that the model created around a
 * single leaf gives that leaf.
 */
export function fromConditionModel(root: GroupNode): Condition | undefined {
	if (!root.negated && root.operator === 'and') {
		if (root.children.length === 0) return undefined;
		if (root.children.length === 1) return fromNode(root.children[0]);
	}
	return fromNode(root);
}

function fromNode(node: ConditionNode): Condition {
	const inner: Condition =
		node.kind === 'leaf'
			? structuredClone(node.condition)
			: { type: node.operator, conditions: node.children.map(fromNode) };
	return node.negated ? { type: 'not', condition: inner } : inner;
}

/** Where a node sits in the tree: child indexes from the root. */
export type NodePath = number[];

/** A reason the condition cannot be saved, at a node of the tree. */
export interface ConditionProblem {
	path: NodePath;
	message: string;
}

/** What the builder needs to know about the definition's options (read from its JSON). */
export interface OptionInfo {
	id: string;
	label: string;
	kind: string;
	choices: { id: string; label: string }[];
}

/**
 * Problems that block saving: options or choices that do not exist (deleted ones), values of
 * the wrong kind (a choice id on a toggle), empty `in` sets, and negative lengths/quantities.
 */
export function conditionProblems(root: GroupNode, options: OptionInfo[]): ConditionProblem[] {
	const problems: ConditionProblem[] = [];
	const byId = new Map(options.map((o) => [o.id, o]));
	const visit = (node: ConditionNode, path: NodePath) => {
		if (node.kind === 'group') {
			node.children.forEach((child, i) => visit(child, [...path, i]));
			return;
		}
		const message = leafProblem(node.condition, byId);
		if (message) problems.push({ path, message });
	};
	visit(root, []);
	return problems;
}

function leafProblem(c: LeafCondition, byId: Map<string, OptionInfo>): string | null {
	if (c.type === 'quantity') return c.value < 0 ? 'The quantity cannot be negative' : null;
	if (c.option === '') return 'Pick an option';
	const option = byId.get(c.option);
	if (!option) return `The option “${c.option}” no longer exists: pick another one`;
	const choiceProblem = (value: string | boolean): string | null => {
		if (option.kind === 'toggle')
			return typeof value === 'boolean' ? null : `${option.label} is on/off: pick On or Off`;
		if (option.kind !== 'choice' && option.kind !== 'multi')
			return `${option.label} has no choices to compare with`;
		if (typeof value !== 'string' || value === '') return `Pick a choice of ${option.label}`;
		return option.choices.some((ch) => ch.id === value)
			? null
			: `The choice “${value}” of ${option.label} no longer exists: pick another one`;
	};
	switch (c.type) {
		case 'is':
		case 'isNot':
			return choiceProblem(c.value);
		case 'in':
			if (c.values.length === 0) return `Pick at least one choice of ${option.label}`;
			for (const value of c.values) {
				const problem = choiceProblem(value);
				if (problem) return problem;
			}
			return null;
		case 'textLength':
			if (option.kind !== 'text') return `${option.label} is not a text option`;
			return Number.isInteger(c.value) && c.value >= 0
				? null
				: 'The length is a whole number of characters, 0 or more';
		case 'number':
			if (option.kind !== 'number') return `${option.label} is not a number option`;
			return Number.isFinite(c.value) ? null : 'Enter a number to compare with';
		case 'answered':
		case 'unanswered':
			return null;
	}
}

/** A new leaf for `option`: "is <first choice>" for choice-like options, else a fitting test. */
export function defaultLeafFor(option: OptionInfo | undefined): LeafCondition {
	if (!option) return { type: 'quantity', compare: 'gte', value: 1 };
	switch (option.kind) {
		case 'choice':
		case 'multi':
			return { type: 'is', option: option.id, value: option.choices[0]?.id ?? '' };
		case 'toggle':
			return { type: 'is', option: option.id, value: true };
		case 'text':
			return { type: 'textLength', option: option.id, compare: 'gt', value: 0 };
		case 'number':
			return { type: 'number', option: option.id, compare: 'gte', value: 0 };
		default:
			return { type: 'answered', option: option.id };
	}
}

/** The node at `path`, or undefined. */
export function nodeAt(root: GroupNode, path: NodePath): ConditionNode | undefined {
	let node: ConditionNode = root;
	for (const index of path) {
		if (node.kind !== 'group') return undefined;
		const next: ConditionNode | undefined = node.children[index];
		if (!next) return undefined;
		node = next;
	}
	return node;
}

/** A copy of `root` with the node at `path` replaced by `update(node)` (or removed when it returns null). */
export function updateNode(
	root: GroupNode,
	path: NodePath,
	update: (node: ConditionNode) => ConditionNode | null
): GroupNode {
	if (path.length === 0) {
		const replaced = update(root);
		return replaced && replaced.kind === 'group'
			? replaced
			: { kind: 'group', operator: 'and', negated: false, children: replaced ? [replaced] : [] };
	}
	const [head, ...rest] = path;
	const child = root.children[head];
	if (!child) return root;
	let next: ConditionNode | null;
	if (rest.length === 0) next = update(child);
	else if (child.kind === 'group') next = updateNode(child, rest, update);
	else next = child;
	const children = [...root.children];
	if (next) children[head] = next;
	else children.splice(head, 1);
	return { ...root, children };
}

// ---------------------------------------------------------------------------------------------
// Effects

/** Effect types in the order the editor offers them, with their names for people. */
export const EFFECT_TYPES: { type: EffectType; label: string }[] = [
	{ type: 'exclude', label: 'Exclude (not allowed)' },
	{ type: 'require', label: 'Require' },
	{ type: 'showOption', label: 'Show option' },
	{ type: 'hideOption', label: 'Hide option' },
	{ type: 'showChoice', label: 'Show choice' },
	{ type: 'hideChoice', label: 'Hide choice' },
	{ type: 'autoSelect', label: 'Auto-select' },
	{ type: 'setDefault', label: 'Set default' },
	{ type: 'priceAmount', label: 'Add to price' },
	{ type: 'pricePercent', label: 'Add a percentage' },
	{ type: 'pricePerCharacter', label: 'Price per character' },
	{ type: 'pricePerUnit', label: 'Price per unit' },
	{ type: 'leadTime', label: 'Add lead time' },
	{ type: 'table', label: 'Compatibility table' }
];

/** Which option kinds an effect may target (undefined: no option). */
export function effectOptionKinds(type: EffectType): string[] | undefined {
	switch (type) {
		case 'showOption':
		case 'hideOption':
		case 'require':
		case 'exclude':
			return ['choice', 'multi', 'toggle', 'text', 'image', 'number'];
		case 'showChoice':
		case 'hideChoice':
			return ['choice', 'multi'];
		case 'autoSelect':
		case 'setDefault':
			return ['choice', 'toggle'];
		case 'pricePerCharacter':
			return ['text'];
		case 'pricePerUnit':
			return ['number'];
		default:
			return undefined;
	}
}

/** A fresh effect of `type`, aimed at the first option that fits. */
export function defaultEffect(type: EffectType, options: OptionInfo[]): Effect {
	const kinds = effectOptionKinds(type);
	const option = kinds ? options.find((o) => kinds.includes(o.kind)) : undefined;
	const optionId = option?.id ?? '';
	const firstValue: string | boolean =
		option?.kind === 'toggle' ? true : (option?.choices[0]?.id ?? '');
	switch (type) {
		case 'showOption':
		case 'hideOption':
			return { type, option: optionId };
		case 'showChoice':
		case 'hideChoice':
			return { type, option: optionId, choice: option?.choices[0]?.id ?? '' };
		case 'require':
		case 'exclude':
			return option &&
				(option.kind === 'choice' || option.kind === 'multi' || option.kind === 'toggle')
				? { type, option: optionId, value: firstValue }
				: { type, option: optionId };
		case 'autoSelect':
		case 'setDefault':
			return { type, option: optionId, value: firstValue };
		case 'priceAmount':
			return { type, amount: 0 };
		case 'pricePercent':
			return { type, basisPoints: 0 };
		case 'pricePerCharacter':
			return { type, option: optionId, amount: 0, countSpaces: false, freeCharacters: 0 };
		case 'pricePerUnit':
			return { type, option: optionId, amount: 0 };
		case 'leadTime':
			return { type, days: 1 };
		case 'table':
			return { type, mode: 'allow', options: [], rows: [] };
	}
}

/** Why an effect cannot be saved (a deleted option or choice, a wrong kind), or null. */
export function effectProblem(effect: Effect, options: OptionInfo[]): string | null {
	if (effect.type === 'table') {
		for (const id of effect.options)
			if (!options.some((o) => o.id === id))
				return `The table names the option “${id}”, which no longer exists`;
		return null;
	}
	if (!('option' in effect)) return null;
	const kinds = effectOptionKinds(effect.type) ?? [];
	if (effect.option === '') return 'Pick an option';
	const option = options.find((o) => o.id === effect.option);
	if (!option) return `The option “${effect.option}” no longer exists: pick another one`;
	if (!kinds.includes(option.kind)) return `This effect does not apply to ${option.label}`;
	const checkChoice = (value: string | boolean | undefined): string | null => {
		if (value === undefined) return null;
		if (option.kind === 'toggle')
			return typeof value === 'boolean' ? null : `${option.label} is on/off: pick On or Off`;
		if (option.kind !== 'choice' && option.kind !== 'multi')
			return typeof value === 'undefined' ? null : `${option.label} has no choices`;
		if (typeof value !== 'string' || value === '') return `Pick a choice of ${option.label}`;
		return option.choices.some((c) => c.id === value)
			? null
			: `The choice “${value}” of ${option.label} no longer exists: pick another one`;
	};
	switch (effect.type) {
		case 'showChoice':
		case 'hideChoice':
			return checkChoice(effect.choice);
		case 'require':
		case 'exclude':
		case 'autoSelect':
		case 'setDefault':
			return checkChoice(effect.value);
		default:
			return null;
	}
}
