import type { RequestHandler } from './$types';
import { createDesignResponse, designsPreflightResponse } from '$lib/server/designs';
import { publicApiContext } from '$lib/server/public-api';

/** Saves a customer design pinned to a published version (validated with the core). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	createDesignResponse(publicApiContext(locals.services), params, request);

/** CORS preflight, answered per the store's allowed origins. */
export const OPTIONS: RequestHandler = ({ locals, params, request }) =>
	designsPreflightResponse(publicApiContext(locals.services), params, request);
