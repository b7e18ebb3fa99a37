import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from './app';
import {
	acceptsGzip,
	allowedCorsHeaders,
	definitionEtag,
	definitionHeaders,
	definitionText,
	gzippedDefinition,
	etagMatches,
	IMMUTABLE_CACHE,
	LIVE_CACHE,
	liveDefinitionResponse,
	lookupKey,
	MAX_IF_NONE_MATCH,
	publicApiContext,
	SLUG,
	VERSION,
	versionDefinitionResponse,
	wantsEngine,
	type Representation,
	type RequestLike
} from './public-api';
import type { PublishedDefinition } from './publish';
import { publicApiLookups } from './short-cache';

/**
 * The storefront's hottest requests — `GET /api/v1/stores/<slug>/products/<handle>` and its
 * `/versions/<n>` — answered by the Node server before SvelteKit sees them (no routing, hooks,
 * session lookup or request logging). A store page fetches these on every view.
 *
 * Two ways through:
 * - **ready**: when the lookups the shared functions would make (store or origin verdict, the
 *   published version) are loaded and fresh in `publicApiLookups`, the answer is written from a
 *   prepared form — body bytes, ETag, flat header lists for 200 and 304 — kept per published
 *   version object and Origin. Nothing is awaited, parsed or copied per request.
 * - **shared**: everything else (a lookup to load, malformed or percent-encoded parts, unknown
 *   stores, products or versions, refused origins, an over-long If-None-Match) goes through the
 *   same `public-api.ts` functions as the SvelteKit route, which also loads the lookups.
 *
 * Freshness is the lookups' own: a prepared answer is reached only through a fresh entry of
 * `publicApiLookups` (kept one second, cleared in this process by publishing, channel moves,
 * archiving and store-settings changes), and each reload brings a new published object, so a
 * new prepared answer. Other server instances serve a new live version within that second.
 */
const STORE_PRODUCT =
	/^\/api\/v1\/stores\/([^/?#]+)\/products\/([^/?#]+)(?:\/versions\/([^/?#]+))?$/;

export interface PublicFastPath {
	/**
	 * Answers `req` when it is one of the store endpoints this path serves and returns true;
	 * returns false (nothing written) for any other request.
	 */
	answer(req: IncomingMessage, res: ServerResponse): boolean;
}

/** A 200/304 answer of one published version to one Origin, ready to write. */
interface Prepared {
	/** The ETag sent (weak for the gzip body) and the strong one If-None-Match is checked against. */
	etag: string;
	strongEtag: string;
	body: Buffer;
	/** Flat `[name, value, ...]` lists for `res.writeHead`. */
	ok: string[];
	notModified: string[];
}

function pathOf(url: string): string {
	const end = url.search(/[?#]/);
	return end < 0 ? url : url.slice(0, end);
}

function decoded(part: string): string | null {
	try {
		return decodeURIComponent(part);
	} catch {
		return null;
	}
}

function flat(headers: Record<string, string>): string[] {
	const list: string[] = [];
	for (const [name, value] of Object.entries(headers)) list.push(name, value);
	return list;
}

/** The map key of "no Origin header": not a value an Origin header can have. */
const NO_ORIGIN = '\n';
/** Appended to the key of a gzip answer (nor can an Origin header hold this). */
const GZIP_KEY = '\n gzip';

export function publicFastPath(
	app: Pick<AppServices, 'database' | 'config' | 'log'>
): PublicFastPath {
	const context = publicApiContext(app);
	// Per published version object (a new one after each reload of its lookup), per Origin. The
	// Origins that reach here are allowed ones, so each inner map stays small.
	const prepared = {
		live: new WeakMap<PublishedDefinition, Map<string, Prepared>>(),
		version: new WeakMap<PublishedDefinition, Map<string, Prepared>>()
	};

	function preparedFor(
		kind: 'live' | 'version',
		published: PublishedDefinition,
		origin: string | undefined,
		form: Representation,
		gzip: boolean
	): Prepared {
		let perOrigin = prepared[kind].get(published);
		if (!perOrigin) {
			perOrigin = new Map();
			prepared[kind].set(published, perOrigin);
		}
		const key = `${origin ?? NO_ORIGIN}\n${form}${gzip ? GZIP_KEY : ''}`;
		let ready = perOrigin.get(key);
		if (!ready) {
			const headers = definitionHeaders(
				allowedCorsHeaders(origin ?? null),
				kind === 'live' ? LIVE_CACHE : IMMUTABLE_CACHE,
				published,
				form,
				gzip
			);
			const body = gzip
				? gzippedDefinition(published, form)
				: Buffer.from(definitionText(published, form), 'utf8');
			ready = {
				etag: headers.etag,
				strongEtag: definitionEtag(published, form),
				body,
				notModified: flat(headers),
				ok: flat({ ...headers, 'content-length': String(body.length) })
			};
			perOrigin.set(key, ready);
		}
		return ready;
	}

	/** The ready way: true when answered, false when the shared way must answer. */
	function answerReady(
		req: IncomingMessage,
		res: ServerResponse,
		slug: string,
		handle: string,
		n: string | undefined
	): boolean {
		// Only plain parts the shared checks accept; the rest (400s, percent-encoding) go the shared way.
		if (slug.length > 60 || handle.length > 60 || !SLUG.test(slug) || !SLUG.test(handle))
			return false;
		if (n !== undefined && !VERSION.test(n)) return false;
		const ifNoneMatch = req.headers['if-none-match'];
		if (ifNoneMatch !== undefined && ifNoneMatch.length > MAX_IF_NONE_MATCH) return false;
		const origin = req.headers.origin;
		const lookups = publicApiLookups.of(context.db);
		const now = Date.now();
		const allowed =
			origin === undefined || origin === context.appOrigin
				? lookups.peek(lookupKey.store(slug), now)
				: lookups.peek(lookupKey.origin(slug, origin), now);
		if (allowed !== true) return false;
		const published = lookups.peek(
			n === undefined ? lookupKey.live(slug, handle) : lookupKey.version(slug, handle, n),
			now
		) as PublishedDefinition | null | undefined;
		if (!published) return false;
		const ready = preparedFor(
			n === undefined ? 'live' : 'version',
			published,
			origin,
			wantsEngine(req.url) ? 'engine' : 'definition',
			acceptsGzip(req.headers['accept-encoding'])
		);
		if (
			ifNoneMatch !== undefined &&
			(ifNoneMatch === ready.etag || etagMatches(ifNoneMatch, ready.strongEtag))
		) {
			res.writeHead(304, ready.notModified);
			res.end();
		} else {
			res.writeHead(200, ready.ok);
			// HEAD: the same headers (with the GET's Content-Length), no body.
			res.end(req.method === 'HEAD' ? undefined : ready.body);
		}
		return true;
	}

	async function answerShared(
		req: IncomingMessage,
		res: ServerResponse,
		match: RegExpExecArray
	): Promise<void> {
		const request: RequestLike = {
			url: req.url ?? '',
			headers: {
				get(name) {
					const value = req.headers[name.toLowerCase()];
					return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
				}
			}
		};
		const workspaceSlug = decoded(match[1]);
		const handle = decoded(match[2]);
		const version = match[3] === undefined ? undefined : decoded(match[3]);
		// Undecodable parts are malformed: the shared functions answer them with a 400.
		const params = { workspaceSlug: workspaceSlug ?? '%', handle: handle ?? '%' };
		const response =
			match[3] === undefined
				? await liveDefinitionResponse(context, params, request)
				: await versionDefinitionResponse(context, { ...params, n: version ?? '%' }, request);
		const body = response.status === 304 ? undefined : Buffer.from(await response.arrayBuffer());
		const headers: Record<string, string> = {};
		response.headers.forEach((value, key) => (headers[key] = value));
		// HEAD: the GET's headers, Content-Length included, without the body.
		if (body) headers['content-length'] = String(body.length);
		res.writeHead(response.status, headers);
		res.end(req.method === 'HEAD' ? undefined : body);
	}

	function failed(req: IncomingMessage, res: ServerResponse, error: unknown): void {
		app.log.error({ err: error, url: req.url }, 'public API request failed');
		if (!res.headersSent) {
			res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
		}
		res.end(JSON.stringify({ error: { message: 'the server failed; please try again' } }));
	}

	return {
		answer(req, res) {
			if (req.method !== 'GET' && req.method !== 'HEAD') return false;
			const match = STORE_PRODUCT.exec(pathOf(req.url ?? ''));
			if (!match) return false;
			try {
				if (answerReady(req, res, match[1], match[2], match[3])) return true;
			} catch (error) {
				failed(req, res, error);
				return true;
			}
			answerShared(req, res, match).catch((error: unknown) => failed(req, res, error));
			return true;
		}
	};
}
