/**
 * End to end, in a real Chromium against the real built server with the demo seed: a team
 * manager opens the demo store's team jersey page, finds the bulk-order section and its
 * templates, uploads a roster of 12 players with 3 bad rows, sees exactly those rows and cells
 * refused with a reason (and ordering refused), fixes one cell inline, removes the other two
 * rows, reads the size breakdown and orders: the cart gets one line per player, all in one bulk
 * group, priced as shown on the order button. The cart lines come back as Shopify's signed
 * "orders/create" webhook and become one order of that total; the merchant finds it in the
 * studio's orders. Screenshots go to test-results/screens.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { signIn, trpc, type RunningServer } from '../support/server';
import { addToCart } from '../support/storefront';
import { DEMO, signedInPage } from '../support/studio';

const SHOP = 'atelier-demo.myshopify.com';
const SECRET = 'shpss_bulk_e2e_secret';

let server: RunningServer;
let browser: Browser;
let cookie: string;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
	cookie = await signIn(server.url, DEMO.email, DEMO.password);
	const saved = await trpc(server.url, cookie, 'orders.integrations.saveWebhook', {
		platform: 'shopify',
		shop: SHOP,
		secret: SECRET
	});
	expect(saved.status).toBe(200);
}, 120_000);

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

/** A displayed price ("$402.30") in minor units. */
const cents = (shown: string) => Math.round(Number(shown.replace(/[^0-9.]/g, '')) * 100);

/**
 * The team's roster: 12 players, the header is line 1. Three rows are bad: a digit in a name
 * (names take letters and spaces only), a size the jersey does not come in, a number above 99.
 */
const ROSTER = [
	['Player name', 'Number', 'Size'],
	['ADA', '1', 'M'], // line 2
	['GRACE', '2', 'L'], // 3
	['ALAN', '3', 'S'], // 4
	['LINUS', '4', 'XL'], // 5
	['J0HN', '5', 'M'], // 6: a digit in the name
	['BARBARA', '6', 'XXXL'], // 7: no such size
	['KEN', '7', 'M'], // 8
	['DENNIS', '120', 'L'], // 9: above the jersey's 0–99
	['RUTH', '9', 'XS'], // 10
	['TIM', '10', 'M'], // 11
	['EDSGER', '11', 'L'], // 12
	['DONALD', '12', 'XXL'] // 13
];
const csv = ROSTER.map((row) => row.join(',')).join('\r\n') + '\r\n';

/** The players left once the 3 bad rows are fixed (JOHN) or removed, in the roster's order. */
const PLAYERS_LEFT = [
	'ADA',
	'GRACE',
	'ALAN',
	'LINUS',
	'JOHN',
	'KEN',
	'RUTH',
	'TIM',
	'EDSGER',
	'DONALD'
];

interface CartLine {
	id: number;
	quantity: number;
	properties: Record<string, string>;
}

describe('a team order from the demo store, as a team manager and then the merchant', () => {
	let page: Page;
	let lines: CartLine[] = [];
	let shownTotal = 0;
	let orderId = '';
	let orderNumber = 0;
	const reference = `#B${Date.now().toString(36).toUpperCase()}`;

	beforeAll(async () => {
		const context = await browser.newContext({
			viewport: { width: 1280, height: 900 },
			baseURL: server.url
		});
		page = await context.newPage();
		page.setDefaultTimeout(20_000);
		page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
	});
	afterAll(async () => {
		await page?.context().close();
	});

	const bulk = () => page.getByRole('region', { name: 'Bulk order' });
	const submit = () => bulk().locator('button.atelier-bulk-submit');
	const submitStatus = () => bulk().locator('.atelier-bulk-status');
	const row = (line: number) => bulk().locator(`tr[data-line="${line}"]`);
	const badLines = () =>
		bulk()
			.locator('tr[data-bad]')
			.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.line)));
	/** The messages under each cell of a row, by column header. */
	const cellErrors = (line: number) =>
		row(line).evaluate((tr) => {
			const table = tr.closest('table')!;
			const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
			const found: Record<string, string[]> = {};
			[...tr.children].forEach((td, index) => {
				const messages = [...td.querySelectorAll('.atelier-bulk-cell-error')].map(
					(p) => p.textContent ?? ''
				);
				if (messages.length > 0) found[headers[index]] = messages;
			});
			return found;
		});

	it('finds the bulk-order section and its CSV and XLSX templates', async () => {
		await page.goto('/demo-store/team-jersey');
		await bulk().waitFor();
		await bulk().getByRole('heading', { name: 'Order for a team' }).waitFor();
		const csvTemplate = bulk().getByRole('link', { name: 'Template (CSV)' });
		const xlsxTemplate = bulk().getByRole('link', { name: 'Template (XLSX)' });
		expect(await csvTemplate.getAttribute('download')).toBe('team-jersey-roster.csv');
		expect(await xlsxTemplate.getAttribute('download')).toBe('team-jersey-roster.xlsx');
		// The templates are files in the page: the CSV's header names the personal columns (in
		// the product's order; the name's color, as the jersey offers three), the XLSX is a zip.
		const template = await csvTemplate.evaluate(async (a) => {
			const csvText = await (await fetch((a as HTMLAnchorElement).href)).text();
			return csvText.split(/\r?\n/)[0];
		});
		expect(template).toBe('Size,Player name,Player name color,Number,Quantity');
		const magic = await xlsxTemplate.evaluate(async (a) => {
			const bytes = new Uint8Array(
				await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer()
			);
			return String.fromCharCode(bytes[0], bytes[1]);
		});
		expect(magic).toBe('PK');
	});

	it('uploads a roster of 12 players and sees exactly the 3 bad rows, each bad cell with its reason', async () => {
		await bulk()
			.getByLabel('Roster spreadsheet (CSV or XLSX)')
			.setInputFiles({ name: 'herons.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await row(13).waitFor();
		expect(await bulk().locator('tbody tr').count()).toBe(12);
		expect(await badLines()).toEqual([6, 7, 9]);

		expect(await cellErrors(6)).toEqual({
			'Player name': [expect.stringMatching(/character|letter/i)]
		});
		expect(await cellErrors(7)).toEqual({ Size: [expect.stringMatching(/XXXL/)] });
		expect(await cellErrors(9)).toEqual({ Number: [expect.stringMatching(/99|at most|between/i)] });
		for (const good of [2, 3, 4, 5, 8, 10, 11, 12, 13]) expect(await cellErrors(good)).toEqual({});
		// The bad cells are marked for assistive technology too.
		expect(await bulk().getByLabel('Player name, line 6').getAttribute('aria-invalid')).toBe(
			'true'
		);
		expect(await bulk().getByLabel('Size, line 7').getAttribute('aria-invalid')).toBe('true');
		expect(await bulk().getByLabel('Number, line 9').getAttribute('aria-invalid')).toBe('true');

		// Ordering is refused, and the page says why.
		expect(await submit().getAttribute('aria-disabled')).toBe('true');
		expect(await submitStatus().textContent()).toBe(
			'Fix or remove the 3 rows with problems to order'
		);
		expect(await bulk().locator('.atelier-bulk-stats').textContent()).toMatch(
			/12 rows.*12 pieces.*3 with problems/
		);
		// "Only rows with problems" shows just those three, its box beside its words.
		const filter = bulk().getByLabel('Only rows with problems');
		await filter.check();
		await expect.poll(() => bulk().locator('tbody tr').count()).toBe(3);
		const [box, section] = [await filter.boundingBox(), await bulk().boundingBox()];
		expect(box!.x - section!.x).toBeLessThan(40);
		await filter.uncheck();
		await expect.poll(() => bulk().locator('tbody tr').count()).toBe(12);
		await page.evaluate(() => document.fonts.ready);
		await bulk().screenshot({ path: path.join(SCREENS, 'bulk-order-errors.png') });
	});

	it('fixes a name inline, removes the two other bad rows, and may order at the shown total', async () => {
		const name = bulk().getByLabel('Player name, line 6');
		await name.fill('JOHN');
		await name.press('Tab');
		await expect.poll(badLines).toEqual([7, 9]);
		expect(await cellErrors(6)).toEqual({});
		expect(await bulk().getByLabel('Player name, line 6').inputValue()).toBe('JOHN');

		// Rows keep their spreadsheet lines when one above them is removed: "line 9" is still
		// DENNIS after line 7 went.
		const shownLines = () =>
			bulk()
				.locator('tbody tr')
				.evaluateAll((trs) => trs.map((tr) => Number(tr.firstElementChild?.textContent)));
		await bulk().getByRole('button', { name: 'Remove line 7' }).click();
		await expect.poll(() => bulk().locator('tbody tr').count()).toBe(11);
		expect(await badLines()).toEqual([9]);
		expect(await shownLines()).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13]);
		expect(await bulk().getByLabel('Player name, line 9').inputValue()).toBe('DENNIS');
		await bulk().getByRole('button', { name: 'Remove line 9' }).click();
		await expect.poll(() => bulk().locator('tbody tr').count()).toBe(10);
		expect(await badLines()).toEqual([]);
		expect(await shownLines()).toEqual([2, 3, 4, 5, 6, 8, 10, 11, 12, 13]);
		// The players that stayed, in the roster's order.
		const names = await bulk()
			.locator('tbody tr td:nth-child(2) input')
			.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		expect(names).toEqual(PLAYERS_LEFT);

		await expect.poll(() => submit().getAttribute('aria-disabled')).toBe('false');
		expect(await submitStatus().textContent()).toBe('');
		const label = (await submit().textContent()) ?? '';
		expect(label).toMatch(/^Order 10 pieces · \$[\d,]+\.\d\d$/);
		shownTotal = cents(label.split('·')[1]);
		// The stats line shows the same total and the sizes to make.
		const stats = (await bulk().locator('.atelier-bulk-stats').textContent()) ?? '';
		expect(cents((await bulk().getByTestId('bulk-total').textContent()) ?? '')).toBe(shownTotal);
		const sizes = Object.fromEntries(
			[...stats.matchAll(/Size (\w+): (\d+)/g)].map(([, size, count]) => [size, Number(count)])
		);
		expect(sizes).toEqual({ XS: 1, S: 1, M: 4, L: 2, XL: 1, XXL: 1 });
	});

	it('orders: one cart line per player, one bulk group, the lines add up to the shown total', async () => {
		const detail = await addToCart<{ items: CartLine[] }>(page, submit());
		lines = detail.items;
		expect(lines).toHaveLength(10);
		expect(lines.map((l) => l.properties['Player name'])).toEqual(PLAYERS_LEFT);
		const group = lines[0].properties._atelier_bulk;
		expect(group).toMatch(/^[\w-]{22}$/);
		for (const line of lines) {
			expect(line.id).toBe(44012345678901);
			expect(line.quantity).toBe(1);
			expect(line.properties._atelier_bulk).toBe(group);
			expect(line.properties._atelier_design).toMatch(/\S/);
			expect(line.properties._atelier_currency).toBe('USD');
		}
		expect(new Set(lines.map((l) => l.properties._atelier_design)).size).toBe(10);
		// Price shown = cart price.
		const sum = lines.reduce((total, l) => total + Number(l.properties._atelier_total), 0);
		expect(sum).toBe(shownTotal);

		// The 10-piece tier applies to every line: a jersey with a name of n letters costs
		// 90% of (32.00 + 3.00 number + 0.50 × n), plus 3.00 for XXL; the 25.00 setup fee is on
		// the first line only.
		const unit = (l: CartLine) => Number(l.properties._atelier_unit_price);
		for (const l of lines) {
			const letters = l.properties['Player name'].length;
			const xxl = l.properties.Size === 'XXL' ? 300 : 0;
			expect(unit(l), l.properties['Player name']).toBe(
				Math.round((3200 + 300 + 50 * letters + xxl) * 0.9)
			);
		}
		const [first, ...rest] = lines;
		expect(Number(first.properties._atelier_total)).toBe(unit(first) + 2500);
		for (const l of rest) expect(Number(l.properties._atelier_total)).toBe(unit(l));

		// The demo cart lists it as one team order.
		await page.locator('#cart-items li').filter({ hasText: '10 personalized items' }).waitFor();
		await expect.poll(() => submitStatus().textContent()).toBe('10 rows added.');
	});

	it('comes back as Shopify’s signed orders/create webhook and becomes one order of that total', async () => {
		expect(lines).toHaveLength(10);
		const id = 820982911946154508n + BigInt(Date.now() % 1_000_000) * 1000n;
		const body = JSON.stringify({
			id: Number(id),
			admin_graphql_api_id: `gid://shopify/Order/${id}`,
			name: reference,
			email: 'coach@herons.example',
			currency: 'USD',
			customer: { first_name: 'Coach', last_name: 'Heron', email: 'coach@herons.example' },
			line_items: lines.map((l) => ({
				variant_id: l.id,
				quantity: l.quantity,
				price: (Number(l.properties._atelier_total) / l.quantity / 100).toFixed(2),
				properties: Object.entries(l.properties).map(([name, value]) => ({ name, value }))
			}))
		});
		const response = await fetch(`${server.url}/api/v1/webhooks/shopify/orders-create`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-shopify-shop-domain': SHOP,
				'x-shopify-topic': 'orders/create',
				'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64')
			},
			body
		});
		const answer = (await response.json()) as {
			order: {
				id: string;
				number: number;
				total: { amount: number; currency: string };
				items: unknown[];
			};
		};
		expect(response.status, JSON.stringify(answer)).toBe(201);
		expect(answer.order.total).toEqual({ amount: shownTotal, currency: 'USD' });
		expect(answer.order.items).toHaveLength(10);
		orderId = answer.order.id;
		orderNumber = answer.order.number;
	});

	it('shows the merchant the order in the studio with its 10 items', async () => {
		expect(orderId).not.toBe('');
		const studio = await signedInPage(browser, server, cookie, pageErrors, {
			viewport: { width: 1280, height: 900 },
			timeout: 20_000
		});
		try {
			await studio.goto('/orders');
			await studio.getByLabel('Search orders').fill(reference);
			await studio.getByLabel('Search orders').press('Enter');
			await studio.waitForURL(/\/orders\?q=/);
			const link = studio.getByRole('link', { name: `#${orderNumber}`, exact: true });
			await link.waitFor();
			expect(await studio.locator('tbody tr').count()).toBe(1);
			const listed = (await studio.locator('tbody tr').textContent()) ?? '';
			expect(listed).toContain(reference);
			expect(listed).toContain('10 pcs');
			await link.click();
			await studio.waitForURL(`**/orders/${orderId}`);
			await studio.getByRole('heading', { name: `Order #${orderNumber}` }).waitFor();
			// A team's order reads as one line per player, said to be priced together.
			const itemLines = studio.locator('ul[aria-label="Items"] > li');
			expect(await itemLines.count()).toBe(10);
			expect(
				await studio.getByText('A bulk order of 10 lines (10 pcs), priced together').count()
			).toBe(1);
			const firstLine = (await itemLines.first().locator('summary').textContent()) ?? '';
			expect(firstLine).toContain(lines[0].properties['Player name']);
			expect(cents(firstLine.slice(firstLine.lastIndexOf('$')))).toBe(
				Number(lines[0].properties._atelier_total)
			);
			const summary = (await studio.locator('dl').first().textContent()) ?? '';
			expect(summary).toContain('10 · 10 pcs');
			const totalShown = await studio
				.locator('dl > div')
				.filter({ hasText: 'Total' })
				.locator('dd')
				.textContent();
			expect(cents(totalShown ?? '')).toBe(shownTotal);
			// Opened, the first line shows its previews (front and back, drawn by the server).
			await itemLines.first().locator('summary').click();
			const previews = itemLines.first().locator('img');
			expect(await previews.count()).toBe(2);
			await studio.waitForFunction(() =>
				[...document.querySelectorAll('ul[aria-label="Items"] > li:first-child img')].every(
					(img) => (img as HTMLImageElement).complete
				)
			);
			const widths = await previews.evaluateAll((imgs) =>
				imgs.map((img) => (img as HTMLImageElement).naturalWidth)
			);
			expect(widths).toEqual([320, 320]);
			await studio.evaluate(() => document.fonts.ready);
			await studio.screenshot({ path: path.join(SCREENS, 'bulk-order-studio-order.png') });

			// The merchant starts production: the status moves, and the history says who and when.
			await studio.getByRole('button', { name: 'Move to In production' }).click();
			await studio.getByRole('button', { name: 'Move to Quality check' }).waitFor();
			const history = studio.locator('aside[aria-labelledby="history"] li');
			expect(await history.count()).toBe(2);
			const latest = (await history.first().textContent()) ?? '';
			expect(latest).toContain('In production');
			expect(latest).toContain('Demo Merchant');
			expect(await history.last().textContent()).toContain('Shopify webhook');
		} finally {
			await studio.context().close();
		}
	});

	it('raised no page errors', () => {
		expect(pageErrors).toEqual([]);
	});
});
