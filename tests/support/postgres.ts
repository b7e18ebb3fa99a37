import pg from 'pg';

/** The PostgreSQL server of the cross-process tests (trust auth on this machine and in CI). */
export const POSTGRES_URL =
	process.env.ATELIER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis the multi-instance tests fan out through. */
export const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface FreshSchema {
	/** A DATABASE_URL whose connections use the fresh schema (`options=-c search_path=…`). */
	databaseUrl: string;
	schema: string;
	/** Runs one query on the schema (e.g. to read what a server stored). */
	query<Row extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
	drop(): Promise<void>;
}

/** A new, empty PostgreSQL schema for server processes to migrate and use; dropped afterwards. */
export async function freshSchema(tag: string): Promise<FreshSchema> {
	const schema = `${tag}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: POSTGRES_URL });
	await admin.connect();
	await admin.query(`create schema "${schema}"`);
	await admin.end();
	const url = new URL(POSTGRES_URL);
	url.searchParams.set('options', `-c search_path=${schema}`);
	const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
	return {
		databaseUrl: url.toString(),
		schema,
		async query(text, values) {
			return (await pool.query(text, values)).rows;
		},
		async drop() {
			await pool.end();
			const client = new pg.Client({ connectionString: POSTGRES_URL });
			await client.connect();
			await client.query(`drop schema if exists "${schema}" cascade`);
			await client.end();
		}
	};
}
