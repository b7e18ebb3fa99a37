import type { Condition, Effect, Option } from '$lib/core';

type OptionKind = Option['kind'];

/**
 * The definition as the studio edits it: the plain JSON the Y.Doc holds (fields with defaults may
 * be missing), typed loosely enough to mutate a copy and strictly enough to read what commands
 * need. `parseDefinition` from the core stays the judge of validity.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ChoiceJson {
	id: string;
	label: string;
	priceDelta?: number;
	assets?: Record<string, string>;
	[key: string]: unknown;
}

export interface OptionJson {
	id: string;
	kind: OptionKind;
	label: string;
	group?: string;
	choices?: ChoiceJson[];
	default?: unknown;
	[key: string]: unknown;
}

export interface LayerJson {
	id: string;
	kind: 'image' | 'text' | 'upload' | 'group';
	name?: string;
	view: string;
	parent?: string;
	option?: string;
	asset?: string;
	printArea?: string;
	visibleWhen?: Condition;
	[key: string]: unknown;
}

export interface ViewJson {
	id: string;
	label: string;
	printAreas?: { id: string; [key: string]: unknown }[];
	[key: string]: unknown;
}

export interface RuleJson {
	id: string;
	name: string;
	enabled?: boolean;
	when?: Condition;
	then: Effect[];
	[key: string]: unknown;
}

export interface GroupJson {
	id: string;
	label: string;
	options?: string[];
	[key: string]: unknown;
}

export interface ScenarioJson {
	id: string;
	name: string;
	configuration: { selections: Record<string, unknown>; [key: string]: unknown };
	expect: {
		visibleOptions?: string[];
		hiddenOptions?: string[];
		availableChoices?: { option: string; choice: string }[];
		unavailableChoices?: { option: string; choice: string }[];
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

export interface DefinitionJson {
	formatVersion?: number;
	id?: string;
	name?: string;
	handle?: string;
	currency?: { code: string; minorUnits?: number };
	views?: ViewJson[];
	groups?: GroupJson[];
	options?: OptionJson[];
	fonts?: { id: string; asset: string; [key: string]: unknown }[];
	colors?: { id: string; [key: string]: unknown }[];
	assets?: Record<string, { [key: string]: unknown }>;
	layers?: LayerJson[];
	rules?: RuleJson[];
	scenarios?: ScenarioJson[];
	translations?: Record<string, Record<string, string>>;
	[key: string]: unknown;
}

/** A thing the graph shows (and the selection names): same shape as the editor's SelectionRef. */
export interface NodeRef {
	kind: 'option' | 'choice' | 'layer' | 'view' | 'rule' | 'group';
	id: string;
	/** The option of a choice. */
	parentId?: string;
}

/** What every command returns: the new definition, or why it was refused (nothing changed). */
export type CommandResult =
	{ ok: true; definition: DefinitionJson; created: NodeRef[] } | { ok: false; reason: string };

export function refuse(reason: string): { ok: false; reason: string } {
	return { ok: false, reason };
}

export function done(definition: DefinitionJson, created: NodeRef[] = []): CommandResult {
	return { ok: true, definition, created };
}

/** A deep copy, so commands never mutate their input. */
export function copyOf<T>(value: T): T {
	return structuredClone(value);
}

/** The definition's lists, created when missing, so commands can push without checks. */
export function lists(definition: DefinitionJson) {
	definition.views ??= [];
	definition.groups ??= [];
	definition.options ??= [];
	definition.layers ??= [];
	definition.rules ??= [];
	definition.scenarios ??= [];
	return definition as DefinitionJson & {
		views: ViewJson[];
		groups: GroupJson[];
		options: OptionJson[];
		layers: LayerJson[];
		rules: RuleJson[];
		scenarios: ScenarioJson[];
	};
}

export function hasChoices(option: OptionJson | undefined): boolean {
	return option?.kind === 'choice' || option?.kind === 'multi';
}

/** How people call each kind in sentences ("a text option"). */
export const KIND_NAMES: Record<OptionKind, string> = {
	choice: 'choice',
	multi: 'multiple-choice',
	text: 'text',
	image: 'image upload',
	number: 'number',
	toggle: 'toggle'
};

/** "a"/"an" + word. */
export function article(word: string): string {
	return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** Lowercase slug of a label, usable as an id ("Engraving text" → "engraving-text"). */
export function slugify(label: string): string {
	const slug = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return slug || 'item';
}

/** `base`, or `base-2`, `base-3`… — the first one not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) {
		const candidate = `${base}-${n}`;
		if (!used.has(candidate)) return candidate;
	}
}

/** `label`, or `label 2`, `label 3`… — the first one not in `taken` (labels read better unique). */
export function uniqueLabel(label: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	if (!used.has(label)) return label;
	for (let n = 2; ; n++) {
		const candidate = `${label} ${n}`;
		if (!used.has(candidate)) return candidate;
	}
}
