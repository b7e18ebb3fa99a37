/**
 * Prints how much JavaScript the studio makes a browser download (gzip, as served) for the
 * sign-in page, the product list and the editor shell of a seeded demo product.
 * Usage: npm run build && npx tsx scripts/measure-studio-js.ts
 */
import { launchChromium } from '../tests/support/browser';
import { startServer } from '../tests/support/server';

const server = await startServer({ env: { ATELIER_SEED: '1' } });
const browser = await launchChromium();
try {
	const page = await (await browser.newContext()).newPage();
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	const types = new Map<string, string>();
	let bytes = 0;
	cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
	cdp.on('Network.loadingFinished', (event) => {
		if (types.get(event.requestId) === 'Script') bytes += event.encodedDataLength;
	});
	const measure = async (label: string, action: () => Promise<unknown>) => {
		bytes = 0;
		await action();
		await page.waitForLoadState('networkidle');
		console.log(`${label.padEnd(40)} ${(bytes / 1024).toFixed(1)} KiB of JavaScript (gzip)`);
	};
	await measure('sign-in page (first visit)', () => page.goto(`${server.url}/sign-in`));
	await measure('product list (after sign-in)', async () => {
		await page.getByLabel('Email').fill('demo@atelier.dev');
		await page.getByLabel('Password').fill('atelier-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/products');
	});
	await measure('editor shell (Team jersey)', async () => {
		await page.getByText('Team jersey').first().click();
		await page.waitForURL('**/products/*');
	});
} finally {
	await browser.close();
	await server.stop();
}
