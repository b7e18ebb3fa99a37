/**
 * Per-user undo end to end: the demo owner and an invited editor edit the same product in two
 * real Chromium pages. Ctrl+Z on the owner's page undoes the owner's edit on both pages and leaves
 * the editor's; Ctrl+Shift+Z redoes it. Undoing a deleted option brings its edges (the rules and
 * layers that referred to it) back on both pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import {
	DEMO,
	invitedUserPage,
	openProduct,
	optionNode,
	optionTitle,
	renameOption,
	signedInPage
} from '../support/studio';
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

/** A new user who joined the demo workspace as an editor, on a page of their own. */
const invitedEditor = (ownerCookie: string, name: string) =>
	invitedUserPage(browser, server, ownerCookie, name, 'editor', pageErrors);

const edgesTouching = (page: Page, id: string) =>
	page.locator(`.svelte-flow__edge[data-id*="option:${id}/"]`).count();

describe('per-user undo between two studio pages', () => {
	it("undoes only the owner's own edit on both pages, redoes it, and restores a deleted option's edges", async () => {
		const ownerCookie = await signIn(server.url, DEMO.email, DEMO.password);
		const [owner, editor] = await Promise.all([
			pageWith(ownerCookie),
			invitedEditor(ownerCookie, 'Una Undo')
		]);
		await owner.goto('/products');
		await owner.getByRole('link', { name: 'Open Team jersey' }).click();
		await owner.waitForURL(/\/products\/[a-z0-9]+$/);
		const productPath = new URL(owner.url()).pathname;
		await Promise.all([openProduct(owner, productPath), openProduct(editor, productPath)]);

		const ids = await owner
			.locator('[data-testid="graph-option"]')
			.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id') ?? ''));
		expect(ids.length).toBeGreaterThanOrEqual(2);
		const [mine, theirs] = ids;
		const mineBefore = await optionTitle(owner, mine);
		const theirsBefore = await optionTitle(owner, theirs);

		// The owner renames one option, the editor another; both pages show both.
		await renameOption(owner, mine, 'Renamed by owner');
		await renameOption(editor, theirs, 'Renamed by editor');
		for (const page of [owner, editor]) {
			await expect.poll(() => optionTitle(page, mine)).toBe('Renamed by owner');
			await expect.poll(() => optionTitle(page, theirs)).toBe('Renamed by editor');
		}

		// The owner presses Ctrl+Z: the owner's rename is undone everywhere, the editor's stays.
		await owner.keyboard.press('Control+z');
		for (const page of [owner, editor]) {
			await expect.poll(() => optionTitle(page, mine)).toBe(mineBefore);
			expect(await optionTitle(page, theirs)).toBe('Renamed by editor');
		}
		// The owner has nothing more to undo: the editor's rename is not on the owner's stack.
		expect(await owner.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
		expect(theirsBefore).not.toBe('Renamed by editor');

		// Ctrl+Shift+Z redoes it, on both pages.
		await owner.keyboard.press('Control+Shift+z');
		for (const page of [owner, editor]) {
			await expect.poll(() => optionTitle(page, mine)).toBe('Renamed by owner');
			expect(await optionTitle(page, theirs)).toBe('Renamed by editor');
		}

		// The owner deletes an option that rules and layers refer to; its edges go with it.
		const edgesBefore = await edgesTouching(owner, mine);
		expect(edgesBefore).toBeGreaterThan(0);
		await expect.poll(() => edgesTouching(editor, mine)).toBe(edgesBefore);
		await optionNode(owner, mine).click({ position: { x: 120, y: 20 } });
		await owner.keyboard.press('Delete');
		const confirm = owner.getByRole('alertdialog');
		await confirm.waitFor();
		await confirm.getByRole('button', { name: 'Delete' }).click();
		for (const page of [owner, editor]) {
			await optionNode(page, mine).waitFor({ state: 'detached' });
			await expect.poll(() => edgesTouching(page, mine)).toBe(0);
		}

		// Undo brings the option and every edge back, on both pages.
		await owner.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await owner.keyboard.press('Control+z');
		for (const page of [owner, editor]) {
			await optionNode(page, mine).waitFor();
			await expect.poll(() => edgesTouching(page, mine)).toBe(edgesBefore);
			expect(await optionTitle(page, mine)).toBe('Renamed by owner');
			expect(await optionTitle(page, theirs)).toBe('Renamed by editor');
		}

		expect(pageErrors).toEqual([]);
	}, 60_000);
});
