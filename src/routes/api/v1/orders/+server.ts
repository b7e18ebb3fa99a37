import type { RequestHandler } from './$types';
import { orderIntakeResponse, orderPreflightResponse } from '$lib/server/order-api';

/** Order intake: every item re-checked and re-priced by the core; idempotent by key. */
export const POST: RequestHandler = ({ locals, request }) =>
	orderIntakeResponse(locals.services.database.db, locals.services.log, request);

export const OPTIONS: RequestHandler = () => orderPreflightResponse();
