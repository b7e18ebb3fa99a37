import path from 'node:path';

/** Runtime settings, read once from the environment. Every variable is documented in README.md. */
export interface ServerConfig {
	port: number;
	/** Interface to bind; unset binds every interface (IPv4 and IPv6), so localhost always works. */
	host: string | undefined;
	/** Public origin of the studio, e.g. https://atelier.example.com. Cookies are `secure` when it is https. */
	origin: string;
	dataDir: string;
	/** `postgres://…` selects PostgreSQL; empty selects the embedded SQLite file in `dataDir`. */
	databaseUrl: string | undefined;
	/** PostgreSQL schema to keep Atelier's tables in (created when missing); default the user's. */
	databaseSchema: string | undefined;
	redisUrl: string | undefined;
	seed: boolean;
	logLevel: string;
	/** Secret that signs session cookies. Generated and kept in `dataDir` when not given. */
	authSecret: string | undefined;
}

/** Reads the configuration from an environment object (process.env in production). */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
	const port = Number(env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT: expected an integer between 0 and 65535, got "${env.PORT}"`);
	}
	const host = env.HOST || undefined;
	return {
		port,
		host,
		origin: env.ORIGIN || `http://localhost:${port}`,
		dataDir: path.resolve(env.DATA_DIR || './data'),
		databaseUrl: env.DATABASE_URL || undefined,
		databaseSchema: env.DATABASE_SCHEMA || undefined,
		redisUrl: env.REDIS_URL || undefined,
		seed: env.ATELIER_SEED !== '0',
		logLevel: env.LOG_LEVEL || 'info',
		authSecret: env.ATELIER_AUTH_SECRET || env.BETTER_AUTH_SECRET || undefined
	};
}
