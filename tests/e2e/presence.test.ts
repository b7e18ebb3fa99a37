/**
 * End to end, two (and three) real Chromium pages against the real built server: the demo owner
 * and an invited editor open the same product; the owner's cursor and selection appear on the
 * editor's graph and canvas, the editor sees "is editing this" on the inspector, and an invited
 * viewer's page shows no editing controls. A side-by-side screenshot goes to test-results/screens.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { DEMO, invitedUserPage, openProduct as openEditor, signedInPage } from '../support/studio';
import { signIn, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

/** A page of its own browser profile signed in with `cookie`. */
const pageWith = (cookie: string) => signedInPage(browser, server, cookie, pageErrors);

/** A new user who joined the demo workspace through an invite link for `role`. */
const invitedUser = (ownerCookie: string, name: string, role: 'editor' | 'viewer') =>
	invitedUserPage(browser, server, ownerCookie, name, role, pageErrors);

/** Where a point of the shown view (view px) is on the page. */
async function pagePoint(page: Page, x: number, y: number) {
	const canvas = page.getByTestId('canvas');
	const box = (await canvas.boundingBox())!;
	const viewport = await canvas.evaluate(
		(el) =>
			(el as unknown as { atelierCanvas: { stage: { viewport: Record<string, number> } } })
				.atelierCanvas.stage.viewport
	);
	return { x: box.x + viewport.x + x * viewport.scale, y: box.y + viewport.y + y * viewport.scale };
}

async function openProduct(page: Page, productPath: string) {
	await openEditor(page, productPath);
	await page.getByRole('tablist', { name: 'Views' }).waitFor();
}

describe('presence between two studio pages', () => {
	it("shows the owner's cursor and selection on an invited editor's graph and canvas; a viewer gets no editing controls", async () => {
		const ownerCookie = await signIn(server.url, DEMO.email, DEMO.password);
		const [owner, editor, viewer] = await Promise.all([
			pageWith(ownerCookie),
			invitedUser(ownerCookie, 'Eve Editor', 'editor'),
			invitedUser(ownerCookie, 'Vic Viewer', 'viewer')
		]);

		await owner.goto('/products');
		await owner.getByRole('link', { name: 'Open Team jersey' }).click();
		await owner.waitForURL(/\/products\/[a-z0-9]+$/);
		const productPath = new URL(owner.url()).pathname;
		await Promise.all([
			openProduct(owner, productPath),
			openProduct(editor, productPath),
			openProduct(viewer, productPath)
		]);

		// Everyone is in the room: the editor's avatars list the owner.
		await editor.getByRole('button', { name: /^Demo Merchant.*click to follow/ }).waitFor();

		// The owner points at the graph: the editor sees a named cursor there.
		const ownerGraph = (await owner.getByTestId('graph').boundingBox())!;
		await owner.mouse.move(
			ownerGraph.x + ownerGraph.width / 2,
			ownerGraph.y + ownerGraph.height / 2
		);
		await owner.mouse.move(
			ownerGraph.x + ownerGraph.width / 2 + 20,
			ownerGraph.y + ownerGraph.height / 2 + 10
		);
		const graphCursor = editor
			.getByTestId('graph-presence')
			.locator('[data-testid="remote-cursor"][data-name="Demo Merchant"]');
		await graphCursor.waitFor();

		// The owner moves on to the canvas: the cursor shows on the editor's canvas, not the graph.
		const ownerCanvas = (await owner.getByTestId('canvas').boundingBox())!;
		const centre = {
			x: ownerCanvas.x + ownerCanvas.width / 2,
			y: ownerCanvas.y + ownerCanvas.height / 2
		};
		await owner.mouse.move(centre.x - 10, centre.y);
		await owner.mouse.move(centre.x, centre.y);
		await editor
			.getByTestId('canvas-presence')
			.locator('[data-testid="remote-cursor"][data-name="Demo Merchant"]')
			.waitFor();
		// Left the graph: the graph cursor is gone.
		await graphCursor.waitFor({ state: 'detached' });
		// Both show the back view; the owner selects the player name's text box on it.
		for (const page of [owner, editor]) {
			await page.getByRole('tab', { name: 'Back' }).click();
			await expect
				.poll(() => page.getByRole('tab', { name: 'Back' }).getAttribute('aria-selected'))
				.toBe('true');
		}
		const nameBox = await pagePoint(owner, 300, 138);
		await owner.mouse.move(nameBox.x, nameBox.y);
		await owner.mouse.down();
		await owner.mouse.up();
		await editor
			.getByTestId('canvas-presence')
			.locator('[data-testid="remote-selection"][data-name="Demo Merchant"]')
			.waitFor();

		// Then an option node on the graph: it is outlined on the editor's graph.
		const option = owner.locator('[data-testid="graph-option"]').first();
		const optionId = await option.getAttribute('data-id');
		await option.click();
		await editor
			.getByTestId('graph-presence')
			.locator('[data-testid="remote-selection"][data-name="Demo Merchant"]')
			.waitFor();

		// The editor inspects the same option: the inspector says the owner is editing it.
		await editor.locator(`[data-testid="graph-option"][data-id="${optionId}"]`).click();
		await expect
			.poll(async () =>
				(await editor.getByTestId('inspector-editing-here').textContent())
					?.replace(/\s+/g, ' ')
					.trim()
			)
			.toContain('Demo Merchant is editing this');

		// The editor follows the owner: the owner zooms the graph, the editor's graph goes along.
		const graphTransform = (page: Page) =>
			page
				.locator('.svelte-flow__viewport')
				.first()
				.evaluate((el) => el.style.transform);
		const followOwner = editor.getByRole('button', { name: /^Demo Merchant.*click to follow/ });
		await followOwner.click();
		await editor.getByRole('button', { name: /^Following Demo Merchant/ }).waitFor();
		const before = await graphTransform(owner);
		await owner.mouse.move(ownerGraph.x + 120, ownerGraph.y + 220);
		await owner.mouse.wheel(0, -300);
		await expect.poll(() => graphTransform(owner)).not.toBe(before);
		await expect
			.poll(async () =>
				(await graphTransform(owner)) !== (await graphTransform(editor)) ? 'apart' : 'same'
			)
			.toBe('same');
		expect(await graphTransform(editor)).not.toBe('');
		// A zoom of the editor's own stops following.
		const editorGraph = (await editor.getByTestId('graph').boundingBox())!;
		await editor.mouse.move(editorGraph.x + 100, editorGraph.y + 200);
		await editor.mouse.wheel(0, 200);
		await editor.getByRole('button', { name: /^Demo Merchant.*click to follow/ }).waitFor();

		// The viewer sees everyone but gets no editing controls.
		await viewer.getByRole('button', { name: /^Eve Editor/ }).waitFor();
		expect(await viewer.getByTestId('graph-add').count()).toBe(0);
		expect(await viewer.getByRole('button', { name: /^Rename product/ }).count()).toBe(0);

		await Promise.all(
			[owner, editor].map(async (page, i) => {
				await page.evaluate(() => document.fonts.ready);
				await page.screenshot({
					path: path.join(SCREENS, `presence-${i === 0 ? 'owner' : 'editor'}.png`)
				});
			})
		);
		expect(pageErrors).toEqual([]);
	}, 45_000);
});
