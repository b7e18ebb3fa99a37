/**
 * Screenshots of the graph of the three demo products, light and dark, into
 * test-results/screens/graph-<handle>-<theme>.png — to look at after changing the graph.
 * Usage: npm run build && npx tsx scripts/screenshot-graph.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../tests/support/browser';
import { startServer } from '../tests/support/server';

const SCREENS = path.resolve('test-results/screens');
fs.mkdirSync(SCREENS, { recursive: true });
const server = await startServer({ env: { ATELIER_SEED: '1' } });
const browser = await launchChromium();
try {
	for (const theme of ['light', 'dark'] as const) {
		const context = await browser.newContext({
			viewport: { width: 1600, height: 1000 },
			baseURL: server.url
		});
		await context.addInitScript((t) => localStorage.setItem('atelier-theme', t), theme);
		const page = await context.newPage();
		page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
		await page.goto('/sign-in');
		await page.getByLabel('Email').fill('demo@atelier.dev');
		await page.getByLabel('Password').fill('atelier-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/products');
		for (const [name, handle] of [
			['Team jersey', 'team-jersey'],
			['Engraved pendant', 'engraved-pendant'],
			['Modular sofa', 'modular-sofa']
		]) {
			await page.goto('/products');
			await page.getByText(name).first().click();
			await page.waitForURL('**/products/*');
			await page.locator('[data-testid="graph-option"]').first().waitFor();
			await page.waitForTimeout(800);
			const file = path.join(SCREENS, `graph-${handle}-${theme}.png`);
			await page.locator('[data-testid="graph"]').screenshot({ path: file });
			console.log(file);
		}
		await context.close();
	}
} finally {
	await browser.close();
	await server.stop();
}
