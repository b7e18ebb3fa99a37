// The configuration's structure checked by hand, without zod: configurations come from customers
// on every storefront page (design links, `load`, the engine's input), so the check ships in the
// runtime, where zod would weigh a third of the bundle. It accepts exactly what
// `configurationSchema` accepts and fills the same defaults (a unit test compares both on
// fuzzed inputs); the schema stays the source of the types and the JSON Schema.

import type { Configuration } from './configuration.js';
import type { Definition } from './definition.js';
import { formatPath, type ValidationError } from './errors.js';
import { checkConfigurationReferences } from './references.js';

/** Result of {@link checkConfigurationShape} and {@link parseConfiguration}. */
export type ParseConfigurationResult =
	{ ok: true; configuration: Configuration } | { ok: false; errors: ValidationError[] };

type Json = Record<string, unknown>;

// The same patterns as common.ts's idSchema and localeSchema.
// eslint-disable-next-line no-control-regex
const ID = /^[^\s\u0000-\u001f\u007f]+$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The structure of a configuration (what `configurationSchema.safeParse` checks), with the
 * defaults filled: no selections → `{}`, no quantity → 1. Errors name the path. Never throws.
 */
export function checkConfigurationShape(json: unknown): ParseConfigurationResult {
	const errors: ValidationError[] = [];
	const error = (path: PropertyKey[], message: string) =>
		errors.push({ path: formatPath(path), message });
	if (!isObject(json)) return { ok: false, errors: [{ path: '', message: 'expected an object' }] };
	for (const key of Object.keys(json))
		if (!['selections', 'quantity', 'rushTier', 'locale'].includes(key))
			error([key], `unrecognized key "${key}"`);
	const selections: Json = {};
	if (json.selections !== undefined) {
		if (!isObject(json.selections)) error(['selections'], 'expected an object of answers');
		else
			for (const id of Object.keys(json.selections)) {
				const answer = json.selections[id];
				const idError = checkId(id);
				if (idError) error(['selections', id], idError);
				const answerError = checkSelection(answer);
				if (answerError) error(['selections', id, ...answerError.path], answerError.message);
				selections[id] = copy(answer);
			}
	}
	const quantity = json.quantity === undefined ? 1 : json.quantity;
	if (!isWhole(quantity)) error(['quantity'], 'expected a whole quantity');
	else if (quantity <= 0) error(['quantity'], 'expected a quantity of at least 1');
	if (json.rushTier !== undefined) {
		const rushError = checkId(json.rushTier);
		if (rushError) error(['rushTier'], rushError);
	}
	if (json.locale !== undefined && !(typeof json.locale === 'string' && LOCALE.test(json.locale)))
		error(['locale'], 'expected a locale such as "en" or "fr-CA"');
	if (errors.length > 0) return { ok: false, errors };
	const configuration = { ...json, selections, quantity } as Configuration;
	return { ok: true, configuration };
}

/**
 * Validates a configuration against a definition: structure, then unknown options and choices,
 * answers of the wrong kind, fonts/colors not offered, unknown rush tier. Never throws.
 * Content checks (text too long, number out of range, multi min/max) are the engine's.
 */
export function parseConfiguration(
	definition: Definition,
	json: unknown
): ParseConfigurationResult {
	const shaped = checkConfigurationShape(json);
	if (!shaped.ok) return shaped;
	const errors = checkConfigurationReferences(definition, shaped.configuration);
	if (errors.length > 0) return { ok: false, errors };
	return shaped;
}

/** Whether `value` is a valid locale (the configuration's `locale`). */
export function isLocale(value: unknown): value is string {
	return typeof value === 'string' && LOCALE.test(value);
}

/** One answer: a string, ids, a finite number, a boolean, a text answer or an upload answer. */
function checkSelection(answer: unknown): { path: PropertyKey[]; message: string } | undefined {
	if (typeof answer === 'string' || typeof answer === 'boolean') return undefined;
	if (typeof answer === 'number')
		return Number.isFinite(answer) ? undefined : { path: [], message: 'expected a finite number' };
	if (Array.isArray(answer)) {
		for (const [i, id] of answer.entries()) {
			const idError = checkId(id);
			if (idError) return { path: [i], message: idError };
		}
		return undefined;
	}
	if (!isObject(answer))
		return { path: [], message: 'expected a choice id, choice ids, a text, a number or an upload' };
	if ('text' in answer) {
		const unknown = Object.keys(answer).find((k) => !['text', 'font', 'color'].includes(k));
		if (unknown) return { path: [unknown], message: `unrecognized key "${unknown}"` };
		if (typeof answer.text !== 'string') return { path: ['text'], message: 'expected a text' };
		for (const key of ['font', 'color'] as const) {
			const idError = answer[key] === undefined ? undefined : checkId(answer[key]);
			if (idError) return { path: [key], message: idError };
		}
		return undefined;
	}
	const unknown = Object.keys(answer).find(
		(k) => !['ref', 'format', 'width', 'height', 'bytes'].includes(k)
	);
	if (unknown) return { path: [unknown], message: `unrecognized key "${unknown}"` };
	if (typeof answer.ref !== 'string' || answer.ref === '')
		return { path: ['ref'], message: 'expected an upload reference (a non-empty string)' };
	if (answer.format !== undefined && typeof answer.format !== 'string')
		return { path: ['format'], message: 'expected a format name' };
	for (const key of ['width', 'height', 'bytes'] as const) {
		const n = answer[key];
		if (n !== undefined && !(isWhole(n) && n > 0))
			return { path: [key], message: 'expected a positive whole number' };
	}
	return undefined;
}

/** A fresh copy of an answer (as zod returns), so the caller's object is never shared. */
function copy(answer: unknown): unknown {
	if (Array.isArray(answer)) return [...answer];
	return isObject(answer) ? { ...answer } : answer;
}

function checkId(id: unknown): string | undefined {
	if (typeof id !== 'string' || id === '') return 'expected an id (a non-empty string)';
	if (id.length > 200) return 'an id has at most 200 characters';
	if (!ID.test(id)) return 'an id has no spaces or control characters';
	return undefined;
}

function isWhole(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
