import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { AppServices } from '../app';
import { roleAllows, workspaceRole, type Role } from '../access';

/** What every procedure sees: the services and, when signed in, the user and their workspace. */
export interface TrpcContext {
	services: AppServices;
	user: { id: string; name: string; email: string } | null;
	sessionId: string | null;
	activeWorkspaceId: string | null;
}

/** Turns a zod path into the `options[3].choices[0].price` form used in every Atelier error. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out ? `.${String(part)}` : String(part);
	}
	return out;
}

const t = initTRPC.context<TrpcContext>().create({
	errorFormatter({ shape, error }) {
		const cause = error.cause;
		const issues =
			cause instanceof ZodError
				? cause.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
				: undefined;
		return {
			...shape,
			message: issues
				? issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; ')
				: shape.message,
			data: { ...shape.data, issues, stack: undefined }
		};
	}
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** Signed in. */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
	if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in to continue' });
	return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Signed in with an active workspace, and the role there is at least `needed`. */
export function workspaceProcedure(needed: Role) {
	return authedProcedure.use(async ({ ctx, next }) => {
		const workspaceId = ctx.activeWorkspaceId;
		const role = workspaceId
			? await workspaceRole(ctx.services.database.db, ctx.user.id, workspaceId)
			: null;
		if (!workspaceId || !role) {
			throw new TRPCError({ code: 'NOT_FOUND', message: 'workspace not found' });
		}
		if (!roleAllows(role, needed)) {
			throw new TRPCError({
				code: 'FORBIDDEN',
				message: `this needs the ${needed} role; you are a ${role} in this workspace`
			});
		}
		return next({ ctx: { ...ctx, workspaceId, role } });
	});
}
