import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../definition/parse.js';
import { xcspToDefinition } from '../import/index.js';
import { parseXcsp } from '../xcsp/index.js';
import { createEngine } from './compile.js';

/*
 * The engine on the real Renault problems, imported as product definitions: the definition →
 * solver-model mapping (optional options for the BR4CP joker, tables as rules) must reproduce
 * the published counts and availability exactly.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const benchmarksDir = process.env.ATELIER_BENCHMARKS_DIR
	? resolve(process.env.ATELIER_BENCHMARKS_DIR)
	: resolve(repoRoot, '../shared/benchmarks');
const present = existsSync(resolve(benchmarksDir, 'renault-br4cp/medium_domainsorted.xml'));
const title = present
	? 'the engine on imported Renault problems'
	: `the engine on imported Renault problems (SKIPPED: no benchmarks at ${benchmarksDir}; set ATELIER_BENCHMARKS_DIR)`;

function engineOf(relative: string) {
	const problem = parseXcsp(readFileSync(resolve(benchmarksDir, relative), 'utf8'));
	const parsed = parseDefinition(xcspToDefinition(problem));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 5)));
	return createEngine(parsed.definition);
}

describe.skipIf(!present)(title, () => {
	it('counts 278,744 configurations of medium and shows 421 of its 426 values available', () => {
		const engine = engineOf('renault-br4cp/medium_domainsorted.xml');
		expect(engine.count()).toBe(278744n);
		const ev = engine.evaluate({}, { explain: false });
		const choices = ev.options.reduce((n, o) => n + o.available.length, 0);
		// The joker -1 of an optional option is "unanswered".
		const jokers = ev.options.filter((o) => o.skippable).length;
		const values = ev.options.reduce((n, o) => n + (o.choices?.length ?? 0), 0);
		const optional = engine.definition.options.filter((o) => !o.required).length;
		expect([choices + jokers, values + optional]).toEqual([421, 426]);
	}, 60_000);

	it('counts 2,835,456,006,272 configurations of Megane and shows 392 of its 396 values', () => {
		const engine = engineOf('renault-megane/megane.xml');
		expect(engine.count()).toBe(2835456006272n);
		const ev = engine.evaluate({}, { explain: false });
		expect(ev.options.reduce((n, o) => n + o.available.length, 0)).toBe(392);
		expect(ev.options.reduce((n, o) => n + (o.choices?.length ?? 0), 0)).toBe(396);
	}, 120_000);
});
