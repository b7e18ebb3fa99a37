import type { Configuration, ConfigurationInput, Selection } from '../definition/configuration.js';
import type { Definition } from '../definition/definition.js';
import type { PriceBreakdown } from '../pricing/price.js';
import type { Option } from '../definition/option.js';
import type { EngineLike } from '../production/spec.js';
import { textOverflowCheck } from '../scene/overflow.js';

/** One spreadsheet row: header → cell text, as parsed from CSV or XLSX. */
export type RosterRow = Record<string, string | number | boolean | null | undefined>;

/** What a column feeds: an option's answer, a text option's font or color, or the quantity. */
export type ColumnPart = 'value' | 'font' | 'color' | 'quantity';

/** How a header was mapped. */
export interface RosterColumn {
	header: string;
	/** The option the column answers, or null (ignored column, or the quantity column). */
	option: string | null;
	part: ColumnPart | null;
	/** How the mapping was made. */
	matchedBy: 'override' | 'id' | 'label' | 'quantity' | null;
}

/** A problem with one cell (or with the row when `column` is null). */
export interface RosterCellError {
	/** The header of the cell, or null when the problem is not one column's. */
	column: string | null;
	/** The option concerned, or null. */
	option: string | null;
	message: string;
}

/** One mapped row: its configuration (when the cells could be read) and every error found. */
export interface RosterRowResult {
	/** 0-based index in the given rows. */
	index: number;
	/** 1-based spreadsheet line, counting the header row as line 1. */
	line: number;
	configuration?: Configuration;
	/** The configuration's price at the row's own quantity, as the engine evaluated it. */
	price?: PriceBreakdown;
	errors: RosterCellError[];
	/** True when the row has no errors and its configuration is complete. */
	ok: boolean;
}

/** Options of {@link mapRoster}. */
export interface RosterOptions {
	/** Header → option id (or null to ignore the column, or `'quantity'`), overriding the automatic match. */
	mapping?: Record<string, string | null>;
	/** Selections every row shares (e.g. color and sleeves chosen once for the team); cells override them. */
	base?: ConfigurationInput;
	/**
	 * Options whose answers must differ between rows (e.g. jersey numbers in a league that
	 * forbids duplicates). The definition format has no such flag yet, so it is a roster option.
	 * Texts are compared case- and space-insensitively.
	 */
	unique?: readonly string[];
	/** Explain unavailable choices in the messages (default true; costs a solver search each). */
	explain?: boolean;
	/**
	 * The spreadsheet line of each row (default `index + 2`: the header is line 1). A caller that
	 * lets the customer remove rows passes the lines the remaining rows came from, so messages
	 * keep naming the lines of the customer's file.
	 */
	lines?: readonly number[];
}

/** The result of {@link mapRoster}. Every row is reported, in order; none is dropped. */
export interface RosterResult {
	rows: RosterRowResult[];
	columns: RosterColumn[];
	/** Problems with the mapping itself (an override naming an unknown option). */
	errors: { column: string; message: string }[];
}

/** Normalizes a header or a value for matching: case-, space-, `_`/`-`/`.`-insensitive. */
export function normalizeKey(s: string): string {
	return s
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s_\-.#]+/g, '');
}

const QUANTITY_HEADERS = new Set(['quantity', 'qty', 'count', 'pieces', 'pcs']);

/** Maps headers to options: by option id, then by label (each case/space-insensitive). */
export function mapColumns(
	def: Definition,
	headers: readonly string[],
	mapping: Record<string, string | null> = {}
): { columns: RosterColumn[]; errors: RosterResult['errors'] } {
	const byKey = new Map<string, { option: Option; by: 'id' | 'label' }>();
	// Labels first so that ids win on a clash.
	for (const o of def.options) byKey.set(normalizeKey(o.label), { option: o, by: 'label' });
	for (const o of def.options) byKey.set(normalizeKey(o.id), { option: o, by: 'id' });
	const errors: RosterResult['errors'] = [];
	const columns = headers.map((header): RosterColumn => {
		if (Object.hasOwn(mapping, header)) {
			const target = mapping[header];
			if (target === null || target === undefined)
				return { header, option: null, part: null, matchedBy: 'override' };
			if (target === 'quantity' && !def.options.some((o) => o.id === 'quantity'))
				return { header, option: null, part: 'quantity', matchedBy: 'override' };
			const [id, sub] = target.split('.') as [string, string | undefined];
			const o = def.options.find((x) => x.id === id);
			if (!o || (sub !== undefined && (o.kind !== 'text' || (sub !== 'font' && sub !== 'color')))) {
				errors.push({ column: header, message: `"${target}" is not an option of ${def.name}` });
				return { header, option: null, part: null, matchedBy: null };
			}
			return {
				header,
				option: o.id,
				part: (sub as 'font' | 'color' | undefined) ?? 'value',
				matchedBy: 'override'
			};
		}
		const key = normalizeKey(header);
		const hit = byKey.get(key);
		if (hit) return { header, option: hit.option.id, part: 'value', matchedBy: hit.by };
		for (const sub of ['font', 'color', 'colour'] as const) {
			if (!key.endsWith(sub)) continue;
			const owner = byKey.get(key.slice(0, -sub.length));
			if (owner?.option.kind === 'text')
				return {
					header,
					option: owner.option.id,
					part: sub === 'font' ? 'font' : 'color',
					matchedBy: owner.by
				};
		}
		if (QUANTITY_HEADERS.has(key))
			return { header, option: null, part: 'quantity', matchedBy: 'quantity' };
		return { header, option: null, part: null, matchedBy: null };
	});
	return { columns, errors };
}

/** The headers of rows, in first-seen order. */
export function rosterHeaders(rows: readonly RosterRow[]): string[] {
	const seen = new Set<string>();
	for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
	return [...seen];
}

const cellText = (v: RosterRow[string]): string =>
	v === null || v === undefined ? '' : typeof v === 'string' ? v.trim() : String(v);

/**
 * Maps spreadsheet rows (names and numbers, sizes…) to one configuration per row and validates
 * each with the engine: cell errors (unknown choice, not a number, disallowed characters, too
 * long, out of range, conflicts with the product's rules, missing required answers) name their
 * column. Cross-row checks: answers of `options.unique` options that repeat are reported on every
 * row involved. Bad rows are reported with whatever configuration could be read, never dropped.
 * Never compiles (`mapRoster` in `source.ts` also takes a definition): the storefront's bulk
 * mode uses it with the configurator's engine.
 */
export function mapRosterOf(
	engine: EngineLike,
	rows: readonly RosterRow[],
	options: RosterOptions = {}
): RosterResult {
	const def = engine.definition;
	const headers = rosterHeaders(rows);
	const { columns, errors } = mapColumns(def, headers, options.mapping);
	const optionById = new Map(def.options.map((o) => [o.id, o]));
	const columnOf = (optionId: string) =>
		columns.find((c) => c.option === optionId && c.part === 'value')?.header ?? null;
	// Views that draw a personalization text: each good row is drawn there to check that its
	// texts fit their boxes (a name within its character limit can still be too wide).
	const textViews = def.views
		.filter((view) => def.layers.some((layer) => layer.kind === 'text' && layer.view === view.id))
		.map((view) => ({ view, overflowing: textOverflowCheck(def, view.id) }));
	const matchChoice = choiceMatcher();
	const results: RosterRowResult[] = [];
	const uniqueValues = new Map<string, Map<string, number[]>>();
	for (const id of options.unique ?? []) uniqueValues.set(id, new Map());

	rows.forEach((row, index) => {
		const cellErrors: RosterCellError[] = [];
		const selections: Record<string, Selection> = { ...(options.base?.selections ?? {}) };
		const textParts = new Map<string, { font?: string; color?: string }>();
		let quantity = options.base?.quantity ?? 1;
		for (const col of columns) {
			const raw = cellText(row[col.header]);
			if (col.part === 'quantity') {
				if (raw === '') continue;
				const q = Number(raw);
				if (!Number.isInteger(q) || q < 1)
					cellErrors.push({
						column: col.header,
						option: null,
						message: `"${raw}" is not a quantity (a whole number of at least 1)`
					});
				else quantity = q;
				continue;
			}
			if (col.option === null || col.part === null) continue;
			const o = optionById.get(col.option) as Option;
			if (col.part === 'font' || col.part === 'color') {
				if (raw === '' || o.kind !== 'text') continue;
				const found = col.part === 'font' ? matchFont(def, o, raw) : matchColor(def, o, raw);
				if (found === undefined)
					cellErrors.push({
						column: col.header,
						option: o.id,
						message: `"${raw}" is not a ${col.part} offered for ${o.label}`
					});
				else textParts.set(o.id, { ...textParts.get(o.id), [col.part]: found });
				continue;
			}
			// An empty cell leaves the option to the base selections (or unanswered).
			if (raw === '') continue;
			const read = readCell(o, raw, matchChoice);
			if ('error' in read)
				cellErrors.push({ column: col.header, option: o.id, message: read.error });
			else selections[o.id] = read.value;
		}
		for (const [id, parts] of textParts) {
			const v = selections[id];
			const text =
				typeof v === 'string' ? v : v && typeof v === 'object' && 'text' in v ? v.text : '';
			selections[id] = { text, ...parts };
		}
		const input: ConfigurationInput = {
			...options.base,
			selections,
			quantity
		};
		// Explanations cost a solver search per unavailable choice and only matter in error
		// messages: most rows are fine, so they are computed only for a row that has errors.
		// Nor are the alternatives of answered options needed: errors, validity and completeness
		// do not depend on them (an answer is in its relaxed support iff the selections are
		// satisfiable, exactly as in the plain support).
		let ev = engine.evaluate(input, { explain: false, alternatives: false });
		if ((options.explain ?? true) && ev.errors.some((e) => e.severity === 'error'))
			ev = engine.evaluate(input, { explain: true });
		const unreadable = new Set(cellErrors.map((e) => e.option).filter((x) => x !== null));
		for (const e of ev.errors) {
			if (e.severity !== 'error') continue;
			const m = /^selections(?:\.([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\])/.exec(e.path);
			const optionId = m ? (m[1] ?? JSON.parse(`"${m[2] ?? ''}"`)) : null;
			if (optionId !== null && unreadable.has(optionId)) continue;
			cellErrors.push({
				column:
					optionId !== null
						? columnOf(optionId)
						: e.path === 'quantity'
							? quantityColumn(columns)
							: null,
				option: optionId,
				message: e.message
			});
		}
		if (ev.valid && cellErrors.length === 0) {
			for (const { view, overflowing } of textViews) {
				for (const item of overflowing(ev)) {
					const option = optionById.get(item.optionId);
					cellErrors.push({
						column: columnOf(item.optionId),
						option: item.optionId,
						message: `${option?.label ?? item.optionId} "${item.text}" does not fit its box on the ${view.label} view; shorten it`
					});
				}
			}
		}
		if (!ev.complete && cellErrors.length === 0)
			cellErrors.push({
				column: null,
				option: null,
				message: 'the row does not make a complete product'
			});
		for (const [id, seen] of uniqueValues) {
			const v = ev.configuration.selections[id];
			if (v === undefined) continue;
			const key = uniqueKey(v);
			if (key === '') continue;
			seen.set(key, [...(seen.get(key) ?? []), index]);
		}
		results.push({
			index,
			line: options.lines?.[index] ?? index + 2,
			configuration: ev.configuration,
			price: ev.price,
			errors: cellErrors,
			ok: false
		});
	});

	for (const [id, seen] of uniqueValues) {
		const o = optionById.get(id);
		for (const [, indexes] of seen) {
			if (indexes.length < 2) continue;
			for (const i of indexes) {
				const r = results[i] as RosterRowResult;
				const others = indexes
					.filter((j) => j !== i)
					.map((j) => (results[j] as RosterRowResult).line);
				const shown = displayValue(r.configuration?.selections[id]);
				r.errors.push({
					column: columnOf(id),
					option: id,
					message: `${o?.label ?? id} ${shown} is also on line${others.length > 1 ? 's' : ''} ${others.join(', ')}; each must be different`
				});
			}
		}
	}
	// A row is ok when nothing was found: the engine found it complete (else it has an error).
	for (const r of results) r.ok = r.errors.length === 0;
	return { rows: results, columns, errors };
}

function quantityColumn(columns: readonly RosterColumn[]): string | null {
	return columns.find((c) => c.part === 'quantity')?.header ?? null;
}

function uniqueKey(v: Selection): string {
	if (typeof v === 'string') return normalizeKey(v);
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return [...v].sort().join('+');
	if ('text' in v) return normalizeKey(v.text);
	return v.ref;
}

function displayValue(v: Selection | undefined): string {
	if (v === undefined) return '';
	if (typeof v === 'object' && !Array.isArray(v)) return 'text' in v ? `"${v.text}"` : v.ref;
	return Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? `"${v}"` : String(v);
}

/** Reads one cell as an answer of option `o`. */
function readCell(
	o: Option,
	raw: string,
	matchChoice: ReturnType<typeof choiceMatcher>
): { value: Selection } | { error: string } {
	switch (o.kind) {
		case 'choice': {
			const c = matchChoice(o, raw);
			return c
				? { value: c }
				: {
						error: `"${raw}" is not a choice of ${o.label} (${o.choices.map((x) => x.label).join(', ')})`
					};
		}
		case 'multi': {
			const parts = raw
				.split(/[,;|+]/)
				.map((p) => p.trim())
				.filter((p) => p !== '');
			const ids: string[] = [];
			for (const p of parts) {
				const c = matchChoice(o, p);
				if (!c) return { error: `"${p}" is not a choice of ${o.label}` };
				ids.push(c);
			}
			return { value: ids };
		}
		case 'toggle': {
			const k = normalizeKey(raw);
			if (['yes', 'y', 'true', '1', 'x', 'on', 'oui', 'ja', 'si'].includes(k))
				return { value: true };
			if (['no', 'n', 'false', '0', 'off', 'non', 'nein'].includes(k)) return { value: false };
			return { error: `"${raw}" is not yes or no (${o.label})` };
		}
		case 'number': {
			const n = Number(raw.replace(',', '.'));
			return raw !== '' && Number.isFinite(n)
				? { value: n }
				: { error: `"${raw}" is not a number (${o.label})` };
		}
		case 'text':
			return { value: raw };
		case 'image':
			return { value: raw };
	}
}

type ChoiceOption = Extract<Option, { kind: 'choice' | 'multi' }>;

/**
 * A matcher of cells to choices: the choice whose label, else code, else id matches `raw`
 * (normalized), the first in choice order. Each option's keys are normalized once per matcher
 * (one per roster: rows repeat the same few sizes).
 */
function choiceMatcher(): (o: ChoiceOption, raw: string) => string | undefined {
	const choiceKeys = new Map<ChoiceOption, Map<string, string>>();
	return (o, raw) => {
		let keys = choiceKeys.get(o);
		if (!keys) {
			keys = new Map();
			for (const f of ['label', 'code', 'id'] as const)
				for (const c of o.choices) {
					const v = c[f];
					if (v === undefined) continue;
					const k = normalizeKey(v);
					if (!keys.has(k)) keys.set(k, c.id);
				}
			choiceKeys.set(o, keys);
		}
		return keys.get(normalizeKey(raw));
	};
}

function matchFont(def: Definition, o: Extract<Option, { kind: 'text' }>, raw: string) {
	const k = normalizeKey(raw);
	const offered = def.fonts.filter((f) => o.fonts.includes(f.id));
	return (
		offered.find((f) => normalizeKey(f.id) === k) ??
		offered.find((f) => normalizeKey(f.family) === k) ??
		offered.find((f) => normalizeKey(`${f.family} ${f.weight}`) === k)
	)?.id;
}

function matchColor(def: Definition, o: Extract<Option, { kind: 'text' }>, raw: string) {
	const k = normalizeKey(raw);
	const offered = def.colors.filter((c) => o.colors.includes(c.id));
	return (
		offered.find((c) => normalizeKey(c.id) === k) ??
		offered.find((c) => normalizeKey(c.label) === k) ??
		offered.find((c) => c.hex.toLowerCase() === raw.trim().toLowerCase())
	)?.id;
}

/** Options of {@link rosterTemplate}. */
export interface RosterTemplateOptions {
	/** Option ids to include, in this order (default: every option but uploads). */
	options?: readonly string[];
	/** Add a Quantity column (default true). */
	quantity?: boolean;
}

/**
 * A header row and one example row for a roster spreadsheet (CSV/XLSX download): one column per
 * option (by label; text options offering several fonts/colors get "<label> font"/"<label> color"
 * columns), then Quantity. Example values are defaults, placeholders or first choices.
 */
export function rosterTemplate(def: Definition, options: RosterTemplateOptions = {}): string[][] {
	const chosen = options.options
		? options.options
				.map((id) => def.options.find((o) => o.id === id))
				.filter((o): o is Option => o !== undefined)
		: def.options.filter((o) => o.kind !== 'image');
	const headers: string[] = [];
	const example: string[] = [];
	for (const o of chosen) {
		headers.push(o.label);
		example.push(exampleValue(o));
		if (o.kind === 'text') {
			if (o.fonts.length > 1) {
				headers.push(`${o.label} font`);
				example.push(def.fonts.find((f) => f.id === o.fonts[0])?.family ?? o.fonts[0] ?? '');
			}
			if (o.colors.length > 1) {
				headers.push(`${o.label} color`);
				example.push(def.colors.find((c) => c.id === o.colors[0])?.label ?? o.colors[0] ?? '');
			}
		}
	}
	if (options.quantity ?? true) {
		headers.push('Quantity');
		example.push(String(def.pricing.minQuantity));
	}
	return [headers, example];
}

function exampleValue(o: Option): string {
	switch (o.kind) {
		case 'choice': {
			const c =
				o.choices.find((x) => x.id === o.default) ??
				o.choices.find((x) => x.stock !== 'out_of_stock');
			return c?.label ?? '';
		}
		case 'multi': {
			const ids =
				o.default && o.default.length > 0
					? o.default
					: o.choices.slice(0, Math.max(1, o.min)).map((c) => c.id);
			return o.choices
				.filter((c) => ids.includes(c.id))
				.map((c) => c.label)
				.join(', ');
		}
		case 'text': {
			const sample = o.placeholder ?? 'Alex';
			return [...sample].slice(0, o.maxLength).join('');
		}
		case 'number': {
			const v =
				o.default ??
				(o.min !== undefined && o.max !== undefined
					? Math.min(o.max, o.min + (o.step ?? 1) * 10)
					: (o.min ?? 1));
			return String(v);
		}
		case 'toggle':
			return o.default ? 'yes' : 'no';
		case 'image':
			return '';
	}
}

/** Rows of cells as CSV (RFC 4180: quoted when needed, CRLF line ends). */
export function toCsv(rows: readonly (readonly string[])[]): string {
	const cell = (s: string) =>
		/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
