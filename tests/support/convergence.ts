/**
 * A randomized co-editing session through a real server: N y-websocket clients of one product
 * make random definition edits (tests/support/definition-ops.ts), drop and regain their
 * connection at random, and are then left to settle. Shared by the convergence tests and
 * scripts/soak-collab.ts, so a failing seed replays the same way in both.
 */
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import { connectEditor, type TestEditor } from './collab-client';
import {
	definitionOf,
	definitionProblems,
	randomDefinitionEdit,
	isSeeded,
	seedDefinition,
	tidyDefinition
} from './definition-ops';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
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

export interface SessionOptions {
	/** Base URLs of the instances (http://…); clients are spread over them round-robin. */
	urls: string[];
	cookie: string;
	productId: string;
	clients: number;
	operations: number;
	seed: number;
	/** Chance per operation that a client drops or regains its connection (default 0.04). */
	churn?: number;
	/** Called before operation `step`; may await (e.g. to kill and restart a server). */
	beforeStep?(step: number, session: Session): Promise<void> | void;
	/** How long to wait for quiescence (default 30 s). */
	settleMs?: number;
}

export interface Session {
	editors: TestEditor[];
	/** What each edit did, by kind (to see that the mix is what we think). */
	kinds: Record<string, number>;
	disconnections: number;
}

async function until(check: () => boolean, what: string, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** True when every editor holds the same document (same state vector and same definition). */
export function converged(docs: Y.Doc[]): boolean {
	const vector = Buffer.from(Y.encodeStateVector(docs[0])).toString('base64');
	const definition = definitionOf(docs[0]);
	return docs.every(
		(doc) =>
			Buffer.from(Y.encodeStateVector(doc)).toString('base64') === vector &&
			definitionOf(doc) === definition
	);
}

/**
 * Runs the session and leaves it converged and tidied: every editor connected, every replica
 * identical, the definition accepted by `parseDefinition`. Throws (with the seed) otherwise. The
 * caller destroys `session.editors`.
 */
export async function runSession(options: SessionOptions): Promise<Session> {
	const random = seededRandom(options.seed);
	const churn = options.churn ?? 0.04;
	const settleMs = options.settleMs ?? 30_000;
	const connect = (i: number) =>
		connectEditor(options.urls[i % options.urls.length], options.cookie, options.productId);
	const session: Session = { editors: [], kinds: {}, disconnections: 0 };
	const first = connect(0);
	session.editors.push(first);
	await first.synced();
	if (!isSeeded(first.doc)) seedDefinition(first.doc);
	for (let i = 1; i < options.clients; i++) session.editors.push(connect(i));
	await Promise.all(session.editors.map((e) => e.synced()));
	await until(
		() => session.editors.every((e) => isSeeded(e.doc)),
		'every editor has the seeded definition',
		settleMs
	);

	for (let step = 0; step < options.operations; step++) {
		await options.beforeStep?.(step, session);
		const index = Math.floor(random() * session.editors.length);
		const editor = session.editors[index];
		if (random() < churn) {
			if (editor.provider.shouldConnect) {
				session.disconnections++;
				// Half a clean disconnect, half a dropped socket the provider recovers from by itself.
				if (random() < 0.5) editor.provider.disconnect();
				else (editor.provider.ws as unknown as WebSocket | null)?.close();
			} else {
				editor.provider.connect();
			}
		}
		const kind = randomDefinitionEdit(editor.doc, random, `c${index}`);
		session.kinds[kind] = (session.kinds[kind] ?? 0) + 1;
		if (random() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(random() * 4)));
	}

	for (const editor of session.editors)
		if (!editor.provider.shouldConnect) editor.provider.connect();
	const docs = session.editors.map((e) => e.doc);
	const describe = () => `seed ${options.seed}`;
	await until(() => converged(docs), `convergence (${describe()})`, settleMs);
	// Concurrent edits may leave a rule of a deleted option behind; the studio tidies that as an
	// ordinary edit, which must converge too.
	tidyDefinition(first.doc);
	await until(() => converged(docs), `convergence after tidying (${describe()})`, settleMs);
	const problems = definitionProblems(first.doc);
	if (problems)
		throw new Error(`${describe()}: the definition does not parse: ${problems.join('; ')}`);
	return session;
}

/** The draft as stored in the database (snapshot + updates), read through `query`. */
export async function storedDraft(
	query: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>,
	productId: string
): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const [snapshot] = await query(
		'select state, up_to_update_id from draft_snapshot where product_id = $1',
		[productId]
	);
	if (snapshot) Y.applyUpdate(doc, snapshot.state as Uint8Array);
	const rows = await query(
		'select "update" from draft_update where product_id = $1 and id > $2 order by id',
		[productId, snapshot ? Number(snapshot.up_to_update_id) : 0]
	);
	for (const row of rows) Y.applyUpdate(doc, row.update as Uint8Array);
	return doc;
}
