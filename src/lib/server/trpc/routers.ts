import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
	mayPublish,
	productAccess,
	publishRefusal,
	roleAllows,
	ROLES,
	workspaceRole,
	type Role
} from '../access';
import { writeDefinition, type Json } from '../../collab/definition-doc';
import { parseDefinition, type Definition } from '../../core/definition/index.js';
import { diffDefinitions, diffOutcomes } from '../../core/diff/index.js';
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
import {
	canonicalJson,
	channelDefinition,
	CHANNEL_NAME,
	definitionFromDraftState,
	gateDefinition,
	listVersions,
	promoteChannel,
	publishDraft,
	readVersion,
	setChannel,
	sha256Hex
} from '../publish';
import {
	addStoreOrigin,
	listCartMappings,
	listStoreOrigins,
	MAX_STORE_ORIGINS,
	normalizeStoreOrigin,
	removeStoreOrigin,
	setCartMapping,
	STORE_ITEM_ID
} from '../store-settings';
import {
	countSnapshots,
	createSnapshot,
	draftContent,
	listActivity,
	listSnapshots,
	MAX_ACTIVITY_PAGE,
	MAX_SNAPSHOT_NAME,
	MAX_SNAPSHOTS,
	readSnapshot,
	restoreInto
} from '../history';
import { createInvite, listWorkspaces } from '../workspaces';
import { assetRouter } from './asset-router';
import { authedProcedure, router, workspaceProcedure, type TrpcContext } from './init';
import { ordersRouter } from './orders';

const productId = z.string().regex(/^[a-z0-9]{1,64}$/, 'expected a product id');
const snapshotId = z.string().regex(/^[a-z0-9]{1,64}$/, 'expected a snapshot id');
const snapshotName = z
	.string()
	.trim()
	.min(1, 'give the snapshot a name')
	.max(MAX_SNAPSHOT_NAME, `use at most ${MAX_SNAPSHOT_NAME} characters`)
	.regex(/^[^\p{Cc}]*$/u, 'use a single line without control characters');

function snapshotNotFound(): TRPCError {
	return new TRPCError({ code: 'NOT_FOUND', message: 'snapshotId: snapshot not found' });
}
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

/** Resolves a product the user may publish (owners; editors with the publish right). */
async function requirePublisher(ctx: TrpcContext & { user: { id: string } }, id: string) {
	const access = await requireProduct(ctx, id, 'viewer');
	const allowed = await mayPublish(
		ctx.services.database.db,
		ctx.user.id,
		access.workspaceId,
		access.role
	);
	const refusal = publishRefusal(access.role, allowed);
	if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
	return access;
}

/** A stored version's definition, parsed (stored versions were valid when published). */
function storedDefinition(text: string): Definition | null {
	const parsed = parseDefinition(JSON.parse(text));
	return parsed.ok ? parsed.definition : null;
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
		const { db } = ctx.services.database;
		const [members, rights] = await Promise.all([
			db
				.selectFrom('member')
				.innerJoin('user', 'user.id', 'member.userId')
				.select(['member.id', 'member.userId', 'member.role', 'user.name', 'user.email'])
				.where('member.organizationId', '=', ctx.workspaceId)
				.orderBy('member.createdAt')
				.execute(),
			db
				.selectFrom('publish_right')
				.select('user_id')
				.where('workspace_id', '=', ctx.workspaceId)
				.execute()
		]);
		const withRight = new Set(rights.map((r) => r.user_id));
		return members.map((m) => ({
			...m,
			// Owners always publish; an editor with the right does; a viewer never does.
			canPublish: m.role === 'owner' || (m.role === 'editor' && withRight.has(m.userId))
		}));
	}),
	/** The storefront settings: allowed store origins and every product's cart mapping. */
	storeSettings: workspaceProcedure('owner').query(async ({ ctx }) => {
		const { db } = ctx.services.database;
		const [origins, mappings, products, workspace] = await Promise.all([
			listStoreOrigins(db, ctx.workspaceId),
			listCartMappings(db, ctx.workspaceId),
			listProducts(db, ctx.workspaceId, { includeArchived: false }),
			db
				.selectFrom('organization')
				.select('slug')
				.where('id', '=', ctx.workspaceId)
				.executeTakeFirstOrThrow()
		]);
		const byProduct = new Map(mappings.map((m) => [m.productId, m]));
		return {
			appOrigin: ctx.services.config.origin,
			/** The store's name in public URLs and in the embed snippet's `store` attribute. */
			storeSlug: workspace.slug,
			origins,
			products: products.map((p) => ({
				id: p.id,
				name: p.name,
				handle: p.handle,
				shopifyVariantId: byProduct.get(p.id)?.shopifyVariantId ?? null,
				wooCommerceProductId: byProduct.get(p.id)?.wooCommerceProductId ?? null
			}))
		};
	}),
	/** Allows a store origin (normalized; `origin: …` explains a refusal). */
	addStoreOrigin: workspaceProcedure('owner')
		.input(z.object({ origin: z.string().max(300, 'use at most 300 characters') }))
		.mutation(async ({ ctx, input }) => {
			const normalized = normalizeStoreOrigin(input.origin);
			if (!normalized.ok) {
				throw new TRPCError({ code: 'BAD_REQUEST', message: `origin: ${normalized.message}` });
			}
			const { db } = ctx.services.database;
			const existing = await listStoreOrigins(db, ctx.workspaceId);
			if (!existing.includes(normalized.origin) && existing.length >= MAX_STORE_ORIGINS) {
				throw new TRPCError({
					code: 'BAD_REQUEST',
					message: `origin: at most ${MAX_STORE_ORIGINS} store origins; remove one first`
				});
			}
			await addStoreOrigin(db, ctx.workspaceId, normalized.origin);
			return { origin: normalized.origin };
		}),
	removeStoreOrigin: workspaceProcedure('owner')
		.input(z.object({ origin: z.string().max(300) }))
		.mutation(async ({ ctx, input }) => {
			const removed = await removeStoreOrigin(
				ctx.services.database.db,
				ctx.workspaceId,
				input.origin
			);
			if (!removed) throw new TRPCError({ code: 'NOT_FOUND', message: 'origin: not in the list' });
		}),
	/** Gives an editor the publish right or takes it back; owners only. */
	setPublishRight: workspaceProcedure('owner')
		.input(z.object({ userId: z.string().min(1), allowed: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			const { db } = ctx.services.database;
			const role = await workspaceRole(db, input.userId, ctx.workspaceId);
			if (!role) throw new TRPCError({ code: 'NOT_FOUND', message: 'member not found' });
			if (role !== 'editor') {
				throw new TRPCError({
					code: 'BAD_REQUEST',
					message:
						role === 'owner'
							? 'userId: owners always publish'
							: 'userId: viewers cannot publish; make them an editor first'
				});
			}
			if (input.allowed) {
				await db
					.insertInto('publish_right')
					.values({
						workspace_id: ctx.workspaceId,
						user_id: input.userId,
						granted_by: ctx.user.id,
						created_at: new Date().toISOString()
					})
					.onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
					.execute();
			} else {
				await db
					.deleteFrom('publish_right')
					.where('workspace_id', '=', ctx.workspaceId)
					.where('user_id', '=', input.userId)
					.execute();
			}
			return { userId: input.userId, allowed: input.allowed };
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
			// Their open product sockets take the new role at once (a viewer's edits are dropped).
			await ctx.services.collab.recheckAccess({
				userId: input.userId,
				workspaceId: ctx.workspaceId
			});
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
			// Their open product sockets close now, not when they next reconnect.
			await ctx.services.collab.revokeAccess({
				userId: input.userId,
				workspaceId: ctx.workspaceId
			});
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
		const { db } = ctx.services.database;
		const product = await getProduct(db, access.workspaceId, input.productId);
		if (!product) throw new TRPCError({ code: 'NOT_FOUND', message: 'product not found' });
		const canPublish = await mayPublish(db, ctx.user.id, access.workspaceId, access.role);
		return { product, role: access.role, canPublish };
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
				channel: z.enum(['live', 'staging']).default('live'),
				acknowledgeWarnings: z.boolean().default(false)
			})
		)
		.mutation(async ({ ctx, input }) => {
			const access = await requirePublisher(ctx, input.productId);
			// Pending edits of an open room are part of the draft the owner sees: read it live.
			const draftState = await ctx.services.collab.readDraftState(input.productId);
			const result = await publishDraft(ctx.services.database.db, {
				productId: input.productId,
				workspaceId: access.workspaceId,
				authorId: ctx.user.id,
				note: input.note || null,
				channel: input.channel,
				acknowledgeWarnings: input.acknowledgeWarnings,
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
			await requirePublisher(ctx, input.productId);
			const moved = await setChannel(ctx.services.database.db, input);
			if (!moved) {
				throw new TRPCError({
					code: 'NOT_FOUND',
					message: `versionNumber: version ${input.versionNumber} does not exist`
				});
			}
			ctx.services.log.info(
				{ productId: input.productId, channel: input.channel, version: input.versionNumber },
				'channel moved'
			);
			return { channel: input.channel, versionNumber: input.versionNumber };
		}),
	/** The store items the product adds to the cart; empty text clears one. Owners only. */
	setCartMapping: authedProcedure
		.input(
			z.object({
				productId,
				shopifyVariantId: z
					.string()
					.trim()
					.regex(
						new RegExp(`^$|${STORE_ITEM_ID.source}`),
						'expected a Shopify variant id: digits, or gid://shopify/ProductVariant/<digits>'
					),
				wooCommerceProductId: z
					.string()
					.trim()
					.regex(/^$|^[0-9]{1,20}$/, 'expected a WooCommerce product id: digits')
			})
		)
		.mutation(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'owner');
			await setCartMapping(ctx.services.database.db, {
				productId: input.productId,
				shopifyVariantId: input.shopifyVariantId || null,
				wooCommerceProductId: input.wooCommerceProductId || null
			});
		}),
	/**
	 * Replaces the draft with a published version's definition ("start a new draft from this
	 * version"). Goes through the live collaboration room, so connected editors receive it and
	 * it is stored like any edit (the user recorded as its author). Editors and owners.
	 */
	draftFromVersion: authedProcedure
		.input(z.object({ productId, versionNumber: z.number().int().positive() }))
		.mutation(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'editor');
			const version = await readVersion(
				ctx.services.database.db,
				input.productId,
				input.versionNumber
			);
			if (!version) {
				throw new TRPCError({
					code: 'NOT_FOUND',
					message: `versionNumber: version ${input.versionNumber} does not exist`
				});
			}
			const definition = JSON.parse(version.definition) as { [key: string]: Json };
			const origin = {
				userId: ctx.user.id,
				reason: 'draft-from-version',
				label: `Draft from version ${input.versionNumber}`
			};
			await ctx.services.collab.applyServerChange(
				input.productId,
				(doc) => writeDefinition(doc, definition, origin),
				origin
			);
			ctx.services.log.info(
				{ productId: input.productId, version: input.versionNumber },
				'draft replaced by a published version'
			);
			return { versionNumber: input.versionNumber };
		}),
	/** Who changed the draft and how, newest first (every member may read it). */
	history: authedProcedure
		.input(
			z.object({
				productId,
				before: z.number().int().positive('expected an entry id').optional(),
				limit: z
					.number()
					.int()
					.min(1)
					.max(MAX_ACTIVITY_PAGE, `use at most ${MAX_ACTIVITY_PAGE}`)
					.default(200)
			})
		)
		.query(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'viewer');
			return listActivity(ctx.services.database.db, input.productId, input);
		}),
	/** The draft's named snapshots, newest first (every member may read them). */
	snapshots: authedProcedure.input(z.object({ productId })).query(async ({ ctx, input }) => {
		await requireProduct(ctx, input.productId, 'viewer');
		return listSnapshots(ctx.services.database.db, input.productId);
	}),
	/** One snapshot with its definition and layout, for a read-only preview. */
	snapshot: authedProcedure
		.input(z.object({ productId, snapshotId }))
		.query(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'viewer');
			const snapshot = await readSnapshot(
				ctx.services.database.db,
				input.productId,
				input.snapshotId
			);
			if (!snapshot) throw snapshotNotFound();
			return snapshot;
		}),
	/** Keeps the current draft (as the room holds it now) under a name. Editors and owners. */
	createSnapshot: authedProcedure
		.input(z.object({ productId, name: snapshotName }))
		.mutation(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'editor');
			const { db } = ctx.services.database;
			if ((await countSnapshots(db, input.productId)) >= MAX_SNAPSHOTS) {
				throw new TRPCError({
					code: 'BAD_REQUEST',
					message: `name: this product already keeps ${MAX_SNAPSHOTS} snapshots`
				});
			}
			const content = draftContent(await ctx.services.collab.readDraftState(input.productId));
			const snapshot = await createSnapshot(db, {
				productId: input.productId,
				name: input.name,
				userId: ctx.user.id,
				...content
			});
			ctx.services.log.info(
				{ productId: input.productId, snapshotId: snapshot.id },
				'draft snapshot created'
			);
			return snapshot;
		}),
	/**
	 * Makes the draft what a snapshot holds. An edit like any other, through the room
	 * (`applyServerChange`): everyone connected receives it, it is recorded in the history, and
	 * the client that asked (passing a fresh `clientId`) can undo it. Editors and owners.
	 */
	restoreSnapshot: authedProcedure
		.input(
			z.object({
				productId,
				snapshotId,
				clientId: z
					.number()
					.int()
					.min(1, 'expected a Yjs client id')
					.max(0xffffffff, 'expected a Yjs client id')
					.optional()
			})
		)
		.mutation(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'editor');
			const snapshot = await readSnapshot(
				ctx.services.database.db,
				input.productId,
				input.snapshotId
			);
			if (!snapshot) throw snapshotNotFound();
			const origin = {
				userId: ctx.user.id,
				reason: 'restore-snapshot',
				label: `Restored snapshot “${snapshot.name}”`,
				clientId: input.clientId
			};
			const update = await ctx.services.collab.applyServerChange(
				input.productId,
				(doc) => restoreInto(doc, snapshot, origin),
				origin
			);
			ctx.services.log.info(
				{ productId: input.productId, snapshotId: snapshot.id, changed: update !== null },
				'draft snapshot restored'
			);
			return { changed: update !== null, label: origin.label };
		}),
	/** Points `live` at the version `staging` points at. */
	promote: authedProcedure.input(z.object({ productId })).mutation(async ({ ctx, input }) => {
		await requirePublisher(ctx, input.productId);
		const number = await promoteChannel(ctx.services.database.db, { productId: input.productId });
		if (number === null) {
			throw new TRPCError({
				code: 'NOT_FOUND',
				message: 'nothing is on staging: publish to staging first'
			});
		}
		ctx.services.log.info({ productId: input.productId, version: number }, 'staging promoted');
		return { channel: 'live', versionNumber: number };
	}),
	/** One published version with its definition (read-only view, JSON download). */
	version: authedProcedure
		.input(z.object({ productId, versionNumber: z.number().int().positive() }))
		.query(async ({ ctx, input }) => {
			await requireProduct(ctx, input.productId, 'viewer');
			const version = await readVersion(
				ctx.services.database.db,
				input.productId,
				input.versionNumber
			);
			if (!version) {
				throw new TRPCError({
					code: 'NOT_FOUND',
					message: `versionNumber: version ${input.versionNumber} does not exist`
				});
			}
			return version;
		}),
	/**
	 * What publishing the draft now would do: whether the user may, the gate's verdict (errors,
	 * warnings, scenario results), the semantic diff against `live` and the change in variants
	 * and scenario results. Readable by every member; the publish itself checks the right again.
	 */
	publishPreview: authedProcedure.input(z.object({ productId })).query(async ({ ctx, input }) => {
		const { db } = ctx.services.database;
		const access = await requireProduct(ctx, input.productId, 'viewer');
		const allowed = await mayPublish(db, ctx.user.id, access.workspaceId, access.role);
		const draft = definitionFromDraftState(
			await ctx.services.collab.readDraftState(input.productId)
		);
		const gate = gateDefinition(draft);
		const [live, staging] = await Promise.all([
			channelDefinition(db, input.productId, 'live'),
			channelDefinition(db, input.productId, 'staging')
		]);
		const before = live ? storedDefinition(live.definition) : null;
		const after = gate.definition;
		return {
			role: access.role,
			canPublish: allowed,
			refusal: publishRefusal(access.role, allowed),
			live: live?.number ?? null,
			staging: staging?.number ?? null,
			gate: {
				ok: gate.ok,
				reason: gate.ok ? null : gate.reason,
				errors: gate.ok ? [] : gate.errors,
				warnings: gate.warnings,
				scenarios: gate.scenarios
			},
			/** The draft is exactly what `live` serves: publishing would add an identical version. */
			sameAsLive:
				after !== null &&
				live !== null &&
				sha256Hex(canonicalJson(after)) === sha256Hex(live.definition),
			changes: after && before ? diffDefinitions(before, after) : [],
			outcomes: after ? diffOutcomes(before, after) : null,
			/** Both definitions, parsed, for the visual diff the studio renders. */
			definitions: { before, after }
		};
	})
});

export const appRouter = router({
	workspace: workspaceRouter,
	product: productRouter,
	orders: ordersRouter,
	asset: assetRouter
});

/** The studio's API, as the client sees it. */
export type AppRouter = typeof appRouter;
