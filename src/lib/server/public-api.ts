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

/** What the store endpoints need besides the database: the studio's own origin (always allowed). */
/** What the public API reads of a request: its headers and URL (a fetch `Request`, or a thin wrapper). */
export interface RequestLike {
	headers: { get(name: string): string | null };
	/** The request URL (absolute, or the path with its query); only its query is read. */
	url?: string;
}

export interface PublicApiContext {
	db: Kysely<Database>;
	appOrigin: string;
}

export const LIVE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Slugs and handles: lowercase letters, digits and single dashes, at most 60 characters. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Version numbers: a positive integer without leading zeros (the URL of a version is unique). */
const VERSION = /^[1-9][0-9]{0,8}$/;
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
async function storeCors(
	context: PublicApiContext,
	workspaceSlug: string,
	request: RequestLike
): Promise<{ headers: Record<string, string> } | { error: Response }> {
	const origin = request.headers.get('origin');
	const base = { 'access-control-expose-headers': 'ETag, X-Atelier-Version', vary: 'Origin' };
	const lookups = publicApiLookups.of(context.db);
	const allowed = (await (origin === null || origin === context.appOrigin
		? lookups.get(`store ${workspaceSlug}`, () => storeExists(context.db, workspaceSlug))
		: lookups.get(`origin ${workspaceSlug} ${origin}`, () =>
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
	return {
		headers: origin === null ? base : { ...base, 'access-control-allow-origin': origin }
	};
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

/** Headers of a 200/304 answer of a published definition. */
function definitionHeaders(
	cors: Record<string, string>,
	cache: string,
	published: PublishedDefinition
): Record<string, string> {
	return {
		...cors,
		'content-type': 'application/json; charset=utf-8',
		'cache-control': cache,
		etag: `"${published.contentHash}"`,
		'x-atelier-version': String(published.number)
	};
}

/** `?include=engine`: the definition comes with its compiled rules (see {@link engineBody}). */
function wantsEngine(request: RequestLike): boolean {
	if (!request.url) return false;
	return new URL(request.url, 'http://localhost').searchParams.getAll('include').includes('engine');
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
	headers: Record<string, string>,
	published: PublishedDefinition
): Response {
	const withEngine = wantsEngine(request);
	// The two answers differ: so do their ETags (`.engine` + the compiled form's version).
	if (withEngine) headers = { ...headers, etag: `"${published.contentHash}.engine1"` };
	if (etagMatches(request.headers.get('if-none-match'), headers.etag)) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(withEngine ? engineBody(published) : published.definition, {
		status: 200,
		headers
	});
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
		.get(`live ${params.workspaceSlug} ${params.handle}`, () =>
			findPublished(context.db, { ...params, channel: 'live' })
		)) as PublishedDefinition | null;
	if (!published) {
		return errorResponse(
			404,
			`no published product '${params.handle}' in store '${params.workspaceSlug}'`,
			cors.headers
		);
	}
	return definitionResponse(
		request,
		definitionHeaders(cors.headers, LIVE_CACHE, published),
		published
	);
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
		.get(`version ${params.workspaceSlug} ${params.handle} ${params.n}`, () =>
			findPublished(context.db, { ...params, versionNumber: Number(params.n) })
		)) as PublishedDefinition | null;
	if (!published) {
		return errorResponse(
			404,
			`no version ${params.n} of product '${params.handle}' in store '${params.workspaceSlug}'`,
			cors.headers
		);
	}
	return definitionResponse(
		request,
		definitionHeaders(cors.headers, IMMUTABLE_CACHE, published),
		published
	);
}

/** The context of the store endpoints from the process's services. */
export function publicApiContext(services: {
	database: { db: Kysely<Database> };
	config: { origin: string };
}): PublicApiContext {
	return { db: services.database.db, appOrigin: services.config.origin };
}
