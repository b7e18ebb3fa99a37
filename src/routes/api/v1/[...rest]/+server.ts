import type { RequestHandler } from './$types';
import { errorResponse, preflightResponse } from '$lib/server/public-api';

/** Anything else under /api/v1 answers JSON, never the studio's HTML error page. */
const notFound: RequestHandler = ({ url }) =>
	errorResponse(404, `no such endpoint: ${url.pathname} (see /api/v1/openapi.json)`);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS: RequestHandler = () => preflightResponse();
