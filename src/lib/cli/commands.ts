import { analyze } from '../core/analysis/index.js';
import { configurationJsonSchema, definitionJsonSchema } from '../core/definition/json-schema.js';
import type { DefinitionInput } from '../core/definition/definition.js';
import { parseDefinition } from '../core/definition/parse.js';
import type { Evaluation } from '../core/engine/engine.js';
import { runScenarios } from '../core/engine/scenarios.js';
import { xcspToDefinition } from '../core/import/index.js';
import { formatMoney } from '../core/money.js';
import { parseMeganeLabels, parseXcsp, XcspError, type XcspProblem } from '../core/xcsp/index.js';
import { valueOf, type FlagSpec, type ParsedArgs } from './args.js';
import { engineOf, loadDefinition, quantityFromArg, selectionsFromArgs } from './definition.js';
import {
	displayName,
	EXIT,
	formatJson,
	parseJsonText,
	readInput,
	UserError,
	writeOutput,
	type CliIo
} from './io.js';

/** One CLI command: its flags, help text and what it does (returns the exit code). */
export interface Command {
	name: string;
	summary: string;
	usage: string;
	help: string;
	flags: FlagSpec[];
	run(args: ParsedArgs, io: CliIo): number;
}

/** The one FILE positional of a command (a definition JSON, or `-` for stdin). */
function fileArg(command: string, args: ParsedArgs, what = 'FILE'): string {
	if (args.positionals.length === 0)
		throw new UserError(`atelier ${command}: missing ${what} (see atelier ${command} --help)`);
	if (args.positionals.length > 1)
		throw new UserError(
			`atelier ${command}: unexpected argument "${args.positionals[1]}" (see atelier ${command} --help)`
		);
	return args.positionals[0] as string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// ---------------------------------------------------------------------------------------------

const check: Command = {
	name: 'check',
	summary: 'analyze a definition: schema, rules, art, prices, texts (exit 1 on errors)',
	usage: 'atelier check FILE [--json]',
	help: `Analyzes a product definition and prints its diagnostics: schema errors with their paths,
no valid configuration (with the conflicting rules), dead choices, never-visible options,
rules that never fire or change nothing, missing art, missing or negative prices, texts that
do not fit their box, rule cycles.

Arguments:
  FILE          a definition JSON file, or - for stdin

Flags:
  --json        print { file, valid, errors, warnings, infos, count, diagnostics } as JSON

Exit status: 0 without errors (warnings allowed), 1 with errors, 2 on unreadable input.`,
	flags: [{ name: 'json' }],
	run(args, io) {
		const file = fileArg('check', args);
		const definition = parseJsonText(readInput(io, file), file);
		const { diagnostics, count } = analyze(definition);
		const n = (s: string) => diagnostics.filter((d) => d.severity === s).length;
		const errors = n('error');
		if (args.flags.has('json')) {
			io.stdout(
				json({
					file: displayName(file),
					valid: errors === 0,
					errors,
					warnings: n('warning'),
					infos: n('info'),
					...(count !== undefined ? { count: count.toString() } : {}),
					diagnostics
				})
			);
		} else {
			for (const d of diagnostics)
				io.stdout(
					`${displayName(file)}: ${d.path === '' ? '' : `${d.path}: `}${d.severity}: ${d.message} [${d.code}]\n`
				);
			const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
			io.stdout(
				`${displayName(file)}: ${plural(errors, 'error')}, ${plural(n('warning'), 'warning')}, ${plural(n('info'), 'note')}${count !== undefined ? `; ${count} valid configurations` : ''}\n`
			);
		}
		return errors > 0 ? EXIT.failed : EXIT.ok;
	}
};

// ---------------------------------------------------------------------------------------------

function configurationOf(
	command: string,
	args: ParsedArgs,
	definition: ReturnType<typeof loadDefinition>
) {
	const selections = selectionsFromArgs(definition, args.values.get('select') ?? [], command);
	const quantity = quantityFromArg(valueOf(args, 'quantity'), command);
	const rushTier = valueOf(args, 'rush');
	if (rushTier !== undefined && !definition.pricing.rushTiers.some((t) => t.id === rushTier))
		throw new UserError(
			`atelier ${command}: --rush ${rushTier}: unknown rush tier (tiers: ${definition.pricing.rushTiers.map((t) => t.id).join(', ') || 'none'})`
		);
	const locale = valueOf(args, 'locale');
	return {
		selections,
		...(quantity !== undefined ? { quantity } : {}),
		...(rushTier !== undefined ? { rushTier } : {}),
		...(locale !== undefined ? { locale } : {})
	};
}

const selectFlags: FlagSpec[] = [
	{ name: 'select', short: 's', value: true, repeat: true },
	{ name: 'quantity', short: 'q', value: true },
	{ name: 'rush', value: true }
];

function configureJson(ev: Evaluation, explain: boolean) {
	return {
		valid: ev.valid,
		complete: ev.complete,
		options: ev.options.map((o) => ({
			id: o.id,
			label: o.label,
			kind: o.kind,
			visible: o.visible,
			required: o.required,
			selected: o.selected,
			available: o.available,
			...(o.source ? { source: o.source } : {}),
			...(o.value !== undefined ? { value: o.value } : {}),
			...(explain && o.choices
				? {
						unavailable: o.choices
							.filter((c) => !c.available)
							.map((c) => ({ id: c.id, reason: c.reason?.message ?? null }))
					}
				: {}),
			...(o.errors.length > 0 ? { errors: o.errors.map((e) => e.message) } : {})
		})),
		price: {
			amount: ev.price.total,
			currency: ev.price.currency,
			minorUnits: ev.price.minorUnits,
			unitPrice: ev.price.unitPrice,
			quantity: ev.price.quantity,
			lines: ev.price.lines
		},
		leadTimeDays: ev.leadTime.days,
		errors: ev.errors,
		configuration: ev.configuration
	};
}

const configure: Command = {
	name: 'configure',
	summary: 'evaluate a configuration: visibility, availability, price, lead time',
	usage:
		'atelier configure FILE [--select OPTION=CHOICE]... [--quantity N] [--rush TIER] [--explain] [--json]',
	help: `Evaluates a configuration of a product definition as the storefront would: for every option
whether it is visible, what is selected and which choices are still available (a choice is
available when a complete valid configuration exists with it), the price and the lead time.

Arguments:
  FILE                      a definition JSON file, or - for stdin

Flags:
  -s, --select OPTION=VALUE  select a choice (repeat for several options, or several choices of
                            a multi option); toggles take true/false, numbers a number, texts
                            the text
  -q, --quantity N          quantity (default: the product's minimum)
  --rush TIER               rush tier id
  --locale LOCALE           labels in this locale (e.g. fr)
  --explain                 say why each unavailable choice is unavailable
  --json                    print { valid, complete, options: [{ id, visible, selected,
                            available, … }], price: { amount, currency, … }, leadTimeDays, … }

Exit status: 0 (even for an invalid configuration: see "valid"), 2 for an unknown option or
choice, or an unreadable or invalid definition.`,
	flags: [...selectFlags, { name: 'locale', value: true }, { name: 'explain' }, { name: 'json' }],
	run(args, io) {
		const file = fileArg('configure', args);
		const definition = loadDefinition(io, file);
		const configuration = configurationOf('configure', args, definition);
		const explain = args.flags.has('explain');
		const ev = engineOf(definition).evaluate(configuration, { explain });
		if (args.flags.has('json')) {
			io.stdout(json(configureJson(ev, explain)));
			return EXIT.ok;
		}
		const money = (n: number) => formatMoney(n, ev.price.currency, ev.price.minorUnits);
		const state = ev.complete ? 'complete' : ev.valid ? 'valid, not complete' : 'invalid';
		io.stdout(`${definition.name}: ${state}\n`);
		const width = Math.min(28, Math.max(...ev.options.map((o) => o.label.length), 6));
		for (const o of ev.options) {
			const value =
				o.value === undefined
					? o.required && o.visible
						? '(required)'
						: '—'
					: o.choices
						? o.choices
								.filter((c) => c.selected)
								.map((c) => c.label)
								.join(', ') || String(o.value)
						: typeof o.value === 'object' && o.value !== null && 'text' in o.value
							? String(o.value.text)
							: String(o.value);
			const source = o.source && o.source !== 'customer' ? ` (${o.source})` : '';
			const parts = [`  ${o.label.padEnd(width)}  ${o.visible ? value + source : 'hidden'}`];
			if (o.visible && o.choices) {
				const off = o.choices.filter((c) => !c.available);
				if (off.length > 0)
					parts.push(
						`      unavailable: ${off.map((c) => (explain && c.reason ? `${c.label} (${c.reason.message})` : c.label)).join(', ')}`
					);
			}
			io.stdout(`${parts.join('\n')}\n`);
		}
		io.stdout(
			`Price: ${money(ev.price.total)}${ev.price.quantity > 1 ? ` (${ev.price.quantity} × ${money(ev.price.unitPrice)}${ev.price.fees ? ` + fees ${money(ev.price.fees)}` : ''})` : ''}\n`
		);
		io.stdout(`Lead time: ${ev.leadTime.days} day${ev.leadTime.days === 1 ? '' : 's'}\n`);
		for (const e of ev.errors.filter((x) => x.severity === 'error'))
			io.stdout(`  ! ${e.message}\n`);
		return EXIT.ok;
	}
};

// ---------------------------------------------------------------------------------------------

const count: Command = {
	name: 'count',
	summary: 'the exact number of valid configurations (last line: digits only)',
	usage: 'atelier count FILE [--select OPTION=CHOICE]... [--quantity N]',
	help: `Prints the exact number of valid complete configurations of a definition's choice-like
options (free texts, numbers and uploads count as their current answer), optionally under
selections. The last line of the output is the number, digits only.

Arguments:
  FILE                      a definition JSON file, or - for stdin

Flags:
  -s, --select OPTION=VALUE  count only configurations with this selection (repeatable)
  -q, --quantity N          at this quantity

Exit status: 0, or 2 for an unknown option or choice, or an unreadable or invalid definition.`,
	flags: selectFlags,
	run(args, io) {
		const file = fileArg('count', args);
		const definition = loadDefinition(io, file);
		const configuration = configurationOf('count', args, definition);
		io.stdout(`${engineOf(definition).count(configuration).toString()}\n`);
		return EXIT.ok;
	}
};

// ---------------------------------------------------------------------------------------------

const test: Command = {
	name: 'test',
	summary: "run the definition's scenario tests (exit 1 on failure)",
	usage: 'atelier test FILE [--json]',
	help: `Runs the scenario tests written in the definition ("with these selections the price is
49.00 and Engraving is hidden") and prints pass/fail per scenario with what differed.

Arguments:
  FILE          a definition JSON file, or - for stdin

Flags:
  --json        print { passed, failed, scenarios: [{ id, name, passed, failures }] }

Exit status: 0 when every scenario passes, 1 when one fails, 2 for an unreadable or invalid
definition.`,
	flags: [{ name: 'json' }],
	run(args, io) {
		const file = fileArg('test', args);
		const definition = loadDefinition(io, file);
		const results = runScenarios(engineOf(definition));
		const failed = results.filter((r) => !r.passed).length;
		if (args.flags.has('json'))
			io.stdout(
				json({
					passed: results.length - failed,
					failed,
					scenarios: results.map((r) => ({
						id: r.id,
						name: r.name,
						passed: r.passed,
						failures: r.failures
					}))
				})
			);
		else {
			for (const r of results) {
				io.stdout(`${r.passed ? 'pass' : 'FAIL'}  ${r.name}\n`);
				for (const f of r.failures) io.stdout(`        ${f.path}: ${f.message}\n`);
			}
			io.stdout(
				results.length === 0
					? `${displayName(file)}: no scenario tests\n`
					: `${displayName(file)}: ${results.length - failed} passed, ${failed} failed\n`
			);
		}
		return failed > 0 ? EXIT.failed : EXIT.ok;
	}
};

// ---------------------------------------------------------------------------------------------

const importCommand: Command = {
	name: 'import',
	summary: 'convert an XCSP 2.1 problem into a definition',
	usage:
		'atelier import xcsp FILE.xml -o OUT.json [--labels domains.txt] [--name NAME] [--handle HANDLE]',
	help: `Converts an XCSP 2.1 constraint problem (extensional tables, as in the Renault
benchmarks) into a product definition: one choice option per variable (its id the variable
name), one choice per value (its id the value), one rule per constraint (a compatibility
table). A variable whose domain holds -1 (the BR4CP "not taken" joker) becomes an optional
option: leaving it unanswered stands for -1.

Arguments:
  xcsp                  the input format (the only one so far)
  FILE.xml              the XCSP file, or - for stdin

Flags:
  -o, --output OUT.json  where to write the definition (default: stdout)
  --labels FILE         value labels, one line per variable: "VarN : name0, name1, …"
                        (Megane's domains.txt)
  --name NAME           product name (default: the problem's name)
  --handle HANDLE       product handle, a lowercase slug (default: from the name)

Exit status: 0, or 2 for an unreadable or malformed file (the message gives the line).`,
	flags: [
		{ name: 'output', short: 'o', value: true },
		{ name: 'labels', value: true },
		{ name: 'name', value: true },
		{ name: 'handle', value: true }
	],
	run(args, io) {
		const [format, file, extra] = args.positionals;
		if (format === undefined)
			throw new UserError(
				'atelier import: missing format: atelier import xcsp FILE.xml -o OUT.json'
			);
		if (format !== 'xcsp')
			throw new UserError(`atelier import: unknown format "${format}" (supported: xcsp)`);
		if (file === undefined) throw new UserError('atelier import xcsp: missing FILE.xml');
		if (extra !== undefined)
			throw new UserError(`atelier import xcsp: unexpected argument "${extra}"`);
		function at(name: string, e: unknown): never {
			if (e instanceof XcspError) throw new UserError(`${name}: ${e.message}`);
			throw e;
		}
		let problem: XcspProblem;
		try {
			problem = parseXcsp(readInput(io, file));
		} catch (e) {
			at(displayName(file), e);
		}
		const labelsFile = valueOf(args, 'labels');
		let labels: Map<string, string[]> | undefined;
		if (labelsFile !== undefined)
			try {
				labels = parseMeganeLabels(readInput(io, labelsFile));
			} catch (e) {
				at(displayName(labelsFile), e);
			}
		const handle = valueOf(args, 'handle');
		if (handle !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(handle))
			throw new UserError(
				`atelier import: --handle "${handle}": expected a lowercase slug such as "renault-megane"`
			);
		const name = valueOf(args, 'name');
		let definition: DefinitionInput;
		try {
			definition = xcspToDefinition(problem, {
				...(labels ? { labels } : {}),
				...(name !== undefined ? { name } : {}),
				...(handle !== undefined ? { handle } : {})
			});
		} catch (e) {
			at(displayName(file), e);
		}
		const checked = parseDefinition(definition);
		if (!checked.ok)
			throw new Error(
				`the imported definition does not parse: ${checked.errors
					.slice(0, 3)
					.map((e) => `${e.path}: ${e.message}`)
					.join('; ')}`
			);
		const out = valueOf(args, 'output') ?? '-';
		writeOutput(io, out, `${formatJson(definition)}\n`);
		io.stderr(
			`Imported ${checked.definition.options.length} options and ${checked.definition.rules.length} rules from ${displayName(file)}${out === '-' ? '' : ` into ${out}`}\n`
		);
		return EXIT.ok;
	}
};

// ---------------------------------------------------------------------------------------------

const schema: Command = {
	name: 'schema',
	summary: 'print the JSON Schema of the definition format',
	usage: 'atelier schema [--configuration] [--draft-07]',
	help: `Prints the JSON Schema of the product-definition format (formatVersion 1), generated
from the same schema that validates definitions. Cross-references (unknown option ids…) are
not expressible in JSON Schema: use atelier check for those.

Flags:
  --configuration   the schema of a configuration instead
  --draft-07        JSON Schema draft-07 instead of 2020-12 (for older validators)`,
	flags: [{ name: 'configuration' }, { name: 'draft-07' }],
	run(args, io) {
		if (args.positionals.length > 0)
			throw new UserError(`atelier schema: unexpected argument "${args.positionals[0]}"`);
		io.stdout(
			json(
				args.flags.has('configuration')
					? configurationJsonSchema()
					: definitionJsonSchema({
							target: args.flags.has('draft-07') ? 'draft-07' : 'draft-2020-12'
						})
			)
		);
		return EXIT.ok;
	}
};

/** Every command, in help order. */
export const COMMANDS: readonly Command[] = [check, configure, count, test, importCommand, schema];
