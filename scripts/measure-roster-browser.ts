// Prints how long the storefront's bulk-order mode takes, in headless Chromium, to read, check and
// price a 10,000-row roster CSV and show the result (the demo jersey page, as a team manager
// would use it). A figure to read, not a test: `npm run build && npm run measure:roster-browser`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../tests/support/browser.js';
import { startServer } from '../tests/support/server.js';

const ROWS = 10_000;
const sizes = ['S', 'M', 'L', 'XL'];
const lines = ['Player name,Number,Size'];
for (let i = 0; i < ROWS; i++) {
	const name = `PLAYER ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}`;
	lines.push(`${name},${i % 100},${sizes[i % sizes.length]}`);
}
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-roster-')), 'roster.csv');
fs.writeFileSync(file, lines.join('\n'));

const [server, browser] = await Promise.all([
	startServer({ env: { ATELIER_SEED: '1' } }),
	launchChromium()
]);
try {
	const times: number[] = [];
	for (let run = 0; run < 5; run++) {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await page.goto(`${server.url}/demo-store/team-jersey`);
		await page.waitForSelector('.atelier-bulk input[type=file]');
		const started = await page.evaluate(() => performance.now());
		await page.setInputFiles('.atelier-bulk input[type=file]', file);
		await page.waitForFunction(
			(rows) =>
				document.querySelector('.atelier-bulk-stats')?.textContent?.includes(`${rows} rows`),
			ROWS,
			{ timeout: 60_000 }
		);
		const finished = await page.evaluate(() => performance.now());
		times.push(finished - started);
		await page.close();
	}
	times.sort((a, b) => a - b);
	console.log(
		`${ROWS}-row roster in the storefront (read, check, price, first rows drawn): median ${times[2].toFixed(0)} ms, best ${times[0].toFixed(0)} ms (5 runs)`
	);
} finally {
	await browser.close();
	await server.stop();
}
