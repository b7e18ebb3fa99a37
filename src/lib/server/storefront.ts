import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The storefront scripts: /embed.js, /runtime.js and their chunks under /storefront/. Production
 * serves what `scripts/build-embed.js` wrote into build/storefront (found through
 * ATELIER_STOREFRONT_DIR, which the server entry sets, else ./build/storefront); the dev server
 * bundles them in memory with the same options on each request of an entry, so edits show up on
 * reload. Entries keep their names (the merchant's snippet) and get a short cache with an ETag;
 * chunks are content-hashed and immutable. Module scripts are fetched with CORS by store pages,
 * hence `Access-Control-Allow-Origin: *`.
 */

const ENTRY_CACHE = 'public, max-age=300, stale-while-revalidate=86400';
const CHUNK_CACHE = 'public, max-age=31536000, immutable';
const CHUNK_NAME = /^[A-Za-z0-9_-]{1,80}\.js$/;
export const STOREFRONT_ENTRIES = ['embed.js', 'runtime.js'] as const;

interface StoredFile {
	body: Uint8Array;
	gzip?: Uint8Array;
	etag: string;
}

const etagOf = (body: Uint8Array) =>
	`"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;

function storefrontDir(): string {
	return process.env.ATELIER_STOREFRONT_DIR ?? path.resolve('build/storefront');
}

const diskCache = new Map<string, StoredFile | null>();

function fromDisk(relative: string): StoredFile | undefined {
	const cached = diskCache.get(relative);
	if (cached !== undefined) return cached ?? undefined;
	const file = path.join(storefrontDir(), relative);
	if (!existsSync(file)) {
		// Not cached: a build may still write it.
		return undefined;
	}
	const body = readFileSync(file);
	const gzipFile = `${file}.gz`;
	const stored: StoredFile = {
		body,
		etag: etagOf(body),
		...(existsSync(gzipFile) ? { gzip: readFileSync(gzipFile) } : {})
	};
	diskCache.set(relative, stored);
	return stored;
}

let devFiles = new Map<string, StoredFile>();

async function devBuild(): Promise<void> {
	const script = pathToFileURL(path.resolve('scripts/build-embed.js')).href;
	const { buildStorefront } = (await import(/* @vite-ignore */ script)) as {
		buildStorefront(
			outdir: string,
			overrides: Record<string, unknown>
		): Promise<{ outputFiles?: { path: string; contents: Uint8Array }[] }[]>;
	};
	const root = path.resolve('build/storefront');
	const results = await buildStorefront(root, { minify: false, write: false });
	const next = new Map<string, StoredFile>();
	for (const f of results.flatMap((r) => r.outputFiles ?? [])) {
		const rel = path.relative(root, f.path).split(path.sep).join('/');
		next.set(rel, { body: f.contents, etag: etagOf(f.contents) });
	}
	devFiles = next;
}

/**
 * The answer for a storefront script: `name` is an entry (`embed.js`, `runtime.js`) or a chunk
 * (`storefront/<name>.js`). `dev` bundles in memory instead of reading the build.
 */
export async function storefrontScriptResponse(
	name: string,
	request: Request,
	dev: boolean
): Promise<Response> {
	const entry = (STOREFRONT_ENTRIES as readonly string[]).includes(name);
	if (!entry) {
		const chunk = name.startsWith('storefront/') ? name.slice('storefront/'.length) : '';
		if (!CHUNK_NAME.test(chunk)) return notFound();
	}
	let file: StoredFile | undefined;
	if (dev) {
		if (entry || !devFiles.has(name)) await devBuild();
		file = devFiles.get(name);
	} else file = fromDisk(name);
	if (!file) return notFound();

	const headers: Record<string, string> = {
		'content-type': 'text/javascript; charset=utf-8',
		'cache-control': dev ? 'no-cache' : entry ? ENTRY_CACHE : CHUNK_CACHE,
		etag: file.etag,
		'access-control-allow-origin': '*',
		'cross-origin-resource-policy': 'cross-origin',
		vary: 'Accept-Encoding',
		'x-content-type-options': 'nosniff'
	};
	const match = request.headers.get('if-none-match');
	if (match && match.length < 1024 && match.split(',').some((t) => t.trim() === file.etag))
		return new Response(null, { status: 304, headers });
	const acceptsGzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
	if (file.gzip && acceptsGzip)
		return new Response(file.gzip as BodyInit, {
			headers: { ...headers, 'content-encoding': 'gzip' }
		});
	return new Response(file.body as BodyInit, { headers });
}

function notFound(): Response {
	return new Response('Not found: no such storefront script. Load /embed.js.', {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
}
