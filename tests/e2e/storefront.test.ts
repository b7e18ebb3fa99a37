/**
 * End to end, in a real Chromium against the real built server with the demo seed: a customer
 * opens the demo store's team jersey page (the merchant's snippet), picks a color and a size,
 * types a name, uploads a logo, sees the preview paint it and the price move, adds to cart and
 * the cart shows the body Shopify's /cart/add.js would get; the edit link restores the design.
 * A definition of an unknown format version shows a message instead of breaking the page.
 * Screenshots (desktop and 360 px wide) go to test-results/screens.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { type RunningServer } from '../support/server';
import { addToCart, previewPainted, storeOption, storeTotal } from '../support/storefront';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser());
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

async function open(path: string, width = 1280): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width, height: 900 },
		baseURL: server.url
	});
	const page = await context.newPage();
	page.setDefaultTimeout(20_000);
	page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
	await page.goto(path);
	return page;
}

async function screenshot(page: Page, name: string) {
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** The RGB of the preview at a point given in view pixels (the jersey's views are 600×700). */
async function previewPixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
	return page.evaluate(
		([vx, vy]) => {
			const canvas = document.querySelector('.atelier-preview canvas') as HTMLCanvasElement;
			const scale = canvas.width / 600;
			const data = canvas
				.getContext('2d')!
				.getImageData(Math.round(vx * scale), Math.round(vy * scale), 1, 1).data;
			return [data[0], data[1], data[2]] as [number, number, number];
		},
		[x, y]
	);
}

const total = storeTotal;
const option = storeOption;
const painted = previewPainted;

describe('the demo store, as a customer', () => {
	let designId = '';

	it('lists the demo products', async () => {
		const page = await open('/demo-store');
		await expect(page.getByRole('link', { name: /Team jersey/ }).count()).resolves.toBe(1);
		await expect(page.locator('ul.products li').count()).resolves.toBe(3);
		await screenshot(page, 'storefront-index');
		await page.context().close();
	});

	it('configures the team jersey, sees the preview and price change, and adds it to the cart', async () => {
		const page = await open('/demo-store/team-jersey');
		await painted(page);
		const startTotal = await total(page);
		expect(startTotal).toBe('$57.00');
		const cart = page.getByRole('button', { name: 'Add to cart' });
		await expect(cart.getAttribute('aria-disabled')).resolves.toBe('true');
		await expect(page.locator('.atelier-status').textContent()).resolves.toMatch(
			/Size is required/
		);
		// The default color is red: the body is drawn red.
		const [r0, , b0] = await previewPixel(page, 300, 480);
		expect(r0).toBeGreaterThan(b0 + 60);

		// The preview keeps its Konva node per layer: a new color swaps the image in place.
		await page.evaluate(() => {
			const el = document.querySelector('atelier-configurator') as HTMLElement & {
				ui: { preview: { renderer: { nodeFor(id: string): unknown } } };
			};
			(window as unknown as { bodyNode: unknown }).bodyNode =
				el.ui.preview.renderer.nodeFor('body-front');
		});
		// A color by keyboard: focus the selected swatch, arrow to the next one (Navy).
		await option(page, 'color').locator('input[value="red"]').focus();
		await page.keyboard.press('ArrowRight');
		await expect(option(page, 'color').locator('input[value="navy"]').isChecked()).resolves.toBe(
			true
		);
		await painted(page);
		const [r1, , b1] = await previewPixel(page, 300, 480);
		expect(b1).toBeGreaterThan(r1);
		await expect(
			page.evaluate(() => {
				const el = document.querySelector('atelier-configurator') as HTMLElement & {
					ui: { preview: { renderer: { nodeFor(id: string): unknown } } };
				};
				const before = (window as unknown as { bodyNode: unknown }).bodyNode;
				return before !== undefined && el.ui.preview.renderer.nodeFor('body-front') === before;
			})
		).resolves.toBe(true);

		// XS excludes long sleeves: the reason is written under the picker.
		await option(page, 'size').locator('label[data-choice="xs"]').click();
		await expect(
			option(page, 'sleeves').locator('.atelier-reasons').textContent()
		).resolves.toMatch(/Long sleeves: /);
		await option(page, 'size').locator('label[data-choice="m"]').click();
		await expect(option(page, 'sleeves').locator('.atelier-reasons li').count()).resolves.toBe(0);

		// A name, priced per letter; a character the option refuses is explained at once.
		const name = page.getByRole('textbox', { name: /Player name/ });
		await name.fill('LEE7');
		await expect(option(page, 'name').locator('.atelier-error').textContent()).resolves.toMatch(
			/not allowed/
		);
		await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
		await name.fill('LEE');
		await expect(option(page, 'name').locator('.atelier-error').textContent()).resolves.toBe('');
		expect(await total(page)).toBe('$58.50');

		// A logo that is too small is refused with the reason; a large one is drawn on the chest.
		const small = await sharp({
			create: { width: 300, height: 300, channels: 4, background: '#ffcc00' }
		})
			.png()
			.toBuffer();
		const logoInput = option(page, 'logo').locator('input[type=file]');
		await logoInput.setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: small });
		await expect
			.poll(() => option(page, 'logo').locator('.atelier-error[id]').textContent())
			.toMatch(/600/);
		const logo = await sharp({
			create: { width: 800, height: 800, channels: 4, background: '#ffcc00' }
		})
			.png()
			.toBuffer();
		await logoInput.setInputFiles({ name: 'crest.png', mimeType: 'image/png', buffer: logo });
		// The image is decoded asynchronously; the too-small logo's error stays until it is read.
		await expect
			.poll(() => option(page, 'logo').locator('.atelier-error[id]').textContent())
			.toBe('');
		await expect.poll(() => total(page)).toBe('$62.50');
		await painted(page);
		const [lr, lg, lb] = await previewPixel(page, 300, 250);
		expect(lr).toBeGreaterThan(200);
		expect(lg).toBeGreaterThan(150);
		expect(lb).toBeLessThan(100);

		// The back view shows the name.
		await page.getByRole('tab', { name: 'Back' }).click();
		await painted(page);
		await expect(
			page.getByRole('tab', { name: 'Back' }).getAttribute('aria-selected')
		).resolves.toBe('true');
		await screenshot(page, 'storefront-jersey-back-desktop');
		await page.getByRole('tab', { name: 'Front' }).click();
		await painted(page);

		await expect(cart.getAttribute('aria-disabled')).resolves.toBeNull();
		await screenshot(page, 'storefront-jersey-desktop');
		const detail = await addToCart<{
			items: { id: number; quantity: number; properties: Record<string, string> }[];
		}>(page, cart);
		const shown = JSON.parse(
			(await page.locator('pre[data-cart-body]').first().textContent()) ?? '{}'
		) as typeof detail;
		expect(shown).toEqual(detail);
		expect(detail.items).toHaveLength(1);
		const [item] = detail.items;
		expect(item?.id).toBe(44012345678901);
		expect(item?.quantity).toBe(1);
		expect(item?.properties).toMatchObject({
			Color: 'Navy',
			Size: 'M',
			Sleeves: 'Short sleeves',
			'Player name': 'LEE',
			'Team logo': 'Uploaded',
			_atelier_version: '1',
			_atelier_total: '6250',
			_atelier_currency: 'USD'
		});
		designId = item?.properties._atelier_design ?? '';
		expect(designId).toMatch(/^d[0-9a-z]{20}$/);
		await expect(page.locator('.atelier-status').textContent()).resolves.toBe('Added to cart');

		// The design was saved on the server with the configuration the cart carries.
		const saved = (await (
			await fetch(`${server.url}/api/v1/stores/demo/designs/${designId}`)
		).json()) as { version: number; configuration: { selections: Record<string, unknown> } };
		expect(saved.version).toBe(1);
		expect(saved.configuration.selections).toMatchObject({ color: 'navy', size: 'm', name: 'LEE' });
		await screenshot(page, 'storefront-jersey-cart');
		await page.context().close();
	});

	it('restores the design from the cart’s edit link', async () => {
		expect(designId).not.toBe('');
		const page = await open(`/demo-store/team-jersey?atelier-design=${designId}`);
		await painted(page);
		await expect(page.getByRole('textbox', { name: /Player name/ }).inputValue()).resolves.toBe(
			'LEE'
		);
		await expect(option(page, 'color').locator('input[value="navy"]').isChecked()).resolves.toBe(
			true
		);
		await expect(option(page, 'size').locator('input[value="m"]').isChecked()).resolves.toBe(true);
		await page.context().close();
	});

	it('works at 360 px wide without sideways scrolling', async () => {
		const page = await open('/demo-store/team-jersey', 360);
		await painted(page);
		const changed = page.evaluate(
			() =>
				new Promise<unknown>((resolve) =>
					document.addEventListener('atelier:change', (e) => resolve((e as CustomEvent).detail), {
						once: true
					})
				)
		);
		await option(page, 'size').locator('label[data-choice="l"]').click();
		expect(await changed).toMatchObject({
			product: 'team-jersey',
			version: 1,
			complete: true,
			total: 5700,
			currency: 'USD',
			minorUnits: 2
		});
		await page.getByRole('textbox', { name: /Player name/ }).fill('GARCIA');
		await painted(page);
		const widths = await page.evaluate(() => [
			document.documentElement.scrollWidth,
			window.innerWidth
		]);
		expect(widths[0]).toBeLessThanOrEqual(widths[1] as number);
		const canvasWidth = await page.evaluate(
			() => document.querySelector('.atelier-preview canvas')?.getBoundingClientRect().width ?? 0
		);
		expect(canvasWidth).toBeGreaterThan(250);
		expect(canvasWidth).toBeLessThanOrEqual(360);
		await screenshot(page, 'storefront-jersey-360');
		await page.context().close();
	});

	it('fetches the definition once per page, with its compiled rules', async () => {
		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		const fetched: string[] = [];
		const scripts: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/api/v1/stores/demo/products/')) fetched.push(r.url());
			if (r.resourceType() === 'script') scripts.push(r.url());
		});
		await page.goto('/demo-store/team-jersey');
		await painted(page);
		expect(fetched).toEqual([
			`${server.url}/api/v1/stores/demo/products/team-jersey?include=engine`
		]);
		// Nothing compiles in the page: the compiler's chunk is never fetched.
		expect(scripts.some((url) => /\/storefront\/compile-/.test(url))).toBe(false);
		await context.close();
	});

	it('compiles the rules in the page when they come uncompiled (a plain definition)', async () => {
		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
		const scripts: string[] = [];
		page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.push(r.url());
		});
		// An answer without `engine` (as an older server gives): the plain definition.
		const plain = await (
			await fetch(`${server.url}/api/v1/stores/demo/products/engraved-pendant`)
		).text();
		await page.route('**/api/v1/stores/demo/products/engraved-pendant?include=engine', (route) =>
			route.fulfill({ body: plain, contentType: 'application/json' })
		);
		await page.goto('/demo-store/engraved-pendant');
		await painted(page);
		// The compiler came from Atelier's origin, by its absolute path.
		expect(scripts.filter((url) => /\/storefront\/compiler-[A-Za-z0-9_-]+\.js$/.test(url))).toEqual(
			[expect.stringMatching(new RegExp(`^${server.url}/storefront/compiler-`))]
		);
		await expect(page.locator('atelier-configurator [role=alert]').count()).resolves.toBe(0);
		await context.close();
	});

	it('configures the other demo products', async () => {
		for (const handle of ['engraved-pendant', 'modular-sofa']) {
			const page = await open(`/demo-store/${handle}`);
			await painted(page);
			await screenshot(page, `storefront-${handle}`);
			await page.context().close();
		}
	});
});

describe('the embed, given bad input', () => {
	it('shows a clear message for a definition of an unknown formatVersion', async () => {
		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
		const live = (await (
			await fetch(`${server.url}/api/v1/stores/demo/products/engraved-pendant?include=engine`)
		).json()) as { definition: Record<string, unknown> };
		await page.route('**/api/v1/stores/demo/products/engraved-pendant?include=engine', (route) =>
			route.fulfill({ json: { ...live, definition: { ...live.definition, formatVersion: 99 } } })
		);
		await page.goto('/demo-store/engraved-pendant');
		const alert = page.locator('atelier-configurator [role=alert]');
		await expect(alert.textContent()).resolves.toMatch(
			/cannot be shown here.*formatVersion: format version 99 is newer/
		);
		// The rest of the page still works.
		await expect(page.locator('#cart-items').textContent()).resolves.toMatch(/cart is empty/);
		await screenshot(page, 'storefront-unknown-format');
		await context.close();
	});

	it('shows a clear message when the product is not published', async () => {
		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		await page.route('**/api/v1/stores/demo/products/modular-sofa?include=engine', (route) =>
			route.fulfill({
				status: 404,
				json: { error: { message: "no published product 'modular-sofa' in store 'demo'" } }
			})
		);
		await page.goto('/demo-store/modular-sofa');
		await expect(page.locator('atelier-configurator [role=alert]').textContent()).resolves.toMatch(
			/not available.*no published product/
		);
		await context.close();
	});

	it('threw nothing on any page', () => {
		expect(pageErrors).toEqual([]);
	});
});
