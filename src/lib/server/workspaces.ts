import type { Kysely } from 'kysely';
import type { Database } from './db';
import type { Role } from './access';
import { newId, nowIso } from './ids';

/** Turns a name into a slug: lowercase letters, digits and dashes. */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return slug || 'workspace';
}

/** Creates a workspace with `userId` as its owner; the slug gets a suffix when taken. */
export async function createWorkspaceFor(
	db: Kysely<Database>,
	{ userId, name, slug }: { userId: string; name: string; slug?: string }
): Promise<{ id: string; slug: string }> {
	const base = slug ?? slugify(name);
	let candidate = base;
	for (let attempt = 0; ; attempt++) {
		const taken = await db
			.selectFrom('organization')
			.select('id')
			.where('slug', '=', candidate)
			.executeTakeFirst();
		if (!taken) break;
		candidate = `${base}-${newId(4)}`;
		if (attempt > 20) throw new Error('could not find a free workspace slug');
	}
	const id = newId();
	// An ISO string binds on both dialects (SQLite has no date type; PostgreSQL casts it).
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('organization')
			.values({ id, name, slug: candidate, logo: null, createdAt: now, metadata: null })
			.execute();
		await trx
			.insertInto('member')
			.values({ id: newId(), organizationId: id, userId, role: 'owner', createdAt: now })
			.execute();
	});
	return { id, slug: candidate };
}

export interface WorkspaceSummary {
	id: string;
	name: string;
	slug: string;
	role: Role;
}

/** The workspaces a user belongs to, oldest membership first. */
export async function listWorkspaces(
	db: Kysely<Database>,
	userId: string
): Promise<WorkspaceSummary[]> {
	const rows = await db
		.selectFrom('member')
		.innerJoin('organization', 'organization.id', 'member.organizationId')
		.select(['organization.id', 'organization.name', 'organization.slug', 'member.role'])
		.where('member.userId', '=', userId)
		.orderBy('member.createdAt')
		.execute();
	return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** Creates an invite link token for a role; valid for `days` days. */
export async function createInvite(
	db: Kysely<Database>,
	{
		workspaceId,
		role,
		createdBy,
		days = 7
	}: { workspaceId: string; role: Role; createdBy: string; days?: number }
): Promise<{ token: string; expiresAt: string }> {
	const token = newId(32);
	const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
	await db
		.insertInto('workspace_invite')
		.values({
			token,
			workspace_id: workspaceId,
			role,
			created_by: createdBy,
			created_at: nowIso(),
			expires_at: expiresAt,
			revoked_at: null
		})
		.execute();
	return { token, expiresAt };
}

export type InviteLookup =
	| { ok: true; workspaceId: string; workspaceName: string; role: Role }
	| { ok: false; reason: 'not-found' | 'expired' | 'revoked' };

/** Reads an invite without using it. */
export async function findInvite(db: Kysely<Database>, token: string): Promise<InviteLookup> {
	const row = await db
		.selectFrom('workspace_invite')
		.innerJoin('organization', 'organization.id', 'workspace_invite.workspace_id')
		.select([
			'workspace_invite.workspace_id',
			'workspace_invite.role',
			'workspace_invite.expires_at',
			'workspace_invite.revoked_at',
			'organization.name'
		])
		.where('workspace_invite.token', '=', token)
		.executeTakeFirst();
	if (!row) return { ok: false, reason: 'not-found' };
	if (row.revoked_at) return { ok: false, reason: 'revoked' };
	if (row.expires_at < nowIso()) return { ok: false, reason: 'expired' };
	return {
		ok: true,
		workspaceId: row.workspace_id,
		workspaceName: row.name,
		role: row.role as Role
	};
}

/**
 * Adds the user to the invite's workspace with its role. A user who is already a member keeps
 * the role they have (an invite never changes an existing member's role; owners do that).
 */
export async function acceptInvite(
	db: Kysely<Database>,
	token: string,
	userId: string
): Promise<InviteLookup> {
	const invite = await findInvite(db, token);
	if (!invite.ok) return invite;
	const existing = await db
		.selectFrom('member')
		.select(['id', 'role'])
		.where('organizationId', '=', invite.workspaceId)
		.where('userId', '=', userId)
		.executeTakeFirst();
	if (!existing) {
		await db
			.insertInto('member')
			.values({
				id: newId(),
				organizationId: invite.workspaceId,
				userId,
				role: invite.role,
				createdAt: nowIso()
			})
			.execute();
	}
	return invite;
}

/**
 * The workspace a signed-in request works in: the session's active one while the user is still a
 * member of it, else their first workspace (a new account's session can be created before its
 * workspace, and a member can be removed from the workspace their session had open).
 */
export async function resolveActiveWorkspace(
	db: Kysely<Database>,
	userId: string,
	preferred: string | null
): Promise<string | null> {
	const memberships = await db
		.selectFrom('member')
		.select('organizationId')
		.where('userId', '=', userId)
		.orderBy('createdAt')
		.execute();
	if (preferred && memberships.some((m) => m.organizationId === preferred)) return preferred;
	return memberships[0]?.organizationId ?? null;
}
