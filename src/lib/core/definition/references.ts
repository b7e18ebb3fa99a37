import type { Condition } from './condition.js';
import type { Definition } from './definition.js';
import { formatPath, type ValidationError } from './errors.js';
import type { Option } from './option.js';
import type { Effect } from './rule.js';

/** Kinds whose answer is one or more choices, or on/off: usable in `is` / `in` conditions. */
const CHOICE_LIKE = new Set<Option['kind']>(['choice', 'multi', 'toggle']);

/**
 * Checks every cross-reference of a structurally valid definition: duplicate ids and references
 * to unknown options, choices, groups, views, print areas, layers, assets, fonts and colors from
 * groups, options, layers, rules and scenarios. Appends to and returns `errors`, with paths.
 */
export function checkReferences(
	def: Definition,
	errors: ValidationError[] = []
): ValidationError[] {
	const err = (path: string, message: string) => errors.push({ path, message });

	const unique = <T extends { id: string }>(items: readonly T[], path: string, what: string) => {
		const seen = new Map<string, number>();
		items.forEach((item, i) => {
			const first = seen.get(item.id);
			if (first !== undefined)
				err(`${path}[${i}].id`, `duplicate ${what} id "${item.id}" (also ${path}[${first}])`);
			else seen.set(item.id, i);
		});
		return seen;
	};

	const viewIndex = unique(def.views, 'views', 'view');
	def.views.forEach((v, i) => unique(v.printAreas ?? [], `views[${i}].printAreas`, 'print area'));
	const groupIndex = unique(def.groups, 'groups', 'group');
	const optionIndex = unique(def.options, 'options', 'option');
	const fontIndex = unique(def.fonts, 'fonts', 'font');
	const colorIndex = unique(def.colors, 'colors', 'color');
	const layerIndex = unique(def.layers, 'layers', 'layer');
	unique(def.rules, 'rules', 'rule');
	unique(def.scenarios, 'scenarios', 'scenario');
	unique(def.pricing.fees, 'pricing.fees', 'fee');
	unique(def.pricing.rushTiers, 'pricing.rushTiers', 'rush tier');
	const assetIds = new Set(Object.keys(def.assets));
	const optionById = new Map<string, Option>();
	for (const o of def.options) if (!optionById.has(o.id)) optionById.set(o.id, o);

	const needAsset = (id: string, path: string) => {
		if (!assetIds.has(id)) err(path, `unknown asset "${id}"`);
	};
	const needView = (id: string, path: string) => {
		if (!viewIndex.has(id)) err(path, `unknown view "${id}"`);
	};
	const needOption = (
		id: string,
		path: string,
		kinds?: ReadonlySet<Option['kind']> | Option['kind'][]
	) => {
		const o = optionById.get(id);
		if (!o) {
			err(path, `unknown option "${id}"`);
			return undefined;
		}
		const allowed = kinds ? new Set(kinds) : undefined;
		if (allowed && !allowed.has(o.kind)) {
			err(path, `option "${id}" is a ${o.kind} option; expected ${[...allowed].join(' or ')}`);
			return undefined;
		}
		return o;
	};
	const needValue = (o: Option, value: string | boolean, path: string) => {
		if (o.kind === 'toggle') {
			if (typeof value !== 'boolean')
				err(path, `option "${o.id}" is a toggle; expected true or false`);
		} else if (o.kind === 'choice' || o.kind === 'multi') {
			if (typeof value !== 'string') err(path, `expected a choice id of option "${o.id}"`);
			else if (!o.choices.some((c) => c.id === value))
				err(path, `unknown choice "${value}" of option "${o.id}"`);
		}
	};
	// Choice ids per option object (tables of imported problems check ~10⁵ values).
	const choiceIds = new Map<Option, Set<string>>();
	const needChoice = (o: Option, choice: string, path: string) => {
		if (o.kind !== 'choice' && o.kind !== 'multi') {
			err(path, `option "${o.id}" has no choices`);
			return;
		}
		let ids = choiceIds.get(o);
		if (!ids) choiceIds.set(o, (ids = new Set((o.choices ?? []).map((c) => c.id))));
		if (!ids.has(choice)) err(path, `unknown choice "${choice}" of option "${o.id}"`);
	};

	// Groups and membership.
	const memberOf = new Map<string, string>();
	def.groups.forEach((g, gi) => {
		(g.options ?? []).forEach((oid, oi) => {
			const path = `groups[${gi}].options[${oi}]`;
			if (!optionIndex.has(oid)) err(path, `unknown option "${oid}"`);
			else if (memberOf.has(oid))
				err(path, `option "${oid}" is already in group "${memberOf.get(oid) ?? ''}"`);
			else memberOf.set(oid, g.id);
		});
	});

	// Options.
	def.options.forEach((o, oi) => {
		const p = `options[${oi}]`;
		if (o.group !== undefined) {
			if (!groupIndex.has(o.group)) err(`${p}.group`, `unknown group "${o.group}"`);
			else if (memberOf.get(o.id) !== o.group)
				err(`${p}.group`, `group "${o.group}" does not list option "${o.id}" in its options`);
		}
		if (o.kind === 'choice' || o.kind === 'multi') {
			unique(o.choices, `${p}.choices`, 'choice');
			o.choices.forEach((c, ci) => {
				const cp = `${p}.choices[${ci}]`;
				if (c.swatch && 'asset' in c.swatch) needAsset(c.swatch.asset, `${cp}.swatch.asset`);
				// `?? {}`: the walk also runs, best effort, on structurally invalid input.
				for (const [viewId, assetId] of Object.entries(c.assets ?? {})) {
					needView(viewId, `${cp}.assets[${JSON.stringify(viewId)}]`);
					needAsset(assetId, `${cp}.assets[${JSON.stringify(viewId)}]`);
				}
			});
		}
		if (o.kind === 'choice' && o.default !== undefined) needChoice(o, o.default, `${p}.default`);
		if (o.kind === 'multi') {
			o.default?.forEach((d, di) => needChoice(o, d, `${p}.default[${di}]`));
			const max = o.max ?? o.choices.length;
			if (o.min > max) err(`${p}.min`, `min (${o.min}) is greater than max (${max})`);
			if (o.min > o.choices.length)
				err(
					`${p}.min`,
					`min (${o.min}) is greater than the number of choices (${o.choices.length})`
				);
		}
		if (o.kind === 'text') {
			(o.fonts ?? []).forEach((f, fi) => {
				if (!fontIndex.has(f)) err(`${p}.fonts[${fi}]`, `unknown font "${f}"`);
			});
			(o.colors ?? []).forEach((c, ci) => {
				if (!colorIndex.has(c)) err(`${p}.colors[${ci}]`, `unknown color "${c}"`);
			});
			if (o.minLength > o.maxLength)
				err(
					`${p}.minLength`,
					`minLength (${o.minLength}) is greater than maxLength (${o.maxLength})`
				);
		}
		if (o.kind === 'number') {
			if (o.min !== undefined && o.max !== undefined && o.min > o.max)
				err(`${p}.min`, `min (${o.min}) is greater than max (${o.max})`);
		}
	});

	def.fonts.forEach((f, fi) => needAsset(f.asset, `fonts[${fi}].asset`));

	// Conditions.
	const checkCondition = (c: Condition, path: string): void => {
		switch (c.type) {
			case 'and':
			case 'or':
				c.conditions.forEach((cc, i) => checkCondition(cc, `${path}.conditions[${i}]`));
				return;
			case 'not':
				checkCondition(c.condition, `${path}.condition`);
				return;
			case 'is':
			case 'isNot': {
				const o = needOption(c.option, `${path}.option`, CHOICE_LIKE);
				if (o) needValue(o, c.value, `${path}.value`);
				return;
			}
			case 'in': {
				const o = needOption(c.option, `${path}.option`, ['choice', 'multi']);
				if (o) c.values.forEach((v, i) => needChoice(o, v, `${path}.values[${i}]`));
				return;
			}
			case 'textLength':
				needOption(c.option, `${path}.option`, ['text']);
				return;
			case 'number':
				needOption(c.option, `${path}.option`, ['number']);
				return;
			case 'answered':
			case 'unanswered':
				needOption(c.option, `${path}.option`);
				return;
			case 'quantity':
				return;
		}
	};

	// Layers.
	const layerById = new Map(def.layers.map((l) => [l.id, l]));
	def.layers.forEach((l, li) => {
		const p = `layers[${li}]`;
		needView(l.view, `${p}.view`);
		const view = def.views.find((v) => v.id === l.view);
		if (
			l.printArea !== undefined &&
			view &&
			!(view.printAreas ?? []).some((a) => a.id === l.printArea)
		)
			err(`${p}.printArea`, `unknown print area "${l.printArea}" of view "${l.view}"`);
		if (l.parent !== undefined) {
			const parent = layerById.get(l.parent);
			if (!parent || !layerIndex.has(l.parent)) err(`${p}.parent`, `unknown layer "${l.parent}"`);
			else if (parent.kind !== 'group') err(`${p}.parent`, `layer "${l.parent}" is not a group`);
			else if (parent.view !== l.view)
				err(`${p}.parent`, `group "${l.parent}" belongs to another view ("${parent.view}")`);
			else {
				// Parent chains must not loop.
				const seen = new Set([l.id]);
				let cur: string | undefined = l.parent;
				while (cur !== undefined) {
					if (seen.has(cur)) {
						err(`${p}.parent`, `layer "${l.id}" is its own ancestor`);
						break;
					}
					seen.add(cur);
					cur = layerById.get(cur)?.parent;
				}
			}
		}
		if (l.visibleWhen) checkCondition(l.visibleWhen, `${p}.visibleWhen`);
		switch (l.kind) {
			case 'image':
				if (l.asset !== undefined) needAsset(l.asset, `${p}.asset`);
				if (l.option !== undefined) needOption(l.option, `${p}.option`, CHOICE_LIKE);
				if (l.asset === undefined && l.option === undefined)
					err(p, 'an image layer needs an asset or an option');
				break;
			case 'text': {
				needOption(l.option, `${p}.option`, ['text', 'number']);
				if (!fontIndex.has(l.style.font)) err(`${p}.style.font`, `unknown font "${l.style.font}"`);
				if (!l.style.color.startsWith('#') && !colorIndex.has(l.style.color))
					err(`${p}.style.color`, `unknown color "${l.style.color}"`);
				break;
			}
			case 'upload':
				needOption(l.option, `${p}.option`, ['image']);
				break;
			case 'group':
				break;
		}
	});

	// Rules.
	const checkEffect = (e: Effect, path: string) => {
		switch (e.type) {
			case 'showOption':
			case 'hideOption':
				needOption(e.option, `${path}.option`);
				return;
			case 'showChoice':
			case 'hideChoice': {
				const o = needOption(e.option, `${path}.option`, ['choice', 'multi']);
				if (o) needChoice(o, e.choice, `${path}.choice`);
				return;
			}
			case 'require':
			case 'exclude': {
				const o = needOption(e.option, `${path}.option`);
				if (o && e.value !== undefined) {
					if (!CHOICE_LIKE.has(o.kind))
						err(
							`${path}.value`,
							`option "${o.id}" is a ${o.kind} option; a value applies to choice, multi or toggle options`
						);
					else needValue(o, e.value, `${path}.value`);
				}
				return;
			}
			case 'autoSelect':
			case 'setDefault': {
				const o = needOption(e.option, `${path}.option`, ['choice', 'toggle']);
				if (o) needValue(o, e.value, `${path}.value`);
				return;
			}
			case 'table': {
				const opts = e.options.map((oid, i) =>
					needOption(oid, `${path}.options[${i}]`, ['choice', 'toggle'])
				);
				e.rows.forEach((row, ri) => {
					if (row.length !== e.options.length) {
						err(
							`${path}.rows[${ri}]`,
							`expected ${e.options.length} values, one per option, got ${row.length}`
						);
						return;
					}
					row.forEach((v, vi) => {
						const o = opts[vi];
						if (v === null || !o) return;
						if (o.kind === 'toggle') {
							if (v !== 'true' && v !== 'false')
								err(
									`${path}.rows[${ri}][${vi}]`,
									`option "${o.id}" is a toggle; expected "true" or "false"`
								);
						} else needChoice(o, v, `${path}.rows[${ri}][${vi}]`);
					});
				});
				return;
			}
			case 'pricePerCharacter':
				needOption(e.option, `${path}.option`, ['text']);
				return;
			case 'pricePerUnit':
				needOption(e.option, `${path}.option`, ['number']);
				return;
			case 'priceAmount':
			case 'pricePercent':
			case 'leadTime':
				return;
		}
	};
	def.rules.forEach((r, ri) => {
		if (r.when) checkCondition(r.when, `rules[${ri}].when`);
		r.then.forEach((e, ei) => checkEffect(e, `rules[${ri}].then[${ei}]`));
	});

	// Pricing.
	const tierMins = new Set<number>();
	def.pricing.quantityTiers.forEach((t, ti) => {
		if (tierMins.has(t.minQuantity))
			err(
				`pricing.quantityTiers[${ti}].minQuantity`,
				`duplicate tier for quantity ${t.minQuantity}`
			);
		tierMins.add(t.minQuantity);
	});
	if (def.pricing.maxQuantity !== undefined && def.pricing.maxQuantity < def.pricing.minQuantity)
		err('pricing.maxQuantity', 'maxQuantity is less than minQuantity');

	// Scenarios.
	def.scenarios.forEach((s, si) => {
		const p = `scenarios[${si}]`;
		for (const e of checkConfigurationReferences(def, s.configuration))
			errors.push({ path: `${p}.configuration${e.path ? `.${e.path}` : ''}`, message: e.message });
		const x = s.expect;
		x.visibleOptions?.forEach((o, i) => needOption(o, `${p}.expect.visibleOptions[${i}]`));
		x.hiddenOptions?.forEach((o, i) => needOption(o, `${p}.expect.hiddenOptions[${i}]`));
		for (const key of ['availableChoices', 'unavailableChoices'] as const) {
			x[key]?.forEach((ref, i) => {
				const o = needOption(ref.option, `${p}.expect.${key}[${i}].option`);
				if (o) needChoice(o, ref.choice, `${p}.expect.${key}[${i}].choice`);
			});
		}
	});

	return errors;
}

/**
 * Checks a structurally valid configuration against a definition: unknown options, unknown
 * choices, answers of the wrong kind, fonts/colors not offered, unknown rush tier.
 * Paths are relative to the configuration (`selections.material`).
 */
export function checkConfigurationReferences(
	def: Definition,
	config: {
		selections: Record<string, unknown>;
		rushTier?: string | undefined;
	},
	/** The definition's options by id, when the caller already has them (the engine does). */
	byId: ReadonlyMap<string, Option> = new Map(def.options.map((o) => [o.id, o]))
): ValidationError[] {
	const errors: ValidationError[] = [];
	let oid = '';
	// The path is written only for an answer in error (most are fine).
	const fail = (message: string, sub = '') =>
		errors.push({ path: formatPath(['selections', oid]) + sub, message });
	for (const id of Object.keys(config.selections)) {
		const value = config.selections[id];
		oid = id;
		const o = byId.get(oid);
		if (!o) {
			fail(`unknown option "${oid}"`);
			continue;
		}
		switch (o.kind) {
			case 'choice':
				if (typeof value !== 'string') fail(`expected a choice id of option "${o.label}"`);
				else if (!o.choices.some((c) => c.id === value))
					fail(`unknown choice "${value}" of option "${o.label}"`);
				break;
			case 'multi':
				if (!Array.isArray(value)) fail(`expected a list of choice ids of option "${o.label}"`);
				else {
					const seen = new Set<string>();
					value.forEach((v: unknown, i) => {
						if (typeof v !== 'string' || !o.choices.some((c) => c.id === v))
							fail(`unknown choice "${String(v)}" of option "${o.label}"`, `[${i}]`);
						else if (seen.has(v)) fail(`choice "${v}" is selected twice`, `[${i}]`);
						else seen.add(v);
					});
				}
				break;
			case 'text':
				if (typeof value === 'string') break;
				if (typeof value !== 'object' || value === null || !('text' in value))
					fail(`expected a text for option "${o.label}"`);
				else {
					const t = value as { font?: string; color?: string };
					if (t.font !== undefined && !o.fonts.includes(t.font))
						fail(`font "${t.font}" is not offered for option "${o.label}"`, '.font');
					if (t.color !== undefined && !o.colors.includes(t.color))
						fail(`color "${t.color}" is not offered for option "${o.label}"`, '.color');
				}
				break;
			case 'image':
				if (
					typeof value !== 'string' &&
					(typeof value !== 'object' || value === null || !('ref' in value))
				)
					fail(`expected an upload reference for option "${o.label}"`);
				break;
			case 'number':
				if (typeof value !== 'number' || !Number.isFinite(value))
					fail(`expected a number for option "${o.label}"`);
				break;
			case 'toggle':
				if (typeof value !== 'boolean') fail(`expected true or false for option "${o.label}"`);
				break;
		}
	}
	if (config.rushTier !== undefined && !def.pricing.rushTiers.some((t) => t.id === config.rushTier))
		errors.push({ path: 'rushTier', message: `unknown rush tier "${config.rushTier}"` });
	return errors;
}
