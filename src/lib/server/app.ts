import path from 'node:path';
import type { Logger } from 'pino';
import { findPublicAsset, readAssetFile } from './assets';
import { createAuth, type Auth } from './auth';
import { readConfig, type ServerConfig } from './config';
import { openDatabase, type AppDatabase } from './db';
import { createLogger } from './log';
import { loadAuthSecret } from './secret';
import { productAccess } from './access';
import { createCollabServer, type CollabServer } from './collab';
import { createProductionQueue, type ProductionQueue } from './production';
import { seedDemo } from './seed';

/** Everything the server process shares between the SvelteKit handler and the websocket rooms. */
export interface AppServices {
	config: ServerConfig;
	log: Logger;
	database: AppDatabase;
	auth: Auth;
	collab: CollabServer;
	/** Makes every order's production files in the background. */
	production: ProductionQueue;
	/** Flushes pending document updates and closes the database. */
	stop(): Promise<void>;
}

/** Opens the database (migrating it), seeds the demo on an empty database, and starts the rooms. */
export async function startServices(config: ServerConfig = readConfig()): Promise<AppServices> {
	const log = createLogger(config.logLevel);
	const database = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.dataDir,
		postgresSchema: config.databaseSchema
	});
	log.info({ database: database.describe }, 'database ready');
	const auth = createAuth({
		database,
		origin: config.origin,
		secret: loadAuthSecret(config.dataDir, config.authSecret),
		trustedOrigins: trustedOriginsFor(config)
	});
	const collab = createCollabServer({
		database,
		log: log.child({ part: 'collab' }),
		redisUrl: config.redisUrl,
		authenticate: async (headers) => {
			const session = await auth.api.getSession({ headers });
			return session ? { userId: session.user.id, name: session.user.name } : null;
		},
		authorize: async (userId, productId) =>
			(await productAccess(database.db, userId, productId))?.role ?? null
	});
	if (config.seed) {
		const seeded = await seedDemo({ database, auth, log });
		if (seeded) {
			log.info(
				{ email: seeded.email, url: config.origin },
				`demo workspace seeded: sign in at ${config.origin} as ${seeded.email} / ${seeded.password}`
			);
		}
	}
	const production = createProductionQueue({
		db: database.db,
		log: log.child({ part: 'production' }),
		dataDir: config.dataDir,
		// Sample art and fonts are static files: the source folder, or adapter-node's copy.
		staticRoots: [path.resolve('static'), path.resolve('build/client')],
		// Uploaded art and fonts: orders pin published versions, whose assets are frozen, so only
		// frozen assets are read (a hash alone never reaches a draft's private files).
		readStoredAsset: async (sha256) => {
			const asset = await findPublicAsset(database.db, sha256);
			const bytes = asset ? await readAssetFile(config.dataDir, asset, 'original') : null;
			return asset && bytes ? { bytes, mime: asset.contentType } : null;
		}
	});
	let stopping: Promise<void> | undefined;
	return {
		config,
		log,
		database,
		auth,
		collab,
		production,
		stop() {
			stopping ??= (async () => {
				await production.stop();
				await collab.close();
				await database.close();
			})();
			return stopping;
		}
	};
}

/** Local origins that may also call the auth endpoints (localhost vs 127.0.0.1 on the same port). */
function trustedOriginsFor(config: ServerConfig): string[] {
	const url = new URL(config.origin);
	if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return [];
	const port = url.port ? `:${url.port}` : '';
	return [`${url.protocol}//localhost${port}`, `${url.protocol}//127.0.0.1${port}`];
}

const SERVICES_KEY = Symbol.for('atelier.services');
type ServicesHolder = { [SERVICES_KEY]?: Promise<AppServices> };

/**
 * The process's services, started on first use. The Node entry (server/index.ts), Vite's dev
 * server plugin and the SvelteKit hooks run as separately bundled copies of this module, so the
 * one instance is kept on globalThis rather than in a module variable.
 */
export function services(): Promise<AppServices> {
	const holder = globalThis as ServicesHolder;
	holder[SERVICES_KEY] ??= startServices();
	return holder[SERVICES_KEY];
}

/** Installs services started elsewhere (tests start their own with a fresh configuration). */
export function provideServices(started: Promise<AppServices>): void {
	(globalThis as ServicesHolder)[SERVICES_KEY] = started;
}
