import type { Definition } from '../definition/definition.js';

/**
 * The semantic diff of two definitions: what a merchant would call a change ("Choice 'Red' of
 * 'Color': price 5.00 → 6.00 EUR"), not a JSON patch. Records are matched by id, so a renamed
 * choice is one change, not a removal and an addition.
 */

/** What kind of record changed. */
export type DiffSubject =
	| 'product'
	| 'option'
	| 'choice'
	| 'group'
	| 'view'
	| 'layer'
	| 'rule'
	| 'pricing'
	| 'leadTime'
	| 'scenario'
	| 'asset'
	| 'font'
	| 'color'
	| 'translation';

/** One change between two definitions. */
export interface DefinitionChange {
	kind: 'added' | 'removed' | 'changed';
	subject: DiffSubject;
	/** Where the record is: in `after` for added and changed records, in `before` for removed ones. */
	path: string;
	/** The ids of the record, outermost first (a choice: `[optionId, choiceId]`). */
	ids: string[];
	/** For `changed`: the field that changed (`priceDelta`, `label`, `order`...). */
	field?: string;
	/** A sentence for people: "Rule 'No engraving on suede' added". */
	message: string;
}

type Money = { minorUnits: number; code: string };
type Item = Record<string, unknown> & { id: string };

/** Fields whose values are money (minor units), shown as amounts with the currency. */
const MONEY_FIELDS = new Set(['priceDelta', 'base', 'amount', 'unitPrice']);

const FIELD_WORDS: Record<string, string> = {
	priceDelta: 'price',
	base: 'base price',
	leadTimeDeltaDays: 'lead time (days)',
	baseDays: 'base lead time (days)',
	minQuantity: 'minimum quantity',
	maxQuantity: 'maximum quantity',
	multiplierBasisPoints: 'multiplier (basis points)',
	maxLength: 'maximum length',
	minLength: 'minimum length',
	visibleWhen: 'visibility condition',
	when: 'condition',
	then: 'effects',
	printAreas: 'print areas',
	physicalSize: 'physical size',
	defaultLocale: 'default language',
	quantityTiers: 'quantity tiers',
	allowedCharacters: 'allowed characters'
};

/** An integer amount of minor units as a decimal, exactly: 500, 2 → "5.00"; -5, 2 → "-0.05". */
export function minorUnitsToDecimal(amount: number, minorUnits: number): string {
	const negative = amount < 0;
	const digits = Math.abs(amount)
		.toString()
		.padStart(minorUnits + 1, '0');
	const whole = minorUnits === 0 ? digits : digits.slice(0, -minorUnits);
	const fraction = minorUnits === 0 ? '' : `.${digits.slice(-minorUnits)}`;
	return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Deep equality of JSON-like values (key order ignored, `undefined` keys ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
		return Object.is(a, b);
	}
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const bs = b as unknown[];
		return a.length === bs.length && a.every((v, i) => sameValue(v, bs[i]));
	}
	const ao = a as Record<string, unknown>;
	const bo = b as Record<string, unknown>;
	const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
	for (const key of keys) {
		if (!sameValue(ao[key], bo[key])) return false;
	}
	return true;
}

function quoted(text: string): string {
	return `'${text}'`;
}

function show(value: unknown, field: string, money: Money): string {
	if (value === undefined || value === null) return 'none';
	if (typeof value === 'number' && MONEY_FIELDS.has(field) && Number.isSafeInteger(value)) {
		return minorUnitsToDecimal(value, money.minorUnits);
	}
	if (typeof value === 'string') return quoted(value);
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	return String(value);
}

function isScalar(value: unknown): boolean {
	return value === undefined || value === null || typeof value !== 'object';
}

/** "price 5.00 → 6.00 EUR", "label 'Colour' → 'Color'", "visibility condition changed". */
function fieldSentence(field: string, before: unknown, after: unknown, money: Money): string {
	const word = FIELD_WORDS[field] ?? field;
	if (isScalar(before) && isScalar(after)) {
		const moneyField =
			MONEY_FIELDS.has(field) && (typeof before === 'number' || typeof after === 'number');
		return `${word} ${show(before, field, money)} → ${show(after, field, money)}${moneyField ? ` ${money.code}` : ''}`;
	}
	if (before === undefined) return `${word} added`;
	if (after === undefined) return `${word} removed`;
	return `${word} changed`;
}

interface Collection<T> {
	subject: DiffSubject;
	/** Path of the collection, e.g. `options` or `options[2].choices`. */
	path: (side: 'before' | 'after') => string;
	ids: (item: T) => string[];
	/** "Choice 'Red' of 'Color'" */
	title: (item: T) => string;
	/** Fields compared by {@link diffCollection}'s caller instead (nested collections). */
	skip?: readonly string[];
	/** Is the order of the records meaningful (z-order, display order)? */
	ordered?: boolean;
	/** Names the order for the sentence, e.g. "Choices of 'Color'". */
	orderTitle?: string;
}

function diffCollection<T extends Item>(
	before: readonly T[],
	after: readonly T[],
	collection: Collection<T>,
	money: Money,
	out: DefinitionChange[]
): { pairs: { before: T; after: T; index: number; beforeIndex: number }[] } {
	const beforeById = new Map(before.map((item, index) => [item.id, { item, index }]));
	const afterIds = new Set(after.map((item) => item.id));
	const pairs: { before: T; after: T; index: number; beforeIndex: number }[] = [];
	before.forEach((item, index) => {
		if (afterIds.has(item.id)) return;
		out.push({
			kind: 'removed',
			subject: collection.subject,
			path: `${collection.path('before')}[${index}]`,
			ids: collection.ids(item),
			message: `${collection.title(item)} removed`
		});
	});
	after.forEach((item, index) => {
		const old = beforeById.get(item.id);
		const path = `${collection.path('after')}[${index}]`;
		if (!old) {
			out.push({
				kind: 'added',
				subject: collection.subject,
				path,
				ids: collection.ids(item),
				message: `${collection.title(item)} added`
			});
			return;
		}
		pairs.push({ before: old.item, after: item, index, beforeIndex: old.index });
		const fields = new Set([...Object.keys(old.item), ...Object.keys(item)]);
		for (const field of fields) {
			if (field === 'id' || collection.skip?.includes(field)) continue;
			const a = old.item[field];
			const b = item[field];
			if (sameValue(a, b)) continue;
			out.push({
				kind: 'changed',
				subject: collection.subject,
				path: `${path}.${field}`,
				ids: collection.ids(item),
				field,
				message: `${collection.title(old.item)}: ${fieldSentence(field, a, b, money)}`
			});
		}
	});
	if (collection.ordered) {
		const kept = before.filter((item) => afterIds.has(item.id)).map((item) => item.id);
		const keptAfter = after.filter((item) => beforeById.has(item.id)).map((item) => item.id);
		if (!sameValue(kept, keptAfter)) {
			out.push({
				kind: 'changed',
				subject: collection.subject,
				path: collection.path('after'),
				ids: keptAfter.filter((id, i) => kept[i] !== id),
				field: 'order',
				message: `${collection.orderTitle ?? collection.path('after')} reordered`
			});
		}
	}
	return { pairs };
}

/** Records of a `Record<string, …>` (assets, translations) as items with ids. */
function entries(record: Record<string, unknown>): Item[] {
	return Object.keys(record)
		.sort()
		.map((id) => ({ id, value: record[id] }));
}

function optionTitle(option: { id: string; label?: unknown }): string {
	return `Option ${quoted(typeof option.label === 'string' ? option.label : option.id)}`;
}

function labelOf(item: { id: string; label?: unknown; name?: unknown }): string {
	if (typeof item.label === 'string') return item.label;
	if (typeof item.name === 'string') return item.name;
	return item.id;
}

/**
 * The changes that turn `before` into `after`, in a stable order: product, views, groups,
 * options (each followed by its choices), layers, rules, pricing, lead time, scenarios, assets,
 * fonts, colors, translations. Empty when the two are the same definition.
 */
export function diffDefinitions(before: Definition, after: Definition): DefinitionChange[] {
	const out: DefinitionChange[] = [];
	const money: Money = { minorUnits: after.currency.minorUnits, code: after.currency.code };

	// The product's own fields.
	for (const field of ['name', 'handle', 'description', 'currency', 'defaultLocale'] as const) {
		if (sameValue(before[field], after[field])) continue;
		const a = field === 'currency' ? before.currency.code : before[field];
		const b = field === 'currency' ? after.currency.code : after[field];
		out.push({
			kind: 'changed',
			subject: 'product',
			path: field,
			ids: [],
			field,
			message: `Product: ${fieldSentence(field, a, b, money)}`
		});
	}

	diffCollection(
		before.views as Item[],
		after.views as Item[],
		{
			subject: 'view',
			path: () => 'views',
			ids: (v) => [v.id],
			title: (v) => `View ${quoted(labelOf(v))}`,
			ordered: true,
			orderTitle: 'Views'
		},
		money,
		out
	);
	diffCollection(
		before.groups as Item[],
		after.groups as Item[],
		{
			subject: 'group',
			path: () => 'groups',
			ids: (g) => [g.id],
			title: (g) => `Step ${quoted(labelOf(g))}`,
			ordered: true,
			orderTitle: 'Steps'
		},
		money,
		out
	);

	const options = diffCollection(
		before.options as Item[],
		after.options as Item[],
		{
			subject: 'option',
			path: () => 'options',
			ids: (o) => [o.id],
			title: optionTitle,
			skip: ['choices'],
			ordered: true,
			orderTitle: 'Options'
		},
		money,
		out
	);
	for (const pair of options.pairs) {
		const a = (pair.before.choices ?? []) as Item[];
		const b = (pair.after.choices ?? []) as Item[];
		if (sameValue(a, b)) continue;
		const optionLabel = quoted(labelOf(pair.before));
		diffCollection(
			a,
			b,
			{
				subject: 'choice',
				path: (side) => `options[${side === 'after' ? pair.index : pair.beforeIndex}].choices`,
				ids: (c) => [pair.after.id, c.id],
				title: (c) => `Choice ${quoted(labelOf(c))} of ${optionLabel}`,
				ordered: true,
				orderTitle: `Choices of ${optionLabel}`
			},
			money,
			out
		);
	}

	const viewLabel = new Map(after.views.map((v) => [v.id, v.label]));
	for (const v of before.views) if (!viewLabel.has(v.id)) viewLabel.set(v.id, v.label);
	diffCollection(
		before.layers as Item[],
		after.layers as Item[],
		{
			subject: 'layer',
			path: () => 'layers',
			ids: (l) => [l.id],
			title: (l) =>
				`Layer ${quoted(labelOf(l))} of view ${quoted(viewLabel.get(String(l.view)) ?? String(l.view))}`,
			ordered: true,
			orderTitle: 'Layers (drawing order)'
		},
		money,
		out
	);
	diffCollection(
		before.rules as Item[],
		after.rules as Item[],
		{
			subject: 'rule',
			path: () => 'rules',
			ids: (r) => [r.id],
			title: (r) => `Rule ${quoted(labelOf(r))}`
		},
		money,
		out
	);

	// Pricing: the scalar fields, then fees and rush tiers by id, quantity tiers as one list.
	const pricing = { before: before.pricing, after: after.pricing };
	for (const field of ['base', 'minQuantity', 'maxQuantity', 'quantityTiers'] as const) {
		if (sameValue(pricing.before[field], pricing.after[field])) continue;
		const sentence =
			field === 'quantityTiers'
				? 'quantity tiers changed'
				: fieldSentence(field, pricing.before[field], pricing.after[field], money);
		out.push({
			kind: 'changed',
			subject: 'pricing',
			path: `pricing.${field}`,
			ids: [],
			field,
			message: `Pricing: ${sentence}`
		});
	}
	diffCollection(
		pricing.before.fees as Item[],
		pricing.after.fees as Item[],
		{
			subject: 'pricing',
			path: () => 'pricing.fees',
			ids: (f) => [f.id],
			title: (f) => `Fee ${quoted(labelOf(f))}`
		},
		money,
		out
	);
	diffCollection(
		pricing.before.rushTiers as Item[],
		pricing.after.rushTiers as Item[],
		{
			subject: 'pricing',
			path: () => 'pricing.rushTiers',
			ids: (t) => [t.id],
			title: (t) => `Production speed ${quoted(labelOf(t))}`,
			ordered: true,
			orderTitle: 'Production speeds'
		},
		money,
		out
	);
	if (before.leadTime.baseDays !== after.leadTime.baseDays) {
		out.push({
			kind: 'changed',
			subject: 'leadTime',
			path: 'leadTime.baseDays',
			ids: [],
			field: 'baseDays',
			message: `Lead time: ${fieldSentence('baseDays', before.leadTime.baseDays, after.leadTime.baseDays, money)}`
		});
	}

	diffCollection(
		before.scenarios as Item[],
		after.scenarios as Item[],
		{
			subject: 'scenario',
			path: () => 'scenarios',
			ids: (s) => [s.id],
			title: (s) => `Scenario test ${quoted(labelOf(s))}`
		},
		money,
		out
	);
	diffCollection(
		entries(before.assets),
		entries(after.assets),
		{
			subject: 'asset',
			path: () => 'assets',
			ids: (a) => [a.id],
			title: (a) => `Asset ${quoted(a.id)}`,
			skip: []
		},
		money,
		out
	);
	diffCollection(
		before.fonts as Item[],
		after.fonts as Item[],
		{
			subject: 'font',
			path: () => 'fonts',
			ids: (f) => [f.id],
			title: (f) => `Font ${quoted(labelOf(f))}`
		},
		money,
		out
	);
	diffCollection(
		before.colors as Item[],
		after.colors as Item[],
		{
			subject: 'color',
			path: () => 'colors',
			ids: (c) => [c.id],
			title: (c) => `Color ${quoted(labelOf(c))}`
		},
		money,
		out
	);
	diffCollection(
		entries(before.translations),
		entries(after.translations),
		{
			subject: 'translation',
			path: () => 'translations',
			ids: (t) => [t.id],
			title: (t) => `Translations (${t.id})`
		},
		money,
		out
	);
	return out;
}
