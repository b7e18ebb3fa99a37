/**
 * Screenshots of the orders screens with a few orders placed through the real API:
 * `npm run build && npx tsx scripts/screenshot-orders.ts [outDir]` (default /tmp/atelier-orders).
 * Prints the files written and how long each order took to be accepted (figures, not asserts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { launchChromium } from '../tests/support/browser';
import { signIn, startServer, trpc } from '../tests/support/server';

const outDir = path.resolve(process.argv[2] ?? '/tmp/atelier-orders');
fs.mkdirSync(outDir, { recursive: true });

const server = await startServer({ env: { ATELIER_SEED: '1' } });
try {
	const cookie = await signIn(server.url, 'demo@atelier.dev', 'atelier-demo');
	const created = await trpc(server.url, cookie, 'orders.integrations.createKey');
	const key = (created.body.result?.data as { key: string }).key;
	await trpc(server.url, cookie, 'orders.integrations.saveWebhook', {
		platform: 'shopify',
		shop: 'atelier-demo.myshopify.com',
		secret: 'shpss_demo_secret_1234'
	});

	const jersey = (
		selections: Record<string, unknown>,
		quantity: number,
		amount: number,
		bulk?: string
	) => ({
		product: 'team-jersey',
		version: 1,
		configuration: { selections, quantity },
		price: { amount, currency: 'USD' },
		...(bulk ? { bulk } : {})
	});
	// A team's roster as the storefront's bulk mode sends it: one line per player, one bulk group.
	const roster = [
		'OKAFOR',
		'LI',
		'SILVA',
		'NOVAK',
		'HAAS',
		'IVERSEN',
		'MORENO',
		'ADEYEMI',
		'KOWALSKI',
		'TANAKA',
		'BRENNAN',
		'DUBOIS'
	];
	const bodies = [
		{
			customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
			reference: 'WEB-1001',
			items: [
				jersey({ color: 'red', size: 'm', sleeves: 'short', league: 'recreational' }, 3, 12100)
			]
		},
		{
			customer: { name: 'Riverside FC' },
			reference: 'WEB-1002',
			items: [
				jersey(
					{ color: 'navy', size: 'l', sleeves: 'long', league: 'pro', name: 'OKAFOR', number: 77 },
					11,
					0
				)
			]
		},
		{
			customer: { name: 'Grace Hopper', email: 'grace@example.com' },
			reference: 'WEB-1003',
			items: [jersey({ color: 'white', size: 's', sleeves: 'short', league: 'recreational' }, 1, 0)]
		},
		{
			customer: { name: 'Harbour Rovers', email: 'coach@rovers.example' },
			reference: 'WEB-1004',
			items: roster.map((name, i) =>
				jersey(
					{
						color: 'green',
						size: ['s', 'm', 'l', 'xl'][i % 4],
						sleeves: 'short',
						league: 'recreational',
						name,
						number: i + 2
					},
					1,
					0,
					'harbour-rovers-2026'
				)
			)
		}
	];
	const orderIds: string[] = [];
	for (const body of bodies) {
		const post = (payload: unknown) =>
			fetch(`${server.url}/api/v1/orders`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Bearer ${key}`,
					'idempotency-key': randomUUID()
				},
				body: JSON.stringify(payload)
			});
		const started = performance.now();
		let response = await post(body);
		// Items priced 0 above take the price the server names in its 422 (as a storefront would
		// after showing the customer the new price), then go in again.
		if (response.status === 422) {
			const { error } = (await response.json()) as {
				error: { errors: { path: string; message: string }[] };
			};
			for (const issue of error.errors) {
				const match = /^items\[(\d+)\]\.price$/.exec(issue.path);
				const expected = /expected (\d+) ([A-Z]{3})/.exec(issue.message);
				if (!match || !expected) throw new Error(`${issue.path}: ${issue.message}`);
				body.items[Number(match[1])]!.price = {
					amount: Number(expected[1]),
					currency: expected[2]!
				};
			}
			response = await post(body);
		}
		const ms = performance.now() - started;
		if (response.status !== 201) throw new Error(`order refused: ${await response.text()}`);
		const { order } = (await response.json()) as { order: { id: string; number: number } };
		orderIds.push(order.id);
		console.log(`order #${order.number} accepted in ${ms.toFixed(0)} ms`);
	}
	await trpc(server.url, cookie, 'orders.setStatus', {
		orderId: orderIds[0],
		from: 'new',
		to: 'in_production'
	});
	await trpc(server.url, cookie, 'orders.setStatus', {
		orderId: orderIds[0],
		from: 'in_production',
		to: 'quality_check'
	});

	const browser = await launchChromium();
	try {
		for (const theme of ['light', 'dark'] as const) {
			const context = await browser.newContext({
				viewport: { width: 1280, height: 860 },
				colorScheme: theme
			});
			const url = new URL(server.url);
			await context.addCookies(
				cookie.split('; ').map((pair) => {
					const [name, ...rest] = pair.split('=');
					return { name: name!, value: rest.join('='), domain: url.hostname, path: '/' };
				})
			);
			await context.addInitScript((t) => localStorage.setItem('atelier-theme', t), theme);
			const page = await context.newPage();
			const shots: [string, string][] = [
				['orders', '/orders'],
				['order-detail', `/orders/${orderIds[1]}`],
				['order-history', `/orders/${orderIds[0]}`],
				['orders-filtered', '/orders?status=shipped'],
				['order-bulk', `/orders/${orderIds[3]}`],
				['integrations', '/settings/integrations']
			];
			for (const [name, route] of shots) {
				await page.goto(`${server.url}${route}`, { waitUntil: 'networkidle' });
				// The bulk order with its first line opened, as a merchant checks one player's shirt.
				if (name === 'order-bulk') {
					await page.locator('details summary').first().click();
					await page.waitForFunction(() =>
						[...document.querySelectorAll('details[open] img')].every(
							(img) => (img as HTMLImageElement).complete
						)
					);
				}
				const file = path.join(outDir, `${name}-${theme}.png`);
				await page.screenshot({ path: file, fullPage: true });
				console.log(file);
			}
			await context.close();
		}
	} finally {
		await browser.close();
	}
} finally {
	await server.stop();
}
