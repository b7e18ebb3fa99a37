import type { RequestHandler } from './$types';
import { assetHttpContext, uploadAssetResponse } from '$lib/server/assets/http';

/** Upload one image (raw body, name in X-File-Name) to `?product=` / `?workspace=`; editors only. */
export const POST: RequestHandler = ({ locals, request, url }) =>
	uploadAssetResponse(assetHttpContext(locals), request, url);
