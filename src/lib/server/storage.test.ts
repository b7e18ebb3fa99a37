import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDefinition } from '../collab/definition-doc';
import { migrateToLatest } from './db/migrations';
import { createAuth } from './auth';
import { productAccess, workspaceRole } from './access';
import {
	createProduct,
	duplicateProduct,
	HandleTakenError,
	listProducts,
	renameProduct,
	setArchived
} from './products';
import {
	acceptInvite,
	createInvite,
	createWorkspaceFor,
	findInvite,
	listWorkspaces
} from './workspaces';
import { freshDatabase, TEST_DIALECTS } from './test-databases';
import { seedDemo, DEMO_EMAIL, DEMO_PRODUCTS } from './seed';
import { listCartMappings } from './store-settings';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;

describe.each(TEST_DIALECTS)('storage on %s', (dialect) => {
	let database: Fresh;
	let auth: ReturnType<typeof createAuth>;

	beforeEach(async () => {
		database = await freshDatabase(dialect);
		auth = createAuth({
			database,
			origin: 'http://localhost:3000',
			secret: 'a-test-secret-that-is-long-enough-for-the-auth-library'
		});
	});
	afterEach(async () => {
		await database.drop();
	});

	async function newUser(name: string) {
		const { user } = await auth.api.signUpEmail({
			body: {
				email: `${name}-${Math.random().toString(36).slice(2)}@example.com`,
				password: 'correct-horse',
				name
			}
		});
		const [workspace] = await listWorkspaces(database.db, user.id);
		return { userId: user.id, workspaceId: workspace.id };
	}

	it('runs the migrations again without changing anything', async () => {
		expect(await migrateToLatest(database.db, database.dialect, database.schema)).toEqual([]);
	});

	it('gives every new account a workspace it owns', async () => {
		const { userId, workspaceId } = await newUser('Ada');
		expect(await workspaceRole(database.db, userId, workspaceId)).toBe('owner');
	});

	it('keeps product handles unique within a workspace but not across workspaces', async () => {
		const a = await newUser('Ada');
		const b = await newUser('Bea');
		await createProduct(database.db, { workspaceId: a.workspaceId, name: 'Mug', handle: 'mug' });
		await expect(
			createProduct(database.db, { workspaceId: a.workspaceId, name: 'Mug 2', handle: 'mug' })
		).rejects.toBeInstanceOf(HandleTakenError);
		await expect(
			createProduct(database.db, { workspaceId: b.workspaceId, name: 'Mug', handle: 'mug' })
		).resolves.toMatch(/^[a-z0-9]+$/);
	});

	it('lists, renames, archives and restores products', async () => {
		const a = await newUser('Ada');
		const id = await createProduct(database.db, {
			workspaceId: a.workspaceId,
			name: 'Mug',
			handle: 'mug'
		});
		await renameProduct(database.db, {
			workspaceId: a.workspaceId,
			productId: id,
			name: 'Big mug',
			handle: 'big-mug'
		});
		let [product] = await listProducts(database.db, a.workspaceId);
		expect(product).toMatchObject({
			name: 'Big mug',
			handle: 'big-mug',
			status: 'draft',
			archived: false
		});
		await setArchived(database.db, { workspaceId: a.workspaceId, productId: id, archived: true });
		expect(await listProducts(database.db, a.workspaceId)).toEqual([]);
		[product] = await listProducts(database.db, a.workspaceId, { includeArchived: true });
		expect(product.status).toBe('archived');
		await setArchived(database.db, { workspaceId: a.workspaceId, productId: id, archived: false });
		expect(await listProducts(database.db, a.workspaceId)).toHaveLength(1);
	});

	it('duplicates a product with its draft under a free handle', async () => {
		const a = await newUser('Ada');
		const id = await createProduct(database.db, {
			workspaceId: a.workspaceId,
			name: 'Mug',
			handle: 'mug'
		});
		const draft = new Uint8Array([1, 2, 3]);
		const copy = await duplicateProduct(
			database.db,
			{ workspaceId: a.workspaceId, productId: id },
			async () => draft
		);
		const again = await duplicateProduct(
			database.db,
			{ workspaceId: a.workspaceId, productId: id },
			async () => null
		);
		const products = await listProducts(database.db, a.workspaceId);
		expect(products.map((p) => p.handle).sort()).toEqual(['mug', 'mug-copy', 'mug-copy-2']);
		const snapshot = await database.db
			.selectFrom('draft_snapshot')
			.select('state')
			.where('product_id', '=', copy)
			.executeTakeFirstOrThrow();
		expect(Array.from(snapshot.state)).toEqual([1, 2, 3]);
		expect(again).not.toBe(copy);
	});

	it('hides products of other workspaces exactly as it hides missing ones', async () => {
		const a = await newUser('Ada');
		const b = await newUser('Bea');
		const id = await createProduct(database.db, {
			workspaceId: a.workspaceId,
			name: 'Mug',
			handle: 'mug'
		});
		expect(await productAccess(database.db, a.userId, id)).toMatchObject({ role: 'owner' });
		expect(await productAccess(database.db, b.userId, id)).toBeNull();
		expect(await productAccess(database.db, b.userId, 'doesnotexist')).toBeNull();
	});

	it('lets an invite link add a member with its role, once, until it expires', async () => {
		const a = await newUser('Ada');
		const b = await newUser('Bea');
		const { token } = await createInvite(database.db, {
			workspaceId: a.workspaceId,
			role: 'viewer',
			createdBy: a.userId
		});
		expect(await acceptInvite(database.db, token, b.userId)).toMatchObject({
			ok: true,
			role: 'viewer'
		});
		expect(await workspaceRole(database.db, b.userId, a.workspaceId)).toBe('viewer');
		// Accepting twice keeps one membership.
		await acceptInvite(database.db, token, b.userId);
		const members = await database.db
			.selectFrom('member')
			.selectAll()
			.where('organizationId', '=', a.workspaceId)
			.execute();
		expect(members).toHaveLength(2);
		const expired = await createInvite(database.db, {
			workspaceId: a.workspaceId,
			role: 'editor',
			createdBy: a.userId,
			days: -1
		});
		expect(await findInvite(database.db, expired.token)).toEqual({ ok: false, reason: 'expired' });
		expect(await findInvite(database.db, 'nope')).toEqual({ ok: false, reason: 'not-found' });
	});

	it('appends draft updates in order and reads them back byte for byte', async () => {
		const a = await newUser('Ada');
		const id = await createProduct(database.db, {
			workspaceId: a.workspaceId,
			name: 'Mug',
			handle: 'mug'
		});
		for (let i = 0; i < 20; i++) {
			await database.db
				.insertInto('draft_update')
				.values({
					product_id: id,
					update: new Uint8Array([i, 255 - i]),
					user_id: a.userId,
					created_at: new Date().toISOString()
				})
				.execute();
		}
		const rows = await database.db
			.selectFrom('draft_update')
			.select(['id', 'update'])
			.where('product_id', '=', id)
			.orderBy('id')
			.execute();
		expect(rows.map((r) => Array.from(r.update))).toEqual(
			Array.from({ length: 20 }, (_, i) => [i, 255 - i])
		);
		expect(rows.every((r) => typeof r.id === 'number')).toBe(true);
	});

	it('seeds the demo workspace only on an empty database, with each sample as the draft', async () => {
		const samplesDir = path.join(database.dataDir, 'samples');
		fs.mkdirSync(path.join(samplesDir, 'team-jersey'), { recursive: true });
		fs.writeFileSync(
			path.join(samplesDir, 'team-jersey', 'definition.json'),
			JSON.stringify({ formatVersion: 1, options: [{ id: 'size', kind: 'choice' }] })
		);
		const seeded = await seedDemo({ database, auth, samplesDir });
		expect(seeded?.email).toBe(DEMO_EMAIL);
		const workspace = await database.db
			.selectFrom('organization')
			.selectAll()
			.where('slug', '=', 'demo')
			.executeTakeFirstOrThrow();
		expect(workspace.name).toBe('Demo Store');
		const handles = (await listProducts(database.db, workspace.id)).map((p) => p.handle).sort();
		expect(handles).toEqual(DEMO_PRODUCTS.map((p) => p.handle).sort());
		// Each demo product adds its made-up Shopify variant to the cart (the demo store's snippet).
		const mappings = await listCartMappings(database.db, workspace.id);
		expect(mappings.map((m) => m.shopifyVariantId).sort()).toEqual(
			DEMO_PRODUCTS.map((p) => p.shopifyVariantId).sort()
		);
		const jersey = await database.db
			.selectFrom('draft_snapshot')
			.innerJoin('product', 'product.id', 'draft_snapshot.product_id')
			.select('draft_snapshot.state')
			.where('product.handle', '=', 'team-jersey')
			.executeTakeFirstOrThrow();
		const doc = new Y.Doc();
		Y.applyUpdate(doc, jersey.state);
		expect(readDefinition(doc)).toEqual({
			formatVersion: 1,
			options: [{ id: 'size', kind: 'choice' }],
			name: 'Team jersey',
			handle: 'team-jersey'
		});
		expect(await seedDemo({ database, auth })).toBeNull();
	});

	it('makes a workspace slug unique by adding a suffix', async () => {
		const a = await newUser('Ada');
		const first = await createWorkspaceFor(database.db, { userId: a.userId, name: 'Shop' });
		const second = await createWorkspaceFor(database.db, { userId: a.userId, name: 'Shop' });
		expect(first.slug).toBe('shop');
		expect(second.slug).toMatch(/^shop-[a-z0-9]{4}$/);
	});
});
