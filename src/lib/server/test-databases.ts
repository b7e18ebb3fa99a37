import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type AppDatabase } from './db';

/** The PostgreSQL server the storage tests use; every run gets a schema of its own in it. */
export const TEST_POSTGRES_URL =
	process.env.ATELIER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDialect = 'sqlite' | 'postgres';
export const TEST_DIALECTS: TestDialect[] = ['sqlite', 'postgres'];

/**
 * A fresh, migrated database of the given dialect: a new SQLite file in a temporary folder, or a
 * new PostgreSQL schema. `drop()` closes it and removes the file or schema, so runs never collide.
 */
export async function freshDatabase(
	dialect: TestDialect
): Promise<AppDatabase & { dataDir: string; schema?: string; drop(): Promise<void> }> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-db-'));
	if (dialect === 'sqlite') {
		const database = await openDatabase({ dataDir });
		return {
			...database,
			dataDir,
			async drop() {
				await database.close();
				fs.rmSync(dataDir, { recursive: true, force: true });
			}
		};
	}
	const schema = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const database = await openDatabase({
		databaseUrl: TEST_POSTGRES_URL,
		dataDir,
		postgresSchema: schema
	});
	return {
		...database,
		dataDir,
		schema,
		async drop() {
			await database.close();
			const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
			await client.connect();
			await client.query(`drop schema if exists "${schema}" cascade`);
			await client.end();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
