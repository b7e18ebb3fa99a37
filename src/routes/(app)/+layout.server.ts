import { redirect } from '@sveltejs/kit';
import { listWorkspaces } from '$lib/server/workspaces';
import type { LayoutServerLoad } from './$types';

/**
 * Every signed-in page: the user, their workspaces and the active one (with the user's role
 * there, which decides which controls the pages show — the server checks again on every call).
 */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (!locals.user || !locals.session) {
		redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	const { db } = locals.services.database;
	const workspaces = await listWorkspaces(db, locals.user.id);
	let activeWorkspace = workspaces.find((w) => w.id === locals.session?.activeWorkspaceId) ?? null;
	if (!activeWorkspace && workspaces.length > 0) {
		// The session points at a workspace the user has left (or none): open their first one, and
		// remember it so the API calls of this page agree.
		activeWorkspace = workspaces[0];
		await db
			.updateTable('session')
			.set({ activeOrganizationId: activeWorkspace.id })
			.where('id', '=', locals.session.id)
			.execute();
		locals.session.activeWorkspaceId = activeWorkspace.id;
	}
	return { user: locals.user, workspaces, activeWorkspace };
};
