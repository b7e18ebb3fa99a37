/**
 * How a definition refers to an uploaded asset (documented in src/lib/server/CONTEXT.md): an
 * entry of the definition's `assets` table with the content hash and the public URL,
 *
 *     "assets": { "red-front": { "sha256": "<hex>", "path": "/api/v1/assets/<hex>",
 *                                "mime": "image/png", "width": 800, "height": 800 } }
 *
 * and choices/layers name that entry by id as they name any asset. `path` is what renderers
 * load; `sha256` is what publishing freezes. A `path` of that form without `sha256` counts too.
 */

/** The URL path of an asset on the public API. */
export function publicAssetPath(sha256: string): string {
	return `/api/v1/assets/${sha256}`;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const PUBLIC_ASSET_URL = /^(?:https?:\/\/[^/]+)?\/api\/v1\/assets\/([0-9a-f]{64})$/;

/** The content hashes of the uploaded assets a definition JSON refers to (any shape tolerated). */
export function referencedAssetHashes(definition: unknown): string[] {
	const hashes = new Set<string>();
	const table =
		definition !== null && typeof definition === 'object'
			? (definition as { assets?: unknown }).assets
			: undefined;
	if (table === null || typeof table !== 'object') return [];
	for (const entry of Object.values(table as Record<string, unknown>)) {
		if (entry === null || typeof entry !== 'object') continue;
		const { sha256, path } = entry as { sha256?: unknown; path?: unknown };
		if (typeof sha256 === 'string' && SHA256_HEX.test(sha256)) hashes.add(sha256);
		if (typeof path === 'string') {
			const match = PUBLIC_ASSET_URL.exec(path);
			if (match) hashes.add(match[1]);
		}
	}
	return [...hashes].sort();
}
