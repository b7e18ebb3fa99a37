/**
 * End to end, in a real Chromium against the real built server with the demo seed: the editor's
 * drawer (diagnostics, test panel, assets) is resized by dragging its top edge or with the arrow
 * keys on it, never past its limits, and keeps its height across a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { signIn, type RunningServer } from '../support/server';
import { DEMO, productIdByHandle, signedInPage } from '../support/studio';

let server: RunningServer;
let browser: Browser;
let page: Page;
let productId: string;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
	const cookie = await signIn(server.url, DEMO.email, DEMO.password);
	productId = await productIdByHandle(server, cookie, 'team-jersey');
	page = await signedInPage(browser, server, cookie, pageErrors, {
		viewport: { width: 1440, height: 900 },
		timeout: 30_000
	});
}, 120_000);

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

describe('the editor drawer', () => {
	it('resizes by dragging its edge or with the arrow keys, within limits, and keeps its height', async () => {
		await page.goto(`${server.url}/products/${productId}`);
		const drawer = page.getByTestId('editor-drawer');
		const heightOf = async () => Math.round((await drawer.boundingBox())!.height);
		await drawer.waitFor();
		const start = await heightOf();
		expect(start).toBe(288);

		const edge = page.getByRole('separator', { name: 'Resize the drawer' });
		const box = (await edge.boundingBox())!;
		const x = box.x + box.width / 2;
		const y = box.y + box.height / 2;
		await page.mouse.move(x, y);
		await page.mouse.down();
		await page.mouse.move(x, y - 120, { steps: 6 });
		await page.mouse.up();
		expect(await heightOf()).toBe(start + 120);

		await edge.focus();
		await page.keyboard.press('ArrowDown');
		expect(await heightOf()).toBe(start + 96);
		await expect(edge.getAttribute('aria-valuenow')).resolves.toBe(String(start + 96));

		// Never taller than the editor minus room for the graph and canvas, never below 160 px.
		await page.keyboard.press('End');
		const tallest = await heightOf();
		const editorHeight = (await drawer.evaluate((el) => el.parentElement!.clientHeight)) as number;
		expect(tallest).toBe(editorHeight - 220);
		await page.keyboard.press('Home');
		expect(await heightOf()).toBe(160);

		await page.keyboard.press('Shift+ArrowUp');
		await page.reload();
		await drawer.waitFor();
		await expect.poll(heightOf).toBe(256);
		expect(pageErrors).toEqual([]);
	});
});
