import { pendantFixture } from './fixtures.js';

/**
 * A deep copy of the pendant fixture with changes applied at paths such as
 * `options[0].choices[1].priceDelta` (value `undefined` deletes the key). For tests of bad input.
 */
export function pendantWith(changes: Record<string, unknown>): unknown {
	const copy = structuredClone(pendantFixture) as unknown;
	for (const [path, value] of Object.entries(changes)) setPath(copy, path, value);
	return copy;
}

/** Sets `value` at `path` (dots and `[n]` indices) inside `target`; creates nothing, skips missing parents. */
export function setPath(target: unknown, path: string, value: unknown): void {
	const keys = path.match(/[^.[\]]+/g) ?? [];
	let cur = target as Record<string, unknown>;
	for (const k of keys.slice(0, -1)) {
		const next = cur[k];
		if (typeof next !== 'object' || next === null) return; // an earlier change removed it
		cur = next as Record<string, unknown>;
	}
	const last = keys[keys.length - 1] as string;
	if (value === undefined) delete cur[last];
	else cur[last] = value;
}
