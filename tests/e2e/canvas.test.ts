/**
 * End to end, in a real Chromium against the real built server with the demo store seeded: the
 * canvas draws the three demo products in light and dark themes (screenshots, as seeded and with a
 * customer's choices, go to test-results/screens); then the demo user opens the team jersey,
 * presses a layer on the canvas, drags it and nudges it with the keyboard, and a second,
 * independent client of the product's room (a y-websocket client in this process) sees each
 * change in the draft.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinition } from '../../src/lib/collab/definition-doc';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { connectEditor, type TestEditor } from '../support/collab-client';
import { signIn, type RunningServer } from '../support/server';

const DEMO = { email: 'demo@atelier.dev', password: 'atelier-demo' };

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
const clients: TestEditor[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await stopServerAndBrowser(server, browser);
});

async function signedInPage(theme: 'light' | 'dark' = 'light'): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		colorScheme: theme,
		baseURL: server.url
	});
	if (theme === 'dark')
		await context.addInitScript(() => localStorage.setItem('atelier-theme', 'dark'));
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
	await page.goto('/sign-in');
	await page.getByLabel('Email', { exact: true }).fill(DEMO.email);
	await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/\/products$/);
	return page;
}

/** Opens a demo product from the list and waits for its canvas to have drawn the draft. */
async function openProduct(page: Page, name: string): Promise<string> {
	await page.goto('/products');
	await page.getByRole('link', { name: `Open ${name}` }).click();
	await page.waitForURL(/\/products\/[a-z0-9]+$/);
	await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
	await page.getByRole('tablist', { name: 'Views' }).waitFor();
	return new URL(page.url()).pathname.split('/').pop()!;
}

/** Where a point of the shown view (view px) is on the page. */
async function pagePoint(page: Page, x: number, y: number) {
	const canvas = page.getByTestId('canvas');
	const box = (await canvas.boundingBox())!;
	const viewport = await canvas.evaluate(
		(el) =>
			(el as unknown as { atelierCanvas: { stage: { viewport: Record<string, number> } } })
				.atelierCanvas.stage.viewport
	);
	return {
		x: box.x + viewport.x + x * viewport.scale,
		y: box.y + viewport.y + y * viewport.scale,
		scale: viewport.scale
	};
}

async function screenshot(page: Page, name: string) {
	await page.evaluate(() => document.fonts.ready);
	// Images of the scene load after the first draw.
	await page.waitForTimeout(400);
	await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

const DEMO_PRODUCTS = [
	{
		name: 'Team jersey',
		slug: 'team-jersey',
		view: 'Back',
		selections: { color: 'navy', sleeves: 'long', name: 'MAXIMILIANOS', number: 10 }
	},
	{
		name: 'Engraved pendant',
		slug: 'engraved-pendant',
		view: 'Front',
		selections: { metal: 'gold', shape: 'heart', engraving: 'Forever', engravingFont: 'italic' }
	},
	{
		name: 'Modular sofa',
		slug: 'modular-sofa',
		view: 'Front',
		selections: {
			modules: ['corner', 'armless', 'chaise'],
			fabric: 'linen',
			fabricColor: 'sage',
			legs: 'oak'
		}
	}
];

type LayerJson = { id: string; transform: { x: number; y: number; width: number; height: number } };

describe('the studio canvas', () => {
	it('draws the three demo products in light and dark themes', async () => {
		for (const theme of ['light', 'dark'] as const) {
			const page = await signedInPage(theme);
			for (const { name, slug, view, selections } of DEMO_PRODUCTS) {
				await openProduct(page, name);
				await page.getByTestId('canvas').locator('canvas').first().waitFor();
				// The zoom label shows the fitted scale: the view was fitted into the panel.
				await expect.poll(() => page.getByTestId('canvas-zoom').textContent()).toMatch(/^\d+%$/);
				await screenshot(page, `canvas-${slug}-${theme}`);
				// As the test panel would: a customer's choices, drawn on the canvas.
				await page.getByTestId('canvas').evaluate(
					(el, config) => {
						const hook = (
							el as unknown as { atelierCanvas: { editor: { testConfiguration: unknown } } }
						).atelierCanvas;
						hook.editor.testConfiguration = config;
					},
					{ selections }
				);
				await page.getByRole('tab', { name: view }).click();
				await screenshot(page, `canvas-${slug}-configured-${theme}`);
			}
			await page.context().close();
		}
		expect(pageErrors).toEqual([]);
	});

	it('moves a layer by dragging and nudging, and another client of the room sees it', async () => {
		const page = await signedInPage();
		const productId = await openProduct(page, 'Team jersey');

		const cookie = await signIn(server.url, DEMO.email, DEMO.password);
		const other = connectEditor(server.url, cookie, productId);
		clients.push(other);
		await other.synced();
		const nameLayer = () =>
			(readDefinition(other.doc).layers as unknown as LayerJson[]).find((l) => l.id === 'name')!;
		const start = structuredClone(nameLayer().transform);
		expect(start).toMatchObject({ x: 165, y: 105, width: 270, height: 66 });

		// The name is on the back: switch views and find the centre of its text box.
		await page.getByRole('tab', { name: 'Back' }).click();
		await expect
			.poll(() => page.getByRole('tab', { name: 'Back' }).getAttribute('aria-selected'))
			.toBe('true');
		const centre = await pagePoint(page, 300, 138);

		// Press on the (unselected) text box and drag it 40 px right and 60 px down (screen px), in
		// small steps as a hand would: pressing selects it, and the same gesture moves it.
		await page.mouse.move(centre.x, centre.y);
		await page.mouse.down();
		for (let i = 1; i <= 10; i++) await page.mouse.move(centre.x + i * 4, centre.y + i * 6);
		await page.mouse.up();
		await expect
			.poll(() => page.getByTestId('canvas-measure').textContent())
			.toMatch(/^Player name · X \d+ · Y \d+ · 270 × 66 mm/);
		await expect.poll(() => nameLayer().transform.y, { timeout: 10_000 }).toBeGreaterThan(start.y);
		const dragged = nameLayer().transform;
		// Snapping may pull it a few pixels; the size never changes on a move.
		expect(dragged.x).toBeGreaterThan(start.x);
		expect(Math.abs(dragged.y - (start.y + 60 / centre.scale))).toBeLessThan(8 / centre.scale + 1);
		expect({ width: dragged.width, height: dragged.height }).toEqual({ width: 270, height: 66 });

		// Arrow keys nudge the selection by 1 px, Shift+arrow by 10 px.
		await page.getByTestId('canvas').focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => nameLayer().transform.x).toBe(dragged.x + 1);
		await page.keyboard.press('Shift+ArrowUp');
		await expect.poll(() => nameLayer().transform.y).toBe(dragged.y - 10);
		await screenshot(page, 'canvas-moved');

		// After a reload the editor's draft (what the canvas draws) has the stored position.
		await page.reload();
		await page.getByRole('tablist', { name: 'Views' }).waitFor();
		await expect
			.poll(() =>
				page.getByTestId('canvas').evaluate((el) => {
					const hook = (el as unknown as { atelierCanvas: { editor: { definition: unknown } } })
						.atelierCanvas;
					const layers = (hook.editor.definition as { layers?: LayerJson[] }).layers ?? [];
					return layers.find((l) => l.id === 'name')?.transform ?? null;
				})
			)
			.toEqual({ ...dragged, x: dragged.x + 1, y: dragged.y - 10 });

		expect(pageErrors).toEqual([]);
	});
});
