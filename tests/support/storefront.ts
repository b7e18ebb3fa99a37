/**
 * A customer's side of a store page in end-to-end tests: the embedded configurator's options,
 * its total, its painted preview, and what "Add to cart" hands the page.
 */
import type { Page } from 'playwright-core';

/** An option of the embedded configurator. */
export const storeOption = (page: Page, id: string) =>
	page.locator(`.atelier-option[data-option="${id}"]`);

/** The total as the page shows it ("$62.50"). */
export const storeTotal = async (page: Page) =>
	(await page.locator('output[data-total]').textContent()) ?? '';

/** Waits until the preview has painted the current scene (the widget marks it). */
export async function previewPainted(page: Page): Promise<void> {
	await page.waitForFunction(() => {
		const root = document.querySelector('atelier-configurator .atelier') as HTMLElement | null;
		return root?.dataset.preview === 'painted';
	});
	await page.evaluate(() =>
		(
			document.querySelector('atelier-configurator') as HTMLElement & {
				ui?: { previewReady(): Promise<void> };
			}
		).ui?.previewReady()
	);
}

/** Clicks `cart` and returns the detail of the `atelier:add-to-cart` event it fires. */
export async function addToCart<Detail>(
	page: Page,
	cart: { click(): Promise<void> }
): Promise<Detail> {
	const added = page.evaluate(
		() =>
			new Promise<unknown>((resolve) =>
				document.addEventListener(
					'atelier:add-to-cart',
					(e) => resolve((e as CustomEvent).detail),
					{ once: true }
				)
			)
	);
	await cart.click();
	return (await added) as Detail;
}
