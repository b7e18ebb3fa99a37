import type { SolverModel } from '../solver/types';
import { parseXml, XcspError, type XmlElement } from './xml';

/** A named XCSP domain: its integer values in document order. */
export interface XcspDomain {
	name: string;
	values: number[];
	line: number;
}

/** An XCSP variable and the name of its domain. */
export interface XcspVariable {
	name: string;
	domain: string;
	line: number;
}

/** An extensional XCSP relation (a table). */
export interface XcspRelation {
	name: string;
	arity: number;
	semantics: 'supports' | 'conflicts';
	tuples: number[][];
	line: number;
}

/** An XCSP constraint: a relation applied to a scope (the scope gives the column order). */
export interface XcspConstraint {
	name: string;
	arity: number;
	scope: string[];
	reference: string;
	line: number;
}

/** A parsed XCSP 2.1 instance (the extensional subset). */
export interface XcspProblem {
	name: string | undefined;
	domains: XcspDomain[];
	variables: XcspVariable[];
	relations: XcspRelation[];
	constraints: XcspConstraint[];
}

function required(el: XmlElement, attr: string): string {
	const v = el.attributes[attr];
	if (v === undefined) throw new XcspError(`missing attribute ${attr}`, el.line, el.name);
	return v;
}

function parseIntStrict(token: string, el: XmlElement, what: string): number {
	if (!/^[+-]?\d+$/.test(token))
		throw new XcspError(`${what}: '${token}' is not an integer`, el.line, el.name);
	return Number(token);
}

function optionalCount(el: XmlElement, attr: string): number | undefined {
	const v = el.attributes[attr];
	return v === undefined ? undefined : parseIntStrict(v.trim(), el, attr);
}

function parseDomainValues(el: XmlElement): number[] {
	const values: number[] = [];
	for (const token of el.text.split(/\s+/)) {
		if (token === '') continue;
		const range = /^([+-]?\d+)\.\.([+-]?\d+)$/.exec(token);
		if (range) {
			const lo = Number(range[1]);
			const hi = Number(range[2]);
			if (hi < lo) throw new XcspError(`empty range ${token}`, el.line, el.name);
			if (hi - lo > 1_000_000) throw new XcspError(`range ${token} is too large`, el.line, el.name);
			for (let v = lo; v <= hi; v++) values.push(v);
		} else values.push(parseIntStrict(token, el, 'domain value'));
	}
	return values;
}

function children(parent: XmlElement | undefined, name: string): XmlElement[] {
	return parent ? parent.children.filter((c) => c.name === name) : [];
}

/**
 * Parses the XCSP 2.1 subset used by the Renault benchmarks: domains (integers and `a..b`
 * ranges), variables, extensional relations (`supports` / `conflicts`, tuples separated by
 * `|`) and constraints (`scope` + `reference`).
 * @throws XcspError naming the line and the element on syntax errors, unknown references,
 * duplicate names and arity mismatches.
 */
export function parseXcsp(text: string): XcspProblem {
	const root = parseXml(text);
	if (root.name !== 'instance')
		throw new XcspError(
			`root element must be <instance>, got <${root.name}>`,
			root.line,
			root.name
		);
	const section = (name: string): XmlElement | undefined => {
		const found = children(root, name);
		if (found.length > 1)
			throw new XcspError(`more than one <${name}> section`, found[1].line, name);
		return found[0];
	};
	const presentation = section('presentation');
	const domainsEl = section('domains');
	const variablesEl = section('variables');
	const relationsEl = section('relations');
	const constraintsEl = section('constraints');
	if (!domainsEl) throw new XcspError('missing <domains> section', root.line, 'instance');
	if (!variablesEl) throw new XcspError('missing <variables> section', root.line, 'instance');

	const domains: XcspDomain[] = [];
	const domainByName = new Map<string, XcspDomain>();
	for (const el of children(domainsEl, 'domain')) {
		const name = required(el, 'name');
		if (domainByName.has(name)) throw new XcspError(`duplicate domain ${name}`, el.line, el.name);
		const values = parseDomainValues(el);
		if (new Set(values).size !== values.length)
			throw new XcspError(`domain ${name} lists a value twice`, el.line, el.name);
		const nb = optionalCount(el, 'nbValues');
		if (nb !== undefined && nb !== values.length)
			throw new XcspError(
				`domain ${name} declares nbValues=${nb} but lists ${values.length} values`,
				el.line,
				el.name
			);
		const d = { name, values, line: el.line };
		domains.push(d);
		domainByName.set(name, d);
	}

	const variables: XcspVariable[] = [];
	const variableByName = new Map<string, XcspVariable>();
	for (const el of children(variablesEl, 'variable')) {
		const name = required(el, 'name');
		const domain = required(el, 'domain');
		if (!domainByName.has(domain))
			throw new XcspError(`variable ${name} refers to unknown domain ${domain}`, el.line, el.name);
		if (variableByName.has(name))
			throw new XcspError(`duplicate variable ${name}`, el.line, el.name);
		const v = { name, domain, line: el.line };
		variables.push(v);
		variableByName.set(name, v);
	}

	const relations: XcspRelation[] = [];
	const relationByName = new Map<string, XcspRelation>();
	for (const el of children(relationsEl, 'relation')) {
		const name = required(el, 'name');
		if (relationByName.has(name))
			throw new XcspError(`duplicate relation ${name}`, el.line, el.name);
		const arity = parseIntStrict(required(el, 'arity').trim(), el, 'arity');
		if (arity < 1) throw new XcspError(`relation ${name} has arity ${arity}`, el.line, el.name);
		const semantics = required(el, 'semantics');
		if (semantics !== 'supports' && semantics !== 'conflicts')
			throw new XcspError(
				`relation ${name}: semantics must be supports or conflicts, got ${semantics}`,
				el.line,
				el.name
			);
		const tuples: number[][] = [];
		const body = el.text.trim();
		if (body !== '') {
			for (const part of body.split('|')) {
				const tokens = part.trim().split(/\s+/);
				if (tokens.length === 1 && tokens[0] === '') continue;
				if (tokens.length !== arity)
					throw new XcspError(
						`relation ${name} has arity ${arity} but tuple #${tuples.length + 1} '${part.trim()}' has ${tokens.length} values`,
						el.line,
						el.name
					);
				tuples.push(tokens.map((t) => parseIntStrict(t, el, `relation ${name}`)));
			}
		}
		const nb = optionalCount(el, 'nbTuples');
		if (nb !== undefined && nb !== tuples.length)
			throw new XcspError(
				`relation ${name} declares nbTuples=${nb} but lists ${tuples.length} tuples`,
				el.line,
				el.name
			);
		const r = { name, arity, semantics, tuples, line: el.line } as XcspRelation;
		relations.push(r);
		relationByName.set(name, r);
	}

	const constraints: XcspConstraint[] = [];
	const constraintNames = new Set<string>();
	for (const el of children(constraintsEl, 'constraint')) {
		const name = required(el, 'name');
		if (constraintNames.has(name))
			throw new XcspError(`duplicate constraint ${name}`, el.line, el.name);
		constraintNames.add(name);
		const scope = required(el, 'scope')
			.trim()
			.split(/\s+/)
			.filter((s) => s !== '');
		const reference = required(el, 'reference');
		const declared = el.attributes.arity;
		const arity =
			declared === undefined ? scope.length : parseIntStrict(declared.trim(), el, 'arity');
		if (arity !== scope.length)
			throw new XcspError(
				`constraint ${name} declares arity ${arity} but its scope has ${scope.length} variables`,
				el.line,
				el.name
			);
		for (const v of scope)
			if (!variableByName.has(v))
				throw new XcspError(`constraint ${name} refers to unknown variable ${v}`, el.line, el.name);
		if (new Set(scope).size !== scope.length)
			throw new XcspError(`constraint ${name} repeats a variable in its scope`, el.line, el.name);
		const relation = relationByName.get(reference);
		if (!relation)
			throw new XcspError(
				`constraint ${name} refers to unknown relation ${reference} (predicates and global constraints are not supported)`,
				el.line,
				el.name
			);
		if (relation.arity !== arity)
			throw new XcspError(
				`constraint ${name} has arity ${arity} but relation ${reference} has arity ${relation.arity}`,
				el.line,
				el.name
			);
		constraints.push({ name, arity, scope, reference, line: el.line });
	}

	return {
		name: presentation?.attributes.name,
		domains,
		variables,
		relations,
		constraints
	};
}

/**
 * Converts a parsed XCSP problem to a solver model: variable ids are the XCSP variable names,
 * values are the integers written as strings (`-1` stays `'-1'`), constraint ids are the XCSP
 * constraint names, and every constraint is a `table` formula. Tuple values outside the
 * variables' domains are dropped from `supports` tables and ignored in `conflicts` tables
 * (they can never occur).
 */
export function xcspToSolverModel(problem: XcspProblem): SolverModel {
	const domainByName = new Map(problem.domains.map((d) => [d.name, d]));
	const relationByName = new Map(problem.relations.map((r) => [r.name, r]));
	const valueSets = new Map<string, Set<number>>();
	const variables = problem.variables.map((v) => {
		const domain = domainByName.get(v.domain);
		if (!domain) throw new XcspError(`unknown domain ${v.domain}`, v.line, 'variable');
		valueSets.set(v.name, new Set(domain.values));
		return { id: v.name, values: domain.values.map(String) };
	});
	const constraints = problem.constraints.map((c) => {
		const relation = relationByName.get(c.reference);
		if (!relation) throw new XcspError(`unknown relation ${c.reference}`, c.line, 'constraint');
		const sets = c.scope.map((v) => valueSets.get(v) ?? new Set<number>());
		const tuples = relation.tuples
			.filter((t) => t.every((value, i) => sets[i].has(value)))
			.map((t) => t.map(String));
		return {
			id: c.name,
			formula: {
				kind: 'table' as const,
				scope: [...c.scope],
				tuples,
				semantics: relation.semantics
			}
		};
	});
	return { variables, constraints };
}

/**
 * Parses `renault-megane/domains.txt` (`VarN : name0, name1, …`). Returns, for each XCSP
 * variable name `N`, the label of each value index: value `k` of variable `N` is `labels[k]`.
 * @throws XcspError on a line that does not have the `VarN : …` shape.
 */
export function parseMeganeLabels(text: string): Map<string, string[]> {
	const result = new Map<string, string[]>();
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		const m = /^Var(\S+)\s*:\s*(.*)$/.exec(line);
		if (!m) throw new XcspError(`expected 'VarN : name0, name1, …'`, i + 1, 'domains.txt');
		const names = m[2]
			.split(',')
			.map((s) => s.trim())
			.filter((s) => s !== '');
		if (result.has(m[1]))
			throw new XcspError(`duplicate line for Var${m[1]}`, i + 1, 'domains.txt');
		result.set(m[1], names);
	}
	return result;
}
