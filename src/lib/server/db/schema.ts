import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Tables named in the singular with camelCase columns belong to
 * the auth library (better-auth) and keep its names; Atelier's own tables use snake_case.
 * Atelier's own timestamps are ISO-8601 strings on both dialects so that they compare and sort
 * the same way in SQLite and PostgreSQL.
 */
export interface Database {
	user: UserTable;
	session: SessionTable;
	account: AccountTable;
	verification: VerificationTable;
	organization: OrganizationTable;
	member: MemberTable;
	invitation: InvitationTable;
	workspace_invite: WorkspaceInviteTable;
	product: ProductTable;
	draft_update: DraftUpdateTable;
	draft_snapshot: DraftSnapshotTable;
	asset: AssetTable;
	product_version: ProductVersionTable;
	channel: ChannelTable;
	design: DesignTable;
}

type AuthDate = ColumnType<Date | string, Date | string, Date | string>;
type AuthBool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface UserTable {
	id: string;
	name: string;
	email: string;
	emailVerified: AuthBool;
	image: string | null;
	createdAt: AuthDate;
	updatedAt: AuthDate;
}
export interface SessionTable {
	id: string;
	expiresAt: AuthDate;
	token: string;
	createdAt: AuthDate;
	updatedAt: AuthDate;
	ipAddress: string | null;
	userAgent: string | null;
	userId: string;
	activeOrganizationId: string | null;
}
export interface AccountTable {
	id: string;
	accountId: string;
	providerId: string;
	userId: string;
	accessToken: string | null;
	refreshToken: string | null;
	idToken: string | null;
	accessTokenExpiresAt: AuthDate | null;
	refreshTokenExpiresAt: AuthDate | null;
	scope: string | null;
	password: string | null;
	createdAt: AuthDate;
	updatedAt: AuthDate;
}
export interface VerificationTable {
	id: string;
	identifier: string;
	value: string;
	expiresAt: AuthDate;
	createdAt: AuthDate;
	updatedAt: AuthDate;
}
/** A workspace (the auth library calls it an organization). */
export interface OrganizationTable {
	id: string;
	name: string;
	slug: string;
	logo: string | null;
	createdAt: AuthDate;
	metadata: string | null;
}
export interface MemberTable {
	id: string;
	organizationId: string;
	userId: string;
	/** 'owner' | 'editor' | 'viewer' */
	role: string;
	createdAt: AuthDate;
}
export interface InvitationTable {
	id: string;
	organizationId: string;
	email: string;
	role: string | null;
	status: string;
	expiresAt: AuthDate;
	createdAt: AuthDate;
	inviterId: string;
}

/** An invitation by link: whoever opens the link while signed in joins with the role. */
export interface WorkspaceInviteTable {
	token: string;
	workspace_id: string;
	role: string;
	created_by: string;
	created_at: string;
	expires_at: string;
	revoked_at: string | null;
}

export interface ProductTable {
	id: string;
	workspace_id: string;
	handle: string;
	name: string;
	created_at: string;
	updated_at: string;
	archived_at: string | null;
}

/** One Yjs update of a product's draft document, appended before it is relayed to others. */
export interface DraftUpdateTable {
	id: Generated<number>;
	product_id: string;
	update: Uint8Array;
	user_id: string | null;
	created_at: string;
}

/** A compacted draft: the merged state of every update with id <= up_to_update_id. */
export interface DraftSnapshotTable {
	product_id: string;
	state: Uint8Array;
	up_to_update_id: number;
	updated_at: string;
}

export interface AssetTable {
	sha256: string;
	workspace_id: string;
	mime: string;
	size: number;
	name: string | null;
	data: Uint8Array | null;
	created_at: string;
}

export interface ProductVersionTable {
	product_id: string;
	number: number;
	definition: string;
	content_hash: string;
	author_id: string | null;
	note: string | null;
	created_at: string;
}

export interface ChannelTable {
	product_id: string;
	name: string;
	version_number: number;
	updated_at: string;
}

/** A saved customer design: a configuration of one published version (share / edit-from-cart). */
export interface DesignTable {
	id: string;
	workspace_id: string;
	product_id: string;
	version_number: number;
	/** The configuration JSON, validated against the version when saved. */
	configuration: string;
	created_at: string;
}
