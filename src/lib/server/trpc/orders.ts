import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
	createKey,
	listKeys,
	listWebhooks,
	removeWebhook,
	revokeKey,
	rotateKey,
	saveWebhook,
	ShopTakenError,
	shopifyDomain,
	webhookSecret,
	wooCommerceSite
} from '../integrations';
import { getOrder, listOrders, ORDER_STATUSES, setOrderStatus, StatusChangeError } from '../orders';
import { router, workspaceProcedure } from './init';

const rowId = z.string().regex(/^[a-z0-9]{1,64}$/, 'expected an id');

/** Publishable keys and webhook secrets: owners only (they decide who may place orders). */
const integrationsRouter = router({
	get: workspaceProcedure('owner').query(async ({ ctx }) => {
		const { db } = ctx.services.database;
		return {
			keys: await listKeys(db, ctx.workspaceId),
			webhooks: await listWebhooks(db, ctx.workspaceId),
			origin: ctx.services.config.origin
		};
	}),
	createKey: workspaceProcedure('owner').mutation(({ ctx }) =>
		createKey(ctx.services.database.db, ctx.workspaceId, ctx.user.id)
	),
	rotateKey: workspaceProcedure('owner')
		.input(z.object({ keyId: rowId }))
		.mutation(async ({ ctx, input }) => {
			const key = await rotateKey(
				ctx.services.database.db,
				ctx.workspaceId,
				input.keyId,
				ctx.user.id
			);
			if (!key) throw new TRPCError({ code: 'NOT_FOUND', message: 'keyId: no such active key' });
			return key;
		}),
	revokeKey: workspaceProcedure('owner')
		.input(z.object({ keyId: rowId }))
		.mutation(async ({ ctx, input }) => {
			if (!(await revokeKey(ctx.services.database.db, ctx.workspaceId, input.keyId)))
				throw new TRPCError({ code: 'NOT_FOUND', message: 'keyId: no such active key' });
		}),
	saveWebhook: workspaceProcedure('owner')
		.input(
			z.discriminatedUnion('platform', [
				z.object({ platform: z.literal('shopify'), shop: shopifyDomain, secret: webhookSecret }),
				z.object({
					platform: z.literal('woocommerce'),
					shop: wooCommerceSite,
					secret: webhookSecret
				})
			])
		)
		.mutation(async ({ ctx, input }) => {
			try {
				await saveWebhook(ctx.services.database.db, ctx.workspaceId, input);
			} catch (error) {
				if (error instanceof ShopTakenError)
					throw new TRPCError({ code: 'CONFLICT', message: `shop: ${error.message}` });
				throw error;
			}
		}),
	removeWebhook: workspaceProcedure('owner')
		.input(z.object({ id: rowId }))
		.mutation(async ({ ctx, input }) => {
			if (!(await removeWebhook(ctx.services.database.db, ctx.workspaceId, input.id)))
				throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such connected store' });
		})
});

/** The studio's orders: everyone in the workspace reads; editors and owners move the status. */
export const ordersRouter = router({
	list: workspaceProcedure('viewer')
		.input(
			z
				.object({
					query: z.string().max(100, 'use at most 100 characters').optional(),
					status: z.enum(ORDER_STATUSES).optional(),
					productId: rowId.optional()
				})
				.optional()
		)
		.query(({ ctx, input }) => listOrders(ctx.services.database.db, ctx.workspaceId, input ?? {})),
	get: workspaceProcedure('viewer')
		.input(z.object({ orderId: rowId }))
		.query(async ({ ctx, input }) => {
			const order = await getOrder(ctx.services.database.db, ctx.workspaceId, input.orderId);
			if (!order) throw new TRPCError({ code: 'NOT_FOUND', message: 'order not found' });
			return order;
		}),
	setStatus: workspaceProcedure('editor')
		.input(z.object({ orderId: rowId, from: z.enum(ORDER_STATUSES), to: z.enum(ORDER_STATUSES) }))
		.mutation(async ({ ctx, input }) => {
			let changed: boolean;
			try {
				changed = await setOrderStatus(ctx.services.database.db, {
					workspaceId: ctx.workspaceId,
					orderId: input.orderId,
					from: input.from,
					to: input.to,
					user: ctx.user
				});
			} catch (error) {
				if (error instanceof StatusChangeError)
					throw new TRPCError({ code: 'BAD_REQUEST', message: `status: ${error.message}` });
				throw error;
			}
			if (!changed)
				throw new TRPCError({
					code: 'CONFLICT',
					message: 'status: the order changed meanwhile; reload it to see its current status'
				});
		}),
	/** The order's production files: progress while they are made, then the list and warnings. */
	production: workspaceProcedure('viewer')
		.input(z.object({ orderId: rowId }))
		.query(async ({ ctx, input }) => {
			const job = await ctx.services.production.get(ctx.workspaceId, input.orderId);
			if (!job) ctx.services.production.kick();
			return job;
		}),
	/** Makes the files again (after a failure, or after fixing missing art). */
	regenerateProduction: workspaceProcedure('editor')
		.input(z.object({ orderId: rowId }))
		.mutation(async ({ ctx, input }) => {
			const queued = await ctx.services.production.retry(ctx.workspaceId, input.orderId);
			if (!queued)
				throw new TRPCError({
					code: 'CONFLICT',
					message: 'production: the files are being made right now; wait for them to finish'
				});
		}),
	integrations: integrationsRouter
});
