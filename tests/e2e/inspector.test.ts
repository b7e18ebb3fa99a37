/**
 * End to end, in a real Chromium against the real built server with the demo store: the
 * inspector edits a price (money in the product's currency, refused when garbage), the edit
 * reaches the stored draft (it survives a reload) and the customer test panel's total; a rule
 * made contradictory in the condition builder shows up in the live diagnostics, and clicking the
 * finding selects that rule again. Screenshots go to test-results/screens.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

async function screenshot(page: Page, name: string) {
	await page.evaluate(() => document.fonts.ready);
	await page.waitForTimeout(150);
	await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

/** Opens the demo's Engraved pendant, signed in as the demo user, once its checks have run. */
async function openPendant(page: Page) {
	await page.goto('/products');
	await page.getByRole('link', { name: 'Open Engraved pendant' }).click();
	await page.waitForURL(/\/products\/[a-z0-9]+$/);
	await page.getByTestId('variant-count').waitFor();
}

/** Selects the Metal option's "14k gold" choice through the product settings' outline. */
async function selectGold(page: Page) {
	const inspector = page.getByTestId('inspector');
	await inspector
		.getByRole('list', { name: 'Options' })
		.getByRole('button', { name: /Metal/ })
		.click();
	await inspector
		.getByRole('list', { name: 'Choices of Metal' })
		.getByRole('button', { name: /14k gold/ })
		.click();
	return inspector.getByTestId('choice-price');
}

describe('the inspector, diagnostics and the customer test panel', () => {
	it('edit a price that persists and reprices the test panel, and point at a broken rule', async () => {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 960 },
			baseURL: server.url
		});
		const page = await context.newPage();
		page.setDefaultTimeout(20_000);
		page.on('pageerror', (error) => pageErrors.push(error.message));

		await page.goto('/sign-in');
		await page.getByLabel('Email').fill('demo@atelier.dev');
		await page.getByLabel('Password').fill('atelier-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/\/products$/);
		await openPendant(page);
		// The header counts the valid variants (9 for the pendant's choice options).
		expect(await page.getByTestId('variant-count').textContent()).toBe('9');

		// The customer picks gold in the test panel: 39.00 base + 60.00 gold.
		await page.getByRole('tab', { name: 'Test as a customer' }).click();
		const customer = page.getByTestId('customer-ui');
		await customer.locator('[data-option="metal"] [data-choice="gold"]').click();
		const total = customer.locator('[data-total]');
		await expect.poll(() => total.textContent()).toBe('€99.00');

		// Garbage is refused next to the field and nothing is written.
		const price = await selectGold(page);
		expect(await price.inputValue()).toBe('60.00');
		await price.fill('sixty');
		await price.press('Enter');
		await page.getByText('“sixty” is not an amount').waitFor();
		expect(await total.textContent()).toBe('€99.00');
		await price.fill('60.555');
		await price.press('Enter');
		await page.getByText('EUR has 2 decimals at most').waitFor();

		// "65,5" is 65.50 EUR = 6550 minor units; the test panel reprices at once.
		await price.fill('65,5');
		await price.press('Enter');
		expect(await price.inputValue()).toBe('65.50');
		await expect.poll(() => total.textContent()).toBe('€104.50');
		// The customer's pick is still gold after the draft changed under it.
		await expect
			.poll(() => customer.locator('[data-option="metal"] [data-choice="gold"] input').isChecked())
			.toBe(true);
		await screenshot(page, 'inspector-choice-price');

		// The edit is in the stored draft: a fresh load shows it.
		await page.reload();
		await page.getByTestId('variant-count').waitFor();
		expect(await (await selectGold(page)).inputValue()).toBe('65.50');

		// Make a rule contradictory in the builder: "Shape is Bar AND Shape is Round" never holds.
		const inspector = page.getByTestId('inspector');
		await inspector.getByRole('button', { name: 'Product settings' }).click();
		await inspector
			.getByRole('list', { name: 'Rules' })
			.getByRole('button', { name: /No fine italic on the bar shape/ })
			.click();
		const builder = inspector.getByTestId('condition-builder');
		await builder.getByRole('button', { name: 'Add a condition' }).last().click();
		const added = builder.getByTestId('condition-leaf').nth(1);
		await added.getByLabel('Option').selectOption({ label: 'Shape' });
		await added.getByLabel('Choice').selectOption({ label: 'Round' });
		await page.getByRole('tab', { name: 'Diagnostics' }).click();
		const finding = page.locator('[data-testid="diagnostic"][data-code="rule-never-fires"]');
		await finding.waitFor();
		expect(await finding.textContent()).toContain('No fine italic on the bar shape');
		await screenshot(page, 'inspector-rule-diagnostic');

		// Clicking the finding selects the rule at fault.
		await inspector.getByRole('button', { name: 'Product settings' }).click();
		await finding.click();
		await expect
			.poll(() => inspector.getByLabel('Name', { exact: true }).inputValue())
			.toBe('No fine italic on the bar shape');
		expect(await inspector.getByTestId('condition-leaf').count()).toBe(2);

		expect(pageErrors).toEqual([]);
		await context.close();
	});
});
