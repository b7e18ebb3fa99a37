/**
 * End to end, in a real Chromium against the real built server: a new user creates a blank
 * product and builds its graph through the UI only — two options with choices, one connected
 * to a new layer by dragging from its handle into empty space — then deletes that option
 * (the confirmation lists the layer that goes with it) and undoes the delete.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { dragFromHandle, optionNode as option } from '../support/studio';
import { uniqueEmail, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser({ seed: false }));
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

describe('the product graph', () => {
	it('builds options and a layer from a blank product, asks before deleting with references, and undoes', async () => {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			baseURL: server.url
		});
		const page = await context.newPage();
		page.setDefaultTimeout(20_000);
		page.on('pageerror', (error) => pageErrors.push(error.message));

		await page.goto('/sign-up');
		await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
		await page.getByLabel('Email', { exact: true }).fill(uniqueEmail('grace'));
		await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(/\/products$/);

		// A blank product (the default template).
		await page.getByRole('button', { name: 'New product' }).first().click();
		const dialog = page.getByRole('dialog');
		await dialog.getByLabel('Name', { exact: true }).fill('Mug');
		await expect(dialog.getByRole('radio', { name: /Blank/ }).isChecked()).resolves.toBe(true);
		await dialog.getByRole('button', { name: 'Create product' }).click();
		await page.waitForURL(/\/products\/[a-z0-9]+$/);
		await page.getByRole('heading', { name: 'No options yet' }).waitFor();

		// Two choice options from the palette, each given a second choice.
		for (const id of ['option', 'option-2']) {
			await page.getByTestId('graph-add').click();
			await page.getByRole('menuitem', { name: 'Choice option' }).click();
			await option(page, id).waitFor();
			await option(page, id).getByRole('button', { name: 'Add choice' }).click();
			await option(page, id).locator('[data-choice="choice-2"]').waitFor();
		}
		await expect(page.locator('[data-testid="graph-option"]').count()).resolves.toBe(2);

		// Drag from the first option's handle into empty space: add an image layer bound to it.
		const graphBox = (await page.getByTestId('graph').boundingBox())!;
		await page.getByRole('button', { name: 'Zoom to fit' }).click();
		await page.waitForTimeout(400);
		await dragFromHandle(
			page,
			'.svelte-flow__node[data-id="option:option"] .svelte-flow__handle[data-handleid="out"]',
			{ x: graphBox.x + graphBox.width - 120, y: graphBox.y + 80 }
		);
		await page
			.getByTestId('graph-connect-menu')
			.getByRole('menuitem', { name: 'Image layer' })
			.click();
		const layer = page.locator('[data-testid="graph-layer"]');
		await layer.waitFor();
		await expect(layer.textContent()).resolves.toContain('Option · choice art');
		await page.locator('[data-testid="graph-view"]').waitFor();
		// The binding is drawn as an edge from the option to the layer.
		await page
			.locator('.svelte-flow__edge[data-id="binding:option:option/out->layer:option-image/in"]')
			.waitFor({ state: 'attached' });
		await page.screenshot({ path: path.join(SCREENS, 'graph-e2e-built.png') });

		// Connecting an option to a view means nothing: refused, with the reason shown.
		await page.getByRole('button', { name: 'Zoom to fit' }).click();
		await page.waitForTimeout(400);
		const viewHandle = await page
			.locator('.svelte-flow__node[data-id="view:front"] .svelte-flow__handle[data-handleid="in"]')
			.boundingBox();
		await dragFromHandle(
			page,
			'.svelte-flow__node[data-id="option:option-2"] .svelte-flow__handle[data-handleid="out"]',
			{ x: viewHandle!.x + viewHandle!.width / 2, y: viewHandle!.y + viewHandle!.height / 2 }
		);
		await expect(page.getByTestId('graph-notice').textContent()).resolves.toContain(
			'An option does not connect to a view.'
		);
		await expect(page.locator('.svelte-flow__edge[data-id*="view:front"]').count()).resolves.toBe(
			1
		);

		// Deleting the first option asks first and lists the layer that goes with it.
		await option(page, 'option').click({ position: { x: 80, y: 20 } });
		await page.keyboard.press('Delete');
		const confirm = page.getByRole('alertdialog');
		await confirm.waitFor();
		await expect(confirm.getByTestId('delete-references').textContent()).resolves.toMatch(
			/layer\s*Image\s*deleted/
		);
		await page.screenshot({ path: path.join(SCREENS, 'graph-e2e-delete.png') });
		await confirm.getByRole('button', { name: 'Delete' }).click();
		await option(page, 'option').waitFor({ state: 'detached' });
		await expect(page.locator('[data-testid="graph-layer"]').count()).resolves.toBe(0);
		await expect(option(page, 'option-2').count()).resolves.toBe(1);

		// Undo (Ctrl+Z in the graph) brings the option and its layer back.
		await option(page, 'option-2').click({ position: { x: 80, y: 20 } });
		await page.keyboard.press('Control+z');
		await option(page, 'option').waitFor();
		await page.locator('[data-testid="graph-layer"]').waitFor();
		await expect(option(page, 'option').locator('[data-choice]').count()).resolves.toBe(2);

		expect(pageErrors).toEqual([]);
		await context.close();
	});
});
