import type { RequestHandler } from './$types';
import { CORS_HEADERS } from '$lib/server/public-api';
import { openApiDocument } from '$lib/server/openapi';

/** The OpenAPI 3.1 description of the public API. */
export const GET: RequestHandler = ({ locals }) =>
	new Response(JSON.stringify(openApiDocument(locals.services.config.origin)), {
		headers: {
			...CORS_HEADERS,
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
