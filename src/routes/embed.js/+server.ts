import { dev } from '$app/environment';
import { storefrontScriptResponse } from '$lib/server/storefront';
import type { RequestHandler } from './$types';

/** The embed script a merchant's snippet loads: defines <atelier-configurator>. */
export const GET: RequestHandler = ({ request }) =>
	storefrontScriptResponse('embed.js', request, dev);
