import { readFileSync, writeFileSync } from 'node:fs';

/** Exit codes of the CLI. */
export const EXIT = {
	ok: 0,
	/** `check` found errors; `test` had failing scenarios. */
	failed: 1,
	/** The user's input is wrong: usage, unreadable or invalid files, unknown options or choices. */
	usage: 2,
	/** A bug: reported without a stack trace unless `ATELIER_DEBUG` is set. */
	internal: 3
} as const;

/**
 * A mistake of the user (bad arguments, unreadable or invalid file, unknown option…). The CLI
 * prints `lines` on stderr — one line per problem, each naming the file and the path — and
 * exits with `exitCode` (2). Never a stack trace.
 */
export class UserError extends Error {
	readonly lines: string[];
	readonly exitCode: number;
	constructor(lines: string | string[], exitCode: number = EXIT.usage) {
		const all = typeof lines === 'string' ? [lines] : lines;
		super(all.join('\n'));
		this.name = 'UserError';
		this.lines = all;
		this.exitCode = exitCode;
	}
}

/** Where the CLI reads and writes: the real process, or a test double. */
export interface CliIo {
	stdout(text: string): void;
	stderr(text: string): void;
	/** Reads a file, or stdin for `-`. */
	readText(file: string): string;
	writeText(file: string, text: string): void;
}

/** The real process's streams and file system. */
export const processIo: CliIo = {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	readText: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
	writeText: (file, text) => {
		if (file === '-') process.stdout.write(text);
		else writeFileSync(file, text);
	}
};

/** How a file is named in messages: its path as given, `<stdin>` for `-`. */
export function displayName(file: string): string {
	return file === '-' ? '<stdin>' : file;
}

/** Reads a text file (or stdin), turning file-system errors into a {@link UserError}. */
export function readInput(io: CliIo, file: string): string {
	try {
		return io.readText(file);
	} catch (e) {
		const code = (e as { code?: string }).code;
		const why =
			code === 'ENOENT'
				? 'no such file'
				: code === 'EISDIR'
					? 'is a directory'
					: code === 'EACCES'
						? 'permission denied'
						: e instanceof Error
							? e.message
							: String(e);
		throw new UserError(`${displayName(file)}: cannot read: ${why}`);
	}
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let start = 0;
	for (let i = 0; i < offset && i < text.length; i++)
		if (text.charCodeAt(i) === 10) {
			line++;
			start = i + 1;
		}
	return { line, column: offset - start + 1 };
}

/** Parses JSON, reporting a syntax error as `FILE: invalid JSON at line L, column C: …`. */
export function parseJsonText(text: string, file: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		const at = /at position (\d+)/.exec(message);
		const clean = message
			.replace(/\s*\(line \d+ column \d+\)/, '')
			.replace(/\s*in JSON at position \d+/, '')
			.replace(/^JSON\.parse: /, '');
		if (text.trim() === '')
			throw new UserError(`${displayName(file)}: invalid JSON: the file is empty`);
		const where = at ? lineColumn(text, Number(at[1])) : undefined;
		throw new UserError(
			`${displayName(file)}: invalid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${clean}`
		);
	}
}

/** Writes a file, turning file-system errors into a {@link UserError}. */
export function writeOutput(io: CliIo, file: string, text: string): void {
	try {
		io.writeText(file, text);
	} catch (e) {
		const code = (e as { code?: string }).code;
		const why =
			code === 'ENOENT' ? 'no such directory' : e instanceof Error ? e.message : String(e);
		throw new UserError(`${displayName(file)}: cannot write: ${why}`);
	}
}

/**
 * JSON for people and diffs: tab-indented objects, arrays of plain values on one line (a table
 * row per line), like the sample definitions.
 */
export function formatJson(value: unknown, indent = ''): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		if (value.every((v) => v === null || typeof v !== 'object'))
			return `[${value.map((v) => JSON.stringify(v) ?? 'null').join(', ')}]`;
		return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
	}
	const entries = Object.entries(value as Record<string, unknown>).filter(
		([, v]) => v !== undefined
	);
	if (entries.length === 0) return '{}';
	return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
}
