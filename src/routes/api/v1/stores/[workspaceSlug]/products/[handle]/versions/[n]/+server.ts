import type { RequestHandler } from './$types';
import { preflightResponse, versionDefinitionResponse } from '$lib/server/public-api';

/** One published version by number: immutable, cached forever. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	versionDefinitionResponse(locals.services.database.db, params, request);

export const OPTIONS: RequestHandler = () => preflightResponse();
