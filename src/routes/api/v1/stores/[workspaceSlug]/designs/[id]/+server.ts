import type { RequestHandler } from './$types';
import { designResponse, designsPreflightResponse } from '$lib/server/designs';

/** A saved design: the product handle, the pinned version and the configuration. */
export const GET: RequestHandler = ({ locals, params }) =>
	designResponse(locals.services.database.db, params);

export const OPTIONS: RequestHandler = () => designsPreflightResponse();
