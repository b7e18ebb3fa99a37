/**
 * End to end, in a real Chromium against the real built server: a new user builds a small poster
 * from a blank product through the UI only — two choice options with labelled, priced choices set
 * in the inspector, a text option, a font added in the product settings (the shipped Inter
 * Regular, stored as a workspace asset; a PNG renamed to .woff2 is refused first), an image layer
 * bound to the Size option (dragged from its handle), a text layer bound to the text option, an
 * exclude rule made from a choice handle and finished in the rule builder — then the "Test as a
 * customer" panel shows the summed price and the excluded choice as unavailable with its
 * explanation, the typed caption is drawn on the canvas with the added font (loaded from the
 * studio's asset route), and "Export JSON" downloads a definition equal to
 * tests/fixtures/build-from-blank.json once generated ids are normalized (the font file's hash
 * is the shipped file's, so it is written out in the fixture).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS, startServerAndBrowser, stopServerAndBrowser } from '../support/e2e';
import { dragFromHandle, optionNode } from '../support/studio';
import { uniqueEmail, type RunningServer } from '../support/server';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/build-from-blank.json');

/** A 1×1 PNG: image bytes under a font's name. */
const PNG_1X1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
	({ server, browser } = await startServerAndBrowser({ seed: false }));
});

afterAll(async () => {
	await stopServerAndBrowser(server, browser);
});

/**
 * Fits the graph and waits until the viewport stops moving (the fit animates; under load it
 * takes longer than any fixed wait).
 */
async function fitGraph(page: Page) {
	await page.getByRole('button', { name: 'Zoom to fit' }).click();
	await page.waitForTimeout(400);
	const viewport = page.locator('.svelte-flow__viewport');
	let last: string | null = null;
	await expect
		.poll(
			async () => {
				const now = await viewport.getAttribute('style');
				const settled = now === last;
				last = now;
				return settled;
			},
			{ interval: 200, timeout: 10_000 }
		)
		.toBe(true);
}

/**
 * Where to drop a connection into empty space: `preferred` when it is clear of every node and
 * of the graph's panels (minimap, controls) by 30 px, else the nearest clear point of a grid over
 * the graph — dropping on a node would connect to it instead of opening the menu.
 */
async function emptyPoint(page: Page, preferred: { x: number; y: number }) {
	const graph = (await page.getByTestId('graph').locator('.svelte-flow').boundingBox())!;
	const boxes = await page
		.locator('.svelte-flow__node, .svelte-flow__panel, .svelte-flow__minimap')
		.evaluateAll((elements) =>
			elements.map((element) => {
				const r = element.getBoundingClientRect();
				return { x: r.x, y: r.y, width: r.width, height: r.height };
			})
		);
	const clear = (p: { x: number; y: number }) =>
		boxes.every(
			(b) =>
				p.x < b.x - 30 || p.x > b.x + b.width + 30 || p.y < b.y - 30 || p.y > b.y + b.height + 30
		);
	const grid: { x: number; y: number }[] = [];
	for (let x = graph.x + 50; x < graph.x + graph.width - 50; x += 20)
		for (let y = graph.y + 50; y < graph.y + graph.height - 50; y += 20) grid.push({ x, y });
	const distance = (p: { x: number; y: number }) =>
		Math.hypot(p.x - preferred.x, p.y - preferred.y);
	const point = [preferred, ...grid.sort((a, b) => distance(a) - distance(b))].find(clear);
	if (!point) throw new Error('no empty space left in the graph to drop a connection');
	return point;
}

/**
 * Opens a choice from its option's inspector. A click that lands while the graph re-renders the
 * option node (right after its label was written) can be undone by the graph's selection echo,
 * so the click is repeated until the choice's inspector shows.
 */
async function selectChoice(page: Page, optionLabel: string, index: number) {
	const inspector = page.getByTestId('inspector');
	const button = inspector
		.getByRole('list', { name: `Choices of ${optionLabel}` })
		.getByRole('button')
		.nth(index);
	await expect
		.poll(
			async () => {
				if (await inspector.getByTestId('choice-label').isVisible()) return true;
				await button.click();
				return inspector.getByTestId('choice-label').isVisible();
			},
			{ timeout: 10_000 }
		)
		.toBe(true);
}

/** Types into an inspector field and commits it with Enter (fields write on commit). */
async function commit(field: Locator, value: string) {
	await field.fill(value);
	await field.press('Enter');
	await expect.poll(() => field.inputValue()).toBe(value);
}

/**
 * Replaces every generated id by `#1`, `#2`… in order of appearance: the values of `id` keys
 * are collected first (depth first, in document order), then every string equal to one of them
 * becomes its placeholder wherever it is referenced — except under keys that hold words rather
 * than references (a text option's id "text" is not its kind "text"). Choice ids are per option,
 * so the fixture's two options share theirs ("first", "second") just as the studio's do.
 */
const WORDS = new Set(['kind', 'type', 'label', 'name', 'display', 'unit', 'code']);

function normalizeIds(definition: unknown): unknown {
	const ids = new Map<string, string>();
	const collect = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(collect);
		else if (value && typeof value === 'object')
			for (const [key, inner] of Object.entries(value)) {
				if (key === 'id' && typeof inner === 'string' && !ids.has(inner))
					ids.set(inner, `#${ids.size + 1}`);
				collect(inner);
			}
	};
	const rewrite = (value: unknown): unknown => {
		if (typeof value === 'string') return ids.get(value) ?? value;
		if (Array.isArray(value)) return value.map(rewrite);
		if (value && typeof value === 'object')
			return Object.fromEntries(
				Object.entries(value).map(([k, v]) => [k, WORDS.has(k) ? v : rewrite(v)])
			);
		return value;
	};
	collect(definition);
	return rewrite(definition);
}

describe('building a product from a blank start', () => {
	it('options, prices, a font, bound image and text layers and an exclude rule through the UI; tested as a customer and exported', async () => {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			baseURL: server.url,
			acceptDownloads: true
		});
		const page = await context.newPage();
		page.setDefaultTimeout(20_000);
		page.on('pageerror', (error) => pageErrors.push(error.message));

		await page.goto('/sign-up');
		await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
		await page.getByLabel('Email', { exact: true }).fill(uniqueEmail('ada'));
		await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(/\/products$/);

		// A blank product.
		await page.getByRole('button', { name: 'New product' }).first().click();
		const dialog = page.getByRole('dialog');
		await dialog.getByLabel('Name', { exact: true }).fill('Poster');
		expect(await dialog.getByRole('radio', { name: /Blank/ }).isChecked()).toBe(true);
		await dialog.getByRole('button', { name: 'Create product' }).click();
		await page.waitForURL(/\/products\/[a-z0-9]+$/);
		await page.getByRole('heading', { name: 'No options yet' }).waitFor();

		const inspector = page.getByTestId('inspector');

		// Two choice options, each with two choices, labelled and priced in the inspector.
		const options = [
			{
				id: 'option',
				label: 'Size',
				choices: [
					{ id: 'choice-1', label: 'Small', price: '5.00' },
					{ id: 'choice-2', label: 'Large', price: '15.00' }
				]
			},
			{
				id: 'option-2',
				label: 'Frame',
				choices: [
					{ id: 'choice-1', label: 'None', price: '0.00' },
					{ id: 'choice-2', label: 'Oak', price: '25.00' }
				]
			}
		];
		for (const option of options) {
			await page.getByTestId('graph-add').click();
			await page.getByRole('menuitem', { name: 'Choice option' }).click();
			const node = optionNode(page, option.id);
			await node.waitFor();
			await node.getByRole('button', { name: 'Add choice' }).click();
			await node.locator('[data-choice="choice-2"]').waitFor();

			await node.click({ position: { x: 80, y: 20 } });
			await commit(inspector.getByLabel('Label', { exact: true }), option.label);
			await node.getByText(option.label, { exact: true }).waitFor();
			for (const [index, choice] of option.choices.entries()) {
				await selectChoice(page, option.label, index);
				await commit(inspector.getByTestId('choice-label'), choice.label);
				await commit(inspector.getByTestId('choice-price'), choice.price);
				// Back to the option for its next choice.
				await inspector.getByRole('button', { name: option.label, exact: true }).click();
			}
			await expect
				.poll(() => node.locator('[data-choice]').allTextContents())
				.toEqual(option.choices.map((c) => expect.stringContaining(c.label)));
		}

		// A text option for the caption.
		await page.getByTestId('graph-add').click();
		await page.getByRole('menuitem', { name: 'Text', exact: true }).click();
		const textNode = page.locator('[data-testid="graph-option"]').nth(2);
		await textNode.waitFor();
		const textId = await textNode.getAttribute('data-id');
		await textNode.click({ position: { x: 80, y: 20 } });
		await commit(inspector.getByLabel('Label', { exact: true }), 'Caption');

		// A font, from the product settings: a PNG renamed to .woff2 is refused with the server's
		// words and adds nothing; the shipped Inter Regular becomes a stored asset and a font entry.
		const fontResponses: { route: string; status: number; type: string | null }[] = [];
		page.on('response', (response) => {
			const route = /^\/api\/(studio|v1)\/assets\/[0-9a-f]{64}$/.exec(
				new URL(response.url()).pathname
			)?.[1];
			if (route)
				fontResponses.push({
					route,
					status: response.status(),
					type: response.headers()['content-type'] ?? null
				});
		});
		// Like a choice (see selectChoice), the click can be undone by the graph's selection echo
		// right after the caption's label was written, so it is repeated until the settings show.
		const fontList = inspector.getByRole('list', { name: 'Fonts' });
		await expect
			.poll(
				async () => {
					if (await fontList.isVisible()) return true;
					await inspector.getByRole('button', { name: 'Product settings' }).click();
					return fontList.isVisible();
				},
				{ timeout: 10_000 }
			)
			.toBe(true);
		await fontList.getByText('No fonts yet', { exact: false }).waitFor();
		await inspector.getByTestId('font-file').setInputFiles({
			name: 'caption.woff2',
			mimeType: 'font/woff2',
			buffer: PNG_1X1
		});
		await expect
			.poll(() => inspector.getByTestId('font-problem').textContent(), { timeout: 15_000 })
			.toBe(
				'caption.woff2 was refused: not a font: the file is a PNG image; expected a WOFF2, WOFF, TrueType (.ttf) or OpenType (.otf) font file'
			);
		expect(await fontList.locator('[data-font]').count()).toBe(0);
		await inspector.getByRole('button', { name: 'Add font' }).click();
		await page.getByRole('menuitem', { name: 'Inter Regular (400)' }).click();
		await expect
			.poll(() => fontList.locator('[data-font]').allTextContents(), { timeout: 15_000 })
			.toEqual([expect.stringMatching(/^\s*Inter\s+400 · normal\s*$/)]);
		expect(await inspector.getByTestId('font-problem').count()).toBe(0);

		// An image layer bound to Size: drag from its handle into empty space.
		await fitGraph(page);
		const graphBox = (await page.getByTestId('graph').boundingBox())!;
		await dragFromHandle(
			page,
			'.svelte-flow__node[data-id="option:option"] .svelte-flow__handle[data-handleid="out"]',
			await emptyPoint(page, { x: graphBox.x + graphBox.width - 120, y: graphBox.y + 80 })
		);
		await page
			.getByTestId('graph-connect-menu')
			.getByRole('menuitem', { name: 'Image layer' })
			.click();
		const layer = page.locator('[data-testid="graph-layer"]');
		await layer.waitFor();
		expect(await layer.textContent()).toContain('Size · choice art');
		await page
			.locator('.svelte-flow__edge[data-id^="binding:option:option/out->layer:"]')
			.waitFor({ state: 'attached' });

		// A text layer bound to Caption, drawn with the font just added.
		await fitGraph(page);
		await dragFromHandle(
			page,
			`.svelte-flow__node[data-id="option:${textId}"] .svelte-flow__handle[data-handleid="out"]`,
			await emptyPoint(page, {
				x: graphBox.x + graphBox.width - 120,
				y: graphBox.y + graphBox.height - 160
			})
		);
		await page
			.getByTestId('graph-connect-menu')
			.getByRole('menuitem', { name: 'Text layer' })
			.click();
		await expect.poll(() => layer.count(), { timeout: 10_000 }).toBe(2);
		expect(await layer.nth(1).textContent()).toContain('Caption · text');
		await page
			.locator(`.svelte-flow__edge[data-id^="binding:option:${textId}/out->layer:"]`)
			.waitFor({ state: 'attached' });
		expect(await page.getByTestId('graph-notice').count()).toBe(0);

		// An exclude rule: from the Large choice's handle, "Rule with this condition" (it aims at
		// Frame), then the builder narrows the effect to Oak and the rule gets a name.
		await fitGraph(page);
		await dragFromHandle(
			page,
			'.svelte-flow__node[data-id="option:option"] .svelte-flow__handle[data-handleid="choice:choice-2"]',
			await emptyPoint(page, {
				x: graphBox.x + graphBox.width / 2,
				y: graphBox.y + graphBox.height - 120
			})
		);
		await page
			.getByTestId('graph-connect-menu')
			.getByRole('menuitem', { name: 'Rule with this condition' })
			.click();
		const rule = page.getByTestId('graph-rule');
		await rule.waitFor();
		await rule.click();
		const effect = inspector.getByTestId('rule-effect');
		await effect.waitFor();
		expect(await effect.getByLabel('Effect 1', { exact: true }).inputValue()).toBe('exclude');
		await effect.getByLabel('Value', { exact: true }).selectOption({ label: 'Oak' });
		await commit(inspector.getByLabel('Name', { exact: true }), 'No oak frame on large posters');
		const leaf = inspector.getByTestId('condition-leaf');
		expect(await leaf.getByLabel('Option', { exact: true }).inputValue()).toBe('option');
		await expect.poll(() => rule.textContent()).toContain('Oak');
		await page.screenshot({ path: path.join(SCREENS, 'build-from-blank-graph.png') });

		// As a customer: Large makes Oak unavailable, with the rule's explanation.
		await page.getByRole('tab', { name: 'Test as a customer' }).click();
		const customer = page.getByTestId('customer-ui');
		const total = customer.locator('[data-total]');
		await customer.locator('[data-option="option"] [data-choice="choice-2"]').click();
		const oak = customer.locator('[data-option="option-2"] [data-choice="choice-2"]');
		await expect.poll(() => oak.getAttribute('aria-disabled')).toBe('true');
		await expect
			.poll(() => customer.locator('[data-option="option-2"] .atelier-reasons').textContent())
			.toBe("Oak: excluded by rule 'No oak frame on large posters' because Size = Large");
		await expect.poll(() => total.textContent()).toBe('$15.00');
		await page.screenshot({ path: path.join(SCREENS, 'build-from-blank-customer.png') });

		// Small and Oak: 5.00 + 25.00.
		await customer.locator('[data-option="option"] [data-choice="choice-1"]').click();
		await expect.poll(() => oak.getAttribute('aria-disabled')).toBe(null);
		await oak.click();
		await expect.poll(() => total.textContent()).toBe('$30.00');

		// The caption, typed as a customer, is drawn with the added font: the font file comes from
		// the studio's asset route (the draft is not published) as a WOFF2, never from the public one.
		await customer.locator(`[data-option="${textId}"] input`).fill('Hello from Ada');
		await expect.poll(() => total.textContent()).toBe('$30.00');
		await expect
			.poll(
				() =>
					fontResponses.some(
						(r) => r.route === 'studio' && r.status === 200 && r.type === 'font/woff2'
					),
				{ timeout: 15_000 }
			)
			.toBe(true);
		expect(fontResponses.filter((r) => r.route !== 'studio' || r.status !== 200)).toEqual([]);
		await page.waitForTimeout(300);
		await page.screenshot({ path: path.join(SCREENS, 'build-from-blank-text.png') });

		// Export JSON: the draft as the CLI reads it, equal to the fixture modulo ids.
		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Definition file: export or import JSON' }).click();
		await page.getByRole('menuitem', { name: 'Export JSON' }).click();
		const download = await downloading;
		const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
		const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
		expect(normalizeIds(exported)).toEqual(normalizeIds(fixture));

		expect(pageErrors).toEqual([]);
		await context.close();
	});
});
