import fs from 'node:fs';
import { Readable } from 'node:stream';
import { error, redirect } from '@sveltejs/kit';
import { resolveActiveWorkspace } from '$lib/server/workspaces';
import type { RequestHandler } from './$types';

/** The order's production zip, for members of its workspace once the files are ready. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user || !locals.session)
		redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	const workspaceId = await resolveActiveWorkspace(
		locals.services.database.db,
		locals.user.id,
		locals.session.activeWorkspaceId ?? null
	);
	if (!workspaceId || !/^[a-z0-9]{1,64}$/.test(params.orderId)) error(404, 'Order not found');
	const zip = await locals.services.production.zip(workspaceId, params.orderId);
	const stat = zip ? await fs.promises.stat(zip.file).catch(() => null) : null;
	if (!zip || !stat) error(404, 'The production files of this order are not ready yet');
	return new Response(Readable.toWeb(fs.createReadStream(zip.file)) as ReadableStream, {
		headers: {
			'content-type': 'application/zip',
			'content-length': String(stat.size),
			'content-disposition': `attachment; filename="${zip.name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
