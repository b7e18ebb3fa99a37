import type { RequestHandler } from './$types';
import {
	publicApiContext,
	storePreflightResponse,
	versionDefinitionResponse
} from '$lib/server/public-api';

/** One published version by number: immutable, cached forever. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	versionDefinitionResponse(publicApiContext(locals.services), params, request);

/** CORS preflight, answered per the store's allowed origins. */
export const OPTIONS: RequestHandler = ({ locals, params, request }) =>
	storePreflightResponse(publicApiContext(locals.services), params, request);
