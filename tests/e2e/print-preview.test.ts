/**
 * Preview and print agree: for each demo product and a few configurations, the storefront's
 * Konva preview (real Chromium, the demo store page restoring a saved design) and the print
 * renderer's PNG of the same scene (the server's code, from the same published version), scaled
 * to the same size, differ in less than 1% of their pixels beyond a small color tolerance.
 * The figure per view is printed.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	computeScene,
	createEngine,
	parseDefinition,
	type ConfigurationInput
} from '../../src/lib/core/index';
import { renderViewPng, fontsFrom, staticFiles } from '../../src/lib/server/print/render';
import { startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { type RunningServer } from '../support/server';

/** Per channel, out of 255: antialiasing of edges and glyphs differs a little between renderers. */
const TOLERANCE = 40;
/** Share of pixels allowed beyond the tolerance. */
const MAX_DIFFERENT = 0.01;

const root = path.resolve(import.meta.dirname, '../..');
const statics = staticFiles([path.join(root, 'static')]);
const fonts = fontsFrom(statics);

const CASES: { handle: string; configuration: ConfigurationInput }[] = [
	{
		handle: 'team-jersey',
		configuration: { selections: { size: 'm', name: 'OKAFOR', number: 9 } }
	},
	{
		handle: 'team-jersey',
		configuration: {
			selections: { color: 'white', size: 'l', sleeves: 'long', name: 'LI WEI', number: 23 }
		}
	},
	{
		handle: 'engraved-pendant',
		configuration: { selections: { metal: 'gold', shape: 'bar', engraving: 'Always yours' } }
	},
	{
		handle: 'engraved-pendant',
		configuration: { selections: { shape: 'heart', engraving: 'Mia', engravingFont: 'bold' } }
	},
	{
		handle: 'modular-sofa',
		configuration: {
			selections: { modules: ['corner', 'chaise'], fabric: 'velvet', fabricColor: 'emerald' }
		}
	}
];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

async function painted(page: Page) {
	await page.waitForFunction(() => {
		const widget = document.querySelector('atelier-configurator .atelier') as HTMLElement | null;
		return widget?.dataset.preview === 'painted';
	});
	await page.evaluate(() =>
		(
			document.querySelector('atelier-configurator') as HTMLElement & {
				ui?: { previewReady(): Promise<void> };
			}
		).ui?.previewReady()
	);
}

/** The preview canvas as PNG bytes, exactly its pixels. */
async function previewPng(page: Page): Promise<Buffer> {
	const dataUrl = await page.evaluate(() =>
		(document.querySelector('.atelier-preview canvas') as HTMLCanvasElement).toDataURL('image/png')
	);
	return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** Both images on white at the preview's size, then the share of pixels beyond the tolerance. */
async function differingShare(preview: Buffer, print: Buffer): Promise<number> {
	const { width, height } = await sharp(preview).metadata();
	const flat = (png: Buffer) =>
		sharp(png)
			.resize(width, height, { fit: 'fill' })
			.flatten({ background: '#ffffff' })
			.removeAlpha()
			.raw()
			.toBuffer();
	const [a, b] = await Promise.all([flat(preview), flat(print)]);
	let different = 0;
	for (let i = 0; i < a.length; i += 3) {
		if (
			Math.abs(a[i] - b[i]) > TOLERANCE ||
			Math.abs(a[i + 1] - b[i + 1]) > TOLERANCE ||
			Math.abs(a[i + 2] - b[i + 2]) > TOLERANCE
		)
			different++;
	}
	return different / (a.length / 3);
}

describe('preview and print', () => {
	it.each(CASES)(
		'draw the same $handle for $configuration.selections',
		async ({ handle, configuration }) => {
			const definitionRes = await fetch(
				`${server.url}/api/v1/stores/demo/products/${handle}/versions/1`
			);
			expect(definitionRes.status).toBe(200);
			const parsed = parseDefinition(await definitionRes.json());
			if (!parsed.ok) throw new Error(`${handle} does not parse`);
			const definition = parsed.definition;
			const evaluation = createEngine(definition).evaluate(configuration);
			expect(evaluation.errors).toEqual([]);

			const designRes = await fetch(`${server.url}/api/v1/stores/demo/designs`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ product: handle, version: 1, configuration })
			});
			expect(designRes.status).toBe(201);
			const { id } = (await designRes.json()) as { id: string };

			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const page = await context.newPage();
			page.setDefaultTimeout(20_000);
			await page.goto(
				`${server.url}/demo-store/${handle}?atelier-design=${encodeURIComponent(id)}`
			);
			await painted(page);
			for (const view of definition.views) {
				if (definition.views.length > 1) {
					await page.click(`[role="tab"][data-view="${view.id}"]`);
					await painted(page);
				}
				const preview = await previewPng(page);
				const { width } = await sharp(preview).metadata();
				const scene = computeScene(definition, evaluation, view.id);
				const print = await renderViewPng(
					scene,
					{ ...statics, upload: async () => null },
					fonts,
					width
				);
				const share = await differingShare(preview, print.png);
				if (process.env.ATELIER_DEBUG_PRINT) {
					// Both images side by side files for a person to compare.
					const name = `${handle}-${view.id}-${CASES.findIndex((c) => c.configuration === configuration)}`;
					await sharp(preview).toFile(path.join(root, `test-results/preview-${name}.png`));
					await sharp(print.png).toFile(path.join(root, `test-results/print-${name}.png`));
				}
				console.log(
					`${handle} ${view.id} ${JSON.stringify(configuration.selections)}: ${(share * 100).toFixed(3)} % of pixels differ (tolerance ${TOLERANCE}/255)`
				);
				expect(share).toBeLessThan(MAX_DIFFERENT);
			}
			await context.close();
		},
		90_000
	);
});
