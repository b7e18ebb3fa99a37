import { dev } from '$app/environment';
import { storefrontScriptResponse } from '$lib/server/storefront';
import type { RequestHandler } from './$types';

/** The runtime without UI or Konva: createConfigurator and the cart adapters (ES module). */
export const GET: RequestHandler = ({ request }) =>
	storefrontScriptResponse('runtime.js', request, dev);
