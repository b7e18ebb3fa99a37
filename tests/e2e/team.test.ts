/**
 * End to end, in a real Chromium against the real built server: a new user signs up, creates a
 * product and invites a viewer; the viewer joins, sees the product, and can rename it neither
 * through the studio nor through the API. Screenshots of each screen go to test-results/screens.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, type RunningServer } from '../support/server';

const PASSWORD = 'correct-horse-battery';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser({ seed: false }));
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

/** A fresh browser profile (its own cookies) with one page, light theme, a laptop-sized window. */
async function newPage(theme: 'light' | 'dark' = 'light'): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		colorScheme: theme,
		baseURL: server.url
	});
	contexts.push(context);
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
	return page;
}

async function screenshot(page: Page, name: string) {
	// Let fonts and transitions settle so the pictures show what a person sees.
	await page.evaluate(() => document.fonts.ready);
	await page.waitForTimeout(150);
	await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

/** The message shown under a form field (its error, or its hint when there is no error). */
async function fieldMessage(page: Page, label: string): Promise<string> {
	const input = page.getByLabel(label, { exact: true });
	const describedBy = await input.getAttribute('aria-describedby');
	if (!describedBy) return '';
	return (await page.locator(`[id="${describedBy}"]`).textContent())?.trim() ?? '';
}

async function signUp(page: Page, user: { name: string; email: string }) {
	await page.getByLabel('Name', { exact: true }).fill(user.name);
	await page.getByLabel('Email', { exact: true }).fill(user.email);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
}

/** Signs a new user up from the sign-up page and waits for their (empty) product list. */
async function newUser(name: string): Promise<Page> {
	const page = await newPage();
	await page.goto('/sign-up');
	await signUp(page, { name, email: uniqueEmail(name.split(' ')[0].toLowerCase()) });
	await page.waitForURL(/\/products$/);
	return page;
}

/** Creates a product from the product list and returns to the list. */
async function createProduct(page: Page, name: string) {
	await page.getByRole('button', { name: 'New product' }).first().click();
	await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('dialog').getByRole('button', { name: 'Create product' }).click();
	await page.waitForURL(/\/products\/[a-z0-9]+$/);
	await page.goto('/products');
	await page.getByRole('link', { name: `Open ${name}` }).waitFor();
}

/** Card menu action on the product list. */
async function cardAction(page: Page, product: string, action: string) {
	await page.getByRole('button', { name: `Actions for ${product}` }).click();
	await page.getByRole('menuitem', { name: action }).click();
}

describe('a team in the studio', () => {
	it('lets a new user create a product and invite a viewer who can see it but not rename it', async () => {
		// Signed out, the studio asks to sign in.
		const ada = await newPage();
		await ada.goto('/products');
		await ada.waitForURL(/\/sign-in\?next=%2Fproducts$/);
		await expect(ada.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
		await screenshot(ada, 'sign-in');

		// User A signs up and lands on an empty product list that says what to do.
		await ada.getByRole('link', { name: 'Create an account' }).click();
		await signUp(ada, { name: 'Ada Lovelace', email: uniqueEmail('ada') });
		await ada.waitForURL(/\/products$/);
		await ada.getByRole('heading', { name: 'Create your first product' }).waitFor();
		await screenshot(ada, 'products-empty');

		// The "New product" dialog derives the handle from the name.
		await ada.getByRole('button', { name: 'New product' }).first().click();
		const dialog = ada.getByRole('dialog');
		await dialog.getByLabel('Name', { exact: true }).fill('Team jersey');
		expect(await dialog.getByLabel('Handle', { exact: true }).inputValue()).toBe('team-jersey');
		await screenshot(ada, 'new-product-dialog');
		await dialog.getByRole('button', { name: 'Create product' }).click();

		// Creating opens the editor shell, connected to the product's room.
		await ada.waitForURL(/\/products\/[a-z0-9]+$/);
		const productId = new URL(ada.url()).pathname.split('/').pop()!;
		await ada.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
		await ada.getByRole('button', { name: /^Rename product/ }).waitFor();

		// A second product, and a taken handle reported next to the Handle field.
		await ada.getByRole('link', { name: 'Products', exact: true }).first().click();
		await ada.waitForURL(/\/products$/);
		await ada.getByRole('button', { name: 'New product' }).click();
		await dialog.getByLabel('Name', { exact: true }).fill('Team Jersey');
		await dialog.getByRole('button', { name: 'Create product' }).click();
		await expect.poll(() => fieldMessage(ada, 'Handle')).toMatch(/already used by another product/);
		await screenshot(ada, 'new-product-handle-taken');
		await dialog.getByLabel('Name', { exact: true }).fill('Engraved pendant');
		await dialog.getByLabel('Handle', { exact: true }).fill('engraved-pendant');
		await dialog.getByRole('button', { name: 'Create product' }).click();
		await ada.waitForURL(/\/products\/[a-z0-9]+$/);
		await ada.getByRole('link', { name: 'Products', exact: true }).first().click();
		await ada.getByRole('link', { name: 'Open Team jersey' }).waitFor();
		await ada.getByRole('link', { name: 'Open Engraved pendant' }).waitFor();
		await screenshot(ada, 'products-list');

		// A creates a viewer invite link on the members page.
		await ada.getByRole('link', { name: 'Members', exact: true }).click();
		await ada.waitForURL(/\/members$/);
		await ada.getByLabel('Role', { exact: true }).selectOption('viewer');
		await ada.getByRole('button', { name: 'Create invite link' }).click();
		const linkField = ada.getByLabel('Invite link for the viewer role');
		await linkField.waitFor();
		const inviteUrl = await linkField.inputValue();
		expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9]+$/);
		await screenshot(ada, 'members');

		// A opens the product, so B will find someone there.
		await ada.goto(`/products/${productId}`);
		await ada.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();

		// User B opens the link signed out, creates an account from there, and comes back to it.
		const bo = await newPage();
		await bo.goto(new URL(inviteUrl).pathname);
		await bo.getByRole('heading', { name: /Join Ada Lovelace's workspace/ }).waitFor();
		await bo.getByRole('link', { name: 'Create an account' }).click();
		await signUp(bo, { name: 'Bo Viewer', email: uniqueEmail('bo') });
		await bo.waitForURL(/\/invite\/[A-Za-z0-9]+$/);
		await screenshot(bo, 'invite');
		await bo.getByRole('button', { name: 'Join workspace' }).click();

		// B lands in A's workspace and sees A's products, without the controls to change them.
		await bo.waitForURL(/\/products$/);
		await bo.getByRole('link', { name: 'Open Team jersey' }).waitFor();
		expect(
			await bo.getByRole('button', { name: /Switch workspace/ }).getAttribute('aria-label')
		).toContain("Ada Lovelace's workspace");
		expect(await bo.getByRole('button', { name: 'New product' }).count()).toBe(0);
		expect(await bo.getByRole('button', { name: /^Actions for/ }).count()).toBe(0);
		await screenshot(bo, 'products-list-viewer');

		// B opens the product: view only, no rename control, and both people are in the room.
		await bo.getByRole('link', { name: 'Open Team jersey' }).click();
		await bo.waitForURL(new RegExp(`/products/${productId}$`));
		await bo.getByText('View only', { exact: true }).waitFor();
		await bo.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
		expect(await bo.getByRole('button', { name: /^Rename product/ }).count()).toBe(0);
		// A viewer's Publish button is disabled and says why (to keyboard users too).
		const viewerPublish = bo.getByRole('button', { name: 'Publish' });
		expect(await viewerPublish.getAttribute('aria-disabled')).toBe('true');
		await expect.poll(() => bo.locator('[data-testid="presence"] li').count()).toBe(2);
		await expect.poll(() => ada.locator('[data-testid="presence"] li').count()).toBe(2);
		await screenshot(bo, 'editor-viewer');
		await screenshot(ada, 'editor');

		// The API refuses B's rename with 403, and the name stays.
		const refused = await bo.evaluate(async (id) => {
			const response = await fetch('/api/trpc/product.rename', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ productId: id, name: 'x' })
			});
			return { status: response.status, body: await response.json() };
		}, productId);
		expect(refused.status).toBe(403);
		expect(refused.body.error.message).toMatch(/editor role/);
		const current = await bo.evaluate(async (id) => {
			const input = encodeURIComponent(JSON.stringify({ productId: id }));
			const response = await fetch(`/api/trpc/product.get?input=${input}`);
			return (await response.json()).result.data.product.name as string;
		}, productId);
		expect(current).toBe('Team jersey');

		await viewerPublish.focus();
		await bo.getByText(/Viewers cannot publish/).waitFor();
		await screenshot(bo, 'editor-publish-tooltip');
		// The owner's Publish button works (the dialog is tested in e2e/publishing.test.ts).
		expect(await ada.getByRole('button', { name: 'Publish' }).getAttribute('aria-disabled')).toBe(
			null
		);

		// The connection badge follows the network.
		await ada.context().setOffline(true);
		await ada.locator('[data-testid="connection-state"][data-state="offline"]').waitFor();
		await ada.context().setOffline(false);
		await ada.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();

		// A, an owner, renames it inline in the editor's top bar.
		await ada.getByRole('button', { name: /^Rename product/ }).click();
		await ada.getByLabel('Product name').fill('Team jersey 2026');
		await ada.getByLabel('Product name').press('Enter');
		await ada
			.getByRole('button', { name: /^Rename product \(currently Team jersey 2026\)/ })
			.waitFor();

		// Leaving the page closes the room: A sees B leave.
		await bo.goto('/products');
		await expect.poll(() => ada.locator('[data-testid="presence"] li').count()).toBe(1);

		// A product of no workspace of B's is a plain 404.
		const missing = await bo.goto('/products/doesnotexist');
		expect(missing?.status()).toBe(404);
		await bo.getByText('This product does not exist or you do not have access to it').waitFor();
		await screenshot(bo, 'product-not-found');

		// B switches to their own workspace with the switcher, where they are the owner.
		await bo.getByRole('button', { name: /^Switch workspace/ }).click();
		await bo.getByRole('menuitem', { name: /Bo Viewer's workspace/ }).waitFor();
		await screenshot(bo, 'workspace-switcher');
		await bo.getByRole('menuitem', { name: /Bo Viewer's workspace/ }).click();
		await bo.getByRole('heading', { name: 'Create your first product' }).waitFor();
		expect(
			await bo.getByRole('button', { name: /^Switch workspace/ }).getAttribute('aria-label')
		).toContain("Bo Viewer's workspace");

		// The theme toggle in the account menu switches to dark and is remembered.
		await ada.getByRole('button', { name: /^Account menu/ }).click();
		await ada.getByRole('menuitem', { name: 'Switch to dark theme' }).click();
		await ada.keyboard.press('Escape');
		expect(await ada.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
			true
		);
		await screenshot(ada, 'editor-dark');
		await ada.goto('/products');
		await ada.getByRole('link', { name: 'Open Engraved pendant' }).waitFor();
		expect(await ada.evaluate(() => localStorage.getItem('atelier-theme'))).toBe('dark');
		await screenshot(ada, 'products-list-dark');

		expect(pageErrors).toEqual([]);
	});

	it('shows sign-up mistakes next to the field they concern', async () => {
		const page = await newPage();
		const email = uniqueEmail('taken');

		await page.goto('/sign-up');
		await page.getByLabel('Name', { exact: true }).fill('Cleo');
		await page.getByLabel('Email', { exact: true }).fill('not-an-email');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect.poll(() => fieldMessage(page, 'Email')).toMatch(/valid email address/);
		await screenshot(page, 'sign-up-invalid-email');

		await page.getByLabel('Email', { exact: true }).fill(email);
		await page.getByLabel('Password', { exact: true }).fill('short');
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect.poll(() => fieldMessage(page, 'Password')).toBe('Use at least 8 characters.');
		expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBeNull();

		// Create the account in another browser, then try the same email here.
		const first = await newPage();
		await first.goto('/sign-up');
		await signUp(first, { name: 'Cleo', email });
		await first.waitForURL(/\/products$/);

		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect.poll(() => fieldMessage(page, 'Email')).toMatch(/already exists/);
		expect(page.url()).toMatch(/\/sign-up$/);
		expect(pageErrors).toEqual([]);
	});

	it('lets owners manage products and members, with loading errors that offer a retry', async () => {
		const owner = await newUser('Olga Owner');
		await createProduct(owner, 'Modular sofa');

		// Duplicate, archive the copy, find it under "Show archived", restore it.
		await cardAction(owner, 'Modular sofa', 'Duplicate');
		await owner.getByRole('link', { name: 'Open Modular sofa (copy)' }).waitFor();
		await cardAction(owner, 'Modular sofa (copy)', 'Archive');
		await owner
			.getByRole('link', { name: 'Open Modular sofa (copy)' })
			.waitFor({ state: 'detached' });
		await owner.getByRole('switch', { name: 'Show archived' }).click();
		await owner.getByRole('link', { name: 'Open Modular sofa (copy)' }).waitFor();
		await screenshot(owner, 'products-archived');
		await cardAction(owner, 'Modular sofa (copy)', 'Restore');
		await owner.getByRole('switch', { name: 'Show archived' }).click();
		await owner.getByRole('link', { name: 'Open Modular sofa (copy)' }).waitFor();

		// Rename from the card menu: name and handle, with the handle checked before sending.
		await cardAction(owner, 'Modular sofa (copy)', 'Rename…');
		const dialog = owner.getByRole('dialog');
		await dialog.getByLabel('Name', { exact: true }).fill('Corner sofa');
		await dialog.getByLabel('Handle', { exact: true }).fill('Corner Sofa');
		await dialog.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => fieldMessage(owner, 'Handle')).toMatch(/lowercase letters/);
		await dialog.getByLabel('Handle', { exact: true }).fill('corner-sofa');
		await dialog.getByRole('button', { name: 'Save' }).click();
		await owner.getByRole('link', { name: 'Open Corner sofa' }).waitFor();

		// The list can fail to load; it says so and offers to try again.
		await owner.route('**/api/trpc/product.list**', (route) => route.abort());
		await owner.reload();
		await owner.getByText('The products could not be loaded').waitFor();
		await screenshot(owner, 'products-error');
		await owner.unroute('**/api/trpc/product.list**');
		await owner.getByRole('button', { name: 'Try again' }).click();
		await owner.getByRole('link', { name: 'Open Corner sofa' }).waitFor();

		// The keyboard reaches "New product" and opens the dialog; Escape closes it.
		await owner.locator('body').focus();
		let reached = false;
		for (let i = 0; i < 20 && !reached; i++) {
			await owner.keyboard.press('Tab');
			reached = await owner.evaluate(
				() => document.activeElement?.textContent?.trim() === 'New product'
			);
		}
		expect(reached).toBe(true);
		await owner.keyboard.press('Enter');
		await owner.getByRole('dialog').waitFor();
		await owner.keyboard.press('Escape');
		await owner.getByRole('dialog').waitFor({ state: 'detached' });

		// An editor joins by link; the owner makes them a viewer, then removes them.
		await owner.getByRole('link', { name: 'Members', exact: true }).click();
		await owner.getByRole('button', { name: 'Create invite link' }).click();
		const link = await owner.getByLabel('Invite link for the editor role').inputValue();
		const member = await newUser('Eli Editor');
		await member.goto(new URL(link).pathname);
		await member.getByRole('button', { name: 'Join workspace' }).click();
		await member.waitForURL(/\/products$/);
		await member.getByRole('button', { name: 'Actions for Modular sofa' }).waitFor();

		await owner.reload();
		await owner.getByLabel('Role of Eli Editor').selectOption('viewer');
		await owner.getByText('Eli Editor is now a viewer.').waitFor();
		await member.reload();
		await member.getByRole('link', { name: 'Open Modular sofa' }).waitFor();
		expect(await member.getByRole('button', { name: 'Actions for Modular sofa' }).count()).toBe(0);

		await owner.getByRole('button', { name: 'Remove Eli Editor' }).click();
		await owner.getByRole('alertdialog').waitFor();
		await screenshot(owner, 'members-remove');
		await owner.getByRole('button', { name: 'Remove member' }).click();
		await owner.getByRole('alertdialog').waitFor({ state: 'detached' });
		expect(await owner.getByText('Eli Editor').count()).toBe(0);

		// A used-up or unknown invite link says so plainly.
		await member.goto('/invite/no-such-token');
		await member.getByRole('heading', { name: 'This invite link does not work' }).waitFor();
		await screenshot(member, 'invite-unknown');
		expect(pageErrors).toEqual([]);
	});
});
