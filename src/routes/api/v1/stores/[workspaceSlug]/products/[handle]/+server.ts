import type { RequestHandler } from './$types';
import {
	liveDefinitionResponse,
	publicApiContext,
	storePreflightResponse
} from '$lib/server/public-api';

/** The live channel's published definition (revalidated with its ETag). */
export const GET: RequestHandler = ({ locals, params, request }) =>
	liveDefinitionResponse(publicApiContext(locals.services), params, request);

/** CORS preflight, answered per the store's allowed origins. */
export const OPTIONS: RequestHandler = ({ locals, params, request }) =>
	storePreflightResponse(publicApiContext(locals.services), params, request);
