import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftStateFromDefinition, type Json } from '../collab/definition-doc';
import { mayPublish } from './access';
import { nowIso } from './ids';
import { createProduct } from './products';
import {
	canonicalJson,
	findPublished,
	gateDefinition,
	listVersions,
	promoteChannel,
	publishDraft,
	readVersion,
	setChannel,
	sha256Hex
} from './publish';
import { freshDatabase, TEST_DIALECTS } from './test-databases';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;
type Def = { [key: string]: Json };

const jersey = JSON.parse(
	fs.readFileSync(path.resolve('static/samples/team-jersey/definition.json'), 'utf8')
) as Def;

function clone(): Def {
	return structuredClone(jersey);
}

describe('canonicalJson', () => {
	it('sorts keys at every level, so key order never changes the hash', () => {
		expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
			'{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}'
		);
		expect(sha256Hex(canonicalJson({ a: 1, b: 2 }))).toBe(sha256Hex(canonicalJson({ b: 2, a: 1 })));
	});
});

describe.each(TEST_DIALECTS)('publishing on %s', (dialect) => {
	let database: Fresh;
	let workspaceId: string;
	let productId: string;

	beforeEach(async () => {
		database = await freshDatabase(dialect);
		workspaceId = 'ws' + Math.random().toString(36).slice(2, 10);
		await database.db
			.insertInto('organization')
			.values({
				id: workspaceId,
				name: 'Shop',
				slug: 'shop',
				logo: null,
				createdAt: nowIso(),
				metadata: null
			})
			.execute();
		productId = await createProduct(database.db, {
			workspaceId,
			name: 'Team jersey',
			handle: 'team-jersey'
		});
	});
	afterEach(async () => {
		await database.drop();
	});

	const publish = (
		definition: Def,
		extra: { note?: string; channel?: string; acknowledgeWarnings?: boolean } = {}
	) =>
		publishDraft(database.db, {
			productId,
			workspaceId,
			authorId: 'user-1',
			draftState: draftStateFromDefinition(definition),
			...extra
		});

	async function storedCount() {
		const row = await database.db
			.selectFrom('product_version')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('product_id', '=', productId)
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	it('publishes the team-jersey draft as version 1, then 2, and points live at the newest', async () => {
		const first = await publish(jersey, { note: 'first' });
		if (!first.ok) throw new Error(JSON.stringify(first.errors));
		expect(first.version).toBe(1);
		expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(Array.isArray(first.warnings)).toBe(true);

		const stored = await findPublished(database.db, {
			workspaceSlug: 'shop',
			handle: 'team-jersey',
			channel: 'live'
		});
		expect(stored?.number).toBe(1);
		expect(sha256Hex(stored!.definition)).toBe(first.contentHash);
		expect(JSON.parse(stored!.definition).handle).toBe('team-jersey');

		const changed = clone();
		(changed.pricing as { base: number }).base += 100;
		// The scenarios pin prices: keep them true to the new base price.
		changed.scenarios = [];
		const second = await publish(changed, { note: 'price up' });
		if (!second.ok) throw new Error(JSON.stringify(second.errors));
		expect(second.version).toBe(2);
		expect(second.contentHash).not.toBe(first.contentHash);

		const live = await findPublished(database.db, {
			workspaceSlug: 'shop',
			handle: 'team-jersey',
			channel: 'live'
		});
		expect(live?.number).toBe(2);
		const versions = await listVersions(database.db, productId);
		expect(versions.map((v) => [v.number, v.note, v.channels])).toEqual([
			[2, 'price up', ['live']],
			[1, 'first', []]
		]);
	});

	it('gives the same content hash for the same definition', async () => {
		const a = await publish(jersey);
		const b = await publish(clone());
		expect(a.ok && b.ok && a.contentHash === b.contentHash).toBe(true);
	});

	it('refuses an invalid draft with the paths of the errors and stores nothing', async () => {
		const broken = clone();
		(broken.options as Def[])[0]!.kind = 'dial';
		const result = await publish(broken);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.length).toBeGreaterThan(0);
		expect(result.errors[0]!.path).toMatch(/^options\[0\]/);
		expect(result.errors[0]!.code).toBe('schema-error');
		expect(await storedCount()).toBe(0);

		const empty = await publish({});
		expect(empty.ok).toBe(false);
		expect(await storedCount()).toBe(0);
		expect(
			await findPublished(database.db, {
				workspaceSlug: 'shop',
				handle: 'team-jersey',
				channel: 'live'
			})
		).toBeNull();
	});

	it('refuses a draft with an analysis error (negative price), naming its code and path', async () => {
		const negative = clone();
		(negative.pricing as { base: number }).base = -100_000;
		const result = await publish(negative);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toContainEqual({
			path: 'pricing',
			message: expect.stringContaining('unit price'),
			code: 'negative-price'
		});
		expect(await storedCount()).toBe(0);
	});

	it('refuses a draft whose scenario test fails, naming the scenario', async () => {
		const failing = clone();
		const scenarios = failing.scenarios as Def[];
		const index = scenarios.findIndex((s) => typeof (s.expect as Def)?.total === 'number');
		expect(index).toBeGreaterThanOrEqual(0);
		(scenarios[index]!.expect as { total: number }).total += 1;
		const result = await publish(failing);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toContainEqual({
			path: `scenarios[${index}].expect.total`,
			message: expect.stringContaining(String(scenarios[index]!.name)),
			code: 'scenario-failed'
		});
		expect(await storedCount()).toBe(0);
	});

	it('rolls the live channel back to an older version and promotes staging', async () => {
		await publish(jersey);
		const changed = clone();
		changed.name = 'Team jersey 2';
		await publish(changed);
		expect(await setChannel(database.db, { productId, channel: 'live', versionNumber: 1 })).toBe(
			true
		);
		const live = await findPublished(database.db, {
			workspaceSlug: 'shop',
			handle: 'team-jersey',
			channel: 'live'
		});
		expect(live?.number).toBe(1);
		expect(await setChannel(database.db, { productId, channel: 'live', versionNumber: 9 })).toBe(
			false
		);

		const staged = await publish(jersey, { channel: 'staging' });
		expect(staged.ok && staged.version).toBe(3);
		expect(
			(
				await findPublished(database.db, {
					workspaceSlug: 'shop',
					handle: 'team-jersey',
					channel: 'live'
				})
			)?.number
		).toBe(1);
		await setChannel(database.db, { productId, channel: 'live', versionNumber: 3 });
		const versions = await listVersions(database.db, productId);
		expect(versions[0]!.channels).toEqual(['live', 'staging']);
		// Versions by number stay reachable whatever the channels say.
		const v2 = await findPublished(database.db, {
			workspaceSlug: 'shop',
			handle: 'team-jersey',
			versionNumber: 2
		});
		expect(JSON.parse(v2!.definition).name).toBe('Team jersey 2');
		expect(
			await findPublished(database.db, { workspaceSlug: 'shop', handle: 'nope', versionNumber: 1 })
		).toBeNull();
	});
	it('holds back a draft with warnings until they are acknowledged, listing them', async () => {
		const warned = clone();
		const color = (warned.options as Def[])[0]!;
		(color.choices as Def[]).push({ id: 'gold', label: 'Gold' });
		(warned.rules as Def[]).push({
			id: 'hide-gold',
			name: 'Gold is not sold yet',
			then: [{ type: 'hideChoice', option: 'color', choice: 'gold' }]
		});
		const held = await publish(warned);
		expect(held.ok).toBe(false);
		if (held.ok) return;
		expect(held.reason).toBe('warnings');
		expect(held.errors).toEqual([]);
		expect(held.warnings).toContainEqual({
			path: expect.stringMatching(/^options\[0\]\.choices\[\d+\]/),
			message: expect.any(String),
			code: 'dead-choice'
		});
		expect(await storedCount()).toBe(0);

		const published = await publish(warned, { acknowledgeWarnings: true });
		expect(published.ok && published.version).toBe(1);
		expect(published.ok && published.warnings.length).toBeGreaterThan(0);
	});

	it('names the gate step that refused: schema, analysis, scenarios', () => {
		expect(gateDefinition({ formatVersion: 1 }).ok).toBe(false);
		const negative = clone();
		(negative.pricing as { base: number }).base = -100_000;
		const analysis = gateDefinition(negative);
		expect(!analysis.ok && analysis.reason).toBe('analysis');
		const ok = gateDefinition(jersey);
		expect(ok.ok && ok.scenarios.every((s) => s.passed)).toBe(true);
	});

	it('promotes staging to live and reads a version back with its definition', async () => {
		expect(await promoteChannel(database.db, { productId })).toBeNull();
		await publish(jersey);
		const renamed = clone();
		renamed.name = 'Staged jersey';
		await publish(renamed, { channel: 'staging' });
		expect(await promoteChannel(database.db, { productId })).toBe(2);
		const versions = await listVersions(database.db, productId);
		expect(versions[0]!.channels).toEqual(['live', 'staging']);
		const v2 = await readVersion(database.db, productId, 2);
		expect(JSON.parse(v2!.definition).name).toBe('Staged jersey');
		expect(await readVersion(database.db, productId, 7)).toBeNull();
	});

	it('lets owners publish, editors only with the right, viewers never', async () => {
		const db = database.db;
		for (const id of ['u-owner', 'u-editor', 'u-viewer']) {
			await db
				.insertInto('user')
				.values({
					id,
					name: id,
					email: `${id}@example.com`,
					emailVerified: dialect === 'sqlite' ? 0 : false,
					image: null,
					createdAt: nowIso(),
					updatedAt: nowIso()
				})
				.execute();
		}
		expect(await mayPublish(db, 'u-owner', workspaceId, 'owner')).toBe(true);
		expect(await mayPublish(db, 'u-editor', workspaceId, 'editor')).toBe(false);
		await db
			.insertInto('publish_right')
			.values([
				{ workspace_id: workspaceId, user_id: 'u-editor', granted_by: null, created_at: nowIso() },
				{ workspace_id: workspaceId, user_id: 'u-viewer', granted_by: null, created_at: nowIso() }
			])
			.execute();
		expect(await mayPublish(db, 'u-editor', workspaceId, 'editor')).toBe(true);
		expect(await mayPublish(db, 'u-viewer', workspaceId, 'viewer')).toBe(false);
	});
});
