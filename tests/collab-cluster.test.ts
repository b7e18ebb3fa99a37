/**
 * Two server processes on one PostgreSQL schema and one Redis, as a deployment behind a load
 * balancer runs them: edits, presence and access changes cross instances, and killing one
 * instance loses nothing.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../src/lib/server/collab';
import { connectEditor, eventually, type TestEditor } from './support/collab-client';
import { converged, runSession, storedDraft, type Session } from './support/convergence';
import { definitionOf } from './support/definition-ops';
import { freshSchema, REDIS_URL, type FreshSchema } from './support/postgres';
import { signUp, startServer, trpc, uniqueEmail, type RunningServer } from './support/server';

const password = 'correct-horse-battery';

describe('two instances through Redis', () => {
	let schema: FreshSchema;
	let env: Record<string, string>;
	let first: RunningServer;
	let second: RunningServer;
	let ownerCookie: string;
	const editors: TestEditor[] = [];

	function editor(server: RunningServer, cookie: string, productId: string): TestEditor {
		const created = connectEditor(server.url, cookie, productId);
		editors.push(created);
		return created;
	}

	async function newProduct(handle: string): Promise<string> {
		const created = await trpc(first.url, ownerCookie, 'product.create', { name: handle, handle });
		return (created.body.result?.data as { id: string }).id;
	}

	/** A new account that joins the owner's workspace through an invite link, on `server`. */
	async function member(server: RunningServer, role: 'editor' | 'viewer') {
		const invite = await trpc(server.url, ownerCookie, 'workspace.invite', { role });
		const token = (invite.body.result?.data as { url: string }).url.split('/invite/')[1];
		const email = uniqueEmail(role);
		const cookie = await signUp(server.url, { email, password, name: role });
		const joined = await fetch(`${server.url}/invite/${token}?/join`, {
			method: 'POST',
			headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
			redirect: 'manual'
		});
		expect(joined.status).toBeLessThan(400);
		const members = await trpc(server.url, ownerCookie, 'workspace.members', undefined, 'query');
		const userId = (members.body.result?.data as Array<{ userId: string; email: string }>).find(
			(m) => m.email === email
		)!.userId;
		return { cookie, userId };
	}

	beforeAll(async () => {
		schema = await freshSchema('cluster');
		env = {
			...schema.env,
			REDIS_URL,
			// One secret for both, so a session cookie from one instance is valid on the other.
			ATELIER_AUTH_SECRET: 'cluster-secret-0123456789abcdefghijkl'
		};
		// One after the other: the first one migrates the fresh schema.
		first = await startServer({ env });
		second = await startServer({ env });
		ownerCookie = await signUp(first.url, {
			email: uniqueEmail('owner'),
			password,
			name: 'Owner'
		});
	});

	afterAll(async () => {
		for (const e of editors.splice(0)) e.destroy();
		await Promise.all([first?.stop(), second?.stop()]);
		await schema?.drop();
	});

	it('relays edits and presence between clients of different instances', async () => {
		const productId = await newProduct('cross');
		const a = editor(first, ownerCookie, productId);
		const b = editor(second, ownerCookie, productId);
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getMap('definition').set('name', 'From the first');
		await eventually(() => b.doc.getMap('definition').get('name') === 'From the first', 'a → b');
		b.doc.getArray('layers').push(['from the second']);
		await eventually(() => a.doc.getArray('layers').length === 1, 'b → a');

		a.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#0a6' });
		b.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
		await eventually(
			() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada',
			'b sees a’s presence'
		);
		await eventually(
			() => a.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.x === 10,
			'a sees b’s cursor'
		);
		a.provider.disconnect();
		await eventually(
			() => !b.provider.awareness.getStates().has(a.doc.clientID),
			'a’s presence leaves b when a leaves'
		);
		// Stored once: the instance that received the edit stored it, the other only relayed it.
		const rows = await schema.query<{ n: string }>(
			'select count(*) as n from draft_update where product_id = $1',
			[productId]
		);
		expect(Number(rows[0].n)).toBe(2);
	});

	it('closes a removed member’s socket on the other instance, and the client stays closed', async () => {
		const productId = await newProduct('revoke');
		const removed = await member(first, 'editor');
		const socket = editor(second, removed.cookie, productId);
		await socket.synced();
		const terminal: number[] = [];
		socket.provider.on('closed', (event) => terminal.push(event.code));
		const result = await trpc(first.url, ownerCookie, 'workspace.removeMember', {
			userId: removed.userId
		});
		expect(result.status).toBe(200);
		await eventually(() => terminal.length > 0, 'the socket on the second instance closes', 5_000);
		expect(terminal).toEqual([CloseCodes.accessRevoked]);
		expect(socket.provider.shouldConnect).toBe(false);
	});

	it('makes a demoted editor read-only on the other instance at once', async () => {
		const productId = await newProduct('demote');
		const demoted = await member(first, 'editor');
		const theirs = editor(second, demoted.cookie, productId);
		const owners = editor(first, ownerCookie, productId);
		await Promise.all([theirs.synced(), owners.synced()]);
		theirs.doc.getMap('definition').set('byEditor', 1);
		await eventually(() => owners.doc.getMap('definition').has('byEditor'), 'editor edit arrives');
		const applied = () =>
			second.logs.filter((l) => l.msg === 'collab access changed on open sockets').length;
		const appliedBefore = applied();
		await trpc(first.url, ownerCookie, 'workspace.setRole', {
			userId: demoted.userId,
			role: 'viewer'
		});
		// The role reaches the other instance through Redis; a probe shows when it applies there.
		await eventually(
			() => applied() > appliedBefore,
			'the second instance applied the new role',
			5_000
		);
		theirs.doc.getMap('definition').set('byViewer', 1);
		theirs.provider.awareness.setLocalStateField('user', { name: 'after' });
		await eventually(
			() => owners.provider.awareness.getStates().get(theirs.doc.clientID)?.user?.name === 'after',
			'a frame sent after the edit arrives'
		);
		owners.doc.getMap('definition').set('marker', 1);
		await eventually(() => theirs.doc.getMap('definition').has('marker'), 'marker relayed');
		expect(owners.doc.getMap('definition').has('byViewer')).toBe(false);
		const stored = await storedDraft(schema.query, productId);
		expect(stored.getMap('definition').has('byViewer')).toBe(false);
	});

	it('loses nothing when one instance is killed while clients of both edit', async () => {
		const productId = await newProduct('kill-one');
		const observer = editor(second, ownerCookie, productId);
		await observer.synced();
		let acknowledged: Uint8Array | undefined;
		let session: Session | undefined;
		const { port } = first;
		try {
			session = await runSession({
				urls: [first.url, second.url],
				cookie: ownerCookie,
				productId,
				clients: 6,
				operations: 160,
				seed: 77,
				churn: 0.02,
				settleMs: 60_000,
				async beforeStep(step) {
					if (step !== 80) return;
					await first.kill();
					acknowledged = Y.encodeStateAsUpdate(observer.doc);
					first = await startServer({ env: { ...env, PORT: String(port) } });
				}
			});
			const reader = editor(second, ownerCookie, productId);
			await reader.synced();
			expect(Y.snapshotContainsUpdate(Y.snapshot(reader.doc), acknowledged!)).toBe(true);
			await eventually(
				() => converged([observer.doc, reader.doc, ...session!.editors.map((e) => e.doc)]),
				'everyone converges across both instances',
				30_000
			);
			const stored = await storedDraft(schema.query, productId);
			expect(definitionOf(stored)).toBe(definitionOf(reader.doc));
		} finally {
			for (const e of session?.editors ?? []) e.destroy();
		}
	});
});
