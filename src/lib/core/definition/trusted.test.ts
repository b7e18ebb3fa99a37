import { describe, expect, it } from 'vitest';
import { SAMPLE_HANDLES, sampleJson } from '../scene/test-samples.js';
import { pendantFixture } from './fixtures.js';
import { parseDefinition } from './parse.js';
import { trustedDefinition } from './trusted.js';

/** A small seeded PRNG (mulberry32), so a failing fuzz case can be replayed. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Path = (string | number)[];

/** The path of every object key in `value` (array items by index). */
function keyPaths(value: unknown, at: Path = []): Path[] {
	if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, [...at, i]));
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, item]) => [
		[...at, key],
		...keyPaths(item, [...at, key])
	]);
}

/** A deep copy of `value` without the keys at `paths`. */
function without(value: unknown, paths: Path[]): unknown {
	const copy = structuredClone(value);
	// Deepest first, so dropping a parent does not hide a child's path.
	for (const path of [...paths].sort((a, b) => b.length - a.length)) {
		let parent: unknown = copy;
		for (const key of path.slice(0, -1)) parent = (parent as Record<string, unknown>)?.[key];
		if (typeof parent === 'object' && parent !== null)
			delete (parent as Record<string, unknown>)[String(path.at(-1))];
	}
	return copy;
}

const sources: [string, unknown][] = [
	...SAMPLE_HANDLES.map((h): [string, unknown] => [h, sampleJson(h)]),
	['pendant fixture', pendantFixture]
];

describe('trustedDefinition', () => {
	it.each(sources)('gives what parseDefinition gives for the %s', (_name, json) => {
		const parsed = parseDefinition(json);
		expect(parsed.ok).toBe(true);
		const trusted = trustedDefinition(json);
		expect(trusted.ok && trusted.definition).toStrictEqual(parsed.ok && parsed.definition);
	});

	it.each(sources)(
		'gives what parseDefinition gives for valid definitions fuzzed from the %s',
		(_name, json) => {
			// The parsed form has every default written out. The keys that can go alone (defaulted
			// or optional) are dropped in random subsets: definitions relying on defaults anywhere.
			const parsed = parseDefinition(json);
			if (!parsed.ok) throw new Error('the source must be valid');
			const droppable = keyPaths(parsed.definition).filter(
				(path) => parseDefinition(without(parsed.definition, [path])).ok
			);
			const next = random(7);
			let valid = 0;
			for (let i = 0; i < 60; i++) {
				const p = i % 2 === 0 ? 0.5 : 0.1;
				const fuzzed = without(
					parsed.definition,
					droppable.filter(() => next() < p)
				);
				const expected = parseDefinition(fuzzed);
				if (!expected.ok) continue;
				valid++;
				const trusted = trustedDefinition(fuzzed);
				expect(trusted.ok && trusted.definition).toStrictEqual(expected.definition);
			}
			expect(valid).toBeGreaterThan(20);
		}
	);

	it('refuses an unknown formatVersion and a missing one, naming the path', () => {
		const json = sampleJson('team-jersey');
		const newer = trustedDefinition({ ...json, formatVersion: 99 });
		expect(newer.ok || newer.errors[0]?.path).toBe('formatVersion');
		const { formatVersion: _, ...without } = json;
		const missing = trustedDefinition(without);
		expect(missing.ok || missing.errors[0]?.path).toBe('formatVersion');
		expect(trustedDefinition('nope').ok).toBe(false);
	});

	it('runs the format migrations', () => {
		const json = { ...sampleJson('team-jersey'), formatVersion: 1, title: 'Old name' };
		const rename = {
			from: 1,
			to: 2,
			migrate: ({ title, ...rest }: Record<string, unknown>) => ({ ...rest, name: title })
		};
		const loaded = trustedDefinition(json, { migrations: [rename], latest: 2 });
		expect(loaded.ok && loaded.definition.name).toBe('Old name');
		expect(loaded.ok && loaded.definition.formatVersion).toBe(2);
	});
});
