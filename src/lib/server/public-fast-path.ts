import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from './app';
import {
	liveDefinitionResponse,
	publicApiContext,
	versionDefinitionResponse,
	type RequestLike
} from './public-api';

/**
 * The storefront's hottest requests — `GET /api/v1/stores/<slug>/products/<handle>` and its
 * `/versions/<n>` — answered by the Node server before SvelteKit sees them: the same functions
 * as the SvelteKit route (`public-api.ts`: CORS per store, ETag/304, cache headers, errors), minus
 * the framework's per-request work (routing, hooks, session lookup, request logging). A store
 * page fetches these on every view; everything else still goes through SvelteKit.
 */
const STORE_PRODUCT =
	/^\/api\/v1\/stores\/([^/?#]+)\/products\/([^/?#]+)(?:\/versions\/([^/?#]+))?$/;

export interface PublicFastPath {
	/** True when `req` is one of the requests this path answers (then call {@link handle}). */
	matches(req: IncomingMessage): boolean;
	handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
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

export function publicFastPath(
	app: Pick<AppServices, 'database' | 'config' | 'log'>
): PublicFastPath {
	const context = publicApiContext(app);
	return {
		matches(req) {
			return (
				(req.method === 'GET' || req.method === 'HEAD') && STORE_PRODUCT.test(pathOf(req.url ?? ''))
			);
		},
		async handle(req, res) {
			const match = STORE_PRODUCT.exec(pathOf(req.url ?? '')) as RegExpExecArray;
			const request: RequestLike = {
				url: req.url ?? '',
				headers: {
					get(name) {
						const value = req.headers[name.toLowerCase()];
						return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
					}
				}
			};
			try {
				const workspaceSlug = decoded(match[1]);
				const handle = decoded(match[2]);
				const version = match[3] === undefined ? undefined : decoded(match[3]);
				// Undecodable parts are malformed: the shared functions answer them with a 400.
				const params = { workspaceSlug: workspaceSlug ?? '%', handle: handle ?? '%' };
				const response =
					match[3] === undefined
						? await liveDefinitionResponse(context, params, request)
						: await versionDefinitionResponse(context, { ...params, n: version ?? '%' }, request);
				const body =
					req.method === 'HEAD' || response.status === 304
						? undefined
						: Buffer.from(await response.arrayBuffer());
				const headers: Record<string, string> = {};
				response.headers.forEach((value, key) => (headers[key] = value));
				if (body) headers['content-length'] = String(body.length);
				res.writeHead(response.status, headers);
				res.end(body);
			} catch (error) {
				app.log.error({ err: error, url: req.url }, 'public API request failed');
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
				}
				res.end(JSON.stringify({ error: { message: 'the server failed; please try again' } }));
			}
		}
	};
}
