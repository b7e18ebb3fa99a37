import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { appRouter } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

/** The product, the user's role and whether they may publish (which controls the page shows). */
export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { user } = await parent();
	const caller = appRouter.createCaller({
		services: locals.services,
		user,
		sessionId: locals.session?.id ?? null,
		activeWorkspaceId: locals.session?.activeWorkspaceId ?? null
	});
	try {
		return await caller.product.get({ productId: params.productId });
	} catch (cause) {
		if (
			cause instanceof TRPCError &&
			(cause.code === 'NOT_FOUND' || cause.code === 'BAD_REQUEST' || cause.code === 'FORBIDDEN')
		) {
			error(404, 'This product does not exist or you do not have access to it');
		}
		throw cause;
	}
};
