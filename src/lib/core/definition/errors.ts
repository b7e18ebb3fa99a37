import type { z } from 'zod';

/** A validation error: where (e.g. `options[3].choices[0].priceDelta`) and what was expected. */
export interface ValidationError {
	path: string;
	message: string;
}

/** Formats a path as `options[3].choices[0].priceDelta` (keys that are not identifiers in brackets). */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else {
			const k = String(key);
			if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)) out += out === '' ? k : `.${k}`;
			else out += `[${JSON.stringify(k)}]`;
		}
	}
	return out;
}

/** Converts zod issues (recursing into union branches' messages) into path errors. */
export function zodIssuesToErrors(
	issues: readonly z.core.$ZodIssue[],
	prefix: readonly PropertyKey[] = []
): ValidationError[] {
	const out: ValidationError[] = [];
	for (const issue of issues) {
		const path = [...prefix, ...issue.path];
		if (issue.code === 'invalid_union' && issue.errors.length > 0) {
			// Report the branch that got furthest (most path segments) — usually the intended one.
			const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
			if (best && depth(best) > 0) {
				out.push(...zodIssuesToErrors(best, path));
				continue;
			}
		}
		out.push({ path: formatPath(path), message: issue.message });
	}
	return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
	return Math.max(0, ...issues.map((i) => i.path.length));
}
