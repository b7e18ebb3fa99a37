import { readFileSync } from 'node:fs';
import { parseArgs } from './args.js';
import { COMMANDS, type Command } from './commands.js';
import { EXIT, processIo, UserError, type CliIo } from './io.js';

function version(): string {
	try {
		const pkg = JSON.parse(
			readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')
		) as { version?: string };
		return pkg.version ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

function overview(): string {
	const width = Math.max(...COMMANDS.map((c) => c.name.length));
	return `atelier — product definitions as code

Usage: atelier COMMAND [ARGS] [--help]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

FILE is a definition JSON file, or - for stdin. Run atelier COMMAND --help for details.
Exit status: 0 success, 1 check errors or failing tests, 2 bad input (one line per problem on
stderr, naming the file and the path).
`;
}

function commandHelp(c: Command): string {
	return `Usage: ${c.usage}\n\n${c.help}\n`;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code. User
 * errors are printed on stderr as one line per problem (file and path first), never with a
 * stack trace; unexpected errors are reported as internal errors (the stack with `ATELIER_DEBUG=1`).
 */
export function run(argv: readonly string[], io: CliIo = processIo): number {
	const [name, ...rest] = argv;
	try {
		if (name === undefined || name === '--help' || name === '-h') {
			io.stdout(overview());
			return name === undefined ? EXIT.usage : EXIT.ok;
		}
		if (name === '--version' || name === '-v') {
			io.stdout(`${version()}\n`);
			return EXIT.ok;
		}
		if (name === 'help') {
			const c = COMMANDS.find((x) => x.name === rest[0]);
			io.stdout(c ? commandHelp(c) : overview());
			return EXIT.ok;
		}
		const command = COMMANDS.find((c) => c.name === name);
		if (!command)
			throw new UserError(
				`atelier: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see atelier --help)`
			);
		const args = parseArgs(command.name, rest, command.flags);
		if (args.flags.has('help')) {
			io.stdout(commandHelp(command));
			return EXIT.ok;
		}
		return command.run(args, io);
	} catch (e) {
		if (e instanceof UserError) {
			for (const line of e.lines) io.stderr(`${line}\n`);
			return e.exitCode;
		}
		const message = e instanceof Error ? e.message : String(e);
		io.stderr(`atelier: internal error: ${message}\n`);
		if (process.env.ATELIER_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
		else io.stderr('(run with ATELIER_DEBUG=1 for the stack trace)\n');
		return EXIT.internal;
	}
}
