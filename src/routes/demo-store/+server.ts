import type { RequestHandler } from './$types';
import { demoStoreIndexResponse } from '$lib/server/demo-store';

/** The demo storefront's index: the demo products with a live version. */
export const GET: RequestHandler = ({ locals }) =>
	demoStoreIndexResponse(locals.services.database.db);
