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
	draft_activity: DraftActivityTable;
	named_snapshot: NamedSnapshotTable;
	asset: AssetTable;
	version_asset: VersionAssetTable;
	product_version: ProductVersionTable;
	channel: ChannelTable;
	publish_right: PublishRightTable;
	store_origin: StoreOriginTable;
	cart_mapping: CartMappingTable;
	design: DesignTable;
	workspace_key: WorkspaceKeyTable;
	store_webhook: StoreWebhookTable;
	order_counter: OrderCounterTable;
	order: OrderTable;
	order_item: OrderItemTable;
	order_event: OrderEventTable;
	idempotency_record: IdempotencyRecordTable;
	production_job: ProductionJobTable;
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

/**
 * One stored change of a draft, for its history: who, what (the editor's label, e.g. "Label of
 * Size"; null when the client sent none) and when. Written with the draft update it describes.
 */
export interface DraftActivityTable {
	id: Generated<number>;
	product_id: string;
	user_id: string | null;
	label: string | null;
	created_at: string;
}

/** A draft someone named and kept: its definition and studio layout as JSON text. */
export interface NamedSnapshotTable {
	id: string;
	product_id: string;
	name: string;
	definition: string;
	layout: string;
	created_by: string | null;
	created_at: string;
}

/**
 * An uploaded image, content-addressed per workspace (sha256 of the stored bytes). The bytes and
 * the thumbnail are files under DATA_DIR/assets (see src/lib/server/assets); `data` is unused.
 */
export interface AssetTable {
	sha256: string;
	workspace_id: string;
	mime: string;
	size: number;
	name: string | null;
	data: Uint8Array | null;
	created_at: string;
	width: number | null;
	height: number | null;
	created_by: string | null;
}

/** An asset referenced by a published version: only these are served by the public API. */
export interface VersionAssetTable {
	product_id: string;
	version_number: number;
	workspace_id: string;
	sha256: string;
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

/** An editor's right to publish in a workspace (owners always may). */
export interface PublishRightTable {
	workspace_id: string;
	user_id: string;
	granted_by: string | null;
	created_at: string;
}

/** A storefront origin (`https://shop.example`) allowed to call the public API (CORS). */
export interface StoreOriginTable {
	workspace_id: string;
	origin: string;
	created_at: string;
}

/** The store item a product adds to the cart: a Shopify variant id, a WooCommerce product id. */
export interface CartMappingTable {
	product_id: string;
	shopify_variant_id: string | null;
	woocommerce_product_id: string | null;
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

/** A publishable key (`pk_live_…`): identifies a workspace to the order API; not a secret. */
export interface WorkspaceKeyTable {
	id: string;
	workspace_id: string;
	key: string;
	created_by: string | null;
	created_at: string;
	revoked_at: string | null;
}

/** A connected store's webhook secret: Shopify by shop domain, WooCommerce by site URL. */
export interface StoreWebhookTable {
	id: string;
	workspace_id: string;
	/** 'shopify' | 'woocommerce' */
	platform: string;
	shop: string;
	secret: string;
	created_at: string;
	updated_at: string;
}

export interface OrderCounterTable {
	workspace_id: string;
	last_number: number;
}

export interface OrderTable {
	id: string;
	workspace_id: string;
	/** 1, 2, … per workspace. */
	number: number;
	/** 'new' | 'in_production' | 'quality_check' | 'shipped' */
	status: string;
	/** 'api' | 'shopify' | 'woocommerce' */
	source: string;
	/** The store's own order id (webhooks). */
	external_id: string | null;
	/** The storefront's own order reference. */
	reference: string | null;
	/** JSON `{ name?, email? }` or null. */
	customer: string | null;
	currency: string;
	/** Sum of the items' totals, minor units. */
	total: number;
	/** The latest ship-by date of its items, YYYY-MM-DD. */
	ship_by: string;
	created_at: string;
	updated_at: string;
}

export interface OrderItemTable {
	order_id: string;
	/** 0-based, as in the request's `items[]`. */
	position: number;
	product_id: string;
	version_number: number;
	design_id: string | null;
	/** JSON: the configuration as re-evaluated (effective answers). */
	configuration: string;
	quantity: number;
	sku: string;
	/** JSON: the engine's PriceBreakdown. */
	price: string;
	total: number;
	currency: string;
	lead_time_days: number;
	ship_by: string;
	/** JSON: the core's ProductionSpec. */
	spec: string;
}

/** One status an order entered: who (a user, or the API/webhook) and when. */
export interface OrderEventTable {
	id: Generated<number>;
	order_id: string;
	status: string;
	user_id: string | null;
	/** A readable name: the user's name, "API", "Shopify webhook". */
	actor: string;
	created_at: string;
}

/** An Idempotency-Key seen for a workspace, the hash of its request and, once known, the answer. */
export interface IdempotencyRecordTable {
	workspace_id: string;
	key: string;
	request_hash: string;
	status_code: number | null;
	response: string | null;
	order_id: string | null;
	created_at: string;
}

export interface ProductionJobTable {
	order_id: string;
	workspace_id: string;
	/** 'queued' | 'running' | 'done' | 'failed' */
	status: string;
	done: number;
	total: number;
	attempts: number;
	error: string | null;
	zip_name: string | null;
	zip_bytes: number | null;
	/** JSON: [{ name, kind, bytes }] */
	files: string | null;
	/** JSON: [{ item, message }] */
	warnings: string | null;
	created_at: string;
	updated_at: string;
}
