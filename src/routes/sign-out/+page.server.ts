import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { forwardAuthCookies } from '$lib/server/auth-forms';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		if (locals.user) {
			const { headers } = await locals.services.auth.api.signOut({
				headers: request.headers,
				returnHeaders: true
			});
			forwardAuthCookies(headers, cookies);
		}
		redirect(303, '/sign-in');
	}
};
