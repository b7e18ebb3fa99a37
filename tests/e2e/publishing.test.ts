/**
 * End to end, in a real Chromium against the real built server with the demo seed: the merchant
 * changes the team jersey's draft (a price in the inspector, a color's front art), opens the
 * publish dialog from the editor's top bar, sees the semantic and visual diff, publishes; the
 * public API serves the new version while the old version URL keeps the old one, and a customer
 * on the demo store page (a choice, a text, an upload) sees the new price and gets version 2 in
 * the cart; then the versions page rolls live back and the store page prices version 1 again.
 * Screenshots go to test-results/screens.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinition, writeDefinition, type Json } from '../../src/lib/collab/definition-doc';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { connectEditor, eventually, type TestEditor } from '../support/collab-client';
import { signIn, type RunningServer } from '../support/server';
import { DEMO, productIdByHandle, signedInPage } from '../support/studio';
import { addToCart, previewPainted, storeOption, storeTotal } from '../support/storefront';

type Def = { [key: string]: Json };
let server: RunningServer;
let browser: Browser;
let page: Page;
let editor: TestEditor;
let cookie: string;
let productId: string;
let liveUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
	cookie = await signIn(server.url, DEMO.email, DEMO.password);
	productId = await productIdByHandle(server, cookie, 'team-jersey');
	liveUrl = `${server.url}/api/v1/stores/demo/products/team-jersey`;
	editor = connectEditor(server.url, cookie, productId);
	await editor.synced();
	page = await signedInPage(browser, server, cookie, pageErrors, {
		viewport: { width: 1280, height: 900 },
		timeout: 30_000
	});
}, 120_000);

afterAll(async () => {
	editor?.destroy();
	await stopServerAndBrowser(server, browser);
});

/** A displayed price ("$66.00") in minor units. */
const cents = (shown: string) => Math.round(Number(shown.replace(/[^0-9.]/g, '')) * 100);

/**
 * A customer on the demo store's jersey page: size M, long sleeves (noting what they add to the
 * total), a name, a logo upload; the preview paints and the jersey goes to the cart. Returns the
 * long sleeves' cost as the page showed it, the total and the cart line's properties.
 */
async function buyLongSleeveJersey() {
	const context = await page
		.context()
		.browser()!
		.newContext({
			viewport: { width: 1280, height: 900 },
			baseURL: server.url
		});
	const store = await context.newPage();
	store.setDefaultTimeout(30_000);
	store.on('pageerror', (error) => pageErrors.push(`${store.url()}: ${error.message}`));
	const option = (id: string) => storeOption(store, id);
	const total = () => storeTotal(store);
	const painted = () => previewPainted(store);
	try {
		await store.goto('/demo-store/team-jersey');
		await painted();
		await option('size').locator('label[data-choice="m"]').click();
		await expect.poll(() => option('size').locator('input[value="m"]').isChecked()).toBe(true);
		const shortSleeves = cents(await total());
		await option('sleeves').locator('label[data-choice="long"]').click();
		await expect.poll(async () => cents(await total())).not.toBe(shortSleeves);
		const longSleeveCost = cents(await total()) - shortSleeves;
		await store.getByRole('textbox', { name: /Player name/ }).fill('LEE');
		const logo = await sharp({
			create: { width: 800, height: 800, channels: 4, background: '#ffcc00' }
		})
			.png()
			.toBuffer();
		await option('logo')
			.locator('input[type=file]')
			.setInputFiles({ name: 'crest.png', mimeType: 'image/png', buffer: logo });
		await expect.poll(() => option('logo').locator('.atelier-error[id]').textContent()).toBe('');
		await painted();
		const cart = store.getByRole('button', { name: 'Add to cart' });
		await expect.poll(() => cart.getAttribute('aria-disabled')).toBeNull();
		const totalCents = cents(await total());
		const detail = await addToCart<{ items: { properties: Record<string, string> }[] }>(
			store,
			cart
		);
		return { longSleeveCost, totalCents, properties: detail.items[0].properties };
	} finally {
		await context.close();
	}
}

describe('publishing from the studio', () => {
	it('shows the semantic and visual diff, publishes, and the store serves the new price', async () => {
		const before = await (await fetch(liveUrl)).json();
		const draft = structuredClone(readDefinition(editor.doc)) as Def;
		const options = draft.options as Def[];
		const colors = options.find((o) => o.id === 'color')!.choices as Def[];
		const navy = colors.find((c) => c.id === 'navy')!;
		const green = colors.find((c) => c.id === 'green')!;
		navy.assets = { ...(navy.assets as Def), front: (green.assets as Def).front };
		// The sample's scenario tests pin the old long-sleeve price: keep the others.
		draft.scenarios = (draft.scenarios as Def[]).filter(
			(s) => (s.configuration as { selections: Def }).selections.sleeves !== 'long'
		);
		const marker = `e2e-${Date.now()}`;
		writeDefinition(editor.doc, { ...draft, description: marker }, 'e2e');
		// The dialog reads the draft from the server's room: wait until another client sees it.
		const witness = connectEditor(server.url, cookie, productId);
		try {
			await witness.synced();
			await eventually(
				() => readDefinition(witness.doc).description === marker,
				'the server holds the edit'
			);
		} finally {
			witness.destroy();
		}

		// The merchant changes the long-sleeve price in the inspector: find the Sleeves node,
		// open its Long sleeves choice, type the new price.
		await page.goto(`${server.url}/products/${productId}`);
		await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
		await page.getByLabel('Find a node by name').fill('Sleeves');
		await page.getByRole('listbox', { name: 'Matching nodes' }).getByRole('button').first().click();
		const inspector = page.getByTestId('inspector');
		await inspector
			.getByRole('list', { name: 'Choices of Sleeves' })
			.getByRole('button', { name: /Long sleeves/ })
			.click();
		const price = inspector.getByTestId('choice-price');
		await expect.poll(() => price.inputValue()).toBe('8.00');
		await price.fill('9.00');
		await price.press('Enter');
		const priceWitness = connectEditor(server.url, cookie, productId);
		try {
			await priceWitness.synced();
			await eventually(() => {
				const sleeves = (readDefinition(priceWitness.doc).options as Def[]).find(
					(o) => o.id === 'sleeves'
				);
				return (sleeves?.choices as Def[]).find((c) => c.id === 'long')?.priceDelta === 900;
			}, 'the server holds the new price');
		} finally {
			priceWitness.destroy();
		}

		await page.getByRole('button', { name: 'Publish', exact: true }).click();
		const dialog = page.getByTestId('publish-dialog');
		const diff = dialog.getByTestId('semantic-diff');
		await diff.waitFor();
		await expect
			.poll(() => diff.textContent())
			.toContain("Choice 'Long sleeves' of 'Sleeves': price 8.00 → 9.00 USD");
		await dialog.getByText(/Live · draft · changed pixels/).waitFor();
		expect(await dialog.getByText(/Front · Color: Navy/).count()).toBeGreaterThan(0);
		await dialog.getByLabel(/Note/).fill('Long sleeves 9.00; navy front art');
		await page.screenshot({ path: path.join(SCREENS, 'publish-dialog.png') });
		await dialog.getByRole('button', { name: 'Publish to live' }).click();
		await dialog.getByText('Version 2 is on live.').waitFor();

		const live = await fetch(liveUrl);
		expect(live.headers.get('x-atelier-version')).toBe('2');
		const published = await live.json();
		const longSleeves = (published.options as Def[]).find((o) => o.id === 'sleeves')!
			.choices as Def[];
		expect(longSleeves.find((c) => c.id === 'long')!.priceDelta).toBe(900);
		// The old version's URL still serves the old definition.
		expect(await (await fetch(`${liveUrl}/versions/1`)).json()).toEqual(before);

		// The store page shows the new price and puts version 2 in the cart.
		const bought = await buyLongSleeveJersey();
		expect(bought.longSleeveCost).toBe(900);
		expect(bought.properties).toMatchObject({
			Sleeves: 'Long sleeves',
			'Player name': 'LEE',
			'Team logo': 'Uploaded',
			_atelier_version: '2',
			_atelier_currency: 'USD'
		});
		expect(Number(bought.properties._atelier_total)).toBe(bought.totalCents);
	});

	it('rolls live back from the versions page after a confirmation', async () => {
		await page.goto(`${server.url}/products/${productId}/versions`);
		await page.getByTestId('version-row-2').waitFor();
		await expect.poll(() => page.getByTestId('live-version').textContent()).toBe('Version 2');
		await page.getByRole('button', { name: 'Open version 1' }).click();
		await page.getByTestId('opened-version').getByText('32.00 USD').first().waitFor();
		await page.screenshot({ path: path.join(SCREENS, 'versions.png'), fullPage: true });
		await page.getByRole('button', { name: 'Make version 1 live' }).click();
		await page.getByRole('button', { name: 'Make v1 live' }).click();
		await expect.poll(() => page.getByTestId('live-version').textContent()).toBe('Version 1');
		expect((await fetch(liveUrl)).headers.get('x-atelier-version')).toBe('1');
		// The store is back on version 1's price; version 2's URL still serves version 2.
		const bought = await buyLongSleeveJersey();
		expect(bought.longSleeveCost).toBe(800);
		expect(bought.properties._atelier_version).toBe('1');
		expect(Number(bought.properties._atelier_total)).toBe(bought.totalCents);
		const v2 = await (await fetch(`${liveUrl}/versions/2`)).json();
		expect((v2.options as Def[]).find((o) => o.id === 'sleeves')).toMatchObject({
			choices: expect.arrayContaining([expect.objectContaining({ id: 'long', priceDelta: 900 })])
		});
		expect(pageErrors).toEqual([]);
	});
});
