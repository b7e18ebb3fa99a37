import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { run } from './main.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(REPO, 'bin/atelier.js');
const SAMPLES = join(REPO, 'static/samples');
const BENCHMARKS = process.env.ATELIER_BENCHMARKS_DIR ?? join(REPO, '../shared/benchmarks');
const HAVE_BENCHMARKS = existsSync(join(BENCHMARKS, 'renault-megane/megane.xml'));
const BIG = process.env.ATELIER_TEST_BIG === '1';
const TMP = mkdtempSync(join(tmpdir(), 'atelier-cli-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Result {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the real bin with node, like `npx atelier …`. */
function atelier(args: string[], input?: string): Promise<Result> {
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			[BIN, ...args],
			{ cwd: TMP, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ATELIER_DEBUG: '' } },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolve({ code, stdout, stderr });
			}
		);
		if (input !== undefined) child.stdin?.end(input);
	});
}

/**
 * Runs the CLI in this process with a captured io: the same code as the bin, without the ~1 s
 * start-up of a node + tsx process. Used for the cases that do not need the real bin.
 */
function inProcess(args: string[], stdin = ''): Result {
	let stdout = '';
	let stderr = '';
	const io: CliIo = {
		stdout: (t) => void (stdout += t),
		stderr: (t) => void (stderr += t),
		readText: (f) => (f === '-' ? stdin : readFileSync(f, 'utf8')),
		writeText: (f, t) => writeFileSync(f, t)
	};
	const code = run(args, io);
	return { code, stdout, stderr };
}

const sample = (handle: string) => join(SAMPLES, handle, 'definition.json');
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';
/** A user error: exit 2, one line per problem on stderr, never a stack trace. */
function expectUserError(r: Result, ...parts: string[]) {
	expect(r.code, r.stderr).toBe(2);
	for (const p of parts) expect(r.stderr).toContain(p);
	expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

function writeTmp(name: string, text: string): string {
	const file = join(TMP, name);
	writeFileSync(file, text);
	return file;
}

describe.concurrent('atelier CLI', () => {
	it('prints help for the CLI and for each command', () => {
		const all = inProcess(['--help']);
		expect(all.code).toBe(0);
		for (const c of ['check', 'configure', 'count', 'test', 'import', 'schema'])
			expect(all.stdout).toContain(c);
		const count = inProcess(['count', '--help']);
		expect(count.code).toBe(0);
		expect(count.stdout).toContain('Usage: atelier count FILE');
		expectUserError(inProcess(['frobnicate']), 'unknown command "frobnicate"');
		expectUserError(inProcess(['count']), 'atelier count: missing FILE');
		expectUserError(inProcess(['count', sample('team-jersey'), '--bogus']), 'unknown flag --bogus');
	});

	it.each(['team-jersey', 'engraved-pendant', 'modular-sofa'])(
		'checks and tests the %s sample',
		async (handle) => {
			const [check, test] = await Promise.all([
				atelier(['check', sample(handle)]),
				atelier(['test', sample(handle)])
			]);
			expect(check.code, check.stdout).toBe(0);
			expect(lastLine(check.stdout)).toMatch(
				/: 0 errors, 0 warnings, \d+ notes?; \d+ valid configurations$/
			);
			expect(test.code, test.stdout).toBe(0);
			expect(lastLine(test.stdout)).toMatch(/: \d+ passed, 0 failed$/);
			expect(test.stdout).not.toContain('FAIL');
		}
	);

	it('configure --json prints the evaluation', async () => {
		const r = await atelier([
			'configure',
			sample('engraved-pendant'),
			'--select',
			'metal=gold',
			'--select',
			'shape=round',
			'--json'
		]);
		expect(r.code, r.stderr).toBe(0);
		const ev = JSON.parse(r.stdout) as {
			valid: boolean;
			complete: boolean;
			options: { id: string; visible: boolean; selected: string[]; available: string[] }[];
			price: { amount: number; currency: string };
			leadTimeDays: number;
		};
		expect(ev.valid).toBe(true);
		expect(typeof ev.complete).toBe('boolean');
		const metal = ev.options.find((o) => o.id === 'metal');
		expect(metal).toMatchObject({ visible: true, selected: ['gold'] });
		expect(metal?.available).toContain('silver');
		for (const o of ev.options)
			expect(Object.keys(o)).toEqual(
				expect.arrayContaining(['id', 'visible', 'selected', 'available'])
			);
		expect(Number.isInteger(ev.price.amount)).toBe(true);
		expect(ev.price.currency).toBe('EUR');
		expect(Number.isInteger(ev.leadTimeDays)).toBe(true);
	});

	it('configure without --json prints a readable summary', () => {
		const r = inProcess([
			'configure',
			sample('team-jersey'),
			'-s',
			'color=red',
			'--quantity',
			'12'
		]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/Price: /);
		expect(r.stdout).toMatch(/Lead time: \d+ days?/);
	});

	it('count prints digits only on the last line, also under selections and from stdin', async () => {
		const file = sample('modular-sofa');
		const all = await atelier(['count', file]);
		expect(all.code).toBe(0);
		expect(lastLine(all.stdout)).toMatch(/^\d+$/);
		expect(lastLine(inProcess(['count', '-'], readFileSync(file, 'utf8')).stdout)).toBe(
			lastLine(all.stdout)
		);
		const some = inProcess(['count', file, '--select', 'fabric=leather']);
		expect(BigInt(lastLine(some.stdout))).toBeLessThan(BigInt(lastLine(all.stdout)));
	});

	it('rejects an unknown option or choice, naming it (exit 2)', async () => {
		const [option, choice] = await Promise.all([
			atelier(['configure', sample('engraved-pendant'), '--select', 'colour=red', '--json']),
			atelier(['count', sample('engraved-pendant'), '--select', 'metal=platinum'])
		]);
		expectUserError(option, 'unknown option "colour"');
		expect(option.stdout).toBe('');
		expectUserError(choice, 'unknown choice "platinum" of option "metal"');
		expectUserError(
			inProcess(['configure', sample('engraved-pendant'), '--select', 'metal']),
			'--select expects OPTION=CHOICE'
		);
		expectUserError(
			inProcess(['configure', sample('engraved-pendant'), '-s', 'metal=gold', '-s', 'metal=rose']),
			'selected twice'
		);
		expectUserError(
			inProcess(['configure', sample('team-jersey'), '--quantity', '0']),
			'--quantity expects a positive whole number'
		);
	});

	it('reports bad JSON and bad money with the file and the path (exit 2; check exits 1)', async () => {
		const badJson = writeTmp('bad.json', '{\n  "formatVersion": 1,\n  "id": "x",\n}\n');
		const def = JSON.parse(readFileSync(sample('engraved-pendant'), 'utf8')) as {
			options: { choices: { priceDelta?: number }[] }[];
		};
		(def.options[0]?.choices[1] as { priceDelta?: number }).priceDelta = 12.5;
		const badMoney = writeTmp('bad-money.json', JSON.stringify(def, null, 2));
		const [json, money] = await Promise.all([
			atelier(['count', badJson]),
			atelier(['configure', badMoney])
		]);
		const check = inProcess(['check', badMoney, '--json']);
		const missing = inProcess(['test', join(TMP, 'missing.json')]);
		expectUserError(json, `${badJson}: invalid JSON at line 4, column 1`);
		expectUserError(
			money,
			`${badMoney}: options[0].choices[1].priceDelta: expected an integer number of minor units`
		);
		expect(money.stderr.trim().split('\n')).toHaveLength(1);
		expect(check.code).toBe(1);
		const report = JSON.parse(check.stdout) as {
			valid: boolean;
			diagnostics: { code: string; path: string }[];
		};
		expect(report.valid).toBe(false);
		expect(report.diagnostics).toContainEqual(
			expect.objectContaining({ code: 'schema-error', path: 'options[0].choices[1].priceDelta' })
		);
		expectUserError(missing, 'missing.json: cannot read: no such file');
	});

	it('reports a malformed XCSP file with its line (exit 2)', async () => {
		const arity = writeTmp(
			'arity.xml',
			'<instance>\n<domains>\n<domain name="D" nbValues="2">0 1</domain>\n</domains>\n<variables><variable name="x" domain="D"/><variable name="y" domain="D"/></variables>\n<relations>\n<relation name="R" arity="2" nbTuples="2" semantics="supports">0 1|1</relation>\n</relations>\n<constraints><constraint name="C" arity="2" scope="x y" reference="R"/></constraints>\n</instance>\n'
		);
		const syntax = writeTmp(
			'syntax.xml',
			'<instance>\n<domains>\n<domain name="D" nbValues="2">0 1</domain>\n</domains\n'
		);
		const a = await atelier(['import', 'xcsp', arity, '-o', join(TMP, 'arity.json')]);
		const s = inProcess(['import', 'xcsp', syntax, '-o', join(TMP, 'syntax.json')]);
		const format = inProcess(['import', 'csv', arity]);
		expectUserError(a, `${arity}: line 7 <relation>: relation R has arity 2`);
		expectUserError(s, `${syntax}: line 4`);
		expectUserError(format, 'unknown format "csv"');
	});

	it('fails `test` when a scenario fails (exit 1)', () => {
		const def = JSON.parse(readFileSync(sample('engraved-pendant'), 'utf8')) as {
			scenarios: { expect: { total?: number } }[];
		};
		(def.scenarios[0] as { expect: { total?: number } }).expect.total = 1;
		const r = inProcess(['test', writeTmp('failing.json', JSON.stringify(def))]);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/FAIL {2}.+\n\s+expect\.total: total: expected 1, got \d+/);
		expect(lastLine(r.stdout)).toMatch(/: \d+ passed, 1 failed$/);
	});

	it('prints the JSON Schema', () => {
		const r = inProcess(['schema']);
		expect(r.code).toBe(0);
		const schema = JSON.parse(r.stdout) as { $schema: string; title: string };
		expect(schema.title).toContain('Atelier product definition');
	});
});

describe.skipIf(!HAVE_BENCHMARKS)(
	HAVE_BENCHMARKS
		? 'atelier import + count on the Renault benchmarks'
		: `atelier on the Renault benchmarks (SKIPPED: ${BENCHMARKS} not found; set ATELIER_BENCHMARKS_DIR)`,
	{ concurrent: true },
	() => {
		it('Megane: 2835456006272', { timeout: 120_000 }, async () => {
			const out = join(TMP, 'megane.json');
			const imp = await atelier([
				'import',
				'xcsp',
				join(BENCHMARKS, 'renault-megane/megane.xml'),
				'-o',
				out,
				'--labels',
				join(BENCHMARKS, 'renault-megane/domains.txt'),
				'--name',
				'Renault Megane'
			]);
			expect(imp.code, imp.stderr).toBe(0);
			expect(imp.stderr).toContain('Imported 99 options and 113 rules');
			const count = await atelier(['count', out]);
			expect(count.code, count.stderr).toBe(0);
			expect(lastLine(count.stdout)).toBe('2835456006272');
		});

		it('medium: 278744', { timeout: 120_000 }, async () => {
			const out = join(TMP, 'medium.json');
			const imp = await atelier([
				'import',
				'xcsp',
				join(BENCHMARKS, 'renault-br4cp/medium_domainsorted.xml'),
				'-o',
				out
			]);
			expect(imp.code, imp.stderr).toBe(0);
			const count = await atelier(['count', out]);
			expect(lastLine(count.stdout)).toBe('278744');
		});

		it.skipIf(!BIG)(
			'big: 24566537954855761920000 (ATELIER_TEST_BIG=1)',
			{ timeout: 600_000 },
			async () => {
				const out = join(TMP, 'big.json');
				const imp = await atelier([
					'import',
					'xcsp',
					join(BENCHMARKS, 'renault-br4cp/big_domainsorted.xml'),
					'-o',
					out
				]);
				expect(imp.code, imp.stderr).toBe(0);
				const count = await atelier(['count', out]);
				expect(lastLine(count.stdout)).toBe('24566537954855761920000');
			}
		);
	}
);
