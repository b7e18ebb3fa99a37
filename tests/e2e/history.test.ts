/**
 * History and named snapshots end to end: the demo owner, an invited editor and an invited viewer
 * in three real Chromium pages. The owner saves a snapshot, the editor renames an option (the
 * owner's History tab lists it under the editor's name), the owner previews the snapshot
 * read-only and restores it (both pages get it; the history records it), then undoes the restore
 * with Ctrl+Z. The viewer can list and preview, not save or restore. Screens go to
 * test-results/screens.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import {
	DEMO,
	invitedUserPage,
	openProduct,
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

/** A new user who joined the demo workspace through an invite link for `role`. */
const invitedUser = (ownerCookie: string, name: string, role: 'editor' | 'viewer') =>
	invitedUserPage(browser, server, ownerCookie, name, role, pageErrors);

async function openHistory(page: Page) {
	await page.getByRole('tab', { name: 'History' }).click();
	await page.getByTestId('history-panel').waitFor();
}

const snapshotRow = (page: Page, name: string) =>
	page.locator(`[data-testid="snapshot"][data-name="${name}"]`);

describe('history and named snapshots between two studio pages', () => {
	it('lists who changed what, previews a snapshot read-only, restores it for everyone, and undoes the restore', async () => {
		const ownerCookie = await signIn(server.url, DEMO.email, DEMO.password);
		const [owner, editor, viewer] = await Promise.all([
			pageWith(ownerCookie),
			invitedUser(ownerCookie, 'Hana History', 'editor'),
			invitedUser(ownerCookie, 'Vera Viewer', 'viewer')
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
		const optionId = (await owner
			.locator('[data-testid="graph-option"]')
			.first()
			.getAttribute('data-id'))!;
		const original = (await optionTitle(owner, optionId))!;

		// The owner keeps the draft as it is now under a name.
		await openHistory(owner);
		await owner.getByLabel('Snapshot name').fill('x'.repeat(81));
		await owner.getByRole('button', { name: 'Save snapshot' }).click();
		await owner.getByRole('alert').getByText('use at most 80 characters').waitFor();
		await owner.getByLabel('Snapshot name').fill('Before the rename');
		await owner.getByRole('button', { name: 'Save snapshot' }).click();
		await snapshotRow(owner, 'Before the rename').waitFor();

		// The editor renames the option; the owner's history says who did what.
		await renameOption(editor, optionId, 'Renamed after the snapshot');
		await expect.poll(() => optionTitle(owner, optionId)).toBe('Renamed after the snapshot');
		const editorGroup = owner.locator('[data-testid="activity-group"][data-user="Hana History"]');
		await expect
			.poll(() => editorGroup.first().getByTestId('activity-labels').textContent(), {
				timeout: 10_000
			})
			.toContain(`Label of ${original}`);

		// The owner previews the snapshot: the graph shows it, marked read-only; the editor's page
		// still shows the draft.
		await owner.getByRole('button', { name: 'Preview Before the rename' }).click();
		const banner = owner.getByTestId('snapshot-preview');
		await banner.waitFor();
		expect(await banner.textContent()).toContain('Read-only');
		await expect.poll(() => optionTitle(owner, optionId)).toBe(original);
		expect(await owner.getByTestId('graph-add').count()).toBe(0);
		expect(await optionTitle(editor, optionId)).toBe('Renamed after the snapshot');
		await owner.evaluate(() => document.fonts.ready);
		await owner.screenshot({ path: path.join(SCREENS, 'snapshot-preview.png') });

		// Back to the draft.
		await owner.getByRole('button', { name: 'Back to the draft' }).click();
		await banner.waitFor({ state: 'detached' });
		await expect.poll(() => optionTitle(owner, optionId)).toBe('Renamed after the snapshot');
		await owner.getByTestId('graph-add').waitFor();

		// The owner restores it: both pages show the snapshot's label, and the history records it.
		await owner.getByRole('button', { name: 'Restore Before the rename' }).click();
		for (const page of [owner, editor]) {
			await expect.poll(() => optionTitle(page, optionId)).toBe(original);
		}
		const ownerGroup = owner.locator('[data-testid="activity-group"][data-user="Demo Merchant"]');
		await expect
			.poll(() => ownerGroup.first().getByTestId('activity-labels').textContent(), {
				timeout: 10_000
			})
			.toContain('Restored snapshot “Before the rename”');
		await owner.evaluate(() => document.fonts.ready);
		await owner.screenshot({ path: path.join(SCREENS, 'history-panel.png') });
		// Opening the product wrote nothing: every line is a labelled edit somebody made.
		expect(await owner.getByTestId('activity').textContent()).not.toContain('Edited the draft');

		// The restore is the owner's edit: Ctrl+Z undoes it on both pages.
		await owner.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await owner.keyboard.press('Control+z');
		for (const page of [owner, editor]) {
			await expect.poll(() => optionTitle(page, optionId)).toBe('Renamed after the snapshot');
		}

		// The viewer lists and previews snapshots, but cannot save or restore one.
		await openHistory(viewer);
		await snapshotRow(viewer, 'Before the rename').waitFor();
		expect(await viewer.getByRole('button', { name: 'Save snapshot' }).count()).toBe(0);
		expect(await viewer.getByRole('button', { name: 'Restore Before the rename' }).count()).toBe(0);
		await viewer.getByRole('button', { name: 'Preview Before the rename' }).click();
		await viewer.getByTestId('snapshot-preview').waitFor();
		await expect.poll(() => optionTitle(viewer, optionId)).toBe(original);
		expect(await viewer.getByRole('button', { name: 'Restore this snapshot' }).count()).toBe(0);

		expect(pageErrors).toEqual([]);
	}, 90_000);
});
