import type { DefinitionInput } from '../definition/definition.js';
import type { XcspProblem } from '../xcsp/parse.js';
import { XcspError } from '../xcsp/xml.js';

/** The BR4CP "joker" value: the option is not taken. */
export const XCSP_JOKER = -1;

/** Options of {@link xcspToDefinition}. */
export interface XcspToDefinitionOptions {
	/**
	 * Value labels per XCSP variable name (`parseMeganeLabels` of Megane's `domains.txt`): value
	 * `k` of a variable is labelled `labels.get(name)[k]`.
	 */
	labels?: ReadonlyMap<string, readonly string[]>;
	/** Product name (default: the problem's name, else "Imported XCSP problem"). */
	name?: string;
	/** Product handle, a lowercase slug (default: derived from the name). */
	handle?: string;
}

/** A lowercase slug (`team-jersey`) of a name, or `fallback` when nothing is left. */
export function slugOf(name: string, fallback = 'imported-problem'): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug === '' ? fallback : slug;
}

/** Ids have no whitespace or control characters; XCSP names normally comply, others are patched. */
function safeId(name: string): string {
	// eslint-disable-next-line no-control-regex
	const id = name.replace(/[\s\u0000-\u001f\u007f]+/g, '_').slice(0, 200);
	return id === '' ? '_' : id;
}

/** A label is a non-empty text of at most 500 characters. */
function safeLabel(text: string, fallback: string): string {
	const t = text.trim();
	return t === '' ? fallback : t.slice(0, 500);
}

/**
 * Converts a parsed XCSP 2.1 problem (the extensional subset of the Renault benchmarks) into an
 * Atelier product definition (formatVersion 1) that `parseDefinition` accepts:
 *
 * - one `choice` option per variable, **its id the XCSP variable name unchanged**, with one
 *   choice per domain value, **its id the value written as a string** (`"0"`, `"12"`);
 * - a variable whose domain holds the joker `-1` becomes an optional option (`required: false`)
 *   without a `-1` choice: leaving the option unanswered *is* the joker, so the engine's
 *   "unanswered" value stands exactly for `-1` and counts match the XCSP problem's;
 *   every other option is required;
 * - one rule per constraint (id = the constraint name), whose single effect is a hard
 *   compatibility `table` (`allow` for `supports`, `forbid` for `conflicts`) with `null` for
 *   `-1`. Tuples with values outside the variables' domains can never occur and are dropped;
 * - a variable whose only value is `-1` carries no choice at all: it is left out and the
 *   tables that mention it are projected on the other columns (keeping the rows where it is
 *   `-1`).
 *
 * Labels come from `options.labels` when given (value `k` → the `k`-th name), else the value.
 * @throws XcspError (with the variable's line) for a variable with an empty domain.
 */
export function xcspToDefinition(
	problem: XcspProblem,
	options: XcspToDefinitionOptions = {}
): DefinitionInput {
	const name = options.name ?? problem.name ?? 'Imported XCSP problem';
	const handle = options.handle ?? slugOf(name);
	const domainByName = new Map(problem.domains.map((d) => [d.name, d]));
	const relationByName = new Map(problem.relations.map((r) => [r.name, r]));

	/** Variable name → its values (as a set), for every variable kept or dropped. */
	const valuesOf = new Map<string, Set<number>>();
	/** Variables whose only value is the joker: no option. */
	const jokerOnly = new Set<string>();
	const optionId = new Map<string, string>();
	const optionsOut: NonNullable<DefinitionInput['options']> = [];
	const usedIds = new Set<string>();

	for (const v of problem.variables) {
		const domain = domainByName.get(v.domain);
		if (!domain) throw new XcspError(`unknown domain ${v.domain}`, v.line, 'variable');
		if (domain.values.length === 0)
			throw new XcspError(
				`variable ${v.name} has an empty domain: the problem has no solution`,
				v.line,
				'variable'
			);
		valuesOf.set(v.name, new Set(domain.values));
		const real = domain.values.filter((x) => x !== XCSP_JOKER);
		if (real.length === 0) {
			jokerOnly.add(v.name);
			continue;
		}
		let id = safeId(v.name);
		while (usedIds.has(id)) id = `${id}_`;
		usedIds.add(id);
		optionId.set(v.name, id);
		const labels = options.labels?.get(v.name);
		optionsOut.push({
			id,
			kind: 'choice',
			label: labels ? `Var${v.name}` : v.name,
			required: real.length === domain.values.length,
			display: 'dropdown',
			choices: real.map((x) => {
				const label = Number.isInteger(x) && x >= 0 ? labels?.[x] : undefined;
				return { id: String(x), label: safeLabel(label ?? String(x), String(x)) };
			})
		});
	}

	const labelOfVariable = (n: string) => (options.labels?.has(n) ? `Var${n}` : n);
	const rules: NonNullable<DefinitionInput['rules']> = [];
	const usedRuleIds = new Set<string>();
	for (const c of problem.constraints) {
		const relation = relationByName.get(c.reference);
		if (!relation) throw new XcspError(`unknown relation ${c.reference}`, c.line, 'constraint');
		const keep = c.scope.map((v) => !jokerOnly.has(v));
		const scope = c.scope.filter((_, i) => keep[i]);
		const sets = c.scope.map((v) => valuesOf.get(v) ?? new Set<number>());
		const rows: (string | null)[][] = [];
		const seen = new Set<string>();
		for (const t of relation.tuples) {
			// Values outside a domain never occur; dropped columns must hold the joker.
			if (!t.every((x, i) => sets[i]?.has(x) && (keep[i] || x === XCSP_JOKER))) continue;
			const row = t.filter((_, i) => keep[i]).map((x) => (x === XCSP_JOKER ? null : String(x)));
			const key = row.join(' ');
			if (seen.has(key)) continue;
			seen.add(key);
			rows.push(row);
		}
		const allow = relation.semantics === 'supports';
		let id = safeId(c.name);
		while (usedRuleIds.has(id)) id = `${id}_`;
		usedRuleIds.add(id);
		const ruleName = `${c.name}: ${allow ? 'allowed' : 'forbidden'} combinations of ${c.scope.map(labelOfVariable).join(', ')}`;
		if (scope.length === 0) {
			// Every column was the joker: the constraint holds (allow with a row, forbid without
			// one) or fails outright. Only the failing case needs a rule.
			if (allow === rows.length > 0) continue;
			const first = optionsOut[0];
			if (!first) continue;
			rules.push({
				id,
				name: ruleName,
				then: [{ type: 'table', mode: 'allow', options: [first.id], rows: [] }]
			});
			continue;
		}
		rules.push({
			id,
			name: safeLabel(ruleName, id),
			then: [
				{
					type: 'table',
					mode: allow ? 'allow' : 'forbid',
					options: scope.map((v) => optionId.get(v) as string),
					rows
				}
			]
		});
	}

	return {
		formatVersion: 1,
		id: handle,
		name,
		handle,
		description: `Imported from XCSP 2.1: ${problem.variables.length} variables, ${problem.constraints.length} constraints.`,
		currency: { code: 'EUR', minorUnits: 2 },
		options: optionsOut,
		rules,
		pricing: { base: 0 }
	};
}
