import type { RequestHandler } from './$types';
import { orderWebhookResponse } from '$lib/server/webhooks';

/** The store's "order created" webhook: signature first, then the same checks as POST /orders. */
export const POST: RequestHandler = ({ locals, request }) =>
	orderWebhookResponse(locals.services.database.db, locals.services.log, 'shopify', request);
