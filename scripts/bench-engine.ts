/**
 * Benchmark of the exact constraint engine on the Renault problems.
 *
 *   npx tsx scripts/bench-engine.ts [--all] [--sales N] [--sessions N] [--seed N] [--only megane,medium,big]
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
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel, type CompiledModel } from '../src/lib/core/solver/index';
import { parseXcsp, xcspToSolverModel } from '../src/lib/core/xcsp/index';

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
	printTable(rows);
	const bad = rows.some((r) => r.violations > 0 || r.deadEnds > 0);
	if (bad) {
		console.error('FAIL: a recorded value was unavailable or a session reached a dead end');
		process.exitCode = 1;
	}
}

main();
