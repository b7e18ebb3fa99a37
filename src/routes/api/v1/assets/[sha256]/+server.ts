import type { RequestHandler } from './$types';
import { preflightResponse } from '$lib/server/public-api';
import { publicAssetResponse } from '$lib/server/assets/http';

/** An asset of a published version, by content hash: immutable, cached forever. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	publicAssetResponse(
		locals.services.database.db,
		locals.services.config.dataDir,
		params.sha256,
		request
	);

export const OPTIONS: RequestHandler = () => preflightResponse();
