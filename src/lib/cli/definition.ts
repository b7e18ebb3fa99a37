import type { Definition } from '../core/definition/definition.js';
import type { Selection } from '../core/definition/configuration.js';
import { parseDefinition } from '../core/definition/parse.js';
import { createEngine } from '../core/engine/compile.js';
import type { Engine } from '../core/engine/engine.js';
import { compileModel } from '../core/solver/index.js';
import { displayName, parseJsonText, readInput, UserError, type CliIo } from './io.js';

/** Reads and parses a definition file (or stdin). Every error: one line `FILE: PATH: MESSAGE`, exit 2. */
export function loadDefinition(io: CliIo, file: string): Definition {
	const json = parseJsonText(readInput(io, file), file);
	const parsed = parseDefinition(json);
	if (!parsed.ok)
		throw new UserError(
			parsed.errors.map(
				(e) => `${displayName(file)}: ${e.path === '' ? '' : `${e.path}: `}${e.message}`
			)
		);
	return parsed.definition;
}

/** Compiles a definition into an engine with the exact solver. */
export function engineOf(definition: Definition): Engine {
	return createEngine(definition, { compile: compileModel });
}

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

/** Up to `n` ids for a hint, e.g. `red, navy, white, …`. */
function hint(ids: string[], n = 12): string {
	return ids.length <= n
		? ids.join(', ')
		: `${ids.slice(0, n).join(', ')}, … (${ids.length} in all)`;
}

/**
 * Turns `--select OPTION=VALUE` pairs into configuration selections: a choice id for choice
 * options, several `--select` for multi options, `true`/`false` (on/off, yes/no) for toggles, a
 * number for number options, the text for text options, an upload reference for image options.
 * @throws UserError naming the unknown option or choice (exit 2).
 */
export function selectionsFromArgs(
	definition: Definition,
	pairs: readonly string[],
	command: string
): Record<string, Selection> {
	const selections: Record<string, Selection> = {};
	const byId = new Map(definition.options.map((o) => [o.id, o]));
	for (const pair of pairs) {
		const eq = pair.indexOf('=');
		if (eq <= 0)
			throw new UserError(`atelier ${command}: --select expects OPTION=CHOICE, got "${pair}"`);
		const optionId = pair.slice(0, eq);
		const value = pair.slice(eq + 1);
		const o = byId.get(optionId);
		if (!o)
			throw new UserError(
				`atelier ${command}: --select ${pair}: unknown option "${optionId}" (options: ${hint(definition.options.map((x) => x.id))})`
			);
		const twice = () =>
			new UserError(`atelier ${command}: --select ${pair}: option "${optionId}" is selected twice`);
		switch (o.kind) {
			case 'choice':
			case 'multi': {
				const choice = o.choices.find((c) => c.id === value);
				if (!choice)
					throw new UserError(
						`atelier ${command}: --select ${pair}: unknown choice "${value}" of option "${optionId}" (${o.label}; choices: ${hint(o.choices.map((c) => c.id))})`
					);
				if (o.kind === 'choice') {
					if (optionId in selections) throw twice();
					selections[optionId] = value;
				} else {
					const list = (selections[optionId] as string[] | undefined) ?? [];
					if (list.includes(value)) throw twice();
					selections[optionId] = [...list, value];
				}
				break;
			}
			case 'toggle': {
				if (optionId in selections) throw twice();
				const v = value.toLowerCase();
				if (!TRUE.has(v) && !FALSE.has(v))
					throw new UserError(
						`atelier ${command}: --select ${pair}: option "${optionId}" is a toggle; expected true or false`
					);
				selections[optionId] = TRUE.has(v);
				break;
			}
			case 'number': {
				if (optionId in selections) throw twice();
				const n = Number(value);
				if (value.trim() === '' || !Number.isFinite(n))
					throw new UserError(
						`atelier ${command}: --select ${pair}: option "${optionId}" is a number; "${value}" is not a number`
					);
				selections[optionId] = n;
				break;
			}
			case 'text':
			case 'image':
				if (optionId in selections) throw twice();
				selections[optionId] = value;
				break;
		}
	}
	return selections;
}

/** Parses `--quantity`: a positive integer. */
export function quantityFromArg(value: string | undefined, command: string): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < 1)
		throw new UserError(
			`atelier ${command}: --quantity expects a positive whole number, got "${value}"`
		);
	return Number(value);
}
