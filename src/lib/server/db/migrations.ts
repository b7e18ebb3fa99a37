import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * One list of migrations for both dialects. The few type names that differ (timestamps of the
 * auth tables, booleans, binary data, auto-increment keys) are chosen by `types(dialect)`; every
 * other statement is the same Kysely schema builder call on SQLite and PostgreSQL.
 */
function types(dialect: Dialect) {
	const pg = dialect === 'postgres';
	return {
		authDate: pg ? 'timestamptz' : 'date',
		bool: pg ? 'boolean' : 'integer',
		bytes: pg ? 'bytea' : 'blob'
	} as const;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe past schemas, not the current typed one
type AnyDb = Kysely<any>;

function migrationsFor(dialect: Dialect): Record<string, Migration> {
	const t = types(dialect);
	return {
		'0001_auth': {
			async up(db: AnyDb) {
				await db.schema
					.createTable('user')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('email', 'text', (c) => c.notNull().unique())
					.addColumn('emailVerified', t.bool, (c) => c.notNull())
					.addColumn('image', 'text')
					.addColumn('createdAt', t.authDate, (c) => c.notNull())
					.addColumn('updatedAt', t.authDate, (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('session')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('expiresAt', t.authDate, (c) => c.notNull())
					.addColumn('token', 'text', (c) => c.notNull().unique())
					.addColumn('createdAt', t.authDate, (c) => c.notNull())
					.addColumn('updatedAt', t.authDate, (c) => c.notNull())
					.addColumn('ipAddress', 'text')
					.addColumn('userAgent', 'text')
					.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
					.addColumn('activeOrganizationId', 'text')
					.execute();
				await db.schema
					.createTable('account')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('accountId', 'text', (c) => c.notNull())
					.addColumn('providerId', 'text', (c) => c.notNull())
					.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
					.addColumn('accessToken', 'text')
					.addColumn('refreshToken', 'text')
					.addColumn('idToken', 'text')
					.addColumn('accessTokenExpiresAt', t.authDate)
					.addColumn('refreshTokenExpiresAt', t.authDate)
					.addColumn('scope', 'text')
					.addColumn('password', 'text')
					.addColumn('createdAt', t.authDate, (c) => c.notNull())
					.addColumn('updatedAt', t.authDate, (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('verification')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('identifier', 'text', (c) => c.notNull())
					.addColumn('value', 'text', (c) => c.notNull())
					.addColumn('expiresAt', t.authDate, (c) => c.notNull())
					.addColumn('createdAt', t.authDate, (c) => c.notNull())
					.addColumn('updatedAt', t.authDate, (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('organization')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('slug', 'text', (c) => c.notNull().unique())
					.addColumn('logo', 'text')
					.addColumn('createdAt', t.authDate, (c) => c.notNull())
					.addColumn('metadata', 'text')
					.execute();
				await db.schema
					.createTable('member')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('organizationId', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
					.addColumn('role', 'text', (c) => c.notNull())
					.addColumn('createdAt', t.authDate, (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('invitation')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('organizationId', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('email', 'text', (c) => c.notNull())
					.addColumn('role', 'text')
					.addColumn('status', 'text', (c) => c.notNull())
					.addColumn('expiresAt', t.authDate, (c) => c.notNull())
					.addColumn('createdAt', t.authDate, (c) => c.notNull())
					.addColumn('inviterId', 'text', (c) =>
						c.notNull().references('user.id').onDelete('cascade')
					)
					.execute();
				await db.schema.createIndex('session_userId_idx').on('session').column('userId').execute();
				await db.schema.createIndex('account_userId_idx').on('account').column('userId').execute();
				await db.schema
					.createIndex('verification_identifier_idx')
					.on('verification')
					.column('identifier')
					.execute();
				await db.schema
					.createIndex('member_organization_user_idx')
					.on('member')
					.columns(['organizationId', 'userId'])
					.unique()
					.execute();
				await db.schema.createIndex('member_userId_idx').on('member').column('userId').execute();
				await db.schema
					.createIndex('invitation_organizationId_idx')
					.on('invitation')
					.column('organizationId')
					.execute();
			}
		},
		'0002_products': {
			async up(db: AnyDb) {
				await db.schema
					.createTable('workspace_invite')
					.addColumn('token', 'text', (c) => c.primaryKey())
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('role', 'text', (c) => c.notNull())
					.addColumn('created_by', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addColumn('expires_at', 'text', (c) => c.notNull())
					.addColumn('revoked_at', 'text')
					.execute();
				await db.schema
					.createTable('product')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('handle', 'text', (c) => c.notNull())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addColumn('updated_at', 'text', (c) => c.notNull())
					.addColumn('archived_at', 'text')
					.execute();
				await db.schema
					.createIndex('product_workspace_handle_idx')
					.on('product')
					.columns(['workspace_id', 'handle'])
					.unique()
					.execute();
				let updates = db.schema.createTable('draft_update');
				updates =
					dialect === 'postgres'
						? updates.addColumn('id', 'bigserial', (c) => c.primaryKey())
						: updates.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
				await updates
					.addColumn('product_id', 'text', (c) =>
						c.notNull().references('product.id').onDelete('cascade')
					)
					.addColumn('update', t.bytes, (c) => c.notNull())
					.addColumn('user_id', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('draft_update_product_idx')
					.on('draft_update')
					.columns(['product_id', 'id'])
					.execute();
				await db.schema
					.createTable('draft_snapshot')
					.addColumn('product_id', 'text', (c) =>
						c.primaryKey().references('product.id').onDelete('cascade')
					)
					.addColumn('state', t.bytes, (c) => c.notNull())
					.addColumn('up_to_update_id', 'bigint', (c) => c.notNull())
					.addColumn('updated_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('asset')
					.addColumn('sha256', 'text', (c) => c.notNull())
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('mime', 'text', (c) => c.notNull())
					.addColumn('size', 'integer', (c) => c.notNull())
					.addColumn('name', 'text')
					.addColumn('data', t.bytes)
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('asset_pk', ['workspace_id', 'sha256'])
					.execute();
				await db.schema
					.createTable('product_version')
					.addColumn('product_id', 'text', (c) =>
						c.notNull().references('product.id').onDelete('cascade')
					)
					.addColumn('number', 'integer', (c) => c.notNull())
					.addColumn('definition', 'text', (c) => c.notNull())
					.addColumn('content_hash', 'text', (c) => c.notNull())
					.addColumn('author_id', 'text')
					.addColumn('note', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('product_version_pk', ['product_id', 'number'])
					.execute();
				await db.schema
					.createTable('channel')
					.addColumn('product_id', 'text', (c) =>
						c.notNull().references('product.id').onDelete('cascade')
					)
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('version_number', 'integer', (c) => c.notNull())
					.addColumn('updated_at', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('channel_pk', ['product_id', 'name'])
					.execute();
			}
		},
		'0003_assets': {
			async up(db: AnyDb) {
				// Asset bytes live on disk (DATA_DIR/assets), so `asset.data` stays null from here on.
				await db.schema.alterTable('asset').addColumn('width', 'integer').execute();
				await db.schema.alterTable('asset').addColumn('height', 'integer').execute();
				await db.schema.alterTable('asset').addColumn('created_by', 'text').execute();
				// The assets a published version references, frozen with it: what the public API serves.
				await db.schema
					.createTable('version_asset')
					.addColumn('product_id', 'text', (c) => c.notNull())
					.addColumn('version_number', 'integer', (c) => c.notNull())
					.addColumn('workspace_id', 'text', (c) => c.notNull())
					.addColumn('sha256', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('version_asset_pk', ['product_id', 'version_number', 'sha256'])
					.addForeignKeyConstraint(
						'version_asset_version_fk',
						['product_id', 'version_number'],
						'product_version',
						['product_id', 'number'],
						(c) => c.onDelete('cascade')
					)
					.addForeignKeyConstraint(
						'version_asset_asset_fk',
						['workspace_id', 'sha256'],
						'asset',
						['workspace_id', 'sha256'],
						(c) => c.onDelete('cascade')
					)
					.execute();
				await db.schema
					.createIndex('version_asset_sha256_idx')
					.on('version_asset')
					.column('sha256')
					.execute();
			}
		},
		'0004_publishing': {
			async up(db: AnyDb) {
				// Editors who may publish (owners always may). A row is the right; no row, no right.
				await db.schema
					.createTable('publish_right')
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('user_id', 'text', (c) =>
						c.notNull().references('user.id').onDelete('cascade')
					)
					.addColumn('granted_by', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('publish_right_pk', ['workspace_id', 'user_id'])
					.execute();
				// The storefront origins allowed to call the public API for a workspace (CORS).
				await db.schema
					.createTable('store_origin')
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('origin', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('store_origin_pk', ['workspace_id', 'origin'])
					.execute();
				// Which store item a product adds to the cart.
				await db.schema
					.createTable('cart_mapping')
					.addColumn('product_id', 'text', (c) =>
						c.primaryKey().references('product.id').onDelete('cascade')
					)
					.addColumn('shopify_variant_id', 'text')
					.addColumn('woocommerce_product_id', 'text')
					.addColumn('updated_at', 'text', (c) => c.notNull())
					.execute();
			}
		},
		'0005_designs': {
			async up(db: AnyDb) {
				// Saved customer designs (share and edit-from-cart links), pinned to a version.
				await db.schema
					.createTable('design')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('product_id', 'text', (c) =>
						c.notNull().references('product.id').onDelete('cascade')
					)
					.addColumn('version_number', 'integer', (c) => c.notNull())
					.addColumn('configuration', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('design_product_idx')
					.on('design')
					.columns(['product_id', 'created_at'])
					.execute();
			}
		},
		'0006_orders': {
			async up(db: AnyDb) {
				// Publishable keys identify a workspace to the order API. They are not secret (they
				// sit in storefront pages), so they are stored as they are; revoking one stamps it.
				await db.schema
					.createTable('workspace_key')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('key', 'text', (c) => c.notNull().unique())
					.addColumn('created_by', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addColumn('revoked_at', 'text')
					.execute();
				await db.schema
					.createIndex('workspace_key_workspace_idx')
					.on('workspace_key')
					.column('workspace_id')
					.execute();
				// One row per connected store: Shopify by shop domain, WooCommerce by site URL.
				await db.schema
					.createTable('store_webhook')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('platform', 'text', (c) => c.notNull())
					.addColumn('shop', 'text', (c) => c.notNull())
					.addColumn('secret', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addColumn('updated_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('store_webhook_platform_shop_idx')
					.on('store_webhook')
					.columns(['platform', 'shop'])
					.unique()
					.execute();
				// The last order number per workspace, bumped atomically by an upsert.
				await db.schema
					.createTable('order_counter')
					.addColumn('workspace_id', 'text', (c) =>
						c.primaryKey().references('organization.id').onDelete('cascade')
					)
					.addColumn('last_number', 'integer', (c) => c.notNull())
					.execute();
				await db.schema
					.createTable('order')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('number', 'integer', (c) => c.notNull())
					.addColumn('status', 'text', (c) => c.notNull())
					.addColumn('source', 'text', (c) => c.notNull())
					.addColumn('external_id', 'text')
					.addColumn('reference', 'text')
					.addColumn('customer', 'text')
					.addColumn('currency', 'text', (c) => c.notNull())
					.addColumn('total', 'bigint', (c) => c.notNull())
					.addColumn('ship_by', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addColumn('updated_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('order_workspace_number_idx')
					.on('order')
					.columns(['workspace_id', 'number'])
					.unique()
					.execute();
				await db.schema
					.createTable('order_item')
					.addColumn('order_id', 'text', (c) =>
						c.notNull().references('order.id').onDelete('cascade')
					)
					.addColumn('position', 'integer', (c) => c.notNull())
					.addColumn('product_id', 'text', (c) => c.notNull().references('product.id'))
					.addColumn('version_number', 'integer', (c) => c.notNull())
					.addColumn('design_id', 'text')
					.addColumn('configuration', 'text', (c) => c.notNull())
					.addColumn('quantity', 'integer', (c) => c.notNull())
					.addColumn('sku', 'text', (c) => c.notNull())
					.addColumn('price', 'text', (c) => c.notNull())
					.addColumn('total', 'bigint', (c) => c.notNull())
					.addColumn('currency', 'text', (c) => c.notNull())
					.addColumn('lead_time_days', 'integer', (c) => c.notNull())
					.addColumn('ship_by', 'text', (c) => c.notNull())
					.addColumn('spec', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('order_item_pk', ['order_id', 'position'])
					.execute();
				let events = db.schema.createTable('order_event');
				events =
					dialect === 'postgres'
						? events.addColumn('id', 'bigserial', (c) => c.primaryKey())
						: events.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
				await events
					.addColumn('order_id', 'text', (c) =>
						c.notNull().references('order.id').onDelete('cascade')
					)
					.addColumn('status', 'text', (c) => c.notNull())
					.addColumn('user_id', 'text')
					.addColumn('actor', 'text', (c) => c.notNull())
					.addColumn('created_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('order_event_order_idx')
					.on('order_event')
					.columns(['order_id', 'id'])
					.execute();
				// Inserted *before* the work: the primary key is the lock that makes two parallel
				// requests with one key create one order. The answer is stored once it is known.
				await db.schema
					.createTable('idempotency_record')
					.addColumn('workspace_id', 'text', (c) =>
						c.notNull().references('organization.id').onDelete('cascade')
					)
					.addColumn('key', 'text', (c) => c.notNull())
					.addColumn('request_hash', 'text', (c) => c.notNull())
					.addColumn('status_code', 'integer')
					.addColumn('response', 'text')
					.addColumn('order_id', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('idempotency_record_pk', ['workspace_id', 'key'])
					.execute();
			}
		},
		'0007_production': {
			// One production job per order: its files are made in the background (see
			// production.ts); progress and the result's manifest live here, the zip on disk.
			async up(db) {
				await db.schema
					.createTable('production_job')
					.addColumn('order_id', 'text', (c) =>
						c.primaryKey().references('order.id').onDelete('cascade')
					)
					.addColumn('workspace_id', 'text', (c) => c.notNull())
					.addColumn('status', 'text', (c) => c.notNull())
					.addColumn('done', 'integer', (c) => c.notNull())
					.addColumn('total', 'integer', (c) => c.notNull())
					.addColumn('attempts', 'integer', (c) => c.notNull())
					.addColumn('error', 'text')
					.addColumn('zip_name', 'text')
					.addColumn('zip_bytes', 'bigint')
					.addColumn('files', 'text')
					.addColumn('warnings', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.addColumn('updated_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('production_job_status')
					.on('production_job')
					.column('status')
					.execute();
			}
		},
		'0008_draft_history': {
			// Who changed a draft, and how: one row per stored draft update, written in the same
			// transaction as the update (see collab/persistence.ts). The updates themselves are
			// compacted away; these rows stay, so the history outlives compaction.
			async up(db) {
				let activity = db.schema.createTable('draft_activity');
				activity =
					dialect === 'postgres'
						? activity.addColumn('id', 'bigserial', (c) => c.primaryKey())
						: activity.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
				await activity
					.addColumn('product_id', 'text', (c) =>
						c.notNull().references('product.id').onDelete('cascade')
					)
					.addColumn('user_id', 'text')
					.addColumn('label', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('draft_activity_product_idx')
					.on('draft_activity')
					.columns(['product_id', 'id'])
					.execute();
				// Named snapshots of a draft, made by people (not the compaction snapshot): the
				// definition and the studio layout as JSON text, readable without Yjs.
				await db.schema
					.createTable('named_snapshot')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('product_id', 'text', (c) =>
						c.notNull().references('product.id').onDelete('cascade')
					)
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('definition', 'text', (c) => c.notNull())
					.addColumn('layout', 'text', (c) => c.notNull())
					.addColumn('created_by', 'text')
					.addColumn('created_at', 'text', (c) => c.notNull())
					.execute();
				await db.schema
					.createIndex('named_snapshot_product_idx')
					.on('named_snapshot')
					.columns(['product_id', 'created_at'])
					.execute();
			}
		}
	};
}

class InlineMigrationProvider implements MigrationProvider {
	constructor(private readonly dialect: Dialect) {}
	async getMigrations() {
		return migrationsFor(this.dialect);
	}
}

/**
 * Brings the schema up to date; throws with the failing migration's name when one fails.
 * `schema` (PostgreSQL): the schema the tables live in. Kysely looks its bookkeeping tables up
 * by name alone otherwise, so another schema's `kysely_migration_lock` in the same database
 * (a parallel or crashed test run) would make it skip creating its own and fail.
 */
export async function migrateToLatest(
	db: AnyDb,
	dialect: Dialect,
	schema?: string
): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: new InlineMigrationProvider(dialect),
		// Migrations are independent of each other, and branches add them in parallel: a
		// database that ran a later one first must still take the earlier ones.
		allowUnorderedMigrations: true,
		...(schema ? { migrationTableSchema: schema } : {})
	});
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export { sql };
