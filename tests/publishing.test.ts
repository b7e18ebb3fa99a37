import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinition, writeDefinition, type Json } from '../src/lib/collab/definition-doc';
import { connectEditor, eventually, type TestEditor } from './support/collab-client';
import { signUp, startServer, trpc, uniqueEmail, type RunningServer } from './support/server';

/**
 * Publishing end to end against the real server: the gate's refusals with their reasons, the
 * publish right, rollback and promotion as storefronts see them, a draft from a version through
 * the live room, per-store CORS and the public API's answers to bad input.
 */

const password = 'correct-horse-battery';
type Def = { [key: string]: Json };
const jersey = JSON.parse(
	fs.readFileSync(
		path.resolve(import.meta.dirname, '../static/samples/team-jersey/definition.json'),
		'utf8'
	)
) as Def;

interface Reason {
	path: string;
	message: string;
	code: string;
}
type Outcome =
	| { ok: true; version: number; contentHash: string; channel: string; warnings: Reason[] }
	| { ok: false; reason: string; errors: Reason[]; warnings: Reason[] };

describe('publishing', () => {
	let server: RunningServer;
	let owner: string;
	let editorCookie: string;
	let editorUserId: string;
	let slug: string;
	let productId: string;
	let liveUrl: string;
	let author: TestEditor;
	let witness: TestEditor;
	let marker = 0;

	/** Writes the draft as the studio does and waits until the server's room holds it. */
	async function setDraft(definition: Def): Promise<void> {
		const description = `draft ${++marker}`;
		writeDefinition(author.doc, { ...structuredClone(definition), description }, 'test');
		await eventually(
			() => readDefinition(witness.doc).description === description,
			'the draft reaches the server'
		);
	}

	async function publish(cookie: string, input: Record<string, unknown> = {}) {
		const response = await trpc(server.url, cookie, 'product.publish', { productId, ...input });
		return { status: response.status, outcome: response.body.result?.data as Outcome, response };
	}

	async function versionCount(): Promise<number> {
		const listed = await trpc(server.url, owner, 'product.versions', { productId }, 'query');
		return (listed.body.result?.data as unknown[]).length;
	}

	beforeAll(async () => {
		server = await startServer();
		owner = await signUp(server.url, { email: uniqueEmail('owner'), password, name: 'Owner' });
		const list = await trpc(server.url, owner, 'workspace.list', undefined, 'query');
		const { workspaces, activeWorkspaceId } = list.body.result?.data as {
			workspaces: { id: string; slug: string }[];
			activeWorkspaceId: string;
		};
		slug = workspaces.find((w) => w.id === activeWorkspaceId)!.slug;
		const created = await trpc(server.url, owner, 'product.create', {
			name: 'Team jersey',
			handle: 'team-jersey'
		});
		productId = (created.body.result?.data as { id: string }).id;
		liveUrl = `${server.url}/api/v1/stores/${slug}/products/team-jersey`;
		author = connectEditor(server.url, owner, productId);
		witness = connectEditor(server.url, owner, productId);
		await Promise.all([author.synced(), witness.synced()]);

		// An editor joins through an invite link, without the publish right.
		const invite = await trpc(server.url, owner, 'workspace.invite', { role: 'editor' });
		const token = (invite.body.result?.data as { url: string }).url.split('/invite/')[1];
		editorCookie = await signUp(server.url, {
			email: uniqueEmail('editor'),
			password,
			name: 'Editor'
		});
		const joined = await fetch(`${server.url}/invite/${token}?/join`, {
			method: 'POST',
			headers: {
				cookie: editorCookie,
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: '',
			redirect: 'manual'
		});
		expect(joined.status).toBeLessThan(400);
		const members = await trpc(server.url, owner, 'workspace.members', undefined, 'query');
		editorUserId = (members.body.result?.data as { userId: string; role: string }[]).find(
			(m) => m.role === 'editor'
		)!.userId;
	}, 90_000);

	afterAll(async () => {
		author?.destroy();
		witness?.destroy();
		await server?.stop();
	});

	it('refuses a draft with an analysis error, listing the reason with its path', async () => {
		const negative = structuredClone(jersey);
		(negative.pricing as { base: number }).base = -100_000;
		await setDraft(negative);
		const { status, outcome } = await publish(owner);
		expect(status).toBe(200);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.reason).toBe('analysis');
		expect(outcome.errors).toContainEqual({
			path: 'pricing',
			message: expect.stringContaining('price'),
			code: 'negative-price'
		});
		expect(await versionCount()).toBe(0);
	});

	it('refuses a draft whose scenario test fails, naming the scenario', async () => {
		const failing = structuredClone(jersey);
		const scenarios = failing.scenarios as Def[];
		const index = scenarios.findIndex((s) => typeof (s.expect as Def).total === 'number');
		(scenarios[index]!.expect as { total: number }).total += 1;
		await setDraft(failing);
		const { outcome } = await publish(owner);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.reason).toBe('scenarios');
		expect(outcome.errors).toContainEqual({
			path: `scenarios[${index}].expect.total`,
			message: expect.stringContaining(String(scenarios[index]!.name)),
			code: 'scenario-failed'
		});
		// The preview shows the same failing test.
		const preview = await trpc(server.url, owner, 'product.publishPreview', { productId }, 'query');
		const data = preview.body.result?.data as {
			gate: { scenarios: { id: string; passed: boolean }[] };
		};
		expect(data.gate.scenarios.filter((s) => !s.passed)).toHaveLength(1);
		expect(await versionCount()).toBe(0);
	});

	it('holds back warnings until they are acknowledged', async () => {
		const warned = structuredClone(jersey);
		((warned.options as Def[])[0]!.choices as Def[]).push({ id: 'gold', label: 'Gold' });
		(warned.rules as Def[]).push({
			id: 'hide-gold',
			name: 'Gold is not sold yet',
			then: [{ type: 'hideChoice', option: 'color', choice: 'gold' }]
		});
		await setDraft(warned);
		const held = await publish(owner);
		expect(held.outcome.ok).toBe(false);
		if (held.outcome.ok) return;
		expect(held.outcome.reason).toBe('warnings');
		expect(held.outcome.warnings.map((w) => w.code)).toContain('dead-choice');
		expect(held.outcome.warnings.every((w) => w.path && w.message)).toBe(true);
		expect(await versionCount()).toBe(0);

		const acknowledged = await publish(owner, { acknowledgeWarnings: true, note: 'with gold' });
		expect(acknowledged.outcome).toMatchObject({ ok: true, version: 1, channel: 'live' });
	});

	it('previews the semantic diff against live, then refuses an editor without the right', async () => {
		const pricier = structuredClone(jersey);
		const sleeves = (pricier.options as Def[]).find((o) => o.id === 'sleeves')!;
		(sleeves.choices as Def[]).find((c) => c.id === 'long')!.priceDelta = 900;
		pricier.scenarios = (pricier.scenarios as Def[]).filter(
			(s) => (s.configuration as { selections: Def }).selections.sleeves !== 'long'
		);
		await setDraft(pricier);
		const preview = await trpc(server.url, owner, 'product.publishPreview', { productId }, 'query');
		const data = preview.body.result?.data as {
			live: number;
			canPublish: boolean;
			changes: { kind: string; subject: string; message: string }[];
			outcomes: { variants: { before: string; after: string } };
		};
		expect(data.live).toBe(1);
		expect(data.canPublish).toBe(true);
		expect(data.changes.map((c) => c.message)).toEqual(
			expect.arrayContaining([
				"Choice 'Long sleeves' of 'Sleeves': price 8.00 → 9.00 USD",
				"Choice 'Gold' of 'Color' removed",
				"Rule 'Gold is not sold yet' removed"
			])
		);
		expect(BigInt(data.outcomes.variants.after)).toBeGreaterThan(0n);

		const editorPreview = await trpc(
			server.url,
			editorCookie,
			'product.publishPreview',
			{ productId },
			'query'
		);
		expect(editorPreview.body.result?.data).toMatchObject({
			canPublish: false,
			refusal: expect.stringContaining('publish right')
		});
		const refused = await publish(editorCookie);
		expect(refused.status).toBe(403);
		expect(refused.response.body.error?.message).toMatch(/publish right/);
		expect(await versionCount()).toBe(1);
	});

	it('lets an editor publish once an owner gives the right, and only then', async () => {
		const denied = await trpc(server.url, editorCookie, 'workspace.setPublishRight', {
			userId: editorUserId,
			allowed: true
		});
		expect(denied.status).toBe(403);
		const granted = await trpc(server.url, owner, 'workspace.setPublishRight', {
			userId: editorUserId,
			allowed: true
		});
		expect(granted.status).toBe(200);
		const members = await trpc(server.url, owner, 'workspace.members', undefined, 'query');
		expect(members.body.result?.data).toContainEqual(
			expect.objectContaining({ userId: editorUserId, canPublish: true })
		);
		const published = await publish(editorCookie, { note: 'long sleeves 9.00' });
		expect(published.outcome).toMatchObject({ ok: true, version: 2 });
		const versions = await trpc(server.url, owner, 'product.versions', { productId }, 'query');
		expect((versions.body.result?.data as { authorName: string }[])[0]!.authorName).toBe('Editor');

		await trpc(server.url, owner, 'workspace.setPublishRight', {
			userId: editorUserId,
			allowed: false
		});
		expect((await publish(editorCookie)).status).toBe(403);
	});

	it('rolls live back while the old version URL keeps serving its definition, with ETags', async () => {
		const before = await fetch(liveUrl);
		expect(before.headers.get('x-atelier-version')).toBe('2');
		const v2 = await before.json();
		const rollback = await trpc(server.url, owner, 'product.setChannel', {
			productId,
			channel: 'live',
			versionNumber: 1
		});
		expect(rollback.status).toBe(200);

		const live = await fetch(liveUrl);
		expect(live.headers.get('x-atelier-version')).toBe('1');
		const v1 = await live.json();
		expect(v1.options[0].choices.map((c: { id: string }) => c.id)).toContain('gold');
		const etag = live.headers.get('etag')!;
		expect((await fetch(liveUrl, { headers: { 'if-none-match': etag } })).status).toBe(304);

		const v2Url = `${liveUrl}/versions/2`;
		const old = await fetch(v2Url);
		expect(old.status).toBe(200);
		expect(old.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(await old.json()).toEqual(v2);
		const v2Etag = old.headers.get('etag')!;
		expect(v2Etag).not.toBe(etag);
		expect((await fetch(v2Url, { headers: { 'if-none-match': v2Etag } })).status).toBe(304);
		// The live ETag of version 1 no longer matches version 2.
		expect((await fetch(v2Url, { headers: { 'if-none-match': etag } })).status).toBe(200);
	});

	it('publishes to staging without touching live, then promotes', async () => {
		const staged = structuredClone(jersey);
		staged.name = 'Team jersey (staged)';
		await setDraft(staged);
		const result = await publish(owner, { channel: 'staging' });
		expect(result.outcome).toMatchObject({ ok: true, version: 3, channel: 'staging' });
		expect((await fetch(liveUrl)).headers.get('x-atelier-version')).toBe('1');
		const promoted = await trpc(server.url, owner, 'product.promote', { productId });
		expect(promoted.body.result?.data).toEqual({ channel: 'live', versionNumber: 3 });
		const live = await fetch(liveUrl);
		expect(live.headers.get('x-atelier-version')).toBe('3');
		expect((await live.json()).name).toBe('Team jersey (staged)');
	});

	it('starts a new draft from a version through the live room, reaching connected editors', async () => {
		const replaced = await trpc(server.url, owner, 'product.draftFromVersion', {
			productId,
			versionNumber: 2
		});
		expect(replaced.status).toBe(200);
		await eventually(() => {
			const draft = readDefinition(witness.doc);
			const sleeves = (draft.options as Def[]).find((o) => o.id === 'sleeves');
			const long = (sleeves?.choices as Def[] | undefined)?.find((c) => c.id === 'long');
			return long?.priceDelta === 900 && draft.name === jersey.name;
		}, 'the connected editor receives version 2 as the draft');
		const unknownVersion = await trpc(server.url, owner, 'product.draftFromVersion', {
			productId,
			versionNumber: 42
		});
		expect(unknownVersion.status).toBe(404);
	});

	it('answers CORS per store: allowed origins echoed, others refused with 403 JSON', async () => {
		const bad = await trpc(server.url, owner, 'workspace.addStoreOrigin', {
			origin: 'http://shop.example.com/cart'
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error?.message).toMatch(/^origin: expected https:\/\/host/);
		const added = await trpc(server.url, owner, 'workspace.addStoreOrigin', {
			origin: 'https://Shop.Example.com/'
		});
		expect(added.body.result?.data).toEqual({ origin: 'https://shop.example.com' });

		const allowed = await fetch(liveUrl, { headers: { origin: 'https://shop.example.com' } });
		expect(allowed.status).toBe(200);
		expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
		expect(allowed.headers.get('vary')).toMatch(/Origin/);

		const studio = await fetch(liveUrl, { headers: { origin: server.url } });
		expect(studio.headers.get('access-control-allow-origin')).toBe(server.url);

		const refused = await fetch(`${liveUrl}/versions/1`, {
			headers: { origin: 'https://evil.example.com' }
		});
		expect(refused.status).toBe(403);
		expect(refused.headers.get('access-control-allow-origin')).toBeNull();
		expect((await refused.json()).error.message).toMatch(/evil\.example\.com/);

		const preflight = (origin: string) =>
			fetch(liveUrl, {
				method: 'OPTIONS',
				headers: {
					origin,
					'access-control-request-method': 'GET',
					'access-control-request-headers': 'if-none-match'
				}
			});
		const okPreflight = await preflight('https://shop.example.com');
		expect(okPreflight.status).toBe(204);
		expect(okPreflight.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
		expect(okPreflight.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/i);
		const badPreflight = await preflight('https://evil.example.com');
		expect(badPreflight.status).toBe(403);

		// Saved designs follow the same verdict: a store page saves one before adding to cart.
		const designsUrl = `${server.url}/api/v1/stores/${slug}/designs`;
		const saveDesign = (origin: string) =>
			fetch(designsUrl, {
				method: 'POST',
				headers: { origin, 'content-type': 'application/json' },
				body: JSON.stringify({
					product: 'team-jersey',
					version: 1,
					configuration: { selections: {} }
				})
			});
		const designPreflight = await fetch(designsUrl, {
			method: 'OPTIONS',
			headers: {
				origin: 'https://shop.example.com',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'content-type'
			}
		});
		expect(designPreflight.status).toBe(204);
		expect(designPreflight.headers.get('access-control-allow-origin')).toBe(
			'https://shop.example.com'
		);
		expect(designPreflight.headers.get('access-control-allow-methods')).toContain('POST');
		const saved = await saveDesign('https://shop.example.com');
		expect(saved.status).toBe(201);
		expect(saved.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
		const { url: designUrl } = (await saved.json()) as { url: string };
		const readBack = await fetch(designUrl, { headers: { origin: 'https://shop.example.com' } });
		expect(readBack.status).toBe(200);
		expect(readBack.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
		const refusedSave = await saveDesign('https://evil.example.com');
		expect(refusedSave.status).toBe(403);
		expect(refusedSave.headers.get('access-control-allow-origin')).toBeNull();
		const refusedRead = await fetch(designUrl, { headers: { origin: 'https://evil.example.com' } });
		expect(refusedRead.status).toBe(403);

		// No Origin (a server, curl): answered, without CORS headers.
		const serverSide = await fetch(liveUrl);
		expect(serverSide.status).toBe(200);
		expect(serverSide.headers.get('access-control-allow-origin')).toBeNull();

		// Removing the origin refuses it again.
		await trpc(server.url, owner, 'workspace.removeStoreOrigin', {
			origin: 'https://shop.example.com'
		});
		const removed = await fetch(liveUrl, { headers: { origin: 'https://shop.example.com' } });
		expect(removed.status).toBe(403);
	});

	it('answers bad input with clean JSON 4xx', async () => {
		const expectJsonError = async (response: Response, status: number) => {
			expect(response.status, response.url).toBe(status);
			expect(response.headers.get('content-type')).toContain('application/json');
			const body = await response.json();
			expect(typeof body.error.message).toBe('string');
			return body.error.message as string;
		};
		await expectJsonError(await fetch(`${liveUrl}/versions/999`), 404);
		await expectJsonError(
			await fetch(`${server.url}/api/v1/stores/${slug}/products/Not_A_Handle`),
			400
		);
		await expectJsonError(
			await fetch(`${server.url}/api/v1/stores/${slug}/products/${'a'.repeat(61)}`),
			400
		);
		await expectJsonError(await fetch(`${liveUrl}/versions/01`), 400);
		expect(
			await expectJsonError(
				await fetch(liveUrl, { headers: { 'if-none-match': `"${'f'.repeat(4000)}"` } }),
				431
			)
		).toMatch(/If-None-Match/);
		// Beyond Node's 16 KB header limit the entry answers in the same JSON shape.
		await expectJsonError(
			await fetch(liveUrl, { headers: { 'if-none-match': `"${'f'.repeat(20_000)}"` } }),
			431
		);
		const doc = await fetch(`${server.url}/api/v1/openapi.json`);
		const openapi = await doc.json();
		const responses = openapi.paths['/stores/{workspaceSlug}/products/{handle}'].get.responses;
		expect(Object.keys(responses)).toEqual(
			expect.arrayContaining(['200', '304', '400', '403', '404', '431'])
		);
	});
});
