import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { services } from '$lib/server/app';
import { isCrossSiteForm } from '$lib/server/csrf';
import { resolveActiveWorkspace } from '$lib/server/workspaces';

const AUTH_PREFIX = '/api/auth/';

/**
 * Paths storefronts call: public, cookie-less by design, and the hottest path of the app, so
 * no session is looked up for them (their `locals.user` and `locals.session` stay null).
 */
function isPublicPath(pathname: string): boolean {
	return (
		pathname.startsWith('/api/v1/') ||
		pathname === '/embed.js' ||
		pathname === '/runtime.js' ||
		pathname.startsWith('/storefront/') ||
		pathname === '/demo-store' ||
		pathname.startsWith('/demo-store/')
	);
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = event.request.headers.get('x-request-id') ?? randomUUID();
	event.locals.requestId = requestId;
	if (building) return resolve(event);
	if (!dev && isCrossSiteForm(event.request, event.url)) {
		return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, {
			status: 403,
			headers: { 'x-request-id': requestId }
		});
	}
	const app = await services();
	event.locals.services = app;

	let response: Response;
	if (event.url.pathname.startsWith(AUTH_PREFIX)) {
		response = await app.auth.handler(event.request);
	} else if (isPublicPath(event.url.pathname)) {
		event.locals.user = null;
		event.locals.session = null;
		response = await resolve(event);
	} else {
		const session = await app.auth.api.getSession({ headers: event.request.headers });
		event.locals.user = session
			? { id: session.user.id, name: session.user.name, email: session.user.email }
			: null;
		event.locals.session = session
			? {
					id: session.session.id,
					activeWorkspaceId: await resolveActiveWorkspace(
						app.database.db,
						session.user.id,
						(session.session as { activeOrganizationId?: string | null }).activeOrganizationId ??
							null
					)
				}
			: null;
		response = await resolve(event);
	}
	response.headers.set('x-request-id', requestId);
	app.log.info(
		{
			requestId,
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

export const handleError: HandleServerError = async ({ error, event, status, message }) => {
	const requestId = event.locals.requestId;
	if (status >= 500) {
		const app = await services();
		app.log.error({ requestId, err: error, path: event.url.pathname }, 'unhandled error');
		return {
			message: 'Something went wrong on our side. Try again; if it keeps happening, quote this id.',
			requestId
		};
	}
	return { message, requestId };
};
