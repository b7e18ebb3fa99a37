import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { migrateToLatest, type Dialect } from './migrations';

export type { Database } from './schema';
export type { Dialect } from './migrations';

/** An open database: the Kysely instance, which dialect it speaks, and how to close it. */
export interface AppDatabase {
	db: Kysely<Database>;
	dialect: Dialect;
	/** A short description for logs, without credentials. */
	describe: string;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else selects SQLite. */
	databaseUrl?: string;
	/** Folder of the SQLite file (`atelier.sqlite`). */
	dataDir: string;
	/** PostgreSQL schema to use (created when missing); lets test runs never collide. */
	postgresSchema?: string;
	/** Run migrations after opening (default true). */
	migrate?: boolean;
}

const INT8_OID = 20;

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<AppDatabase> {
	const url = options.databaseUrl;
	let opened: AppDatabase;
	if (url && /^postgres(ql)?:\/\//.test(url)) {
		const schema = options.postgresSchema;
		if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
			throw new Error(`postgresSchema: expected lowercase letters, digits and _, got "${schema}"`);
		}
		if (schema) {
			const admin = new pg.Client({ connectionString: url });
			await admin.connect();
			await admin.query(`create schema if not exists "${schema}"`);
			await admin.end();
		}
		const pool = new pg.Pool({
			connectionString: url,
			max: 10,
			options: schema ? `-c search_path=${schema}` : undefined,
			// Update ids are bigserial; they stay far below 2^53, so read them as numbers.
			types: {
				getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
					oid === INT8_OID
						? (value: string) => Number(value)
						: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
			}
		});
		const safeUrl = new URL(url);
		safeUrl.password = '';
		opened = {
			db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
			dialect: 'postgres',
			describe: `postgres ${safeUrl.host}${safeUrl.pathname}${schema ? ` schema ${schema}` : ''}`,
			close: async () => {
				await opened.db.destroy();
			}
		};
	} else {
		fs.mkdirSync(options.dataDir, { recursive: true });
		const file = path.join(options.dataDir, 'atelier.sqlite');
		const sqlite = new SQLite(file);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('busy_timeout = 5000');
		// In WAL mode NORMAL still survives a process crash (only an OS crash can lose the tail).
		sqlite.pragma('synchronous = NORMAL');
		opened = {
			db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }),
			dialect: 'sqlite',
			describe: `sqlite ${file}`,
			close: async () => {
				await opened.db.destroy();
			}
		};
	}
	if (options.migrate !== false) {
		const schema = opened.dialect === 'postgres' ? options.postgresSchema : undefined;
		await migrateToLatest(opened.db, opened.dialect, schema);
	}
	return opened;
}
