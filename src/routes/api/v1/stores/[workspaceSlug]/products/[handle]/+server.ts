import type { RequestHandler } from './$types';
import { liveDefinitionResponse, preflightResponse } from '$lib/server/public-api';

/** The live channel's published definition (revalidated with its ETag). */
export const GET: RequestHandler = ({ locals, params, request }) =>
	liveDefinitionResponse(locals.services.database.db, params, request);

export const OPTIONS: RequestHandler = () => preflightResponse();
