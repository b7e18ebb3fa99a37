import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Owners manage keys and webhook secrets; the page itself loads them through tRPC. */
export const load: PageServerLoad = async ({ parent, locals }) => {
	const { activeWorkspace } = await parent();
	if (!activeWorkspace) error(404, 'No workspace: create or join one first.');
	return { origin: locals.services.config.origin };
};
