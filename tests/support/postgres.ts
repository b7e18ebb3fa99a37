import pg from 'pg';

/** The PostgreSQL server of the cross-process tests (trust auth on this machine and in CI). */
export const POSTGRES_URL =
	process.env.ATELIER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis the multi-instance tests fan out through. */
export const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface FreshSchema {
	/** The server environment that puts its tables in the fresh schema (DATABASE_URL + DATABASE_SCHEMA). */
	env: { DATABASE_URL: string; DATABASE_SCHEMA: string };
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
	const pool = new pg.Pool({
		connectionString: POSTGRES_URL,
		options: `-c search_path=${schema}`,
		max: 2
	});
	return {
		env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema },
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
