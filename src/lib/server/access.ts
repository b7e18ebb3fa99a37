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
