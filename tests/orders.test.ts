import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/collab-client';
import { signIn, startServer, trpc, type RunningServer } from './support/server';

/**
 * Order intake against the real server process and its real database (SQLite here; the storage
 * parts also run on PostgreSQL in src/lib/server/orders.test.ts). The demo seed publishes the
 * sample products, so the store `demo` is live from the start.
 */

const selections = { color: 'red', size: 'm', sleeves: 'short', league: 'recreational' };
/** Three of these jerseys cost 12100 USD, as the core prices them (base, choices, quantity). */
const jerseyItem = {
	product: 'team-jersey',
	version: 1,
	configuration: { selections, quantity: 3 },
	price: { amount: 12100, currency: 'USD' }
};

interface Issue {
	path: string;
	message: string;
}
interface ErrorBody {
	error: { message: string; errors?: Issue[] };
}
interface OrderBody {
	order: {
		id: string;
		number: number;
		status: string;
		total: { amount: number; currency: string };
		items: { sku: string; version: number; leadTimeDays: number; shipBy: string }[];
	};
}

describe('POST /api/v1/orders and the store webhooks', () => {
	let server: RunningServer;
	let cookie: string;
	let key: string;

	beforeAll(async () => {
		server = await startServer({ env: { ATELIER_SEED: '1' } });
		cookie = await signIn(server.url, 'demo@atelier.dev', 'atelier-demo');
		const created = await trpc(server.url, cookie, 'orders.integrations.createKey');
		key = (created.body.result?.data as { key: string }).key;
	}, 90_000);
	afterAll(async () => {
		await server?.stop();
	});

	function postOrder(body: unknown, headers: Record<string, string> = {}) {
		return fetch(`${server.url}/api/v1/orders`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${key}`,
				'idempotency-key': randomUUID(),
				...headers
			},
			body: typeof body === 'string' ? body : JSON.stringify(body)
		});
	}

	async function orderCount(): Promise<number> {
		const listed = await trpc(server.url, cookie, 'orders.list', {}, 'query');
		return (listed.body.result?.data as unknown[]).length;
	}

	it('hands out a pk_live_ key to the owner', () => {
		expect(key).toMatch(/^pk_live_[0-9A-Za-z]{32}$/);
	});

	it('accepts a valid order with 201 and the server’s own price, lead time and ship-by', async () => {
		const response = await postOrder({ items: [jerseyItem], customer: { name: 'Ada' } });
		expect(response.status).toBe(201);
		const { order } = (await response.json()) as OrderBody;
		expect(order).toMatchObject({ status: 'new', total: { amount: 12100, currency: 'USD' } });
		expect(order.number).toBeGreaterThanOrEqual(1);
		expect(order.items[0]).toMatchObject({ sku: 'JERSEY-RED-M-SS-REC', version: 1 });
		expect(order.items[0]!.shipBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('refuses a tampered price with 422 naming the item and the expected price', async () => {
		const before = await orderCount();
		const response = await postOrder({
			items: [jerseyItem, { ...jerseyItem, price: { amount: 12000, currency: 'USD' } }]
		});
		expect(response.status).toBe(422);
		const body = (await response.json()) as ErrorBody;
		expect(body.error.errors).toEqual([
			expect.objectContaining({
				path: 'items[1].price',
				message: 'expected 12100 USD, got 12000 USD'
			})
		]);
		expect(body.error.message).toContain('items[1].price: expected 12100 USD');
		expect(await orderCount()).toBe(before);
	});

	it('refuses an invalid configuration with the engine’s explanation per option path', async () => {
		const response = await postOrder({
			items: [
				{
					...jerseyItem,
					configuration: { selections: { ...selections, size: 'xs', sleeves: 'long' } }
				}
			]
		});
		expect(response.status).toBe(422);
		const { error } = (await response.json()) as ErrorBody;
		expect(error.errors).toContainEqual(
			expect.objectContaining({
				path: 'items[0].configuration.selections.size',
				message: expect.stringContaining(
					"excluded by rule 'Youth XS comes with short sleeves only'"
				)
			})
		);
	});

	it('refuses an incomplete configuration and an unknown choice with their paths', async () => {
		const response = await postOrder({
			items: [
				{ ...jerseyItem, configuration: { selections: { color: 'red' } } },
				{ ...jerseyItem, configuration: { selections: { ...selections, color: 'purple' } } }
			]
		});
		expect(response.status).toBe(422);
		const paths = ((await response.json()) as ErrorBody).error.errors!.map((i) => i.path);
		expect(paths).toContain('items[0].configuration.selections.size');
		expect(paths.some((p) => p.startsWith('items[1].configuration.selections'))).toBe(true);
	});

	it('creates one order for the same Idempotency-Key sent twice in parallel, answering both the same', async () => {
		const before = await orderCount();
		const idempotencyKey = `order-${randomUUID()}`;
		const body = JSON.stringify({ items: [jerseyItem], reference: 'parallel' });
		const responses = await Promise.all(
			[0, 1].map(() => postOrder(body, { 'idempotency-key': idempotencyKey }))
		);
		const texts = await Promise.all(responses.map((r) => r.text()));
		expect(responses.map((r) => r.status)).toEqual([201, 201]);
		expect(texts[0]).toBe(texts[1]);
		expect(await orderCount()).toBe(before + 1);
		// A later retry is a replay too, marked as one.
		const retry = await postOrder(body, { 'idempotency-key': idempotencyKey });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(await retry.text()).toBe(texts[0]);
		// The same key with another body is refused, and creates nothing.
		const other = await postOrder(
			{ items: [{ ...jerseyItem, quantity: 5, price: { amount: 20000, currency: 'USD' } }] },
			{ 'idempotency-key': idempotencyKey }
		);
		expect(other.status).toBe(422);
		expect(((await other.json()) as ErrorBody).error.message).toMatch(/different request body/);
		expect(await orderCount()).toBe(before + 1);
	});

	it('requires an Idempotency-Key of the allowed length and characters (400)', async () => {
		const missing = await fetch(`${server.url}/api/v1/orders`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-atelier-key': key },
			body: JSON.stringify({ items: [jerseyItem] })
		});
		expect(missing.status).toBe(400);
		expect(((await missing.json()) as ErrorBody).error.message).toMatch(/Idempotency-Key/);
		const bad = await postOrder({ items: [jerseyItem] }, { 'idempotency-key': 'has spaces in it' });
		expect(bad.status).toBe(400);
		const long = await postOrder({ items: [jerseyItem] }, { 'idempotency-key': 'k'.repeat(256) });
		expect(long.status).toBe(400);
	});

	it('refuses a missing, unknown or revoked publishable key with 401', async () => {
		const none = await fetch(`${server.url}/api/v1/orders`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'idempotency-key': 'k1' },
			body: JSON.stringify({ items: [jerseyItem] })
		});
		expect(none.status).toBe(401);
		const unknown = await postOrder(
			{ items: [jerseyItem] },
			{ authorization: `Bearer pk_live_${'x'.repeat(32)}` }
		);
		expect(unknown.status).toBe(401);
		expect(((await unknown.json()) as ErrorBody).error.message).toMatch(/publishable key/);

		const second = await trpc(server.url, cookie, 'orders.integrations.createKey');
		const { id, key: secondKey } = second.body.result?.data as { id: string; key: string };
		const rotated = await trpc(server.url, cookie, 'orders.integrations.rotateKey', { keyId: id });
		const thirdKey = (rotated.body.result?.data as { key: string }).key;
		const old = await postOrder({ items: [jerseyItem] }, { authorization: `Bearer ${secondKey}` });
		expect(old.status).toBe(401);
		const current = await postOrder(
			{ items: [jerseyItem] },
			{ 'x-atelier-key': thirdKey, authorization: '' }
		);
		expect(current.status).toBe(201);
	});

	it('answers 400 naming the path for a malformed body, and for a body that is not JSON', async () => {
		const malformed = await postOrder({ items: [{ ...jerseyItem, version: 'one' }] });
		expect(malformed.status).toBe(400);
		const { error } = (await malformed.json()) as ErrorBody;
		expect(error.errors?.[0]?.path).toBe('items[0].version');
		const notJson = await postOrder('{"items": [');
		expect(notJson.status).toBe(400);
	});

	it('refuses archived, unpublished and unknown products and versions with a clear 422', async () => {
		const products = await trpc(server.url, cookie, 'product.list', undefined, 'query');
		const sofa = (products.body.result?.data as { id: string; handle: string }[]).find(
			(p) => p.handle === 'modular-sofa'
		)!;
		await trpc(server.url, cookie, 'product.setArchived', { productId: sofa.id, archived: true });
		await trpc(server.url, cookie, 'product.create', { name: 'Mug', handle: 'draft-mug' });
		const response = await postOrder({
			items: [
				{ ...jerseyItem, product: 'modular-sofa' },
				{ ...jerseyItem, product: 'draft-mug' },
				{ ...jerseyItem, version: 42 },
				{ ...jerseyItem, store: 'another-store' }
			]
		});
		expect(response.status).toBe(422);
		const { error } = (await response.json()) as ErrorBody;
		expect(error.errors!.map((i) => [i.path, i.message])).toEqual([
			['items[0].product', "product 'modular-sofa' is archived and takes no orders"],
			['items[1].product', "product 'draft-mug' is not published"],
			['items[2].version', "no published version 42 of 'team-jersey' (the live version is 1)"],
			['items[3].store', "expected 'demo', the store of this publishable key"]
		]);
	});

	it('exports the orders as CSV with formula-like cells neutralized', async () => {
		const placed = await postOrder({
			items: [jerseyItem],
			customer: { name: '=HYPERLINK("http://evil.example","click")' },
			reference: '@ref-1'
		});
		expect(placed.status).toBe(201);
		const response = await fetch(`${server.url}/orders/export.csv`, { headers: { cookie } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/csv');
		const bytes = new Uint8Array(await response.arrayBuffer());
		// A UTF-8 byte order mark first, so Excel reads the names right (text() would drop it).
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder().decode(bytes);
		expect(csv.split('\r\n')[0]).toBe(
			'number,created_at,status,source,reference,customer,email,products,items,quantity,total_minor_units,currency,ship_by'
		);
		expect(csv).toContain(`'@ref-1,"'=HYPERLINK(""http://evil.example"",""click"")"`);
		expect(csv).not.toMatch(/(^|,)[=+@]/m);
		const anonymous = await fetch(`${server.url}/orders/export.csv`);
		expect(anonymous.status).toBe(401);
	});

	it('lists the order endpoints in the OpenAPI document', async () => {
		const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining([
				'/orders',
				'/webhooks/shopify/orders-create',
				'/webhooks/woocommerce/orders-create'
			])
		);
	});

	it('still refuses cross-site form posts outside the signed webhook paths', async () => {
		const response = await fetch(`${server.url}/sign-in`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://evil.example'
			},
			body: 'email=a%40b.c&password=x'
		});
		expect(response.status).toBe(403);
	});

	async function saveDesign(configuration: unknown): Promise<string> {
		const response = await fetch(`${server.url}/api/v1/stores/demo/designs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ product: 'team-jersey', version: 1, configuration })
		});
		if (response.status !== 201) throw new Error(`design not saved: ${await response.text()}`);
		return ((await response.json()) as { id: string }).id;
	}

	it('accepts an item that references a saved design, re-priced like any other', async () => {
		const design = await saveDesign({ selections, quantity: 3 });
		const response = await postOrder({
			items: [{ design, price: { amount: 12100, currency: 'USD' } }]
		});
		expect(response.status).toBe(201);
		const { order } = (await response.json()) as OrderBody;
		expect(order.items[0]).toMatchObject({ sku: 'JERSEY-RED-M-SS-REC', version: 1 });
		const wrong = await postOrder({
			items: [{ design, quantity: 4, price: { amount: 12100, currency: 'USD' } }]
		});
		expect(wrong.status).toBe(422);
		expect(((await wrong.json()) as ErrorBody).error.errors?.[0]?.path).toBe('items[0].price');
		const unknown = await postOrder({
			items: [{ design: 'dnosuchdesign', price: { amount: 1, currency: 'USD' } }]
		});
		expect(unknown.status).toBe(422);
	});

	/**
	 * A team's roster of ten jerseys as the storefront's bulk mode sends it: one line per person,
	 * one bulk group. Alone, a jersey with a 7-letter name and a number is 38.50 (32.00, 0.50 a
	 * letter, 3.00 for the number) plus the 25.00 setup fee; ten reach the 10 % tier (34.65 each)
	 * and the fee is charged once, on the first line.
	 */
	const rosterLines = (group: string) =>
		Array.from({ length: 10 }, (_, i) => ({
			product: 'team-jersey',
			version: 1,
			configuration: {
				selections: {
					...selections,
					size: i < 6 ? 'm' : 'l',
					name: `PLAYER ${'ABCDEFGHIJ'[i]}`,
					number: i
				},
				quantity: 1
			},
			price: { amount: i === 0 ? 5965 : 3465, currency: 'USD' },
			bulk: group
		}));

	it('prices the lines of a bulk order together: the tier of all its pieces, the setup fee once', async () => {
		const response = await postOrder({ items: rosterLines('team-falcons') });
		expect(response.status).toBe(201);
		const { order } = (await response.json()) as OrderBody;
		expect(order.items).toHaveLength(10);
		expect(order.total).toEqual({ amount: 5965 + 9 * 3465, currency: 'USD' });
	});

	it('refuses bulk lines claiming one-by-one prices, and a bulk group mixing products', async () => {
		const before = await orderCount();
		// What each line costs on its own (the fee on every line, no tier): not this order's price.
		const alone = rosterLines('team-owls').map((line) => ({
			...line,
			price: { amount: 6350, currency: 'USD' }
		}));
		const refused = await postOrder({ items: alone });
		expect(refused.status).toBe(422);
		const issues = ((await refused.json()) as ErrorBody).error.errors!;
		expect(issues).toHaveLength(10);
		expect(issues[0]).toMatchObject({
			path: 'items[0].price',
			message: 'expected 5965 USD, got 6350 USD'
		});
		expect(issues[9]).toMatchObject({
			path: 'items[9].price',
			message: 'expected 3465 USD, got 6350 USD'
		});
		// Without its group the same lines are separate items, each with its fee.
		const separate = await postOrder({
			items: alone.slice(0, 2).map(({ bulk: _group, ...line }) => line)
		});
		expect(separate.status).toBe(201);

		const pendant = {
			product: 'engraved-pendant',
			version: 1,
			configuration: { selections: { metal: 'silver', shape: 'round' } },
			price: { amount: 1, currency: 'USD' },
			bulk: 'team-owls'
		};
		const mixed = await postOrder({ items: [...rosterLines('team-owls').slice(0, 2), pendant] });
		expect(mixed.status).toBe(422);
		expect(((await mixed.json()) as ErrorBody).error.errors).toContainEqual(
			expect.objectContaining({ path: 'items[2].bulk' })
		);
		const badGroup = await postOrder({ items: [{ ...jerseyItem, bulk: 'no spaces allowed' }] });
		expect(badGroup.status).toBe(400);
		expect(((await badGroup.json()) as ErrorBody).error.errors?.[0]?.path).toBe('items[0].bulk');
		expect(await orderCount()).toBe(before + 1);
	});

	describe('webhooks', () => {
		const shop = 'atelier-demo.myshopify.com';
		const secret = 'shpss_test_secret_1234';

		beforeAll(async () => {
			const saved = await trpc(server.url, cookie, 'orders.integrations.saveWebhook', {
				platform: 'shopify',
				shop,
				secret
			});
			expect(saved.status).toBe(200);
			await trpc(server.url, cookie, 'orders.integrations.saveWebhook', {
				platform: 'woocommerce',
				shop: 'https://woo.example/',
				secret
			});
		});

		// Real Shopify ids are past 2^53 (JSON numbers lose their last digits); the exact id is in
		// `admin_graphql_api_id`. Each call is a new Shopify order.
		let shopifyOrderId = 820982911946154508n + BigInt(Math.floor(Math.random() * 1e6)) * 1000n;
		const shopifyOrder = (lineItems: unknown[]) =>
			JSON.stringify({
				id: Number((shopifyOrderId += 1n)),
				admin_graphql_api_id: `gid://shopify/Order/${shopifyOrderId}`,
				name: '#1001',
				email: 'ada@example.com',
				currency: 'USD',
				customer: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
				line_items: lineItems
			});

		const sign = (body: string, key = secret) =>
			createHmac('sha256', key).update(body).digest('base64');

		function postShopify(body: string, headers: Record<string, string>) {
			return fetch(`${server.url}/api/v1/webhooks/shopify/orders-create`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-shopify-shop-domain': shop,
					'x-shopify-topic': 'orders/create',
					...headers
				},
				body
			});
		}

		it('refuses an unsigned or badly signed Shopify webhook with 401 and logs a warning', async () => {
			const body = shopifyOrder([]);
			const before = server.logs.length;
			const unsigned = await postShopify(body, {});
			expect(unsigned.status).toBe(401);
			const wrong = await postShopify(body, {
				'x-shopify-hmac-sha256': sign(body, 'not-the-secret')
			});
			expect(wrong.status).toBe(401);
			const tampered = await postShopify(body.replace('Ada', 'Eve'), {
				'x-shopify-hmac-sha256': sign(body)
			});
			expect(tampered.status).toBe(401);
			const warnings = () =>
				server.logs.slice(before).filter((l) => String(l.msg).startsWith('webhook refused'));
			await eventually(() => warnings().length >= 3, 'three warnings in the server log');
			expect(warnings()[0]).toMatchObject({ level: 40, platform: 'shopify', shop });
		});

		it('turns a signed Shopify webhook with an Atelier design into an order, once per Shopify order', async () => {
			const plain = shopifyOrder([{ quantity: 1, price: '10.00', properties: [] }]);
			const ignored = await postShopify(plain, { 'x-shopify-hmac-sha256': sign(plain) });
			expect(ignored.status).toBe(200);

			const design = await saveDesign({ selections, quantity: 1 });
			const lineItem = (price: string) => ({
				quantity: 1,
				price,
				properties: [
					{ name: 'Color', value: 'Red' },
					{ name: '_atelier_design', value: design },
					{ name: '_atelier_version', value: '1' }
				]
			});
			const cheap = shopifyOrder([lineItem('56.99')]);
			const refused = await postShopify(cheap, { 'x-shopify-hmac-sha256': sign(cheap) });
			expect(refused.status).toBe(422);
			expect(((await refused.json()) as ErrorBody).error.errors).toEqual([
				expect.objectContaining({
					path: 'items[0].price',
					message: 'expected 5700 USD, got 5699 USD'
				})
			]);

			const before = await orderCount();
			const exact = shopifyOrder([lineItem('57.00')]);
			const accepted = await postShopify(exact, { 'x-shopify-hmac-sha256': sign(exact) });
			expect(accepted.status).toBe(201);
			const { order } = (await accepted.json()) as OrderBody;
			expect(order).toMatchObject({ status: 'new', total: { amount: 5700, currency: 'USD' } });
			// Shopify redelivers webhooks: the same order id gives the same order, not a second one.
			const again = await postShopify(exact, { 'x-shopify-hmac-sha256': sign(exact) });
			expect(again.status).toBe(201);
			expect(((await again.json()) as OrderBody).order.id).toBe(order.id);
			expect(await orderCount()).toBe(before + 1);
		});

		it('prices the lines of a bulk order in a Shopify order together (the setup fee once)', async () => {
			const line = async (name: string, number: number, price: string) => ({
				quantity: 1,
				price,
				properties: [
					{
						name: '_atelier_design',
						value: await saveDesign({ selections: { ...selections, name, number }, quantity: 1 })
					},
					{ name: '_atelier_bulk', value: 'team-herons' }
				]
			});
			// ADA 36.50 and GRACE 37.50 (0.50 a letter), the 25.00 setup fee on the first line only.
			const lines = [await line('ADA', 1, '61.50'), await line('GRACE', 2, '37.50')];
			const body = shopifyOrder(lines);
			const accepted = await postShopify(body, { 'x-shopify-hmac-sha256': sign(body) });
			expect(accepted.status).toBe(201);
			expect(((await accepted.json()) as OrderBody).order.total).toEqual({
				amount: 9900,
				currency: 'USD'
			});
			// The second line charged with its own setup fee is not this bulk order's price.
			const charged = shopifyOrder([lines[0], { ...lines[1], price: '62.50' }]);
			const refused = await postShopify(charged, { 'x-shopify-hmac-sha256': sign(charged) });
			expect(refused.status).toBe(422);
			expect(((await refused.json()) as ErrorBody).error.errors).toEqual([
				expect.objectContaining({
					path: 'items[1].price',
					message: 'expected 3750 USD, got 6250 USD'
				})
			]);
		});

		it('refuses a badly signed WooCommerce webhook with 401 and answers its signed ping', async () => {
			const body = JSON.stringify({ id: 7, currency: 'USD', line_items: [] });
			const wrong = await fetch(`${server.url}/api/v1/webhooks/woocommerce/orders-create`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-wc-webhook-source': 'https://woo.example/',
					'x-wc-webhook-signature': sign(body, 'nope')
				},
				body
			});
			expect(wrong.status).toBe(401);
			const ping = 'webhook_id=12';
			const pinged = await fetch(`${server.url}/api/v1/webhooks/woocommerce/orders-create`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-wc-webhook-source': 'https://woo.example/',
					'x-wc-webhook-signature': sign(ping)
				},
				body: ping
			});
			expect(pinged.status).toBe(200);

			const design = await saveDesign({ selections, quantity: 2 });
			const order = JSON.stringify({
				id: 4242,
				number: '4242',
				currency: 'USD',
				billing: { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' },
				line_items: [
					{ quantity: 2, subtotal: '89.00', meta_data: [{ key: '_atelier_design', value: design }] }
				]
			});
			const created = await fetch(`${server.url}/api/v1/webhooks/woocommerce/orders-create`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-wc-webhook-source': 'https://woo.example/',
					'x-wc-webhook-signature': sign(order)
				},
				body: order
			});
			expect(created.status).toBe(201);
			const { order: stored } = (await created.json()) as OrderBody;
			expect(stored.total).toEqual({ amount: 8900, currency: 'USD' });
		});
	});
});
