/**
 * End to end, in a real Chromium against the real built server with the demo seed: the network
 * drops under a designer's studio page. The badge says offline, an edit made meanwhile shows at
 * once (graph and inspector) and is counted as unsynced, the server does not have it, and a
 * collaborator's edit made on the server meanwhile is not lost: when the network is back both
 * edits are on both sides and the badge says connected with nothing unsynced.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeDefinition } from '../../src/lib/collab/change';
import { readDefinition, type Json } from '../../src/lib/collab/definition-doc';
import { startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { connectEditor, eventually, type TestEditor } from '../support/collab-client';
import { signIn, type RunningServer } from '../support/server';
import { DEMO, productIdByHandle, signedInPage } from '../support/studio';

type Def = { [key: string]: Json };

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let collaborator: TestEditor;
let productId: string;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
	const cookie = await signIn(server.url, DEMO.email, DEMO.password);
	productId = await productIdByHandle(server, cookie, 'engraved-pendant');
	collaborator = connectEditor(server.url, cookie, productId);
	await collaborator.synced();
	page = await signedInPage(browser, server, cookie, pageErrors, {
		viewport: { width: 1280, height: 900 },
		timeout: 30_000
	});
	context = page.context();
}, 120_000);

afterAll(async () => {
	collaborator?.destroy();
	await stopServerAndBrowser(server, browser);
});

const optionLabel = (definition: Def, id: string) =>
	(definition.options as Def[]).find((o) => o.id === id)?.label;

describe('working offline in the studio', () => {
	it('keeps edits made while the network is down and merges them with others’ when it is back', async () => {
		await page.goto(`${server.url}/products/${productId}`);
		const badge = page.getByTestId('connection-state');
		await expect.poll(() => badge.getAttribute('data-state')).toBe('connected');
		const metal = page.locator('[data-testid="graph-option"][data-id="metal"]');
		await metal.waitFor();
		const before = readDefinition(collaborator.doc) as Def;
		expect(optionLabel(before, 'metal')).toBe('Metal');

		await context.setOffline(true);
		await expect.poll(() => badge.getAttribute('data-state')).toBe('offline');

		// An edit while offline: shown at once, counted as unsynced, not on the server.
		await page.getByLabel('Find a node by name').fill('Metal');
		await page.getByRole('listbox', { name: 'Matching nodes' }).getByRole('button').first().click();
		const label = page.getByTestId('inspector').getByLabel('Label', { exact: true });
		await expect.poll(() => label.inputValue()).toBe('Metal');
		await label.fill('Precious metal');
		await label.press('Enter');
		await metal.getByText('Precious metal', { exact: true }).waitFor();
		await expect.poll(async () => Number(await badge.getAttribute('data-unsynced'))).toBe(1);
		await expect.poll(() => badge.textContent()).toMatch(/Offline · 1 unsynced change/);

		// Meanwhile a collaborator, still online, renames another option on the server.
		changeDefinition(collaborator.doc, 'e2e', (draft) => {
			const shape = (draft.options as Def[]).find((o) => o.id === 'shape')!;
			shape.label = 'Pendant shape';
		});
		const shape = page.locator('[data-testid="graph-option"][data-id="shape"]');
		// Give a leaking socket every chance to deliver either edit before checking it did not.
		await page.waitForTimeout(1500);
		expect(optionLabel(readDefinition(collaborator.doc) as Def, 'metal')).toBe('Metal');
		await expect(shape.getByText('Pendant shape', { exact: true }).count()).resolves.toBe(0);

		// Back online: both edits on both sides, nothing left unsynced.
		await context.setOffline(false);
		await expect
			.poll(() => badge.getAttribute('data-state'), { timeout: 20_000 })
			.toBe('connected');
		await eventually(
			() => optionLabel(readDefinition(collaborator.doc) as Def, 'metal') === 'Precious metal',
			'the server and the collaborator get the offline edit'
		);
		expect(optionLabel(readDefinition(collaborator.doc) as Def, 'shape')).toBe('Pendant shape');
		await shape.getByText('Pendant shape', { exact: true }).waitFor();
		await expect.poll(async () => Number(await badge.getAttribute('data-unsynced'))).toBe(0);
		await expect(metal.getByText('Precious metal', { exact: true }).count()).resolves.toBe(1);
		expect(pageErrors).toEqual([]);
	});
});
