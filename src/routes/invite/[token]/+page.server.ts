import { fail, redirect } from '@sveltejs/kit';
import { acceptInvite, findInvite } from '$lib/server/workspaces';
import type { Actions, PageServerLoad } from './$types';

/** The invite link: who invites to what, without using the invite. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const invite = await findInvite(locals.services.database.db, params.token);
	let alreadyMember = false;
	if (invite.ok && locals.user) {
		const member = await locals.services.database.db
			.selectFrom('member')
			.select('role')
			.where('organizationId', '=', invite.workspaceId)
			.where('userId', '=', locals.user.id)
			.executeTakeFirst();
		alreadyMember = Boolean(member);
	}
	return {
		invite: invite.ok
			? { ok: true as const, workspaceName: invite.workspaceName, role: invite.role }
			: { ok: false as const, reason: invite.reason },
		user: locals.user ? { name: locals.user.name, email: locals.user.email } : null,
		alreadyMember,
		here: url.pathname
	};
};

export const actions: Actions = {
	/** Joins the workspace, makes it the session's active one, and opens its products. */
	join: async ({ locals, params, url }) => {
		if (!locals.user || !locals.session) {
			redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
		}
		const { db } = locals.services.database;
		const result = await acceptInvite(db, params.token, locals.user.id);
		if (!result.ok) return fail(410, { reason: result.reason });
		await db
			.updateTable('session')
			.set({ activeOrganizationId: result.workspaceId })
			.where('id', '=', locals.session.id)
			.execute();
		redirect(303, '/products');
	}
};
