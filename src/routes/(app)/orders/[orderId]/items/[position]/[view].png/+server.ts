import { error, redirect } from '@sveltejs/kit';
import { resolveActiveWorkspace } from '$lib/server/workspaces';
import type { RequestHandler } from './$types';

/** A picture of one view of an order item, as the customer configured it (members only). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user || !locals.session)
		redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	const workspaceId = await resolveActiveWorkspace(
		locals.services.database.db,
		locals.user.id,
		locals.session.activeWorkspaceId ?? null
	);
	const width = Number(url.searchParams.get('width') ?? 320);
	if (
		!workspaceId ||
		!/^[a-z0-9]{1,64}$/.test(params.orderId) ||
		!/^\d{1,4}$/.test(params.position) ||
		!/^[A-Za-z0-9_-]{1,64}$/.test(params.view)
	)
		error(404, 'No such picture');
	if (!Number.isInteger(width) || width < 32 || width > 1200)
		error(400, 'width: use a whole number of pixels between 32 and 1200');
	const png = await locals.services.production.itemPreview({
		workspaceId,
		orderId: params.orderId,
		position: Number(params.position),
		viewId: params.view,
		width
	});
	if (!png) error(404, 'No such picture');
	return new Response(new Uint8Array(png), {
		headers: {
			'content-type': 'image/png',
			// The order's version and configuration never change, so neither does the picture.
			'cache-control': 'private, max-age=86400'
		}
	});
};
