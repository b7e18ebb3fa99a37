import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftStateFromDefinition, type Json } from '../collab/definition-doc';
import { nowIso } from './ids';
import { placeOrderIdempotently } from './order-api';
import {
	getOrder,
	listOrders,
	parseOrderBody,
	setOrderStatus,
	type OrderItemInput
} from './orders';
import { createProduct, setArchived } from './products';
import { publishDraft } from './publish';
import { freshDatabase, TEST_DIALECTS } from './test-databases';

const jersey = JSON.parse(
	fs.readFileSync(path.resolve('static/samples/team-jersey/definition.json'), 'utf8')
) as { [key: string]: Json };

/** A complete configuration of the sample jersey; the core prices 3 of them at 12100 USD. */
const selections = { color: 'red', size: 'm', sleeves: 'short', league: 'recreational' };
const goodItem: OrderItemInput = {
	product: 'team-jersey',
	version: 1,
	configuration: { selections, quantity: 3 },
	price: { amount: 12100, currency: 'USD' }
};

describe('parseOrderBody', () => {
	it('accepts configured items and design references', () => {
		const result = parseOrderBody({
			items: [goodItem, { design: 'd_123', price: { amount: 100, currency: 'EUR' } }],
			customer: { name: 'Ada', email: 'ada@example.com' }
		});
		expect(result.ok).toBe(true);
	});

	it('names the path of every malformed field', () => {
		const result = parseOrderBody({
			items: [
				{ ...goodItem, price: { amount: 45.5, currency: 'EUR' } },
				{ ...goodItem, version: '1', product: 'Team Jersey' },
				{ design: '', price: { amount: 1, currency: 'eur' } }
			]
		});
		if (result.ok) throw new Error('expected errors');
		const paths = result.issues.map((i) => i.path);
		expect(paths).toContain('items[0].price.amount');
		expect(paths).toContain('items[1].version');
		expect(paths).toContain('items[1].product');
		expect(paths).toContain('items[2].design');
		expect(paths).toContain('items[2].price.currency');
		expect(result.issues.find((i) => i.path === 'items[0].price.amount')?.message).toMatch(
			/integer amount in minor units/
		);
	});

	it('refuses an empty order, unknown fields and a non-object', () => {
		const empty = parseOrderBody({ items: [] });
		expect(!empty.ok && empty.issues[0]?.path).toBe('items');
		const extra = parseOrderBody({ items: [{ ...goodItem, discount: 5 }] });
		expect(!extra.ok && extra.issues[0]?.path).toBe('items[0]');
		expect(parseOrderBody('order').ok).toBe(false);
		expect(parseOrderBody({ items: [goodItem], customer: { email: 'nope' } }).ok).toBe(false);
	});
});

describe.each(TEST_DIALECTS)('order storage on %s', (dialect) => {
	let database: Awaited<ReturnType<typeof freshDatabase>>;
	const workspaceId = 'wsorders';

	beforeAll(async () => {
		database = await freshDatabase(dialect);
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
		const productId = await createProduct(database.db, {
			workspaceId,
			name: 'Team jersey',
			handle: 'team-jersey'
		});
		const published = await publishDraft(database.db, {
			productId,
			workspaceId,
			authorId: null,
			draftState: draftStateFromDefinition(jersey)
		});
		if (!published.ok) throw new Error(JSON.stringify(published.errors));
		const archivedId = await createProduct(database.db, {
			workspaceId,
			name: 'Old jersey',
			handle: 'old-jersey'
		});
		await publishDraft(database.db, {
			productId: archivedId,
			workspaceId,
			authorId: null,
			draftState: draftStateFromDefinition({ ...jersey, handle: 'old-jersey' })
		});
		await setArchived(database.db, { workspaceId, productId: archivedId, archived: true });
		await createProduct(database.db, { workspaceId, name: 'Draft only', handle: 'draft-only' });
	}, 60_000);
	afterAll(async () => {
		await database?.drop();
	});

	const place = (key: string, items: OrderItemInput[], hash = `hash-${key}`) =>
		placeOrderIdempotently(database.db, {
			workspaceId,
			workspaceSlug: 'shop',
			idempotencyKey: key,
			requestHash: hash,
			items,
			meta: { source: 'api', actor: 'API', customer: { name: 'Ada' } }
		});

	it('stores one order for five parallel requests with one key, and answers each the same', async () => {
		const answers = await Promise.all(
			Array.from({ length: 5 }, () => place('parallel-1', [goodItem]))
		);
		expect(answers.map((a) => a.answer.status)).toEqual([201, 201, 201, 201, 201]);
		const bodies = new Set(answers.map((a) => JSON.stringify(a.answer.body)));
		expect(bodies.size).toBe(1);
		expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
		const orders = await listOrders(database.db, workspaceId);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({
			number: 1,
			status: 'new',
			total: { amount: 12100, currency: 'USD' },
			quantity: 3,
			products: ['Team jersey']
		});
	});

	it('numbers parallel orders of one workspace 2, 3, 4 … without gaps or repeats', async () => {
		const answers = await Promise.all(
			Array.from({ length: 4 }, (_, i) => place(`numbered-${i}`, [goodItem]))
		);
		const numbers = answers
			.map((a) => (a.answer.body as { order: { number: number } }).order.number)
			.sort((a, b) => a - b);
		expect(numbers).toEqual([2, 3, 4, 5]);
	});

	it('refuses the same key with a different body, and keeps a refusal for a retried key', async () => {
		const other = await place('parallel-1', [goodItem], 'another-hash');
		expect(other.answer.status).toBe(422);
		const tampered = { ...goodItem, price: { amount: 100, currency: 'USD' } };
		const first = await place('tampered-1', [tampered]);
		const again = await place('tampered-1', [tampered]);
		expect(first.answer.status).toBe(422);
		expect(again).toEqual({ answer: first.answer, replayed: true });
		expect(JSON.stringify(first.answer.body)).toContain(
			'items[0].price: expected 12100 USD, got 100 USD'
		);
	});

	it('refuses archived, unpublished and unknown products and versions with the item path', async () => {
		const { answer } = await place('products-1', [
			{ ...goodItem, product: 'old-jersey' },
			{ ...goodItem, product: 'draft-only' },
			{ ...goodItem, product: 'no-such-thing' },
			{ ...goodItem, version: 9 }
		]);
		expect(answer.status).toBe(422);
		const issues = (answer.body as { error: { errors: { path: string; message: string }[] } }).error
			.errors;
		expect(issues).toEqual([
			expect.objectContaining({
				path: 'items[0].product',
				message: expect.stringMatching(/archived/)
			}),
			expect.objectContaining({
				path: 'items[1].product',
				message: expect.stringMatching(/not published/)
			}),
			expect.objectContaining({
				path: 'items[2].product',
				message: expect.stringMatching(/no product/)
			}),
			expect.objectContaining({
				path: 'items[3].version',
				message: expect.stringMatching(/no published version 9/)
			})
		]);
	});

	it('stores the version, configuration, price breakdown, lead time and ship-by of each item', async () => {
		const [summary] = await listOrders(database.db, workspaceId, { query: '#1' });
		const order = await getOrder(database.db, workspaceId, summary!.id);
		const item = order!.items[0]!;
		expect(item.version).toBe(1);
		expect(item.configuration.selections).toEqual(selections);
		expect(item.priceBreakdown.total).toBe(12100);
		expect(item.sku).toBe('JERSEY-RED-M-SS-REC');
		expect(item.leadTimeDays).toBeGreaterThan(0);
		expect(item.shipBy > order!.createdAt.slice(0, 10)).toBe(true);
		expect(order!.events).toEqual([expect.objectContaining({ status: 'new', actor: 'API' })]);
	});

	it('moves an order one status at a time and logs who did it', async () => {
		const [summary] = await listOrders(database.db, workspaceId, { query: '1' });
		const user = { id: 'u1', name: 'Grace' };
		const base = { workspaceId, orderId: summary!.id, user };
		await expect(
			setOrderStatus(database.db, { ...base, from: 'new', to: 'shipped' })
		).rejects.toThrow(/can move to In production/);
		expect(await setOrderStatus(database.db, { ...base, from: 'new', to: 'in_production' })).toBe(
			true
		);
		// A second click from a stale page finds the order already moved.
		expect(await setOrderStatus(database.db, { ...base, from: 'new', to: 'in_production' })).toBe(
			false
		);
		const order = await getOrder(database.db, workspaceId, summary!.id);
		expect(order!.status).toBe('in_production');
		expect(order!.events.map((e) => [e.status, e.actor])).toEqual([
			['new', 'API'],
			['in_production', 'Grace']
		]);
		expect(await listOrders(database.db, workspaceId, { status: 'in_production' })).toHaveLength(1);
		expect(await listOrders(database.db, workspaceId, { query: 'JERSEY-RED' })).toHaveLength(5);
		expect(await listOrders(database.db, workspaceId, { query: 'nobody' })).toHaveLength(0);
	});
});
