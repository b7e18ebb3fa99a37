import { describe, expect, it } from 'vitest';
import type { Option } from '../definition/option.js';
import { sample } from '../scene/test-samples.js';
import { ENGINE_CODES } from './diagnostics.js';
import { characterTest, validateAnswer } from './validate.js';

const def = sample('team-jersey');
const name = def.options.find((o) => o.id === 'name') as Extract<Option, { kind: 'text' }>;

/** The characters a per-character test refuses, as the message lists them. */
function refused(allowed: RegExp, text: string): string[] {
	const bad = new Set<string>();
	for (const ch of text) if (ch !== '\n' && ch !== '\r' && !allowed.test(ch)) bad.add(ch);
	return [...bad];
}

describe('validateAnswer: allowed characters', () => {
	const classes: (typeof name)['allowedCharacters'][] = [
		{ characterClass: 'A-Za-z ' },
		{ characterClass: '^0-9' },
		{ characterClass: 'a\\]b' },
		// Not one class: "a at the start, or b at the end" per character.
		{ characterClass: 'a]|[b' },
		{ characterClass: 'a]{2}[b' },
		{ preset: 'letters' },
		{ preset: 'printable' },
		{ preset: 'latin' },
		{ preset: 'digits' }
	];
	const texts = [
		'GARCIA',
		'Garcia 10',
		'ab',
		'aab',
		'ba]',
		'Ölé',
		'LINE\nTWO',
		'x\r\ny',
		'😀 ok',
		'\ud800',
		''
	];
	for (const allowedCharacters of classes)
		it(`reports exactly the characters a per-character test refuses (${JSON.stringify(allowedCharacters)})`, () => {
			const o = { ...name, allowedCharacters, maxLength: 100, lines: 5 };
			const test = characterTest(o) as RegExp;
			for (const text of texts) {
				const errors = validateAnswer(def, o, { kind: 'text', text }, test).filter(
					(e) => e.code === ENGINE_CODES.textCharacters
				);
				const bad = refused(test, text);
				expect(errors.map((e) => e.message)).toEqual(
					bad.length > 0
						? [
								`${o.label} contains characters that are not allowed: ${bad.map((c) => JSON.stringify(c)).join(', ')}`
							]
						: []
				);
			}
		});
});
