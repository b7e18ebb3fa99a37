import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { appRouter } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

const NOT_FOUND_MESSAGE = 'This product does not exist or you do not have access to it';

/**
 * The product and the user's role in its workspace, through the same procedure the API serves,
 * so the page and the API agree on who may see what. Unknown and forbidden look the same (404).
 */
export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { user } = await parent();
	const caller = appRouter.createCaller({
		services: locals.services,
		user,
		sessionId: locals.session?.id ?? null,
		activeWorkspaceId: locals.session?.activeWorkspaceId ?? null
	});
	try {
		const { product, role } = await caller.product.get({ productId: params.productId });
		return { product, role };
	} catch (cause) {
		if (
			cause instanceof TRPCError &&
			(cause.code === 'NOT_FOUND' || cause.code === 'BAD_REQUEST' || cause.code === 'FORBIDDEN')
		) {
			error(404, NOT_FOUND_MESSAGE);
		}
		throw cause;
	}
};
