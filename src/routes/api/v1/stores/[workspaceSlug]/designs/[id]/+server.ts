import type { RequestHandler } from './$types';
import { designResponse, designsPreflightResponse } from '$lib/server/designs';
import { publicApiContext } from '$lib/server/public-api';

/** A saved design: the product handle, the pinned version and the configuration. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	designResponse(publicApiContext(locals.services), params, request);

/** CORS preflight, answered per the store's allowed origins. */
export const OPTIONS: RequestHandler = ({ locals, params, request }) =>
	designsPreflightResponse(publicApiContext(locals.services), params, request);
