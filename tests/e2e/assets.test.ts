/**
 * End to end, in a real Chromium against the real built server with the demo seed: the demo
 * user opens the Team jersey, uploads art through the Assets tab's file picker (good files and
 * bad ones), assigns the good ones to the colour choices by file name, publishes, and the
 * storefront can fetch the art from the public API. Screenshots go to test-results/screens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { connectEditor, eventually } from '../support/collab-client';
import { signIn, trpc, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
let page: Page;
let filesDir: string;
const pageErrors: string[] = [];

function storedFiles(): string[] {
	const folder = path.join(server.dataDir, 'assets');
	if (!fs.existsSync(folder)) return [];
	return fs
		.readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name)
		.sort();
}

async function writeFile(name: string, bytes: Uint8Array | string): Promise<string> {
	const file = path.join(filesDir, name);
	fs.writeFileSync(file, bytes);
	return file;
}

beforeAll(async () => {
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-upload-'));
	({ server, browser } = await startServerAndBrowser());
	const context = await browser.newContext({
		viewport: { width: 1280, height: 860 },
		baseURL: server.url
	});
	page = await context.newPage();
	page.setDefaultTimeout(15_000);
	page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('the asset library in the product editor', () => {
	it('uploads good files, refuses bad ones with their reasons, and stores only the good', async () => {
		await page.goto('/sign-in');
		await page.getByLabel('Email', { exact: true }).fill('demo@atelier.dev');
		await page.getByLabel('Password', { exact: true }).fill('atelier-demo');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/\/products$/);
		await page
			.getByRole('link', { name: /Team jersey/ })
			.first()
			.click();
		await page.waitForURL(/\/products\/[a-z0-9]+$/);
		await page.getByRole('tab', { name: 'Assets' }).click();
		await expect.poll(() => page.getByText('No images yet').isVisible()).toBe(true);

		const red = await sharp({
			create: { width: 800, height: 800, channels: 4, background: '#c0392b' }
		})
			.png()
			.toBuffer();
		const navy = await sharp({
			create: { width: 800, height: 800, channels: 3, background: '#1f3a93' }
		})
			.webp()
			.toBuffer();
		const bomb = Buffer.alloc(33);
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(bomb);
		bomb.write('IHDR', 12, 'latin1');
		bomb.writeUInt32BE(20000, 16);
		bomb.writeUInt32BE(20000, 20);
		bomb[24] = 8;
		bomb[25] = 6;
		const files = [
			await writeFile('red.png', red),
			await writeFile('NAV-front.webp', navy),
			await writeFile('setup.png', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0])),
			await writeFile(
				'evil.svg',
				'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
			),
			await writeFile('bomb.png', bomb),
			await writeFile('empty.png', '')
		];
		await page.getByTestId('asset-library').locator('input[type=file]').setInputFiles(files);

		const items = page.getByTestId('upload-item');
		await expect
			.poll(async () => (await items.evaluateAll((els) => els.map((e) => e.dataset.status))).sort())
			.toEqual(['done', 'done', 'error', 'error', 'error', 'error']);
		const errorText = async (name: string) =>
			(await items.filter({ hasText: name }).getByRole('alert').textContent())?.trim();
		expect(await errorText('setup.png')).toMatch(/^Not an image: the file is a Linux executable/);
		expect(await errorText('evil.svg')).toContain('<script> element');
		expect(await errorText('bomb.png')).toContain('20000×20000 pixels');
		expect(await errorText('empty.png')).toContain('empty (0 bytes)');

		const tiles = page.getByTestId('asset-tile');
		await expect.poll(() => tiles.count()).toBe(2);
		await expect
			.poll(() => tiles.filter({ hasText: 'red.png' }).textContent())
			.toContain('800×800');
		// Two assets, each its bytes and its thumbnail; nothing of the refused files.
		expect(storedFiles()).toHaveLength(4);
		await page.evaluate(() => document.fonts.ready);
		await page
			.getByTestId('asset-library')
			.screenshot({ path: path.join(SCREENS, 'assets-library.png') });
	});

	it('assigns the files to the colour choices by code, and publishing makes them public', async () => {
		await page.getByRole('button', { name: 'Assign to choices…' }).click();
		const dialog = page.getByRole('dialog');
		await dialog.getByLabel('Layer').selectOption('body-front');
		const changes = dialog.getByRole('list', { name: 'Changes' });
		await expect
			.poll(() => changes.getByRole('listitem').allTextContents())
			.toEqual([
				expect.stringMatching(/red\.png\s*Red/),
				expect.stringMatching(/NAV-front\.webp\s*Navy/)
			]);
		await page.screenshot({ path: path.join(SCREENS, 'assets-assign.png') });
		await dialog.getByRole('button', { name: 'Assign 2 files' }).click();
		await expect
			.poll(() => page.getByTestId('asset-library').getByRole('status').textContent())
			.toContain('Assigned 2 files');

		// The draft, as another client of the room sees it, points the choices at the uploads.
		const cookie = await signIn(server.url, 'demo@atelier.dev', 'atelier-demo');
		const productId = page.url().split('/products/')[1];
		const witness = connectEditor(server.url, cookie, productId);
		await witness.synced();
		type Def = {
			options: { id: string; choices: { id: string; assets: Record<string, string> }[] }[];
			assets: Record<string, { path: string; sha256: string }>;
		};
		const definition = () => witness.doc.getMap('definition').toJSON() as Def;
		const colour = () => definition().options.find((o) => o.id === 'color')!;
		await eventually(
			() =>
				colour()
					.choices.find((c) => c.id === 'red')!
					.assets.front.startsWith('upload-'),
			'the assignment reaches the server'
		);
		const redAsset =
			definition().assets[colour().choices.find((c) => c.id === 'red')!.assets.front];
		expect(redAsset.path).toBe(`/api/v1/assets/${redAsset.sha256}`);
		expect(colour().choices.find((c) => c.id === 'red')!.assets.back).toBe('body-red-back');
		witness.destroy();

		expect((await fetch(`${server.url}${redAsset.path}`)).status).toBe(404);
		const published = await trpc(server.url, cookie, 'product.publish', { productId });
		expect(published.body.result?.data).toMatchObject({ ok: true, version: 2 });
		const served = await fetch(`${server.url}${redAsset.path}`);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(pageErrors).toEqual([]);
	});
});
