import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { productAccess, roleAllows, ROLES, workspaceRole, type Role } from '../access';
import {
	createProduct,
	duplicateProduct,
	getProduct,
	HandleTakenError,
	listProducts,
	productHandle,
	productName,
	renameProduct,
	setArchived
} from '../products';
import { productTemplate, templateDraft } from '../templates';
import { CHANNEL_NAME, listVersions, publishDraft, setChannel } from '../publish';
import { createInvite, listWorkspaces } from '../workspaces';
import { authedProcedure, router, workspaceProcedure, type TrpcContext } from './init';

const productId = z.string().regex(/^[a-z0-9]{1,64}$/, 'expected a product id');
const channelName = z
	.string()
	.max(40, 'use at most 40 characters')
	.regex(CHANNEL_NAME, 'use lowercase letters, digits and single dashes');

/** Resolves a product the user can reach with at least `needed`, or fails as "not found". */
async function requireProduct(
	ctx: TrpcContext & { user: { id: string } },
	id: string,
	needed: Role
) {
	const access = await productAccess(ctx.services.database.db, ctx.user.id, id);
	if (!access) throw new TRPCError({ code: 'NOT_FOUND', message: 'product not found' });
	if (!roleAllows(access.role, needed)) {
		throw new TRPCError({
			code: 'FORBIDDEN',
			message: `this needs the ${needed} role; you are a ${access.role} in this workspace`
		});
	}
	return access;
}

function rethrowHandleTaken(error: unknown): never {
	if (error instanceof HandleTakenError) {
		throw new TRPCError({ code: 'CONFLICT', message: `handle: ${error.message}` });
	}
	throw error;
}

const workspaceRouter = router({
	/** The user's workspaces and which one is active. */
	list: authedProcedure.query(async ({ ctx }) => {
		const workspaces = await listWorkspaces(ctx.services.database.db, ctx.user.id);
		return { workspaces, activeWorkspaceId: ctx.activeWorkspaceId };
	}),
	/** Makes another of the user's workspaces the active one. */
	switch: authedProcedure
		.input(z.object({ workspaceId: z.string().min(1) }))
		.mutation(async ({ ctx, input }) => {
			const role = await workspaceRole(ctx.services.database.db, ctx.user.id, input.workspaceId);
			if (!role || !ctx.sessionId) {
				throw new TRPCError({ code: 'NOT_FOUND', message: 'workspace not found' });
			}
			await ctx.services.database.db
				.updateTable('session')
				.set({ activeOrganizationId: input.workspaceId })
				.where('id', '=', ctx.sessionId)
				.execute();
			return { workspaceId: input.workspaceId };
		}),
	members: workspaceProcedure('viewer').query(async ({ ctx }) => {
		return ctx.services.database.db
			.selectFrom('member')
			.innerJoin('user', 'user.id', 'member.userId')
			.select(['member.id', 'member.userId', 'member.role', 'user.name', 'user.email'])
			.where('member.organizationId', '=', ctx.workspaceId)
			.orderBy('member.createdAt')
			.execute();
	}),
	/** An invite link for a role; owners only. */
	invite: workspaceProcedure('owner')
		.input(z.object({ role: z.enum(ROLES) }))
		.mutation(async ({ ctx, input }) => {
			const invite = await createInvite(ctx.services.database.db, {
				workspaceId: ctx.workspaceId,
				role: input.role,
				createdBy: ctx.user.id
			});
			return { ...invite, url: `${ctx.services.config.origin}/invite/${invite.token}` };
		}),
	setRole: workspaceProcedure('owner')
		.input(z.object({ userId: z.string().min(1), role: z.enum(ROLES) }))
		.mutation(async ({ ctx, input }) => {
			if (input.userId === ctx.user.id && input.role !== 'owner') {
				throw new TRPCError({ code: 'BAD_REQUEST', message: 'role: you cannot demote yourself' });
			}
			const result = await ctx.services.database.db
				.updateTable('member')
				.set({ role: input.role })
				.where('organizationId', '=', ctx.workspaceId)
				.where('userId', '=', input.userId)
				.executeTakeFirst();
			if (!result.numUpdatedRows)
				throw new TRPCError({ code: 'NOT_FOUND', message: 'member not found' });
		}),
	removeMember: workspaceProcedure('owner')
		.input(z.object({ userId: z.string().min(1) }))
		.mutation(async ({ ctx, input }) => {
			if (input.userId === ctx.user.id) {
				throw new TRPCError({
					code: 'BAD_REQUEST',
					message: 'userId: you cannot remove yourself; ask another owner'
				});
			}
			const result = await ctx.services.database.db
				.deleteFrom('member')
				.where('organizationId', '=', ctx.workspaceId)
				.where('userId', '=', input.userId)
				.executeTakeFirst();
			if (!result.numDeletedRows)
				throw new TRPCError({ code: 'NOT_FOUND', message: 'member not found' });
		})
});

const productRouter = router({
	list: workspaceProcedure('viewer')
		.input(z.object({ includeArchived: z.boolean().default(false) }).optional())
		.query(({ ctx, input }) =>
			listProducts(ctx.services.database.db, ctx.workspaceId, {
				includeArchived: input?.includeArchived ?? false
			})
		),
	get: authedProcedure.input(z.object({ productId })).query(async ({ ctx, input }) => {
		const access = await requireProduct(ctx, input.productId, 'viewer');
		const product = await getProduct(ctx.services.database.db, access.workspaceId, input.productId);
		if (!product) throw new TRPCError({ code: 'NOT_FOUND', message: 'product not found' });
		return { product, role: access.role };
	}),
	/** Creates a product whose first draft is blank or a copy of a sample (`template`). */
	create: workspaceProcedure('editor')
		.input(
			z.object({
				name: productName,
				handle: productHandle,
				template: productTemplate.default('blank')
			})
		)
		.mutation(async ({ ctx, input }) => {
			const id = await createProduct(ctx.services.database.db, {
				workspaceId: ctx.workspaceId,
				name: input.name,
				handle: input.handle,
				draftState: templateDraft(input.template, input)
			}).catch(rethrowHandleTaken);
			return { id };
		}),
	rename: authedProcedure
		.input(z.object({ productId, name: productName, handle: productHandle.optional() }))
		.mutation(async ({ ctx, input }) => {
			const access = await requireProduct(ctx, input.productId, 'editor');
			await renameProduct(ctx.services.database.db, {
				...input,
				workspaceId: access.workspaceId
			}).catch(rethrowHandleTaken);
		}),
	duplicate: authedProcedure.input(z.object({ productId })).mutation(async ({ ctx, input }) => {
		const access = await requireProduct(ctx, input.productId, 'editor');
		const id = await duplicateProduct(
			ctx.services.database.db,
			{ workspaceId: access.workspaceId, productId: input.productId },
			(source) => ctx.services.collab.readDraftState(source)
		);
		return { id };
	}),
	setArchived: authedProcedure
		.input(z.object({ productId, archived: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			const access = await requireProduct(ctx, input.productId, 'editor');
			await setArchived(ctx.services.database.db, { ...input, workspaceId: access.workspaceId });
		}),
	/**
	 * Publishes the current draft: schema, analysis and scenario tests gate it; refused publishes
	 * answer `{ ok: false, errors }` (a normal result the studio lists, not an HTTP error).
	 */
	publish: authedProcedure
		.input(
			z.object({
				productId,
				note: z.string().trim().max(500, 'use at most 500 characters').optional(),
				channel: channelName.default('live')
			})
		)
		.mutation(async ({ ctx, input }) => {
			const access = await requireProduct(ctx, input.productId, 'owner');
			// Pending edits of an open room are part of the draft the owner sees: read it live.
			const draftState = await ctx.services.collab.readDraftState(input.productId);
			const result = await publishDraft(ctx.services.database.db, {
				productId: input.productId,
				workspaceId: access.workspaceId,
				authorId: ctx.user.id,
				note: input.note || null,
				channel: input.channel,
				draftState
			});
			if (result.ok) {
				ctx.services.log.info(
					{ productId: input.productId, version: result.version, channel: input.channel },
					'product published'
				);
			}
			return result;
		}),
	/** Published versions, newest first, with the channels pointing at each. */
	versions: authedProcedure.input(z.object({ productId })).query(async ({ ctx, input }) => {
		await requireProduct(ctx, input.productId, 'viewer');
		return listVersions(ctx.services.database.db, input.productId);
	}),
	/** Points a channel at a published version: rollback or promotion. */
	setChannel: authedProcedure
		.input(
			z.object({
				productId,
				channel: channelName,
				versionNumber: z.number().int().positive('expected a version number')
			})
		)
		.mutation(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'owner');
			const moved = await setChannel(ctx.services.database.db, input);
			if (!moved) {
				throw new TRPCError({
					code: 'NOT_FOUND',
					message: `versionNumber: version ${input.versionNumber} does not exist`
				});
			}
			return { channel: input.channel, versionNumber: input.versionNumber };
		})
});

export const appRouter = router({
	workspace: workspaceRouter,
	product: productRouter
});

/** The studio's API, as the client sees it. */
export type AppRouter = typeof appRouter;
