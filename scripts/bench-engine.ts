/**
 * Benchmark of the exact constraint engine on the Renault problems.
 *
 *   npx tsx scripts/bench-engine.ts [--all] [--sales N] [--sessions N] [--seed N]
 *     [--engine-sales N] [--engine-sessions N] [--product-sessions N] [--explain-sessions N]
 *     [--only megane,medium,big,engine-megane,engine-medium,engine-big,products]
 *
 * (add --expose-gc after tsx for steadier heap figures)
 *
 * Replays the sales histories of BR4CP medium and big as customer sessions (each sale's recorded
 * values chosen one at a time in a seeded random order; every value must be available when it
 * is chosen and a completion must exist at the end), and random sessions on Megane (random
 * available value of a random free variable until every variable is set). Prints compile time,
 * heap, compiled size and per-choice latency (one supportedValues call after a new selection).
 * Prints a table; asserts nothing except that the engine never shows a dead end (exit code 1
 * otherwise). Benchmarks are read from $ATELIER_BENCHMARKS_DIR (default ../shared/benchmarks
 * relative to the repository root).
 *
 * Engine sections (as a storefront calls it): the same kind of sessions through
 * `createEngine(parseDefinition(xcspToDefinition(…)))` and `engine.evaluate(configuration)`
 * (alternatives on, explanations off) — per-choice latency is one whole evaluation; the
 * availability checked is the option's `available` list (`skippable` for the BR4CP joker `-1`).
 * Fewer sessions by default (`--engine-sales`, `--engine-sessions`; `--all` replays every sale).
 * Then the three sample products and a generated 40 options × 8 choices × 200 rules product:
 * random storefront sessions (pick an available choice of a random open option, evaluate),
 * timing every `evaluate` with explanations off and, on a fresh engine (empty query cache),
 * with `explain: true`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDefinition } from '../src/lib/core/definition/index';
import type { Definition, DefinitionInput } from '../src/lib/core/definition/definition';
import { createEngine, type Engine, type Evaluation } from '../src/lib/core/engine/index';
import { xcspToDefinition } from '../src/lib/core/import/index';
import { compileModel, type CompiledModel } from '../src/lib/core/solver/index';
import { parseMeganeLabels, parseXcsp, xcspToSolverModel } from '../src/lib/core/xcsp/index';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchmarksDir = process.env.ATELIER_BENCHMARKS_DIR
	? resolve(process.env.ATELIER_BENCHMARKS_DIR)
	: resolve(repoRoot, '../shared/benchmarks');

const args = process.argv.slice(2);
function option(name: string, fallback: number): number {
	const i = args.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const n = Number(args[i + 1]);
	if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number`);
	return n;
}
const all = args.includes('--all');
const salesLimit = all ? Infinity : option('sales', 1000);
const meganeSessions = option('sessions', 300);
const seed = option('seed', 42);
const engineSales = all ? Infinity : option('engine-sales', 60);
const engineBigSales = all ? Infinity : option('engine-sales', 20);
const engineSessions = option('engine-sessions', 40);
const productSessions = option('product-sessions', 100);
const explainSessions = option('explain-sessions', 3);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : null;

/** mulberry32: small seeded PRNG. */
function rng(s: number): () => number {
	let a = s >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffle<T>(list: T[], random: () => number): T[] {
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function heapMb(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) gc();
	return process.memoryUsage().heapUsed / 1e6;
}

interface Row {
	problem: string;
	vars: number;
	values: string;
	count: string;
	compileMs: number;
	heapMb: number;
	nodes: number;
	serializedKb: number;
	sessions: number;
	choices: number;
	violations: number;
	deadEnds: number;
	latencies: number[];
	explainMs: number[];
}

function compile(file: string): {
	model: CompiledModel;
	row: Omit<
		Row,
		'sessions' | 'choices' | 'violations' | 'deadEnds' | 'latencies' | 'explainMs' | 'problem'
	>;
} {
	const before = heapMb();
	const text = readFileSync(resolve(benchmarksDir, file), 'utf8');
	const solverModel = xcspToSolverModel(parseXcsp(text));
	const started = performance.now();
	const model = compileModel(solverModel);
	const compileMs = performance.now() - started;
	const after = heapMb();
	const support = model.supportedValues();
	let available = 0;
	let total = 0;
	for (const v of model.variables) {
		total += v.values.length;
		available += support.get(v.id)?.size ?? 0;
	}
	return {
		model,
		row: {
			vars: model.variables.length,
			values: `${available}/${total}`,
			count: model.count().toString(),
			compileMs,
			heapMb: after - before,
			nodes: model.stats().nodes,
			serializedKb: JSON.stringify(model.serialize()).length / 1024
		}
	};
}

function timedSupport(model: CompiledModel, selection: Record<string, string>, out: number[]) {
	const t = performance.now();
	const support = model.supportedValues(selection);
	out.push(performance.now() - t);
	return support;
}

function replaySales(name: string, xml: string, history: string): Row {
	const { model, row } = compile(xml);
	const lines = readFileSync(resolve(benchmarksDir, history), 'utf8').trim().split(/\r?\n/);
	const names = lines[0].trim().split(/\s+/);
	const sales = lines.slice(1, 1 + Math.min(salesLimit, lines.length - 1));
	const random = rng(seed);
	const latencies: number[] = [];
	const explainMs: number[] = [];
	let violations = 0;
	let deadEnds = 0;
	let choices = 0;
	sales.forEach((line, s) => {
		const values = line.trim().split(/\s+/);
		const selection: Record<string, string> = {};
		let support = model.supportedValues(selection);
		for (const i of shuffle(
			names.map((_, k) => k),
			random
		)) {
			if (!support.get(names[i])?.has(values[i])) violations++;
			selection[names[i]] = values[i];
			support = timedSupport(model, selection, latencies);
			choices++;
			if (s % 50 === 0 && choices % 7 === 0)
				sampleExplain(model, selection, support, random, explainMs);
		}
		if (!model.findSolution(selection)) deadEnds++;
	});
	return {
		problem: name,
		...row,
		sessions: sales.length,
		choices,
		violations,
		deadEnds,
		latencies,
		explainMs
	};
}

function sampleExplain(
	model: CompiledModel,
	selection: Record<string, string>,
	support: Map<string, Set<string>>,
	random: () => number,
	out: number[]
): void {
	const unavailable: [string, string][] = [];
	for (const v of model.variables)
		if (!(v.id in selection))
			for (const x of v.values) if (!support.get(v.id)?.has(x)) unavailable.push([v.id, x]);
	if (unavailable.length === 0) return;
	const [variable, value] = unavailable[Math.floor(random() * unavailable.length)];
	const t = performance.now();
	const e = model.explain(selection, variable, value);
	out.push(performance.now() - t);
	if (e === null) throw new Error(`explain says ${variable}=${value} is available`);
}

function randomSessions(name: string, xml: string, sessions: number): Row {
	const { model, row } = compile(xml);
	const random = rng(seed);
	const latencies: number[] = [];
	const explainMs: number[] = [];
	let violations = 0;
	let deadEnds = 0;
	let choices = 0;
	for (let s = 0; s < sessions; s++) {
		const selection: Record<string, string> = {};
		let support = model.supportedValues(selection);
		const order = shuffle(
			model.variables.map((v) => v.id),
			random
		);
		for (const id of order) {
			const candidates = [...(support.get(id) ?? [])];
			if (candidates.length === 0) {
				deadEnds++;
				break;
			}
			selection[id] = candidates[Math.floor(random() * candidates.length)];
			support = timedSupport(model, selection, latencies);
			choices++;
			if (s % 10 === 0 && choices % 9 === 0)
				sampleExplain(model, selection, support, random, explainMs);
		}
		if (model.count(selection) !== 1n) violations++;
	}
	return { problem: name, ...row, sessions, choices, violations, deadEnds, latencies, explainMs };
}

function printTable(rows: Row[]): void {
	const header = [
		'problem',
		'vars',
		'available',
		'count',
		'compile ms',
		'heap MB',
		'nodes',
		'serialized KB',
		'sessions',
		'choices',
		'violations',
		'dead ends',
		'choice p50 ms',
		'p95 ms',
		'max ms',
		'explain p50/p95/max ms'
	];
	const body = rows.map((r) => {
		const l = r.latencies.slice().sort((a, b) => a - b);
		const e = r.explainMs.slice().sort((a, b) => a - b);
		return [
			r.problem,
			String(r.vars),
			r.values,
			r.count,
			r.compileMs.toFixed(0),
			r.heapMb.toFixed(1),
			String(r.nodes),
			r.serializedKb.toFixed(0),
			String(r.sessions),
			String(r.choices),
			String(r.violations),
			String(r.deadEnds),
			percentile(l, 50).toFixed(2),
			percentile(l, 95).toFixed(2),
			(l.at(-1) ?? NaN).toFixed(2),
			e.length
				? `${percentile(e, 50).toFixed(0)}/${percentile(e, 95).toFixed(0)}/${(e.at(-1) ?? NaN).toFixed(0)} (n=${e.length})`
				: '-'
		];
	});
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		'| ' +
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') +
		' |';
	console.log(line(header));
	console.log(
		'|' +
			widths
				.map((w, i) => (i === 0 ? '-'.repeat(w + 1) + '-' : '-'.repeat(w + 1) + ':'))
				.join('|') +
			'|'
	);
	for (const b of body) console.log(line(b));
}

// ---------------------------------------------------------------------------------------------
// Engine level: what a storefront calls.

/** Parses a definition input or exits with its errors. */
function parsedDefinition(input: unknown, what: string): Definition {
	const r = parseDefinition(input);
	if (!r.ok) {
		console.error(`${what}: invalid definition`, r.errors.slice(0, 5));
		process.exit(2);
	}
	return r.definition;
}

interface EngineRow {
	problem: string;
	options: number;
	compileMs: number;
	sessions: number;
	choices: number;
	violations: number;
	deadEnds: number;
	latencies: number[];
}

function importedEngine(xml: string, labelsFile?: string): { engine: Engine; compileMs: number } {
	const problem = parseXcsp(readFileSync(resolve(benchmarksDir, xml), 'utf8'));
	const labels = labelsFile
		? parseMeganeLabels(readFileSync(resolve(benchmarksDir, labelsFile), 'utf8'))
		: undefined;
	const def = parsedDefinition(xcspToDefinition(problem, { labels }), xml);
	const started = performance.now();
	const engine = createEngine(def);
	return { engine, compileMs: performance.now() - started };
}

function timedEvaluate(
	engine: Engine,
	selections: Record<string, unknown>,
	out: number[],
	explain = false
): Evaluation {
	const t = performance.now();
	const ev = engine.evaluate({ selections } as never, { explain });
	out.push(performance.now() - t);
	return ev;
}

/** Replays recorded sales through `engine.evaluate`, one recorded value at a time. */
function engineSalesReplay(name: string, xml: string, history: string, limit: number): EngineRow {
	const { engine, compileMs } = importedEngine(xml);
	const optionIds = new Set(engine.definition.options.map((o) => o.id));
	const lines = readFileSync(resolve(benchmarksDir, history), 'utf8').trim().split(/\r?\n/);
	const names = lines[0].trim().split(/\s+/);
	const sales = lines.slice(1, 1 + Math.min(limit, lines.length - 1));
	const random = rng(seed);
	const latencies: number[] = [];
	let violations = 0;
	let deadEnds = 0;
	let choices = 0;
	for (const line of sales) {
		const values = line.trim().split(/\s+/);
		const selections: Record<string, string> = {};
		let ev = engine.evaluate({ selections }, { explain: false });
		for (const i of shuffle(
			names.map((_, k) => k),
			random
		)) {
			if (!optionIds.has(names[i])) continue; // a variable whose only value is the joker
			const st = ev.options.find((o) => o.id === names[i]);
			const joker = values[i] === '-1';
			if (joker ? !st?.skippable : !st?.available.includes(values[i])) violations++;
			if (!joker) selections[names[i]] = values[i];
			ev = timedEvaluate(engine, selections, latencies);
			choices++;
		}
		// The histories record some variables only: a completion must exist (valid = satisfiable
		// and no error but "required").
		if (!ev.valid) deadEnds++;
	}
	return {
		problem: name,
		options: optionIds.size,
		compileMs,
		sessions: sales.length,
		choices,
		violations,
		deadEnds,
		latencies
	};
}

/**
 * Random storefront sessions: a random open option, a random available choice (a choice,
 * a toggle value; a short text for text options), evaluate; until nothing is left to pick.
 * `violations` counts choice/toggle picks the next evaluation shows unavailable (a multi choice's
 * availability is per choice, not per set: a lone pick may need a companion, so it is not counted).
 */
function engineRandomSessions(
	name: string,
	engine: Engine,
	sessions: number,
	explain: boolean,
	sessionSeed = seed
): {
	sessions: number;
	choices: number;
	violations: number;
	deadEnds: number;
	latencies: number[];
} {
	const random = rng(sessionSeed);
	const latencies: number[] = [];
	let violations = 0;
	let deadEnds = 0;
	let choices = 0;
	const kinds = new Map(engine.definition.options.map((o) => [o.id, o.kind]));
	for (let s = 0; s < sessions; s++) {
		const selections: Record<string, unknown> = {};
		let ev = timedEvaluate(engine, selections, latencies, explain);
		for (const id of shuffle([...kinds.keys()], random)) {
			const st = ev.options.find((o) => o.id === id);
			if (!st || !st.visible) continue;
			const kind = kinds.get(id);
			if (kind === 'text') selections[id] = 'Hello world'.slice(0, 1 + Math.floor(random() * 11));
			else if (kind === 'choice' || kind === 'multi' || kind === 'toggle') {
				if (st.available.length === 0) {
					if (!st.skippable && kind === 'choice') deadEnds++;
					continue;
				}
				const pick = st.available[Math.floor(random() * st.available.length)];
				selections[id] = kind === 'multi' ? [pick] : kind === 'toggle' ? pick === 'true' : pick;
			} else continue;
			ev = timedEvaluate(engine, selections, latencies, explain);
			choices++;
			if ((kind === 'text' || kind === 'multi') && !ev.valid) {
				// A text length some rule forbids here, or a multi set that is not valid on its own
				// (availability is per choice: "chaise" may need "corner" too): the storefront
				// would ask for more; drop it and go on.
				delete selections[id];
				ev = engine.evaluate({ selections } as never, { explain });
				continue;
			}
			const after = ev.options.find((o) => o.id === id);
			const picked = selections[id];
			const value = Array.isArray(picked) ? String(picked[0]) : String(picked);
			if ((kind === 'choice' || kind === 'toggle') && after && !after.available.includes(value))
				violations++;
		}
	}
	return { sessions, choices, violations, deadEnds, latencies };
}

/**
 * A generated product: `groups` groups of `perGroup` choice options with `choices` choices, and
 * `rules` rules (require / exclude / hideChoice / hideOption / showOption / priceAmount, with
 * `is` / `in` / AND / OR conditions). Rules are **local**: a rule's condition and target lie in
 * one group or two neighbouring groups. That is how real configurators look (steps, groups:
 * "engraving font only with engraving", "no suede with the sport frame"), and it is what makes
 * exact compilation tractable; a fully random, dense rule graph over 40 options is a different
 * problem (its decision diagram is exponential) and the solver reports SolverCapacityError.
 */
function generateProduct(
	seedValue: number,
	groups = 8,
	perGroup = 5,
	choices = 8,
	rules = 200
): DefinitionInput {
	const random = rng(seedValue);
	const int = (n: number) => Math.floor(random() * n);
	const optionIds: string[][] = [];
	const options: NonNullable<DefinitionInput['options']> = [];
	for (let g = 0; g < groups; g++) {
		optionIds.push([]);
		for (let k = 0; k < perGroup; k++) {
			const id = `g${g}o${k}`;
			optionIds[g].push(id);
			options.push({
				id,
				kind: 'choice',
				label: `Group ${g + 1} option ${k + 1}`,
				required: random() < 0.7,
				choices: Array.from({ length: choices }, (_, c) => ({
					id: `c${c}`,
					label: `Choice ${c + 1}`,
					priceDelta: int(5) * 100
				}))
			});
		}
	}
	const anyOption = (g: number) => optionIds[g][int(perGroup)];
	const leaf = (g: number) => {
		const option = anyOption(g);
		if (random() < 0.6) return { type: 'is' as const, option, value: `c${int(choices)}` };
		const values = [...new Set(Array.from({ length: 2 + int(2) }, () => `c${int(choices)}`))];
		return { type: 'in' as const, option, values };
	};
	const out: NonNullable<DefinitionInput['rules']> = [];
	for (let r = 0; r < rules; r++) {
		const g = int(groups);
		const other = Math.min(groups - 1, g + (random() < 0.5 ? 0 : 1)); // same or next group
		const shape = random();
		const when =
			shape < 0.5
				? leaf(g)
				: {
						type: shape < 0.8 ? ('and' as const) : ('or' as const),
						conditions: [leaf(g), leaf(random() < 0.5 ? g : other)]
					};
		const conditionOptions = new Set(
			'conditions' in when ? when.conditions.map((c) => c.option) : [when.option]
		);
		let target = anyOption(other);
		while (conditionOptions.has(target)) target = anyOption(int(2) === 0 ? g : other);
		const value = `c${int(choices)}`;
		const e = random();
		const then: NonNullable<DefinitionInput['rules']>[number]['then'] =
			e < 0.4
				? [{ type: 'exclude', option: target, value }]
				: e < 0.55
					? [{ type: 'require', option: target, value }]
					: e < 0.7
						? [{ type: 'hideChoice', option: target, choice: value }]
						: e < 0.75
							? [{ type: 'hideOption', option: target }]
							: e < 0.8
								? [{ type: 'showOption', option: target }]
								: [{ type: 'priceAmount', amount: (1 + int(20)) * 100 }];
		out.push({ id: `r${r}`, name: `Rule ${r + 1}`, when, then });
	}
	return {
		formatVersion: 1,
		id: 'generated-product',
		name: 'Generated product',
		handle: 'generated-product',
		currency: { code: 'EUR', minorUnits: 2 },
		options,
		rules: out,
		pricing: { base: 10000, minQuantity: 1 }
	} as DefinitionInput;
}

interface ProductRow {
	product: string;
	options: number;
	rules: number;
	compileMs: number;
	count: string;
	evaluations: number;
	violations: number;
	off: number[];
	on: number[];
}

function benchProduct(name: string, input: unknown): ProductRow {
	const def = parsedDefinition(input, name);
	const started = performance.now();
	const engine = createEngine(def);
	const compileMs = performance.now() - started;
	const count = engine.count().toString();
	// warm-up (JIT), on a throwaway engine sharing the compiled model
	engineRandomSessions(name, createEngine(def, { compiled: engine.compiled }), 20, false, seed + 1);
	const off = engineRandomSessions(name, engine, productSessions, false);
	// explanations on a fresh engine: its query cache starts empty
	const fresh = createEngine(def, { compiled: engine.compiled });
	const on = engineRandomSessions(name, fresh, explainSessions, true);
	return {
		product: name,
		options: def.options.length,
		rules: def.rules.length,
		compileMs,
		count,
		evaluations: off.latencies.length,
		violations: off.violations + on.violations,
		off: off.latencies,
		on: on.latencies
	};
}

function stats(values: number[], digits = 2): string[] {
	const l = values.slice().sort((a, b) => a - b);
	return [
		percentile(l, 50).toFixed(digits),
		percentile(l, 95).toFixed(digits),
		(l.at(-1) ?? NaN).toFixed(digits)
	];
}

function printRows(header: string[], body: string[][]): void {
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		'| ' +
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') +
		' |';
	console.log(line(header));
	console.log(
		'|' +
			widths
				.map((w, i) => (i === 0 ? '-'.repeat(w + 1) + '-' : '-'.repeat(w + 1) + ':'))
				.join('|') +
			'|'
	);
	for (const b of body) console.log(line(b));
}

function printEngineTable(rows: EngineRow[]): void {
	printRows(
		[
			'engine.evaluate (alternatives, no explain)',
			'options',
			'compile ms',
			'sessions',
			'choices',
			'violations',
			'dead ends',
			'p50 ms',
			'p95 ms',
			'max ms'
		],
		rows.map((r) => [
			r.problem,
			String(r.options),
			r.compileMs.toFixed(0),
			String(r.sessions),
			String(r.choices),
			String(r.violations),
			String(r.deadEnds),
			...stats(r.latencies)
		])
	);
}

function printProductTable(rows: ProductRow[]): void {
	printRows(
		[
			'product (random sessions)',
			'options',
			'rules',
			'compile ms',
			'configurations',
			'evaluations',
			'violations',
			'p50 ms',
			'p95 ms',
			'max ms',
			'explain p50 ms',
			'explain p95 ms',
			'explain max ms'
		],
		rows.map((r) => [
			r.product,
			String(r.options),
			String(r.rules),
			r.compileMs.toFixed(1),
			r.count,
			String(r.evaluations),
			String(r.violations),
			...stats(r.off, 3),
			...stats(r.on, 2)
		])
	);
}

function main(): void {
	if (!existsSync(resolve(benchmarksDir, 'renault-megane/megane.xml'))) {
		console.error(`No benchmarks at ${benchmarksDir}; set ATELIER_BENCHMARKS_DIR.`);
		process.exit(2);
	}
	console.log(
		`bench-engine: seed ${seed}, ${all ? 'all' : salesLimit} sales per history, ${meganeSessions} Megane sessions, node ${process.version}`
	);
	const rows: Row[] = [];
	const run = (key: string, f: () => Row) => {
		if (only && !only.has(key)) return;
		const row = f();
		console.log(`  ${row.problem}: done`);
		rows.push(row);
	};
	run('megane', () =>
		randomSessions('Megane (random sessions)', 'renault-megane/megane.xml', meganeSessions)
	);
	run('medium', () =>
		replaySales(
			'BR4CP medium (sales)',
			'renault-br4cp/medium_domainsorted.xml',
			'renault-br4cp/config_medium_filtered.txt'
		)
	);
	run('big', () =>
		replaySales(
			'BR4CP big (sales)',
			'renault-br4cp/big_domainsorted.xml',
			'renault-br4cp/config_big_filtered.txt'
		)
	);
	if (rows.length > 0) printTable(rows);

	const engineRows: EngineRow[] = [];
	const runEngine = (key: string, f: () => EngineRow) => {
		if (only && !only.has(key)) return;
		const row = f();
		console.log(`  ${row.problem}: done`);
		engineRows.push(row);
	};
	runEngine('engine-megane', () => {
		const { engine, compileMs } = importedEngine(
			'renault-megane/megane.xml',
			'renault-megane/domains.txt'
		);
		const r = engineRandomSessions('Megane', engine, engineSessions, false);
		return {
			problem: 'Megane (random sessions)',
			options: engine.definition.options.length,
			compileMs,
			...r
		};
	});
	runEngine('engine-medium', () =>
		engineSalesReplay(
			'BR4CP medium (sales)',
			'renault-br4cp/medium_domainsorted.xml',
			'renault-br4cp/config_medium_filtered.txt',
			engineSales
		)
	);
	runEngine('engine-big', () =>
		engineSalesReplay(
			'BR4CP big (sales)',
			'renault-br4cp/big_domainsorted.xml',
			'renault-br4cp/config_big_filtered.txt',
			engineBigSales
		)
	);
	if (engineRows.length > 0) {
		console.log('');
		printEngineTable(engineRows);
	}

	const productRows: ProductRow[] = [];
	if (!only || only.has('products')) {
		for (const sample of ['engraved-pendant', 'team-jersey', 'modular-sofa']) {
			const file = resolve(repoRoot, 'static/samples', sample, 'definition.json');
			productRows.push(benchProduct(sample, JSON.parse(readFileSync(file, 'utf8'))));
			console.log(`  ${sample}: done`);
		}
		productRows.push(benchProduct('generated 40×8, 200 rules', generateProduct(seed)));
		console.log('  generated product: done');
		console.log('');
		printProductTable(productRows);
	}
	const bad = [...rows, ...engineRows, ...productRows].some(
		(r) => r.violations > 0 || ('deadEnds' in r && r.deadEnds > 0)
	);
	if (bad) {
		console.error('FAIL: a recorded value was unavailable or a session reached a dead end');
		process.exitCode = 1;
	}
}

main();
