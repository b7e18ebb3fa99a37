import { dev } from '$app/environment';
import { storefrontScriptResponse } from '$lib/server/storefront';
import type { RequestHandler } from './$types';

/** Content-hashed chunks of /embed.js and /runtime.js (Konva, the core), cached forever. */
export const GET: RequestHandler = ({ params, request }) =>
	storefrontScriptResponse(`storefront/${params.file}`, request, dev);
