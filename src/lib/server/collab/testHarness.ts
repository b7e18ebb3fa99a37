/**
 * Real parts for the collaboration tests: a database (SQLite in a temp dir, or a fresh PostgreSQL
 * schema), better-auth users with session cookies, a `node:http` server on port 0 whose 'upgrade'
 * goes to `handleUpgrade`, and `y-websocket` clients. Not a test file itself.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { productAccess } from '../access';
import { createAuth, type Auth } from '../auth';
import { openDatabase, type AppDatabase, type Dialect } from '../db';
import { newId } from '../ids';
import { createProduct } from '../products';
import { acceptInvite, createInvite } from '../workspaces';
import { createCollabServer } from './server';
import type { CollabOptions, CollabServer } from './types';

export const POSTGRES_URL =
	process.env.COLLAB_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis of the fan-out tests (channels are per product id, so test runs do not collide). */
export const REDIS_URL = process.env.COLLAB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
	database: AppDatabase;
	dispose(): Promise<void>;
}

/** A fresh database of the dialect: its own temp dir (SQLite) or its own schema (PostgreSQL). */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-collab-'));
	if (dialect === 'sqlite') {
		const database = await openDatabase({ dataDir });
		return {
			database,
			async dispose() {
				await database.close();
				fs.rmSync(dataDir, { recursive: true, force: true });
			}
		};
	}
	const postgresSchema = `collab_test_${newId(10)}`;
	const database = await openDatabase({ databaseUrl: POSTGRES_URL, dataDir, postgresSchema });
	return {
		database,
		async dispose() {
			await database.close();
			const admin = new pg.Client({ connectionString: POSTGRES_URL });
			await admin.connect();
			await admin.query(`drop schema if exists "${postgresSchema}" cascade`);
			await admin.end();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** One parsed pino line. */
export interface LogRecord {
	level: number;
	msg: string;
	productId?: string;
	userId?: string;
	[key: string]: unknown;
}

export const LogLevel = { debug: 20, info: 30, warn: 40, error: 50 } as const;

export interface TestServer {
	collab: CollabServer;
	auth: Auth;
	/** `ws://127.0.0.1:<port>/collab` — y-websocket appends `/<productId>`. */
	url: string;
	logs: LogRecord[];
	/** Every `authorize` call, to prove an upgrade was refused before it. */
	authorizeCalls: string[];
	stop(): Promise<void>;
}

const SECRET = 'collab-test-secret-that-is-long-enough-0123456789';

export function createTestAuth(database: AppDatabase): Auth {
	return createAuth({ database, origin: 'http://localhost:3000', secret: SECRET });
}

/** The collaboration server as production wires it, on a real HTTP server on port 0. */
export async function startTestServer(
	database: AppDatabase,
	overrides: Partial<
		Pick<
			CollabOptions,
			| 'roomIdleMs'
			| 'compactAfterUpdates'
			| 'keepaliveMs'
			| 'touchThrottleMs'
			| 'maxMessageBytes'
			| 'rateLimit'
			| 'accessSweepMs'
			| 'redisUrl'
		>
	> = {}
): Promise<TestServer> {
	const logs: LogRecord[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString('utf8').split('\n'))
				if (line) logs.push(JSON.parse(line) as LogRecord);
			done();
		}
	});
	const log = pino({ level: 'debug' }, sink);
	const auth = createTestAuth(database);
	const authorizeCalls: string[] = [];
	const collab = createCollabServer({
		database,
		log,
		async authenticate(headers) {
			const session = await auth.api.getSession({ headers });
			return session ? { userId: session.user.id, name: session.user.name } : null;
		},
		async authorize(userId, productId) {
			authorizeCalls.push(productId);
			return (await productAccess(database.db, userId, productId))?.role ?? null;
		},
		...overrides
	});
	const server = http.createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	server.on('upgrade', (req, socket, head) => {
		if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		collab,
		auth,
		url: `ws://127.0.0.1:${port}/collab`,
		logs,
		authorizeCalls,
		async stop() {
			await collab.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

export interface TestUser {
	userId: string;
	name: string;
	/** The `Cookie` header a browser would send. */
	cookie: string;
	/** The workspace created at sign-up, where the user is owner. */
	workspaceId: string;
}

/** Signs a new user up through better-auth and returns their session cookie. */
export async function signUp(auth: Auth, database: AppDatabase, name: string): Promise<TestUser> {
	const email = `${name.toLowerCase()}-${newId(6)}@example.test`;
	const { headers, response } = await auth.api.signUpEmail({
		body: { email, password: 'correct-horse-battery', name },
		returnHeaders: true
	});
	const cookie = headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	const userId = response.user.id;
	const member = await database.db
		.selectFrom('member')
		.select('organizationId')
		.where('userId', '=', userId)
		.where('role', '=', 'owner')
		.executeTakeFirstOrThrow();
	return { userId, name, cookie, workspaceId: member.organizationId };
}

/** Adds `user` to `owner`'s workspace with a role, through an invite link. */
export async function joinWorkspace(
	database: AppDatabase,
	owner: TestUser,
	user: TestUser,
	role: 'editor' | 'viewer'
): Promise<void> {
	const { token } = await createInvite(database.db, {
		workspaceId: owner.workspaceId,
		role,
		createdBy: owner.userId
	});
	const accepted = await acceptInvite(database.db, token, user.userId);
	if (!accepted.ok) throw new Error(`invite not accepted: ${accepted.reason}`);
}

export async function newProduct(database: AppDatabase, workspaceId: string): Promise<string> {
	return createProduct(database.db, {
		workspaceId,
		name: 'Test product',
		handle: `test-${newId(8)}`
	});
}

/** A `ws` WebSocket that sends the cookie, as a browser would for a same-origin socket. */
export function webSocketWithCookie(
	cookie: string
): new (address: string | URL, protocols?: string | string[]) => WebSocket {
	return class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close events the provider saw, in order. */
	closes: Array<{ code: number; reason: string }>;
	synced(): Promise<void>;
	destroy(): void;
}

/** The studio's client: y-websocket's WebsocketProvider, unchanged, over a cookie-sending `ws`. */
export function connectClient(
	server: Pick<TestServer, 'url'>,
	productId: string,
	user: TestUser,
	/** A doc set up beforehand (e.g. with observers that must run before the provider's). */
	doc = new Y.Doc()
): TestClient {
	const provider = new WebsocketProvider(server.url, productId, doc, {
		WebSocketPolyfill: webSocketWithCookie(user.cookie) as unknown as typeof globalThis.WebSocket,
		// Same-process clients would otherwise sync through BroadcastChannel, around the server.
		disableBc: true,
		maxBackoffTime: 200
	});
	const closes: TestClient['closes'] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return {
		doc,
		provider,
		closes,
		synced: () =>
			provider.synced
				? Promise.resolve()
				: new Promise<void>((resolve) => {
						const onSync = (state: boolean) => {
							if (!state) return;
							provider.off('sync', onSync);
							resolve();
						};
						provider.on('sync', onSync);
					}),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Polls until `check` holds (or throws with `what` after `timeoutMs`). */
export async function waitFor(
	what: string,
	check: () => boolean | Promise<boolean>,
	timeoutMs = 10_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** The HTTP answer to an upgrade that was refused: status and body. */
export function upgradeRefusal(
	url: string,
	cookie?: string
): Promise<{ status: number; body: string } | { status: 101; body: '' }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
		ws.on('unexpected-response', (_req, res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		ws.on('open', () => {
			ws.close();
			resolve({ status: 101, body: '' });
		});
		ws.on('error', (error) => {
			if (!/Unexpected server response/.test(error.message)) reject(error);
		});
	});
}

/** A small seeded PRNG (mulberry32), so a failing random test can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One random edit of the kinds a product draft sees: options map, layer list, product name. */
export function randomEdit(doc: Y.Doc, random: () => number, tag: string): void {
	const options = doc.getMap<string>('options');
	const layers = doc.getArray<string>('layers');
	const name = doc.getText('name');
	const pick = random();
	doc.transact(() => {
		if (pick < 0.35) {
			options.set(`o${Math.floor(random() * 12)}`, `${tag}-${Math.floor(random() * 1000)}`);
		} else if (pick < 0.5 && options.size > 0) {
			const keys = [...options.keys()];
			options.delete(keys[Math.floor(random() * keys.length)]);
		} else if (pick < 0.75) {
			layers.insert(Math.floor(random() * (layers.length + 1)), [`${tag}-layer`]);
		} else if (pick < 0.85 && layers.length > 0) {
			layers.delete(Math.floor(random() * layers.length), 1);
		} else {
			name.insert(
				Math.floor(random() * (name.length + 1)),
				tag.slice(0, 1 + Math.floor(random() * tag.length))
			);
		}
	});
}

/** The parts of a draft the tests compare (map keys sorted: Y.Map order is not part of its value). */
export function draftJson(doc: Y.Doc): unknown {
	const options = doc.getMap('options').toJSON();
	return {
		options: Object.fromEntries(
			Object.keys(options)
				.sort()
				.map((key) => [key, options[key]])
		),
		layers: doc.getArray('layers').toJSON(),
		name: doc.getText('name').toString()
	};
}

/** A doc built from one stored update (null → empty doc). */
export function docFrom(state: Uint8Array | null): Y.Doc {
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	return doc;
}
