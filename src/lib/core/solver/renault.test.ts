import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseXcsp, xcspToSolverModel } from '../xcsp/index';
import {
	compileModel,
	loadCompiledModel,
	type CompiledModel,
	type Explanation,
	type SolverModel
} from './index';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const benchmarksDir = process.env.ATELIER_BENCHMARKS_DIR
	? resolve(process.env.ATELIER_BENCHMARKS_DIR)
	: resolve(repoRoot, '../shared/benchmarks');
const present = existsSync(resolve(benchmarksDir, 'renault-megane/megane.xml'));
const title = present
	? 'Renault benchmarks'
	: `Renault benchmarks (SKIPPED: no benchmarks at ${benchmarksDir}; set ATELIER_BENCHMARKS_DIR)`;

const compiled = new Map<string, CompiledModel>();

/** Compiles a benchmark once per test file. */
if (!present) console.warn(title);

function load(relative: string): CompiledModel {
	let model = compiled.get(relative);
	if (!model) {
		model = compileModel(source(relative));
		compiled.set(relative, model);
	}
	return model;
}

const models = new Map<string, SolverModel>();

/** The solver model of a benchmark (parsed once). */
function source(relative: string): SolverModel {
	let model = models.get(relative);
	if (!model) {
		model = xcspToSolverModel(parseXcsp(readFileSync(resolve(benchmarksDir, relative), 'utf8')));
		models.set(relative, model);
	}
	return model;
}

/** Checks by recompiling only the named constraints that the explanation excludes the value. */
function reallyExcludes(
	relative: string,
	assignment: Record<string, string>,
	variable: string,
	value: string,
	e: Explanation
): boolean {
	const full = source(relative);
	const sub = compileModel({
		variables: full.variables,
		constraints: full.constraints.filter((c) => e.constraints.includes(c.id))
	});
	const restriction: Record<string, string> = {};
	for (const id of e.assignments) restriction[id] = assignment[id];
	return !sub.supportedValues(restriction).get(variable)?.has(value);
}

function availability(model: CompiledModel): { available: number; total: number } {
	const support = model.supportedValues();
	let available = 0;
	let total = 0;
	for (const v of model.variables) {
		total += v.values.length;
		available += support.get(v.id)?.size ?? 0;
	}
	return { available, total };
}

/** Replays the first `limit` sales of a history, one value at a time, checking availability. */
function replay(model: CompiledModel, relative: string, limit: number): number {
	const lines = readFileSync(resolve(benchmarksDir, relative), 'utf8').trim().split(/\r?\n/);
	const names = lines[0].trim().split(/\s+/);
	let violations = 0;
	for (const line of lines.slice(1, 1 + limit)) {
		const values = line.trim().split(/\s+/);
		const selection: Record<string, string> = {};
		names.forEach((name, i) => {
			if (!model.supportedValues(selection).get(name)?.has(values[i])) violations++;
			selection[name] = values[i];
		});
		if (!model.findSolution(selection)) violations++;
	}
	return violations;
}

describe.skipIf(!present)(title, () => {
	it('Megane has exactly 2835456006272 configurations and 392 of 396 values available', () => {
		const megane = load('renault-megane/megane.xml');
		expect(megane.count()).toBe(2835456006272n);
		expect(availability(megane)).toEqual({ available: 392, total: 396 });
		const solution = megane.findSolution();
		expect(solution).not.toBeNull();
		expect(megane.count(solution ?? {})).toBe(1n);
		const round = loadCompiledModel(JSON.parse(JSON.stringify(megane.serialize())));
		expect(round.count()).toBe(2835456006272n);
	});

	it('Megane explains an impossible value within its budget, and the explanation really excludes it', () => {
		const megane = load('renault-megane/megane.xml');
		const support = megane.supportedValues();
		const impossible = megane.variables.flatMap((v) =>
			v.values.filter((x) => !support.get(v.id)?.has(x)).map((x) => [v.id, x] as const)
		);
		expect(impossible).toHaveLength(4);
		const [variable, value] = impossible[0];
		const started = performance.now();
		const e = megane.explain({}, variable, value);
		expect(performance.now() - started).toBeLessThan(2000);
		expect(e?.assignments).toEqual([]);
		expect(e?.constraints.length).toBeGreaterThan(0);
		expect(reallyExcludes('renault-megane/megane.xml', {}, variable, value, e as Explanation)).toBe(
			true
		);
	});

	it('medium has exactly 278744 configurations, 421 of 426 values available, and replays sales without a dead end', () => {
		const medium = load('renault-br4cp/medium_domainsorted.xml');
		expect(medium.count()).toBe(278744n);
		expect(availability(medium)).toEqual({ available: 421, total: 426 });
		expect(replay(medium, 'renault-br4cp/config_medium_filtered.txt', 100)).toBe(0);
	});

	it("medium explains values made unavailable by a customer's selections, and the explanations hold", () => {
		const relative = 'renault-br4cp/medium_domainsorted.xml';
		const medium = load(relative);
		const lines = readFileSync(
			resolve(benchmarksDir, 'renault-br4cp/config_medium_filtered.txt'),
			'utf8'
		).split(/\r?\n/);
		const names = lines[0].trim().split(/\s+/);
		const values = lines[1].trim().split(/\s+/);
		const selection: Record<string, string> = {};
		names.slice(0, 15).forEach((name, i) => (selection[name] = values[i]));
		const support = medium.supportedValues(selection);
		let checked = 0;
		for (const v of medium.variables) {
			if (v.id in selection || checked >= 5) continue;
			const value = v.values.find((x) => !support.get(v.id)?.has(x));
			if (value === undefined) continue;
			const e = medium.explain(selection, v.id, value, { budgetMs: 1000 });
			expect(e).not.toBeNull();
			expect(e?.assignments.every((id) => id in selection)).toBe(true);
			expect(reallyExcludes(relative, selection, v.id, value, e as Explanation)).toBe(true);
			checked++;
		}
		expect(checked).toBe(5);
	});

	it('big has exactly 24566537954855761920000 configurations and all 1273 values available', () => {
		const big = load('renault-br4cp/big_domainsorted.xml');
		expect(big.count()).toBe(24566537954855761920000n);
		expect(availability(big)).toEqual({ available: 1273, total: 1273 });
		expect(replay(big, 'renault-br4cp/config_big_filtered.txt', 10)).toBe(0);
	}, 120_000);
});
