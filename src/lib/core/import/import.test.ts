import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../definition/parse.js';
import type { Definition } from '../definition/definition.js';
import { createEngine } from '../engine/compile.js';
import type { Engine } from '../engine/engine.js';
import { NONE, varId } from '../engine/model.js';
import { compileModel } from '../solver/index.js';
import { parseMeganeLabels, parseXcsp, xcspToSolverModel, XcspError } from '../xcsp/index.js';
import { slugOf, xcspToDefinition } from './index.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const BENCHMARKS = process.env.ATELIER_BENCHMARKS_DIR ?? `${REPO}/../shared/benchmarks`;
const HAVE_BENCHMARKS = existsSync(`${BENCHMARKS}/renault-megane/megane.xml`);
const BIG = process.env.ATELIER_TEST_BIG === '1';

/** x ∈ {0,1,2}, y ∈ {-1,0,1} (optional), z ∈ {-1} (never taken); y = -1 only with x = 0. */
const SMALL = `<?xml version="1.0"?>
<instance>
<presentation name="Small bike" format="XCSP 2.1"/>
<domains nbDomains="3">
<domain name="D0" nbValues="3">0..2</domain>
<domain name="D1" nbValues="3">-1 0 1</domain>
<domain name="D2" nbValues="1">-1</domain>
</domains>
<variables nbVariables="3">
<variable name="x" domain="D0"/>
<variable name="y" domain="D1"/>
<variable name="z" domain="D2"/>
</variables>
<relations nbRelations="3">
<relation name="R0" arity="2" nbTuples="5" semantics="supports">0 -1|0 0|1 0|1 1|2 1</relation>
<relation name="R1" arity="2" nbTuples="2" semantics="conflicts">2 1|7 7</relation>
<relation name="R2" arity="2" nbTuples="3" semantics="supports">0 -1|1 -1|2 0</relation>
</relations>
<constraints nbConstraints="3">
<constraint name="C0" arity="2" scope="x y" reference="R0"/>
<constraint name="C1" arity="2" scope="x y" reference="R1"/>
<constraint name="C2" arity="2" scope="x z" reference="R2"/>
</constraints>
</instance>`;

function parsed(json: unknown): Definition {
	const r = parseDefinition(json);
	if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
	return r.definition;
}

describe('xcspToDefinition', () => {
	const problem = parseXcsp(SMALL);
	const def = parsed(xcspToDefinition(problem));

	it('makes one choice option per variable with the XCSP names and values as ids', () => {
		expect(def.name).toBe('Small bike');
		expect(def.handle).toBe('small-bike');
		expect(
			def.options.map((o) => [
				o.id,
				o.required,
				o.kind === 'choice' ? o.choices.map((c) => c.id) : []
			])
		).toEqual([
			['x', true, ['0', '1', '2']],
			// -1 is no choice: the optional option left unanswered stands for it.
			['y', false, ['0', '1']]
			// z (only -1) carries no choice at all: left out.
		]);
	});

	it('turns constraints into table rules (null = the joker), projecting joker-only variables', () => {
		expect(def.rules.map((r) => [r.id, r.then])).toEqual([
			[
				'C0',
				[
					{
						type: 'table',
						mode: 'allow',
						options: ['x', 'y'],
						rows: [
							['0', null],
							['0', '0'],
							['1', '0'],
							['1', '1'],
							['2', '1']
						]
					}
				]
			],
			// Tuples outside the domains never occur.
			['C1', [{ type: 'table', mode: 'forbid', options: ['x', 'y'], rows: [['2', '1']] }]],
			// z is always -1: keep the rows where it is.
			['C2', [{ type: 'table', mode: 'allow', options: ['x'], rows: [['0'], ['1']] }]]
		]);
	});

	it('counts and availability equal the solver on the XCSP model', () => {
		const engine = createEngine(def, { compile: compileModel });
		const solver = compileModel(xcspToSolverModel(problem));
		// (0,-1), (0,0), (1,0), (1,1); (2,1) is a conflict and x=2 fails C2.
		expect(engine.count()).toBe(4n);
		expect(solver.count()).toBe(4n);
		expect(engine.count({ selections: { x: '1' } })).toBe(solver.count({ x: '1' }));
		const ev = engine.evaluate({}, { explain: false });
		expect(ev.options.map((o) => [o.id, o.available])).toEqual([
			['x', ['0', '1']],
			['y', ['0', '1']]
		]);
	});

	it('labels values from a labels file and names options after the file', () => {
		const labels = parseMeganeLabels('Varx : Petrol, Diesel, Electric\nVary : Roof rack, Towbar\n');
		const d = parsed(xcspToDefinition(problem, { labels, name: 'My bike', handle: 'my-bike' }));
		expect(d.handle).toBe('my-bike');
		expect(d.options[0]).toMatchObject({
			label: 'Varx',
			choices: [{ label: 'Petrol' }, { label: 'Diesel' }, { label: 'Electric' }]
		});
		expect(d.options[1]).toMatchObject({
			label: 'Vary',
			choices: [
				{ id: '0', label: 'Roof rack' },
				{ id: '1', label: 'Towbar' }
			]
		});
	});

	it('rejects a variable with an empty domain, naming its line', () => {
		const empty = parseXcsp(
			'<instance>\n<domains><domain name="E" nbValues="0"></domain></domains>\n<variables>\n<variable name="v" domain="E"/>\n</variables></instance>'
		);
		expect(() => xcspToDefinition(empty)).toThrow(XcspError);
		expect(() => xcspToDefinition(empty)).toThrow(/line 4/);
	});

	it('makes slugs', () => {
		expect(slugOf('Renault Mégane (2002)')).toBe('renault-megane-2002');
		expect(slugOf('***')).toBe('imported-problem');
	});
});

/** Values available with nothing chosen, over the imported options, `-1` counted as "unanswered". */
function availableValues(engine: Engine): { available: number; total: number } {
	const support = engine.compiled.supportedValues({});
	let available = 0;
	let total = 0;
	for (const o of engine.definition.options) {
		const v = varId.option(o.id);
		const values = engine.compiled.variables.find((x) => x.id === v)?.values ?? [];
		total += values.length;
		available += values.filter((x) => support.get(v)?.has(x)).length;
	}
	return { available, total };
}

function imported(file: string, labelsFile?: string): { engine: Engine; xml: string } {
	const xml = readFileSync(`${BENCHMARKS}/${file}`, 'utf8');
	const labels = labelsFile
		? parseMeganeLabels(readFileSync(`${BENCHMARKS}/${labelsFile}`, 'utf8'))
		: undefined;
	const json = JSON.parse(
		JSON.stringify(xcspToDefinition(parseXcsp(xml), labels ? { labels } : {}))
	) as unknown;
	return { engine: createEngine(parsed(json), { compile: compileModel }), xml };
}

const title = HAVE_BENCHMARKS
	? 'the Renault benchmarks, imported'
	: `the Renault benchmarks (SKIPPED: ${BENCHMARKS} not found; set ATELIER_BENCHMARKS_DIR)`;

describe.skipIf(!HAVE_BENCHMARKS)(title, () => {
	it(
		'Megane: 2835456006272 configurations, 392 of 396 values available',
		{ timeout: 60_000 },
		() => {
			const { engine } = imported('renault-megane/megane.xml', 'renault-megane/domains.txt');
			expect(engine.count()).toBe(2835456006272n);
			expect(availableValues(engine)).toEqual({ available: 392, total: 396 });
			expect(engine.definition.options.find((o) => o.id === '4')).toMatchObject({
				label: 'Var4',
				choices: [
					{ id: '0', label: 'DIESEL' },
					{ id: '1', label: 'ESS' }
				]
			});
		}
	);

	it(
		'medium: 278744 configurations, 421 of 426 values available, exactly as the solver',
		{ timeout: 60_000 },
		() => {
			const { engine, xml } = imported('renault-br4cp/medium_domainsorted.xml');
			expect(engine.count()).toBe(278744n);
			expect(availableValues(engine)).toEqual({ available: 421, total: 426 });
			// Value for value, -1 being "unanswered", and counts under a selection.
			const solver = compileModel(xcspToSolverModel(parseXcsp(xml)));
			const want = solver.supportedValues({});
			const got = engine.compiled.supportedValues({});
			for (const v of solver.variables) {
				const mapped = [...(got.get(varId.option(v.id)) ?? [])].map((x) => (x === NONE ? '-1' : x));
				expect(new Set(mapped), v.id).toEqual(want.get(v.id));
			}
			const optional = engine.definition.options.find((o) => !o.required && o.kind === 'choice');
			if (optional?.kind !== 'choice') throw new Error('medium has optional options');
			const c = optional.choices[0]?.id as string;
			expect(engine.count({ selections: { [optional.id]: c } })).toBe(
				solver.count({ [optional.id]: c })
			);
		}
	);

	it.skipIf(!BIG)(
		'big: 24566537954855761920000 configurations (ATELIER_TEST_BIG=1)',
		{ timeout: 300_000 },
		() => {
			const { engine } = imported('renault-br4cp/big_domainsorted.xml');
			expect(engine.count()).toBe(24566537954855761920000n);
			expect(availableValues(engine)).toEqual({ available: 1273, total: 1273 });
		}
	);
});
