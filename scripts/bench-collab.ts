/**
 * Figures of the collaboration server. Prints, asserts nothing.
 *
 *   npm run build && npm run bench:collab [-- --clients 20 --edits 300 --rooms 200 --history 10000]
 *
 * 1. Update propagation: `--clients` y-websocket clients in one room of a real server process
 *    (build/server.js on loopback, SQLite in a temp folder, or PostgreSQL with
 *    BENCH_DATABASE_URL); they take turns making one small edit every 15 ms; for each edit, the
 *    time until each other client has applied it. p50 / p95 / max over every (edit, receiver).
 *    The clients run in this process, so their own CPU time is part of the figure.
 * 2. Memory: RSS and V8 heap of that server process (from /proc and its log-free RSS) before and
 *    after `--rooms` rooms are open, each with one client and a small definition.
 * 3. Load time of a draft with `--history` stored updates (what `Room.load` does: read snapshot
 *    and updates, apply them to a Y.Doc), before and after compaction, on SQLite and PostgreSQL
 *    (COLLAB_TEST_DATABASE_URL, default the local `test` database, in a schema of its own).
 *    Target p95 < 50 ms for 1, load < 200 ms for 3.
 */
import fs from 'node:fs';
import os from 'node:os';
import * as Y from 'yjs';
import { writeDefinition } from '../src/lib/collab/definition-doc';
import { createDatabaseDraftStore } from '../src/lib/server/collab/persistence';
import type { AppDatabase } from '../src/lib/server/db';
import {
	createTestAuth,
	newProduct as newProductDirect,
	openTestDatabase,
	signUp as signUpDirect
} from '../src/lib/server/collab/testHarness';
import { newId } from '../src/lib/server/ids';
import { connectEditor, type TestEditor } from '../tests/support/collab-client';
import { baseDefinition } from '../tests/support/definition-ops';
import {
	signUp,
	startServer,
	trpc,
	uniqueEmail,
	type RunningServer
} from '../tests/support/server';

const args = process.argv.slice(2);
function option(name: string, fallback: number): number {
	const i = args.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const n = Number(args[i + 1]);
	if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer`);
	return n;
}
const clientCount = option('clients', 20);
const editCount = option('edits', 300);
const roomCount = option('rooms', 200);
const historySize = option('history', 10_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Resident memory of a process, from /proc (Linux). */
function rssOf(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return kb * 1024;
}

async function newProduct(server: RunningServer, cookie: string, handle: string): Promise<string> {
	const created = await trpc(server.url, cookie, 'product.create', { name: handle, handle });
	const id = (created.body.result?.data as { id: string } | undefined)?.id;
	if (!id) throw new Error(`product.create failed: ${JSON.stringify(created.body)}`);
	return id;
}

async function propagation(server: RunningServer, cookie: string): Promise<void> {
	const productId = await newProduct(server, cookie, `bench-latency-${newId(6)}`);
	const clients: TestEditor[] = [];
	for (let i = 0; i < clientCount; i++) clients.push(connectEditor(server.url, cookie, productId));
	await Promise.all(clients.map((c) => c.synced()));
	const sentAt = new Map<string, number>();
	const samples: number[] = [];
	clients.forEach((client, index) => {
		client.doc.getMap('bench').observe((event) => {
			if (event.transaction.local) return;
			const now = performance.now();
			for (const key of event.keysChanged) {
				const sent = sentAt.get(key);
				if (sent !== undefined && !key.startsWith(`${index}:`)) samples.push(now - sent);
			}
		});
	});
	// Warm-up: the first edits pay for JIT and the database's first inserts.
	for (let i = 0; i < 20; i++) clients[i % clientCount].doc.getMap('warm').set(`w${i}`, i);
	await sleep(500);
	for (let edit = 0; edit < editCount; edit++) {
		const sender = edit % clientCount;
		const key = `${sender}:${edit}`;
		sentAt.set(key, performance.now());
		clients[sender].doc.getMap('bench').set(key, edit);
		await sleep(15);
	}
	const expected = editCount * (clientCount - 1);
	const deadline = Date.now() + 30_000;
	while (samples.length < expected && Date.now() < deadline) await sleep(20);
	for (const c of clients) c.destroy();
	samples.sort((a, b) => a - b);
	console.log(
		`\n1. Update propagation, ${clientCount} clients in one room, ${editCount} edits ` +
			`(${samples.length}/${expected} deliveries measured)`
	);
	console.log(
		`   p50 ${ms(percentile(samples, 50))}   p95 ${ms(percentile(samples, 95))}   ` +
			`max ${ms(samples[samples.length - 1])}   (target p95 < 50 ms)`
	);
}

async function memory(server: RunningServer, cookie: string): Promise<void> {
	const pid = server.process.pid!;
	const productIds: string[] = [];
	for (let i = 0; i < roomCount; i++) {
		productIds.push(await newProduct(server, cookie, `bench-room-${i}-${newId(4)}`));
	}
	await sleep(1000);
	const before = rssOf(pid);
	const clients: TestEditor[] = [];
	for (const [i, productId] of productIds.entries()) {
		const client = connectEditor(server.url, cookie, productId);
		clients.push(client);
		await client.synced();
		writeDefinition(client.doc, { ...baseDefinition(), id: `room-${i}` }, 'bench');
	}
	await sleep(2000);
	const after = rssOf(pid);
	console.log(
		`\n2. Server memory with ${roomCount} open rooms (one client each, small definition)`
	);
	console.log(
		`   RSS before ${mib(before)}, after ${mib(after)}: ` +
			`${mib(after - before)} in all, ${((after - before) / 1024 / roomCount).toFixed(0)} KiB per room`
	);
	for (const c of clients) c.destroy();
}

/** 10 000 small edits, stored one by one as the room would store them. */
async function fillHistory(database: AppDatabase, productId: string): Promise<void> {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => void updates.push(u));
	writeDefinition(doc, baseDefinition(), 'bench');
	const options = doc.getMap('definition').get('options') as Y.Array<Y.Map<unknown>>;
	for (let i = 0; updates.length < historySize; i++) {
		const option = options.get(i % options.length);
		option.set('label', `Label ${i}`);
	}
	// In chunks of plain inserts (the same rows the room appends, without waiting 10 000 round trips).
	for (let i = 0; i < updates.length; i += 500) {
		await database.db
			.insertInto('draft_update')
			.values(
				updates.slice(i, i + 500).map((u) => ({
					product_id: productId,
					update: Buffer.from(u),
					user_id: null,
					created_at: new Date().toISOString()
				}))
			)
			.execute();
	}
}

async function timeLoad(database: AppDatabase, productId: string): Promise<number> {
	const store = createDatabaseDraftStore(database);
	const times: number[] = [];
	for (let run = 0; run < 5; run++) {
		const started = performance.now();
		const { snapshot, updates } = await store.load(productId);
		const doc = new Y.Doc();
		Y.transact(doc, () => {
			if (snapshot) Y.applyUpdate(doc, snapshot);
			for (const { update } of updates) Y.applyUpdate(doc, update);
		});
		times.push(performance.now() - started);
		doc.destroy();
	}
	return times.sort((a, b) => a - b)[2];
}

async function loadTimes(): Promise<void> {
	console.log(`\n3. Loading a draft with ${historySize} stored updates (median of 5)`);
	for (const dialect of ['sqlite', 'postgres'] as const) {
		const testDb = await openTestDatabase(dialect);
		try {
			const { database } = testDb;
			const owner = await signUpDirect(createTestAuth(database), database, 'Bench');
			const productId = await newProductDirect(database, owner.workspaceId);
			await fillHistory(database, productId);
			const before = await timeLoad(database, productId);
			const compactStarted = performance.now();
			const compacted = await createDatabaseDraftStore(database).compact(productId);
			const compactMs = performance.now() - compactStarted;
			const after = await timeLoad(database, productId);
			console.log(
				`   ${dialect.padEnd(8)} before compaction ${ms(before)}, compaction ${ms(compactMs)} ` +
					`(${compacted?.merged ?? 0} merged), after ${ms(after)}   (target < 200 ms)`
			);
		} finally {
			await testDb.dispose();
		}
	}
}

async function main(): Promise<void> {
	// y-websocket adds a process 'exit' listener per provider; hundreds of clients are intended here.
	process.setMaxListeners(0);
	const env: Record<string, string> = {};
	if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
	const server = await startServer({ env });
	console.log(
		`collab benchmark: server ${server.url} (${env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}), ` +
			`${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`
	);
	try {
		const cookie = await signUp(server.url, {
			email: uniqueEmail('bench'),
			password: 'correct-horse-battery',
			name: 'Bench'
		});
		await propagation(server, cookie);
		await memory(server, cookie);
	} finally {
		await server.stop();
		fs.rmSync(server.dataDir, { recursive: true, force: true });
	}
	await loadTimes();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
