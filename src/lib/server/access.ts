import type { Kysely } from 'kysely';
import type { Database } from './db';

/** A member's role in a workspace. Viewers read; editors also edit; owners also manage and publish. */
export type Role = 'owner' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** True when `role` is at least `needed`. */
export function roleAllows(role: Role, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

function asRole(value: string): Role {
	return (ROLES as readonly string[]).includes(value) ? (value as Role) : 'viewer';
}

/** The user's role in the workspace, or null when they are not a member. */
export async function workspaceRole(
	db: Kysely<Database>,
	userId: string,
	workspaceId: string
): Promise<Role | null> {
	const row = await db
		.selectFrom('member')
		.select('role')
		.where('userId', '=', userId)
		.where('organizationId', '=', workspaceId)
		.executeTakeFirst();
	return row ? asRole(row.role) : null;
}

/**
 * The product and the user's role in its workspace, or null when the product does not exist or
 * belongs to a workspace the user is not in — the two cases are deliberately indistinguishable.
 */
export async function productAccess(
	db: Kysely<Database>,
	userId: string,
	productId: string
): Promise<{ productId: string; workspaceId: string; role: Role } | null> {
	const row = await db
		.selectFrom('product')
		.innerJoin('member', 'member.organizationId', 'product.workspace_id')
		.select(['product.id as productId', 'product.workspace_id as workspaceId', 'member.role'])
		.where('product.id', '=', productId)
		.where('member.userId', '=', userId)
		.executeTakeFirst();
	return row
		? { productId: row.productId, workspaceId: row.workspaceId, role: asRole(row.role) }
		: null;
}

/**
 * May the user publish in this workspace? Owners always; editors when an owner gave them the
 * publish right; viewers never (a right left over from an editor demoted to viewer is ignored).
 */
export async function mayPublish(
	db: Kysely<Database>,
	userId: string,
	workspaceId: string,
	role: Role
): Promise<boolean> {
	if (role === 'owner') return true;
	if (role !== 'editor') return false;
	const right = await db
		.selectFrom('publish_right')
		.select('user_id')
		.where('workspace_id', '=', workspaceId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return right !== undefined;
}

/** Why a user may not publish, in words for the studio; null when they may. */
export function publishRefusal(role: Role, allowed: boolean): string | null {
	if (allowed) return null;
	return role === 'viewer'
		? 'Viewers cannot publish. Ask an owner to make you an editor with the publish right.'
		: 'Publishing needs the publish right. Ask an owner to turn it on for you on the Members page.';
}
