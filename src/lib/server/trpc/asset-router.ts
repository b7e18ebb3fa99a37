import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { productAccess, workspaceRole } from '../access';
import { listAssets } from '../assets';
import { authedProcedure, router } from './init';

/** The studio's asset library (uploads go through `POST /api/studio/assets`, a raw body). */
export const assetRouter = router({
	/**
	 * The assets of a product's workspace (`productId`), or of the active workspace; newest
	 * first. Any member may list; a workspace or product outside the user's is "not found".
	 */
	list: authedProcedure
		.input(
			z
				.object({ productId: z.string().regex(/^[a-z0-9]{1,64}$/, 'expected a product id') })
				.partial()
				.optional()
		)
		.query(async ({ ctx, input }) => {
			const db = ctx.services.database.db;
			let workspaceId: string | null = null;
			if (input?.productId) {
				workspaceId = (await productAccess(db, ctx.user.id, input.productId))?.workspaceId ?? null;
				if (!workspaceId) throw new TRPCError({ code: 'NOT_FOUND', message: 'product not found' });
			} else {
				workspaceId = ctx.activeWorkspaceId;
				if (!workspaceId || !(await workspaceRole(db, ctx.user.id, workspaceId)))
					throw new TRPCError({ code: 'NOT_FOUND', message: 'workspace not found' });
			}
			return listAssets(db, workspaceId);
		})
});
