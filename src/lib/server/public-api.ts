import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from './db';
import { cachedEngine } from './orders';
import { findPublished, type PublishedDefinition } from './publish';
import { publicApiLookups } from './short-cache';
import { storeOriginAllowed } from './store-settings';

/**
 * The public REST API (`/api/v1/...`) that storefronts call: published definitions only, never
 * a draft; JSON everywhere, errors as `{ "error": { "message" } }`.
 */

/**
 * CORS headers of the endpoints that are not tied to one store (the OpenAPI document, unknown
 * endpoints, malformed or unknown stores): any origin may read them, they carry no store data.
 */
export const CORS_HEADERS: Record<string, string> = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'ETag, X-Atelier-Version',
	vary: 'Origin'
};

/** What the public API reads of a request: its headers and URL (a fetch `Request`, or a thin wrapper). */
export interface RequestLike {
	headers: { get(name: string): string | null };
	/** The request URL (absolute, or the path with its query); only its query is read. */
	url?: string;
}

/** What the store endpoints need besides the database: the studio's own origin (always allowed). */
export interface PublicApiContext {
	db: Kysely<Database>;
	appOrigin: string;
}

export const LIVE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Slugs and handles: lowercase letters, digits and single dashes, at most 60 characters. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Version numbers: a positive integer without leading zeros (the URL of a version is unique). */
export const VERSION = /^[1-9][0-9]{0,8}$/;

/**
 * The keys of the store endpoints' lookups in `publicApiLookups` (short-cache.ts): the store
 * endpoints load through them, the server's fast path (public-fast-path.ts) reads them.
 */
export const lookupKey = {
	/** The store exists (`true`) or not (`null`): requests without an Origin or from the app. */
	store: (slug: string) => `store ${slug}`,
	/** `origin` may read the store (`true`), may not (`false`), or no such store (`null`). */
	origin: (slug: string, origin: string) => `origin ${slug} ${origin}`,
	/** The live channel's {@link PublishedDefinition}, or `null`. */
	live: (slug: string, handle: string) => `live ${slug} ${handle}`,
	/** Version `n`'s {@link PublishedDefinition}, or `null`. */
	version: (slug: string, handle: string, n: string) => `version ${slug} ${handle} ${n}`
};
/**
 * Longer If-None-Match headers are refused with 431: a real client sends one ETag (66
 * characters) or a short list. (Node refuses any request whose headers exceed 16 KB with 431
 * before it reaches us; server/index.ts answers that one in the same JSON shape.)
 */
export const MAX_IF_NONE_MATCH = 2048;

/** A JSON error answer: `{ "error": { "message" } }`. */
export function errorResponse(
	status: number,
	message: string,
	cors: Record<string, string> = CORS_HEADERS
): Response {
	return new Response(JSON.stringify({ error: { message } }), {
		status,
		headers: {
			...cors,
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store'
		}
	});
}

const PREFLIGHT_HEADERS = {
	'access-control-allow-methods': 'GET, HEAD, OPTIONS',
	'access-control-allow-headers': 'If-None-Match, Content-Type',
	'access-control-max-age': '86400'
};

/** The answer to a CORS preflight of an endpoint that is not tied to one store. */
export function preflightResponse(): Response {
	return new Response(null, { status: 204, headers: { ...CORS_HEADERS, ...PREFLIGHT_HEADERS } });
}

/** Does an If-None-Match header match this strong ETag (`*`, lists, weak forms)? */
export function etagMatches(header: string | null, etag: string): boolean {
	if (!header || header.length > MAX_IF_NONE_MATCH) return false;
	if (header.trim() === '*') return true;
	return header
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.includes(etag);
}

function badPart(params: { workspaceSlug: string; handle: string }): Response | null {
	if (params.workspaceSlug.length > 60 || !SLUG.test(params.workspaceSlug))
		return errorResponse(400, `malformed store slug: use lowercase letters, digits and dashes`);
	if (params.handle.length > 60 || !SLUG.test(params.handle))
		return errorResponse(400, `malformed product handle: use lowercase letters, digits and dashes`);
	return null;
}

/**
 * The CORS verdict for a store: the headers to answer with when the request may proceed, or the
 * error response (404 unknown store, 403 origin not allowed). A request without an Origin
 * (a server, curl) proceeds without CORS headers; the studio's own origin is always allowed.
 */
export async function storeCors(
	context: PublicApiContext,
	workspaceSlug: string,
	request: RequestLike
): Promise<{ headers: Record<string, string> } | { error: Response }> {
	const origin = request.headers.get('origin');
	const lookups = publicApiLookups.of(context.db);
	const allowed = (await (origin === null || origin === context.appOrigin
		? lookups.get(lookupKey.store(workspaceSlug), () => storeExists(context.db, workspaceSlug))
		: lookups.get(lookupKey.origin(workspaceSlug, origin), () =>
				storeOriginAllowed(context.db, workspaceSlug, origin)
			))) as boolean | null;
	if (allowed === null) {
		return { error: errorResponse(404, `no store '${workspaceSlug}'`) };
	}
	if (!allowed) {
		return {
			error: errorResponse(
				403,
				`origin ${origin} may not read store '${workspaceSlug}': add it to the store's allowed origins in the studio (Settings)`,
				{ vary: 'Origin' }
			)
		};
	}
	return { headers: allowedCorsHeaders(origin) };
}

/** The CORS headers of a store answer to an allowed `origin` (`null`: no Origin was sent). */
export function allowedCorsHeaders(origin: string | null): Record<string, string> {
	const base = { 'access-control-expose-headers': 'ETag, X-Atelier-Version', vary: 'Origin' };
	return origin === null ? base : { ...base, 'access-control-allow-origin': origin };
}

async function storeExists(db: Kysely<Database>, workspaceSlug: string): Promise<true | null> {
	const row = await db
		.selectFrom('organization')
		.select('id')
		.where('slug', '=', workspaceSlug)
		.executeTakeFirst();
	return row ? true : null;
}

/** OPTIONS on a store endpoint: the preflight, answered per the store's allowed origins. */
export async function storePreflightResponse(
	context: PublicApiContext,
	params: { workspaceSlug: string; handle: string },
	request: RequestLike
): Promise<Response> {
	const bad = badPart(params);
	if (bad) return bad;
	const cors = await storeCors(context, params.workspaceSlug, request);
	if ('error' in cors) return cors.error;
	return new Response(null, { status: 204, headers: { ...cors.headers, ...PREFLIGHT_HEADERS } });
}

/**
 * Whether a client takes a gzip body (`Accept-Encoding` names `gzip` or `*` without `q=0`).
 * Definitions are JSON that gzip shrinks five- to tenfold; a store page fetches one per view.
 */
export function acceptsGzip(header: string | null | undefined): boolean {
	if (!header) return false;
	let verdict = false;
	for (const part of header.toLowerCase().split(',')) {
		const [coding, ...parameters] = part.split(';').map((p) => p.trim());
		if (coding !== 'gzip' && coding !== '*') continue;
		const q = parameters.find((p) => p.startsWith('q='));
		const accepted = q === undefined || Number(q.slice(2)) > 0;
		// An explicit gzip entry wins over the wildcard.
		if (coding === 'gzip') return accepted;
		verdict = accepted;
	}
	return verdict;
}

/**
 * The two answers of a published version: the definition alone, or (`?include=engine`) the
 * definition with its compiled rules (see {@link engineBody}).
 */
export type Representation = 'definition' | 'engine';

/** `?include=engine` in a request URL (absolute, or a path with its query). */
export function wantsEngine(url: string | undefined): boolean {
	if (!url || !url.includes('?')) return false;
	return new URL(url, 'http://localhost').searchParams.getAll('include').includes('engine');
}

/**
 * The strong ETag of a published answer, what If-None-Match is checked against: the content
 * hash, with `.engine` and the compiled form's version for the answer with the engine.
 */
export function definitionEtag(published: PublishedDefinition, form: Representation): string {
	return form === 'engine' ? `"${published.contentHash}.engine1"` : `"${published.contentHash}"`;
}

/** The answer's JSON text. */
export function definitionText(published: PublishedDefinition, form: Representation): string {
	return form === 'engine' ? engineBody(published) : published.definition;
}

/** Each published answer gzipped once (versions never change). */
const gzippedAnswers = new WeakMap<PublishedDefinition, Partial<Record<Representation, Buffer>>>();
export function gzippedDefinition(published: PublishedDefinition, form: Representation): Buffer {
	let forms = gzippedAnswers.get(published);
	if (!forms) gzippedAnswers.set(published, (forms = {}));
	return (forms[form] ??= gzipSync(definitionText(published, form), { level: 9 }));
}

/**
 * Headers of a 200/304 answer of a published definition. The gzip body is another
 * representation of the same JSON, so its ETag is the weak form of the same tag (as nginx
 * does): revalidating with either one answers 304.
 */
export function definitionHeaders(
	cors: Record<string, string>,
	cache: string,
	published: PublishedDefinition,
	form: Representation,
	gzip: boolean
): Record<string, string> {
	const etag = definitionEtag(published, form);
	const headers: Record<string, string> = {
		...cors,
		vary: 'Origin, Accept-Encoding',
		'content-type': 'application/json; charset=utf-8',
		'cache-control': cache,
		etag: gzip ? `W/${etag}` : etag,
		'x-atelier-version': String(published.number)
	};
	if (gzip) headers['content-encoding'] = 'gzip';
	return headers;
}

/** Serialized compiled rules by definition content hash (versions never change). */
const engineForms = new Map<string, string>();
const MAX_ENGINE_FORMS = 256;

/**
 * The published answer with its engine: `{ version, definition, engine }`, where `engine` is the
 * rules compiled on the server with the same compiler as everywhere (`serialize({ explanations:
 * true })`: the diagram and one diagram per constraint, a few hundred bytes gzip for a product),
 * so the storefront loads them instead of compiling and carries no compiler; `null` if the
 * definition does not compile (the storefront then compiles it itself). Compiled once per
 * definition and process, like the engines of order intake (`cachedEngine`).
 */
function engineBody(published: PublishedDefinition): string {
	let engine = engineForms.get(published.contentHash);
	if (engine === undefined) {
		const compiled = cachedEngine(
			`published@${published.contentHash}`,
			published.definition
		)?.compiled;
		engine = compiled ? JSON.stringify(compiled.serialize({ explanations: true })) : 'null';
		engineForms.set(published.contentHash, engine);
		if (engineForms.size > MAX_ENGINE_FORMS)
			engineForms.delete(engineForms.keys().next().value as string);
	}
	return `{"version":${published.number},"definition":${published.definition},"engine":${engine}}`;
}

function definitionResponse(
	request: RequestLike,
	cors: Record<string, string>,
	cache: string,
	published: PublishedDefinition
): Response {
	const form: Representation = wantsEngine(request.url) ? 'engine' : 'definition';
	const gzip = acceptsGzip(request.headers.get('accept-encoding'));
	const headers = definitionHeaders(cors, cache, published, form, gzip);
	if (etagMatches(request.headers.get('if-none-match'), definitionEtag(published, form))) {
		return new Response(null, { status: 304, headers });
	}
	const body = gzip
		? new Uint8Array(gzippedDefinition(published, form))
		: definitionText(published, form);
	return new Response(body, { status: 200, headers });
}

function tooLongIfNoneMatch(request: RequestLike, cors: Record<string, string>): Response | null {
	const header = request.headers.get('if-none-match');
	if (header === null || header.length <= MAX_IF_NONE_MATCH) return null;
	return errorResponse(
		431,
		`If-None-Match is too long (${header.length} characters; at most ${MAX_IF_NONE_MATCH}): send the ETag you received`,
		cors
	);
}

/** GET /api/v1/stores/{workspaceSlug}/products/{handle}: the live channel's definition. */
export async function liveDefinitionResponse(
	context: PublicApiContext,
	params: { workspaceSlug: string; handle: string },
	request: RequestLike
): Promise<Response> {
	const bad = badPart(params);
	if (bad) return bad;
	const cors = await storeCors(context, params.workspaceSlug, request);
	if ('error' in cors) return cors.error;
	const tooLong = tooLongIfNoneMatch(request, cors.headers);
	if (tooLong) return tooLong;
	const published = (await publicApiLookups
		.of(context.db)
		.get(lookupKey.live(params.workspaceSlug, params.handle), () =>
			findPublished(context.db, { ...params, channel: 'live' })
		)) as PublishedDefinition | null;
	if (!published) {
		return errorResponse(
			404,
			`no published product '${params.handle}' in store '${params.workspaceSlug}'`,
			cors.headers
		);
	}
	return definitionResponse(request, cors.headers, LIVE_CACHE, published);
}

/** GET /api/v1/stores/{workspaceSlug}/products/{handle}/versions/{n}: one immutable version. */
export async function versionDefinitionResponse(
	context: PublicApiContext,
	params: { workspaceSlug: string; handle: string; n: string },
	request: RequestLike
): Promise<Response> {
	const bad = badPart(params);
	if (bad) return bad;
	if (!VERSION.test(params.n))
		return errorResponse(400, 'malformed version number: use a positive integer like 3');
	const cors = await storeCors(context, params.workspaceSlug, request);
	if ('error' in cors) return cors.error;
	const tooLong = tooLongIfNoneMatch(request, cors.headers);
	if (tooLong) return tooLong;
	const published = (await publicApiLookups
		.of(context.db)
		.get(lookupKey.version(params.workspaceSlug, params.handle, params.n), () =>
			findPublished(context.db, { ...params, versionNumber: Number(params.n) })
		)) as PublishedDefinition | null;
	if (!published) {
		return errorResponse(
			404,
			`no version ${params.n} of product '${params.handle}' in store '${params.workspaceSlug}'`,
			cors.headers
		);
	}
	return definitionResponse(request, cors.headers, IMMUTABLE_CACHE, published);
}

/** The context of the store endpoints from the process's services. */
export function publicApiContext(services: {
	database: { db: Kysely<Database> };
	config: { origin: string };
}): PublicApiContext {
	return { db: services.database.db, appOrigin: services.config.origin };
}
