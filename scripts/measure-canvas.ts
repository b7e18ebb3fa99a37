/**
 * Prints the script time one edit costs until the studio canvas has re-rendered, in headless
 * Chromium against the built server with the demo store: a price change (the draft changes, the
 * canvas re-parses it and recomputes the scene) and a change of the tested choice (the canvas
 * draws another color). Each figure sums the script time of every step on the way: the change
 * itself (the doc transaction and its observers), the draft's parse, the scene and overlay, the
 * hand-over to Konva and Konva's draw of the scene layer; idle time between the steps (Svelte's
 * and Konva's scheduling) is not script time and is not counted. Target: under 16 ms per edit.
 * Usage: npm run build && npm run measure:canvas
 */
import os from 'node:os';
import { launchChromium } from '../tests/support/browser';
import { startServer } from '../tests/support/server';

const EDITS = 40;

const server = await startServer({ env: { ATELIER_SEED: '1' } });
const browser = await launchChromium();
try {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	// tsx keeps function names with an `__name` helper that the page does not have.
	await context.addInitScript('window.__name = (fn) => fn');
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
		type Costs = { parse: number; scene: number; handover: number; draws: number[] };
		type Hook = {
			editor: {
				edit(label: string, mutate: (d: Record<string, unknown>) => void): boolean;
				testConfiguration: { selections: Record<string, unknown> };
			};
			renders(): number;
			startMeasuring(): void;
			measurements(): Costs | null;
		};
		const hook = (
			document.querySelector('[data-testid="canvas"]') as unknown as { atelierCanvas: Hook }
		).atelierCanvas;
		const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
		/**
		 * Runs `change` and waits until the canvas has taken the new scene and drawn it. Returns the
		 * script time of each step: the change itself (the doc transaction and its observers), the
		 * draft's parse, the scene and overlay, the hand-over to Konva, and Konva's draw. Idle time
		 * between them (Svelte's and Konva's scheduling) is not script time and is not counted.
		 */
		const measure = async (change: () => void) => {
			for (let i = 0; i < 3; i++) await nextFrame();
			const before = hook.renders();
			hook.startMeasuring();
			const start = performance.now();
			change();
			const changeMs = performance.now() - start;
			for (let i = 0; i < 20 && hook.renders() === before; i++) await nextFrame();
			if (hook.renders() === before) throw new Error('the canvas did not re-render');
			for (let i = 0; i < 10 && (hook.measurements()?.draws.length ?? 0) === 0; i++)
				await nextFrame();
			const costs = hook.measurements()!;
			const draw = costs.draws[0] ?? 0;
			return {
				total: changeMs + costs.parse + costs.scene + costs.handover + draw,
				change: changeMs,
				parse: costs.parse,
				scene: costs.scene,
				handover: costs.handover,
				draw
			};
		};
		const colors = ['red', 'navy', 'white', 'green', 'black'];
		// Warm up: load every color's art once, so the figures are edits, not downloads.
		for (const color of colors) {
			hook.editor.testConfiguration = { selections: { color } };
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		const price = [];
		const selection = [];
		for (let i = 0; i < edits; i++) {
			price.push(
				await measure(() =>
					hook.editor.edit('Change price', (d) => {
						const options = d.options as { id: string; choices: { priceDelta?: number }[] }[];
						const sleeves = options.find((o) => o.id === 'sleeves');
						if (sleeves?.choices[1]) sleeves.choices[1].priceDelta = 900 - (i % 2) * 100; // the sample has 800
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

	type Figure = (typeof figures.price)[number];
	const summary = (label: string, values: Figure[]) => {
		const quantile = (key: keyof Figure, q: number) => {
			const sorted = values.map((v) => v[key]).sort((a, b) => a - b);
			return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
		};
		const median = (key: keyof Figure) => quantile(key, 0.5);
		const totals = values.map((v) => v.total).sort((a, b) => a - b);
		const p95 = totals[Math.min(totals.length - 1, Math.floor(0.95 * totals.length))]!;
		console.log(
			`${label.padEnd(30)} median ${median('total').toFixed(2)} ms · p95 ${p95.toFixed(2)} ms · max ${totals[totals.length - 1]!.toFixed(2)} ms (${values.length} edits)`
		);
		console.log(
			`${''.padEnd(30)} medians: change ${median('change').toFixed(2)} · parse ${median('parse').toFixed(2)} · scene+overlay ${median('scene').toFixed(2)} · hand-over ${median('handover').toFixed(2)} · draw ${median('draw').toFixed(2)} ms`
		);
		console.log(
			`${''.padEnd(30)} p95s:    change ${quantile('change', 0.95).toFixed(2)} · parse ${quantile('parse', 0.95).toFixed(2)} · scene+overlay ${quantile('scene', 0.95).toFixed(2)} · hand-over ${quantile('handover', 0.95).toFixed(2)} · draw ${quantile('draw', 0.95).toFixed(2)} ms`
		);
	};
	console.log('Script time per edit until the canvas has re-rendered (Team jersey, front view):');
	console.log(
		`(load average while measuring: ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores)`
	);
	summary('price change (draft edit)', figures.price);
	summary('tested choice (color)', figures.selection);
} finally {
	await browser.close();
	await server.stop();
}
