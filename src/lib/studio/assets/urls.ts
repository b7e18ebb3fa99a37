/**
 * Where the studio loads a definition asset from. A draft's uploads (fonts and art named by
 * `sha256`, or by the public `/api/v1/assets/<sha>` path) are served to members only at
 * `/api/studio/assets/<sha>` until a version is published — the public route answers 404 until
 * then. Anything else (seed art under `/samples/...`, absolute URLs) loads from its `path`.
 */
const PUBLIC_ASSET_PATH = /^\/api\/v1\/assets\/([0-9a-f]{64})$/;

export function studioAssetUrl(asset: { path?: string; sha256?: string }): string | undefined {
	const hash = asset.sha256 ?? (asset.path ? PUBLIC_ASSET_PATH.exec(asset.path)?.[1] : undefined);
	if (hash && /^[0-9a-f]{64}$/.test(hash)) return `/api/studio/assets/${hash}`;
	return asset.path;
}
