/**
 * Prints how long one price edit in the inspector takes to reach the customer test panel's total,
 * in headless Chromium on a loaded editor (the demo's Engraved pendant, gold picked as a
 * customer). Each sample is the script time from the inspector field's `change` event (the edit
 * is written to the Y.Doc, the draft re-read, the test panel's configurator and UI rebuilt) until
 * the new total is in the DOM. Target: under 16 ms (one animation frame).
 * Usage: npm run build && npm run measure:edit
 */
import { launchChromium } from '../tests/support/browser';
import { startServer } from '../tests/support/server';

const EDITS = Number(process.env.EDITS ?? 40);

const server = await startServer({ env: { ATELIER_SEED: '1' } });
const browser = await launchChromium();
try {
	const page = await (
		await browser.newContext({ viewport: { width: 1440, height: 960 }, baseURL: server.url })
	).newPage();
	page.setDefaultTimeout(30_000);
	await page.goto('/sign-in');
	await page.getByLabel('Email').fill('demo@atelier.dev');
	await page.getByLabel('Password').fill('atelier-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/products');
	await page.getByRole('link', { name: 'Open Engraved pendant' }).click();
	await page.getByTestId('variant-count').waitFor();
	await page.getByRole('tab', { name: 'Test as a customer' }).click();
	await page.locator('[data-option="metal"] [data-choice="gold"]').click();
	const inspector = page.getByTestId('inspector');
	await inspector
		.getByRole('list', { name: 'Options' })
		.getByRole('button', { name: /Metal/ })
		.click();
	await inspector
		.getByRole('list', { name: 'Choices of Metal' })
		.getByRole('button', { name: /14k gold/ })
		.click();
	await inspector.getByTestId('choice-price').waitFor();

	const samples: number[] = [];
	for (let i = 0; i < EDITS; i++) {
		const euros = 61 + (i % 20);
		const ms = await page.evaluate(async (value) => {
			const input = document.querySelector<HTMLInputElement>('[data-testid="choice-price"]')!;
			const host = document.querySelector('[data-testid="customer-ui"]')!;
			const expected = `€${(39 + value).toFixed(2)}`;
			return new Promise<number>((resolve, reject) => {
				const observer = new MutationObserver(() => {
					// (No named helper functions in here: tsx would wrap them in a `__name` call.)
					if (host.querySelector('[data-total]')?.textContent !== expected) return;
					observer.disconnect();
					resolve(performance.now() - started);
				});
				observer.observe(host, { subtree: true, childList: true, characterData: true });
				setTimeout(() => reject(new Error(`the total never became ${expected}`)), 5_000);
				input.value = String(value);
				const started = performance.now();
				input.dispatchEvent(new Event('change', { bubbles: true }));
			});
		}, euros);
		samples.push(ms);
		// Let the debounced analysis and the undo capture window pass, as between real edits.
		await page.waitForTimeout(450);
	}
	const report = (label: string, all: number[]) => {
		const warm = all.slice(5).sort((a, b) => a - b);
		const pick = (q: number) => warm[Math.min(warm.length - 1, Math.floor(q * warm.length))];
		console.log(
			`${label.padEnd(44)} median ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, max ${warm.at(-1)!.toFixed(1)} ms`
		);
	};
	console.log(`${EDITS} price edits (the first 5 are warm-up), target < 16 ms per edit:`);
	report('price edit → test panel total', samples);
	// The test panel's own user timings of the same edits (see TestPanel.svelte).
	for (const name of ['atelier:test-panel:configurator', 'atelier:test-panel:mount']) {
		const durations = await page.evaluate(
			(n) => performance.getEntriesByName(n).map((e) => e.duration),
			name
		);
		report(`  of which ${name.split(':').pop()}`, durations.slice(-EDITS));
	}
} finally {
	await browser.close();
	await server.stop();
}
