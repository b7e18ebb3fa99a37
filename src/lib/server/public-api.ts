import type { Kysely } from 'kysely';
import type { Database } from './db';
import { findPublished } from './publish';

/**
 * The public REST API (`/api/v1/...`) that storefronts call: published definitions only, never
 * a draft; JSON everywhere, errors as `{ "error": { "message" } }`.
 */

/** Headers every public GET answers with. */
export const CORS_HEADERS: Record<string, string> = {
	// Any origin for now: published definitions are public anyway. Per-workspace store origins
	// (the merchant's allowed list) come with the storefront settings and replace this `*`.
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'ETag',
	vary: 'Origin'
};

export const LIVE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Slugs and handles: lowercase letters, digits and single dashes, at most 60 characters. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Version numbers: a positive integer without leading zeros (the URL of a version is unique). */
const VERSION = /^[1-9][0-9]{0,8}$/;
/** Longer If-None-Match headers are ignored rather than parsed. */
const MAX_IF_NONE_MATCH = 2048;

/** A JSON error answer: `{ "error": { "message" } }`. */
export function errorResponse(status: number, message: string): Response {
	return new Response(JSON.stringify({ error: { message } }), {
		status,
		headers: {
			...CORS_HEADERS,
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store'
		}
	});
}

/** The answer to a CORS preflight (a storefront sending If-None-Match triggers one). */
export function preflightResponse(): Response {
	return new Response(null, {
		status: 204,
		headers: {
			...CORS_HEADERS,
			'access-control-allow-methods': 'GET, HEAD, OPTIONS',
			'access-control-allow-headers': 'If-None-Match, Content-Type',
			'access-control-max-age': '86400'
		}
	});
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

/** GET /api/v1/stores/{workspaceSlug}/products/{handle}: the live channel's definition. */
export async function liveDefinitionResponse(
	db: Kysely<Database>,
	params: { workspaceSlug: string; handle: string },
	request: Request
): Promise<Response> {
	const bad = badPart(params);
	if (bad) return bad;
	const published = await findPublished(db, { ...params, channel: 'live' });
	if (!published) {
		return errorResponse(
			404,
			`no published product '${params.handle}' in store '${params.workspaceSlug}'`
		);
	}
	const etag = `"${published.contentHash}"`;
	const headers = {
		...CORS_HEADERS,
		'content-type': 'application/json; charset=utf-8',
		'cache-control': LIVE_CACHE,
		etag,
		'x-atelier-version': String(published.number)
	};
	if (etagMatches(request.headers.get('if-none-match'), etag)) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(published.definition, { status: 200, headers });
}

/** GET /api/v1/stores/{workspaceSlug}/products/{handle}/versions/{n}: one immutable version. */
export async function versionDefinitionResponse(
	db: Kysely<Database>,
	params: { workspaceSlug: string; handle: string; n: string },
	request: Request
): Promise<Response> {
	const bad = badPart(params);
	if (bad) return bad;
	if (!VERSION.test(params.n))
		return errorResponse(400, 'malformed version number: use a positive integer like 3');
	const published = await findPublished(db, { ...params, versionNumber: Number(params.n) });
	if (!published) {
		return errorResponse(
			404,
			`no version ${params.n} of product '${params.handle}' in store '${params.workspaceSlug}'`
		);
	}
	const etag = `"${published.contentHash}"`;
	const headers = {
		...CORS_HEADERS,
		'content-type': 'application/json; charset=utf-8',
		'cache-control': IMMUTABLE_CACHE,
		etag,
		'x-atelier-version': String(published.number)
	};
	if (etagMatches(request.headers.get('if-none-match'), etag)) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(published.definition, { status: 200, headers });
}
