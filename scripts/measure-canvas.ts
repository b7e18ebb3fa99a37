/**
 * Prints the script time one edit costs until the studio canvas has re-rendered, in headless
 * Chromium against the built server with the demo store: a price change (the draft changes, the
 * canvas re-parses it and recomputes the scene) and a change of the tested choice (the canvas
 * draws another color). Each figure is the synchronous time from the edit until the canvas's
 * Svelte effect has handed the new scene to Konva, plus the time of the next draw of the scene
 * layer. Target: under 16 ms per edit (one animation frame).
 * Usage: npm run build && npm run measure:canvas
 */
import { launchChromium } from '../tests/support/browser';
import { startServer } from '../tests/support/server';

const EDITS = 40;

const server = await startServer({ env: { ATELIER_SEED: '1' } });
const browser = await launchChromium();
try {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('Email', { exact: true }).fill('demo@atelier.dev');
	await page.getByLabel('Password', { exact: true }).fill('atelier-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/products');
	await page.getByRole('link', { name: 'Open Team jersey' }).click();
	await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
	await page.getByRole('tablist', { name: 'Views' }).waitFor();

	const figures = await page.evaluate(async (edits) => {
		type Hook = {
			editor: {
				edit(label: string, mutate: (d: Record<string, unknown>) => void): boolean;
				testConfiguration: { selections: Record<string, unknown> };
			};
			renders(): number;
			startMeasuring(): void;
			measurements(): { draws: number[] } | null;
		};
		const hook = (
			document.querySelector('[data-testid="canvas"]') as unknown as { atelierCanvas: Hook }
		).atelierCanvas;
		const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
		const settle = async () => {
			for (let i = 0; i < 3; i++) await nextFrame();
		};
		/** Runs `change`, waits for the canvas to take the new scene and draw it; returns ms. */
		const measure = async (change: () => void): Promise<number> => {
			await settle();
			const before = hook.renders();
			hook.startMeasuring();
			const start = performance.now();
			change();
			// Svelte runs effects in a microtask after the change: wait for the canvas's effect.
			let spins = 0;
			while (hook.renders() === before && spins++ < 1000) await Promise.resolve();
			const handedOver = performance.now() - start;
			if (hook.renders() === before) throw new Error('the canvas did not re-render');
			// Konva draws the scene layer in the next animation frame.
			for (let i = 0; i < 10 && (hook.measurements()?.draws.length ?? 0) === 0; i++)
				await nextFrame();
			const draw = hook.measurements()?.draws[0] ?? 0;
			return handedOver + draw;
		};
		const colors = ['red', 'navy', 'white', 'green', 'black'];
		// Warm up: load every color's art once, so the figures are edits, not downloads.
		for (const color of colors) {
			hook.editor.testConfiguration = { selections: { color } };
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		const price: number[] = [];
		const selection: number[] = [];
		for (let i = 0; i < edits; i++) {
			price.push(
				await measure(() =>
					hook.editor.edit('Change price', (d) => {
						const options = d.options as { id: string; choices: { priceDelta?: number }[] }[];
						const sleeves = options.find((o) => o.id === 'sleeves');
						if (sleeves?.choices[1]) sleeves.choices[1].priceDelta = 800 + (i % 2) * 100;
					})
				)
			);
			selection.push(
				await measure(() => {
					hook.editor.testConfiguration = { selections: { color: colors[i % colors.length] } };
				})
			);
		}
		return { price, selection };
	}, EDITS);

	const summary = (label: string, values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
		console.log(
			`${label.padEnd(36)} median ${at(0.5).toFixed(2)} ms · p95 ${at(0.95).toFixed(2)} ms · max ${sorted[sorted.length - 1]!.toFixed(2)} ms (${values.length} edits)`
		);
	};
	console.log('Script time per edit until the canvas has re-rendered (Team jersey, front view):');
	summary('price change (draft edit)', figures.price);
	summary('tested choice change (color)', figures.selection);
} finally {
	await browser.close();
	await server.stop();
}
