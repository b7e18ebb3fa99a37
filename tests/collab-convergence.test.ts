/**
 * Randomized co-editing through the real server process (PostgreSQL + Redis, as in production):
 * clients converge to one definition that the schema accepts and that the database holds, also
 * when the server is killed with SIGKILL in the middle and restarted on the same data.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEditor, eventually } from './support/collab-client';
import { converged, runSession, storedDraft, type Session } from './support/convergence';
import { definitionOf, definitionProblems } from './support/definition-ops';
import { freshSchema, REDIS_URL, type FreshSchema } from './support/postgres';
import { signUp, startServer, trpc, uniqueEmail, type RunningServer } from './support/server';

/** Seeds, clients and operations: 5 runs, 2–8 clients, 560 operations in all. */
const RUNS = [
	{ seed: 1, clients: 2, operations: 80 },
	{ seed: 2, clients: 4, operations: 100 },
	{ seed: 3, clients: 8, operations: 140 },
	{ seed: 4, clients: 6, operations: 120 },
	{ seed: 5, clients: 3, operations: 120 }
];

async function newProduct(server: RunningServer, cookie: string, handle: string): Promise<string> {
	const created = await trpc(server.url, cookie, 'product.create', { name: handle, handle });
	return (created.body.result?.data as { id: string }).id;
}

function destroy(session: Session | undefined): void {
	for (const editor of session?.editors ?? []) editor.destroy();
}

describe('randomized co-editing through the server process', () => {
	let schema: FreshSchema;
	let server: RunningServer;
	let cookie: string;

	beforeAll(async () => {
		schema = await freshSchema('convergence');
		server = await startServer({
			env: {
				...schema.env,
				REDIS_URL,
				ATELIER_AUTH_SECRET: 'convergence-secret-0123456789abcdef'
			}
		});
		cookie = await signUp(server.url, {
			email: uniqueEmail('converge'),
			password: 'correct-horse-battery',
			name: 'Converge'
		});
	});

	afterAll(async () => {
		await server?.stop();
		await schema?.drop();
	});

	it.each(RUNS)(
		'seed $seed: $clients clients, $operations operations with disconnections converge to a valid, stored definition',
		async ({ seed, clients, operations }) => {
			const productId = await newProduct(server, cookie, `converge-${seed}`);
			let session: Session | undefined;
			try {
				session = await runSession({
					urls: [server.url],
					cookie,
					productId,
					clients,
					operations,
					seed
				});
				expect(session.disconnections).toBeGreaterThan(0);
				const expected = definitionOf(session.editors[0].doc);
				expect(definitionProblems(session.editors[0].doc)).toBeNull();

				// A newcomer gets exactly that from the server…
				const fresh = connectEditor(server.url, cookie, productId);
				await fresh.synced();
				expect(definitionOf(fresh.doc)).toBe(expected);
				fresh.destroy();
				// …and the database holds it: every update anyone received was stored first.
				const stored = await storedDraft(schema.query, productId);
				expect(definitionOf(stored)).toBe(expected);
			} finally {
				destroy(session);
			}
		}
	);
});

describe('a SIGKILL of the server in the middle of co-editing', () => {
	it('loses no acknowledged update; clients reconnect by themselves and converge after the restart', async () => {
		const schema = await freshSchema('sigkill');
		const env = {
			...schema.env,
			REDIS_URL,
			ATELIER_AUTH_SECRET: 'sigkill-secret-0123456789abcdefghij'
		};
		let server = await startServer({ env });
		const { port } = server;
		let session: Session | undefined;
		let observer: ReturnType<typeof connectEditor> | undefined;
		try {
			const cookie = await signUp(server.url, {
				email: uniqueEmail('sigkill'),
				password: 'correct-horse-battery',
				name: 'Kill'
			});
			const productId = await newProduct(server, cookie, 'sigkill');
			// The observer never edits: whatever reached it was relayed, so acknowledged as stored.
			observer = connectEditor(server.url, cookie, productId);
			await observer.synced();
			let acknowledged: Uint8Array | undefined;
			const killAt = 90;
			session = await runSession({
				urls: [server.url],
				cookie,
				productId,
				clients: 5,
				operations: 180,
				seed: 42,
				churn: 0.02,
				settleMs: 60_000,
				async beforeStep(step) {
					if (step !== killAt) return;
					await server.kill();
					acknowledged = Y.encodeStateAsUpdate(observer!.doc);
					server = await startServer({ env: { ...env, PORT: String(port) } });
				}
			});
			expect(acknowledged).toBeDefined();

			// Everything the observer had seen when the server died is in the restarted server's draft.
			const reader = connectEditor(server.url, cookie, productId);
			await reader.synced();
			expect(Y.snapshotContainsUpdate(Y.snapshot(reader.doc), acknowledged!)).toBe(true);
			reader.destroy();
			// The observer reconnected by itself too and has the same document as everyone.
			await eventually(
				() => converged([observer!.doc, ...session!.editors.map((e) => e.doc)]),
				'the observer converges',
				30_000
			);
			const stored = await storedDraft(schema.query, productId);
			expect(definitionOf(stored)).toBe(definitionOf(session.editors[0].doc));
		} finally {
			destroy(session);
			observer?.destroy();
			await server.stop();
			await schema.drop();
		}
	});
});
