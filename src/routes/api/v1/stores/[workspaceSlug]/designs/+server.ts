import type { RequestHandler } from './$types';
import { createDesignResponse, designsPreflightResponse } from '$lib/server/designs';

/** Saves a customer design pinned to a published version (validated with the core). */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	createDesignResponse(locals.services.database.db, params, request, url.origin);

export const OPTIONS: RequestHandler = () => designsPreflightResponse();
