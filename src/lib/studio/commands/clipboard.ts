import type { Condition, Effect } from '$lib/core';
import {
	copyOf,
	done,
	lists,
	refuse,
	uniqueId,
	uniqueLabel,
	type CommandResult,
	type DefinitionJson,
	type GroupJson,
	type LayerJson,
	type NodeRef,
	type OptionJson,
	type RuleJson,
	type ViewJson
} from './model';
import { pruneDangling } from './references';

/**
 * Copy and paste of graph nodes as JSON, within a product and between products. The payload
 * carries a type marker (so pasting random text is refused) and the assets, fonts and colors the
 * copied nodes use. Pasting gives every pasted node an id that is free in the target (the same
 * id when it is free, so references between products line up where they can), remaps the
 * references among the pasted nodes, and prunes references to things the target does not have
 * (the delete policy of `references.ts`), so a paste never leaves a dangling reference.
 */

/** The marker of our clipboard payload. */
export const CLIPBOARD_TYPE = 'atelier/graph-nodes';

export interface ClipboardPayload {
	type: typeof CLIPBOARD_TYPE;
	version: 1;
	/** The product copied from, so a paste into the same product knows ids will collide. */
	productId?: string;
	options: OptionJson[];
	views: ViewJson[];
	layers: LayerJson[];
	rules: RuleJson[];
	groups: GroupJson[];
	assets: Record<string, { [key: string]: unknown }>;
	fonts: { id: string; asset: string; [key: string]: unknown }[];
	colors: { id: string; [key: string]: unknown }[];
}

function conditionOptions(condition: Condition | undefined, out: Set<string>): Set<string> {
	if (!condition) return out;
	if (condition.type === 'and' || condition.type === 'or')
		condition.conditions.forEach((c) => conditionOptions(c, out));
	else if (condition.type === 'not') conditionOptions(condition.condition, out);
	else if (condition.type !== 'quantity') out.add(condition.option);
	return out;
}

/** The selected nodes (choices travel with their option) and the assets they use, as a payload. */
export function copyNodes(
	definition: DefinitionJson,
	nodes: readonly NodeRef[],
	productId?: string
): ClipboardPayload {
	const picked = (kind: NodeRef['kind']) =>
		new Set(nodes.filter((n) => n.kind === kind).map((n) => n.id));
	const options = picked('option');
	const views = picked('view');
	const layers = picked('layer');
	const rules = picked('rule');
	const groups = picked('group');
	const payload: ClipboardPayload = {
		type: CLIPBOARD_TYPE,
		version: 1,
		productId,
		options: copyOf((definition.options ?? []).filter((o) => options.has(o.id))),
		views: copyOf((definition.views ?? []).filter((v) => views.has(v.id))),
		layers: copyOf((definition.layers ?? []).filter((l) => layers.has(l.id))),
		rules: copyOf((definition.rules ?? []).filter((r) => rules.has(r.id))),
		groups: copyOf((definition.groups ?? []).filter((g) => groups.has(g.id))),
		assets: {},
		fonts: [],
		colors: []
	};
	const assetIds = new Set<string>();
	const fontIds = new Set<string>();
	const colorIds = new Set<string>();
	for (const option of payload.options) {
		for (const choice of option.choices ?? []) {
			Object.values(choice.assets ?? {}).forEach((a) => assetIds.add(a));
			const swatch = choice.swatch as { asset?: string } | undefined;
			if (swatch?.asset) assetIds.add(swatch.asset);
		}
		if (Array.isArray(option.fonts)) option.fonts.forEach((f) => fontIds.add(String(f)));
		if (Array.isArray(option.colors)) option.colors.forEach((c) => colorIds.add(String(c)));
	}
	for (const layer of payload.layers) {
		if (layer.asset) assetIds.add(layer.asset);
		const style = layer.style as { font?: string; color?: string } | undefined;
		if (style?.font) fontIds.add(style.font);
		if (style?.color && !style.color.startsWith('#')) colorIds.add(style.color);
	}
	payload.fonts = copyOf((definition.fonts ?? []).filter((f) => fontIds.has(f.id)));
	payload.fonts.forEach((f) => assetIds.add(f.asset));
	payload.colors = copyOf((definition.colors ?? []).filter((c) => colorIds.has(c.id)));
	for (const id of assetIds) {
		const asset = definition.assets?.[id];
		if (asset) payload.assets[id] = copyOf(asset);
	}
	return payload;
}

/** Reads clipboard text: our payload, or null for anything else (text from elsewhere). */
export function readClipboard(text: string): ClipboardPayload | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const payload = value as Partial<ClipboardPayload>;
	if (payload.type !== CLIPBOARD_TYPE || payload.version !== 1) return null;
	const arrays = ['options', 'views', 'layers', 'rules', 'groups', 'fonts', 'colors'] as const;
	for (const key of arrays) {
		const list = payload[key];
		if (!Array.isArray(list)) return null;
		if (
			!list.every(
				(item) => typeof item === 'object' && item !== null && typeof item.id === 'string'
			)
		)
			return null;
	}
	if (typeof payload.assets !== 'object' || payload.assets === null) return null;
	return payload as ClipboardPayload;
}

function mapCondition(condition: Condition, option: (id: string) => string): Condition {
	switch (condition.type) {
		case 'and':
		case 'or':
			return { ...condition, conditions: condition.conditions.map((c) => mapCondition(c, option)) };
		case 'not':
			return { ...condition, condition: mapCondition(condition.condition, option) };
		case 'quantity':
			return condition;
		default:
			return { ...condition, option: option(condition.option) };
	}
}

function mapEffect(effect: Effect, option: (id: string) => string): Effect {
	if (effect.type === 'table') return { ...effect, options: effect.options.map(option) };
	if ('option' in effect) return { ...effect, option: option(effect.option) };
	return effect;
}

/**
 * Pastes a payload into a definition. Structural problems of pasted nodes (a payload edited by
 * hand) are left to `parseDefinition`, which the studio runs on every draft.
 */
export function pasteNodes(definition: DefinitionJson, payload: ClipboardPayload): CommandResult {
	const next = lists(copyOf(definition));
	const created: NodeRef[] = [];
	const remap = <T extends { id: string }>(items: T[], existing: { id: string }[]) => {
		const taken = new Set(existing.map((e) => e.id));
		const map = new Map<string, string>();
		for (const item of items) {
			const id = uniqueId(item.id, taken);
			taken.add(id);
			map.set(item.id, id);
		}
		return map;
	};
	const optionIds = remap(payload.options, next.options);
	const viewIds = remap(payload.views, next.views);
	const layerIds = remap(payload.layers, next.layers);
	const ruleIds = remap(payload.rules, next.rules);
	const groupIds = remap(payload.groups, next.groups);
	const option = (id: string) => optionIds.get(id) ?? id;

	// Assets, fonts and colors the target lacks come along; the target's own win on a clash.
	next.assets ??= {};
	for (const [id, asset] of Object.entries(payload.assets)) next.assets[id] ??= copyOf(asset);
	next.fonts ??= [];
	for (const font of payload.fonts)
		if (!next.fonts.some((f) => f.id === font.id)) next.fonts.push(copyOf(font));
	next.colors ??= [];
	for (const color of payload.colors)
		if (!next.colors.some((c) => c.id === color.id)) next.colors.push(copyOf(color));

	for (const view of payload.views) {
		const id = viewIds.get(view.id) ?? view.id;
		next.views.push({
			...copyOf(view),
			id,
			label: uniqueLabel(
				view.label,
				next.views.map((v) => v.label)
			)
		});
		created.push({ kind: 'view', id });
	}
	for (const group of payload.groups) {
		const id = groupIds.get(group.id) ?? group.id;
		// Options pasted with the group stay in it; others are left where they are.
		const members = (group.options ?? []).filter((o) => optionIds.has(o)).map(option);
		next.groups.push({
			...copyOf(group),
			id,
			label: uniqueLabel(
				group.label,
				next.groups.map((g) => g.label)
			),
			options: members
		});
		created.push({ kind: 'group', id });
	}
	for (const pasted of payload.options) {
		const id = option(pasted.id);
		const copy: OptionJson = {
			...copyOf(pasted),
			id,
			label: uniqueLabel(
				pasted.label,
				next.options.map((o) => o.label)
			)
		};
		if (copy.group !== undefined) {
			const group = groupIds.get(copy.group);
			if (group === undefined) delete copy.group;
			else copy.group = group;
		}
		next.options.push(copy);
		created.push({ kind: 'option', id });
	}
	for (const pasted of payload.layers) {
		const id = layerIds.get(pasted.id) ?? pasted.id;
		const copy: LayerJson = { ...copyOf(pasted), id };
		const view = viewIds.get(copy.view);
		if (view !== undefined) copy.view = view;
		else if (!next.views.some((v) => v.id === copy.view)) {
			// A layer pasted without its view goes to the target's first view.
			const first = next.views[0];
			if (!first) return refuse('Add a view before pasting layers: the product has none.');
			copy.view = first.id;
			delete copy.printArea;
		}
		if (copy.parent !== undefined) {
			const parent = layerIds.get(copy.parent);
			if (parent === undefined) delete copy.parent;
			else copy.parent = parent;
		}
		if (copy.option !== undefined) copy.option = option(copy.option);
		if (copy.visibleWhen) copy.visibleWhen = mapCondition(copy.visibleWhen, option);
		copy.name = uniqueLabel(
			copy.name ?? id,
			next.layers.map((l) => l.name ?? l.id)
		);
		next.layers.push(copy);
		created.push({ kind: 'layer', id });
	}
	for (const pasted of payload.rules) {
		const id = ruleIds.get(pasted.id) ?? pasted.id;
		const copy: RuleJson = {
			...copyOf(pasted),
			id,
			name: uniqueLabel(
				pasted.name,
				next.rules.map((r) => r.name)
			),
			then: pasted.then.map((e) => mapEffect(e, option))
		};
		if (copy.when) copy.when = mapCondition(copy.when, option);
		next.rules.push(copy);
		created.push({ kind: 'rule', id });
	}
	const pruned = pruneDangling(next);
	// Pruning may have removed a pasted layer or rule that depended on something absent.
	const survived = created.filter((ref) => {
		const list = (pruned as Record<string, unknown>)[`${ref.kind}s`];
		return Array.isArray(list) && list.some((item: { id: string }) => item.id === ref.id);
	});
	return done(pruned, survived);
}

/** Copies of `nodes` with fresh ids and names ("Color 2"), added after the originals' lists. */
export function duplicateNodes(
	definition: DefinitionJson,
	nodes: readonly NodeRef[]
): CommandResult {
	const payload = copyNodes(definition, nodes);
	const count =
		payload.options.length +
		payload.views.length +
		payload.layers.length +
		payload.rules.length +
		payload.groups.length;
	if (count === 0) return refuse('Select options, layers, views, rules or steps to duplicate.');
	// Duplicated layers keep their view; duplicated rules keep their references.
	return pasteNodes(definition, payload);
}

export { conditionOptions };
