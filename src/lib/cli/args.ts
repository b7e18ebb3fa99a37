import { UserError } from './io.js';

/** A command-line flag: its long name, optional short alias, and whether it takes a value. */
export interface FlagSpec {
	name: string;
	short?: string;
	/** Takes a value (`--name VALUE` or `--name=VALUE`). */
	value?: boolean;
	/** May be given several times (values are collected in order). */
	repeat?: boolean;
}

/** Parsed arguments: positionals, flags given without a value, values of flags with one. */
export interface ParsedArgs {
	positionals: string[];
	flags: Set<string>;
	values: Map<string, string[]>;
}

/**
 * Parses `argv` against `specs`. `--help`/`-h` are always accepted. `-` is a positional (stdin);
 * `--` ends the flags.
 * @throws UserError for an unknown flag, a missing value or a repeated single flag.
 */
export function parseArgs(
	command: string,
	argv: readonly string[],
	specs: readonly FlagSpec[]
): ParsedArgs {
	const all: FlagSpec[] = [...specs, { name: 'help', short: 'h' }];
	const byName = new Map(all.map((s) => [s.name, s]));
	const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short as string, s]));
	const out: ParsedArgs = { positionals: [], flags: new Set(), values: new Map() };
	let onlyPositionals = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
			out.positionals.push(arg);
			continue;
		}
		if (arg === '--') {
			onlyPositionals = true;
			continue;
		}
		let spec: FlagSpec | undefined;
		let inline: string | undefined;
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
			if (eq >= 0) inline = arg.slice(eq + 1);
			spec = byName.get(name);
		} else spec = byShort.get(arg.slice(1));
		if (!spec)
			throw new UserError(
				`atelier ${command}: unknown flag ${arg.split('=')[0]} (see atelier ${command} --help)`
			);
		if (!spec.value) {
			if (inline !== undefined)
				throw new UserError(`atelier ${command}: --${spec.name} takes no value`);
			out.flags.add(spec.name);
			continue;
		}
		const value = inline ?? argv[++i];
		if (value === undefined)
			throw new UserError(
				`atelier ${command}: --${spec.name} needs a value (see atelier ${command} --help)`
			);
		const list = out.values.get(spec.name) ?? [];
		if (list.length > 0 && !spec.repeat)
			throw new UserError(`atelier ${command}: --${spec.name} is given twice`);
		list.push(value);
		out.values.set(spec.name, list);
	}
	return out;
}

/** The single value of a flag, if given. */
export function valueOf(args: ParsedArgs, name: string): string | undefined {
	return args.values.get(name)?.[0];
}
