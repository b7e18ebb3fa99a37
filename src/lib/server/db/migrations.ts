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
