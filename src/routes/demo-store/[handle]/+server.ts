import type { RequestHandler } from './$types';
import { demoProductResponse } from '$lib/server/demo-store';

/** A demo product page: plain HTML with the merchant's embed snippet and a small cart. */
export const GET: RequestHandler = ({ locals, params }) =>
	demoProductResponse(locals.services.database.db, params.handle);
