/**
 * Studio pages for end-to-end tests: a Chromium page signed in as someone, people invited into
 * the demo workspace, the demo products' ids, and opening a product's editor.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signUp, trpc, uniqueEmail, type RunningServer } from './server';

export const DEMO = { email: 'demo@atelier.dev', password: 'atelier-demo' };

export interface StudioPageOptions {
	viewport?: { width: number; height: number };
	colorScheme?: 'light' | 'dark';
	timeout?: number;
}

/**
 * A page in a browser profile of its own, signed in with `cookie`; uncaught page errors are
 * pushed to `pageErrors` (tests assert it stays empty).
 */
export async function signedInPage(
	browser: Browser,
	server: RunningServer,
	cookie: string,
	pageErrors: string[],
	options: StudioPageOptions = {}
): Promise<Page> {
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 1280, height: 800 },
		colorScheme: options.colorScheme ?? 'light',
		baseURL: server.url
	});
	await context.addCookies(
		cookie.split('; ').map((pair) => {
			const [name, ...value] = pair.split('=');
			return { name, value: value.join('='), url: server.url };
		})
	);
	const page = await context.newPage();
	page.setDefaultTimeout(options.timeout ?? 15_000);
	page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
	return page;
}

/** A new user who joined the owner's workspace through an invite link for `role`, on a page. */
export async function invitedUserPage(
	browser: Browser,
	server: RunningServer,
	ownerCookie: string,
	name: string,
	role: 'editor' | 'viewer',
	pageErrors: string[]
): Promise<Page> {
	const invite = await trpc(server.url, ownerCookie, 'workspace.invite', { role });
	expect(invite.status).toBe(200);
	const { url } = invite.body.result?.data as { url: string };
	const cookie = await signUp(server.url, {
		name,
		email: uniqueEmail(name.split(' ')[0].toLowerCase()),
		password: 'correct-horse-battery'
	});
	const page = await signedInPage(browser, server, cookie, pageErrors);
	await page.goto(new URL(url).pathname);
	await page.getByRole('button', { name: 'Join workspace' }).click();
	await page.waitForURL(/\/products$/);
	return page;
}

/** The id of the product with `handle` in the signed-in user's active workspace. */
export async function productIdByHandle(
	server: RunningServer,
	cookie: string,
	handle: string
): Promise<string> {
	const list = await trpc(server.url, cookie, 'product.list', undefined, 'query');
	const product = (list.body.result?.data as { id: string; handle: string }[]).find(
		(p) => p.handle === handle
	);
	if (!product) throw new Error(`no product '${handle}' in the active workspace`);
	return product.id;
}

/** Opens a product's editor and waits until it is connected and its graph is drawn. */
export async function openProduct(page: Page, productPath: string): Promise<void> {
	await page.goto(productPath);
	await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
	await page.locator('[data-testid="graph-option"]').first().waitFor();
}

/** An option's node on the graph. */
export const optionNode = (page: Page, id: string) =>
	page.locator(`[data-testid="graph-option"][data-id="${id}"]`);

/** The option node's title as shown on the graph. */
export const optionTitle = (page: Page, id: string) =>
	optionNode(page, id).locator('span.font-semibold').first().textContent();

/** Renames an option through the inspector's Label field, then leaves the field. */
export async function renameOption(page: Page, id: string, label: string): Promise<void> {
	await optionNode(page, id).click({ position: { x: 120, y: 20 } });
	const field = page.getByTestId('option-label');
	await field.fill(label);
	await field.press('Enter');
	// Leave the field, so a shortcut after it reaches the studio and not the text box's own undo.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Drags from a handle to a point of the graph (Svelte Flow follows pointer events). */
export async function dragFromHandle(
	page: Page,
	handle: string,
	to: { x: number; y: number }
): Promise<void> {
	const box = await page.locator(handle).boundingBox();
	if (!box) throw new Error(`no handle ${handle}`);
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(to.x - 40, to.y, { steps: 5 });
	await page.mouse.move(to.x, to.y, { steps: 5 });
	await page.mouse.up();
}
