import type { RequestHandler } from './$types';
import { assetHttpContext, studioAssetResponse } from '$lib/server/assets/http';

/** An uploaded image, for signed-in members of a workspace holding it. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	studioAssetResponse(assetHttpContext(locals), params.sha256, 'original', request);
