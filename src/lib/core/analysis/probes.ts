import type { Definition } from '../definition/definition.js';
import type { TextOption } from '../definition/option.js';
import type { Rule } from '../definition/rule.js';
import { varId } from '../engine/model.js';

/**
 * Probes turn questions about conditions into solver variables, through the engine's own
 * semantics (so analysis can never disagree with the engine about what a condition means).
 *
 * A probe is an extra, unused text option `P`. The engine gives an input option that some
 * show/hide rule targets a visibility variable `v P` defined *exactly* by those rules (`v P = 1`
 * iff P is visible). So:
 * - a **fire probe** of rule R: a rule "when R.when then hide P" makes `v P = 0` ⇔ R's condition;
 * - a **visibility probe** of option X: a copy, targeting P, of every show/hide effect that
 *   targets X makes `v P = 1` ⇔ X is visible.
 * Probes constrain nothing (each `v P` is a function of the other variables, and P's own text
 * class is free), so the valid configurations of the probed definition are those of the original.
 */
export interface Probed {
	/** The definition with the probe options and rules appended. */
	definition: Definition;
	/** Rule id → solver variable that is `'0'` exactly when the rule's condition holds (rules with a condition only). */
	fires: Map<string, string>;
	/** Option id → solver variable that is `'1'` exactly when the option is visible (options some rule shows or hides). */
	visible: Map<string, string>;
	/** Probe option ids (their input variables are free; fix them when counting). */
	probeOptions: string[];
	/** Probe rule id → id of the original rule it copies. */
	sourceRule: Map<string, string>;
}

/** Options of {@link probeDefinition}. */
export interface ProbeOptions {
	/** Leave this rule out (its fire probe stays, so input classes are unchanged). */
	without?: string;
}

/** Builds the probed definition of `def` (see {@link Probed}). */
export function probeDefinition(def: Definition, options: ProbeOptions = {}): Probed {
	const taken = new Set([...def.options.map((o) => o.id), ...def.rules.map((r) => r.id)]);
	let counter = 0;
	const fresh = (prefix: string) => {
		let id: string;
		do id = `__${prefix}-${counter++}`;
		while (taken.has(id));
		taken.add(id);
		return id;
	};
	const probeOption = (label: string): TextOption => ({
		id: fresh('probe'),
		kind: 'text',
		label,
		required: false,
		maxLength: 1,
		minLength: 0,
		allowedCharacters: { preset: 'any' },
		lines: 1,
		fonts: [],
		colors: []
	});

	const enabled = def.rules.filter((r) => r.enabled);
	const kept = def.rules.filter((r) => r.id !== options.without);
	const options_: TextOption[] = [];
	const rules: Rule[] = [];
	const fires = new Map<string, string>();
	const visible = new Map<string, string>();
	const sourceRule = new Map<string, string>();

	for (const r of enabled) {
		if (!r.when) continue;
		const p = probeOption(`fires: ${r.name}`);
		options_.push(p);
		const id = fresh('probe-rule');
		rules.push({
			id,
			name: r.name,
			enabled: true,
			when: r.when,
			then: [{ type: 'hideOption', option: p.id }]
		});
		sourceRule.set(id, r.id);
		fires.set(r.id, varId.visible(p.id));
	}

	// Options some enabled rule (of the original definition) shows or hides.
	const targets = new Set<string>();
	for (const r of enabled)
		for (const e of r.then)
			if (e.type === 'showOption' || e.type === 'hideOption') targets.add(e.option);
	for (const o of def.options) {
		if (!targets.has(o.id)) continue;
		const p = probeOption(`visible: ${o.label}`);
		options_.push(p);
		visible.set(o.id, varId.visible(p.id));
		for (const r of enabled) {
			if (r.id === options.without) continue;
			const copies = r.then.flatMap((e) =>
				(e.type === 'showOption' || e.type === 'hideOption') && e.option === o.id
					? [{ type: e.type, option: p.id }]
					: []
			);
			if (copies.length === 0) continue;
			const id = fresh('probe-rule');
			rules.push({
				id,
				name: r.name,
				enabled: true,
				...(r.when ? { when: r.when } : {}),
				then: copies
			});
			sourceRule.set(id, r.id);
		}
	}

	return {
		definition: { ...def, options: [...def.options, ...options_], rules: [...kept, ...rules] },
		fires,
		visible,
		probeOptions: options_.map((o) => o.id),
		sourceRule
	};
}
