// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultCompile } from '../../core/engine/compile.js';
import { buildEngineModel } from '../../core/engine/model.js';
import { createConfigurator as createWith } from '../configurator.js';
import { mountConfiguratorUI, type MountedConfiguratorUI } from './mount.js';

/** A configurator over a plain definition, its rules compiled in place (as the studio does). */
const createConfigurator: typeof createWith = (json, options) =>
	createWith(json, { compile: defaultCompile, buildModel: buildEngineModel, ...options });

const sample = (name: string): Record<string, unknown> =>
	JSON.parse(readFileSync(`static/samples/${name}/definition.json`, 'utf8'));

let mounted: MountedConfiguratorUI | undefined;
afterEach(() => {
	mounted?.destroy();
	mounted = undefined;
	document.body.replaceChildren();
});

function mount(name: string, options: Parameters<typeof mountConfiguratorUI>[2] = {}) {
	const container = document.createElement('div');
	document.body.append(container);
	const configurator = createConfigurator(sample(name), { version: 1 });
	mounted = mountConfiguratorUI(container, configurator, { preview: false, ...options });
	return { container, configurator };
}

const optionEl = (c: HTMLElement, id: string) =>
	c.querySelector(`.atelier-option[data-option="${id}"]`) as HTMLElement;

describe('mountConfiguratorUI', () => {
	it('renders each choice option as a labelled radio group of native radios', () => {
		const { container } = mount('team-jersey');
		const color = optionEl(container, 'color');
		const group = color.querySelector('[role=radiogroup]') as HTMLElement;
		const labelId = group.getAttribute('aria-labelledby') ?? '';
		expect(document.getElementById(labelId)?.textContent).toBe('Color');
		const radios = [...group.querySelectorAll('input[type=radio]')] as HTMLInputElement[];
		expect(radios.map((r) => r.value)).toEqual(['red', 'navy', 'white', 'green', 'black']);
		expect(new Set(radios.map((r) => r.name)).size).toBe(1);
		// The default is shown as selected; swatches carry their name for screen readers.
		expect(radios.find((r) => r.checked)?.value).toBe('red');
		expect(color.querySelector('label[data-choice="navy"]')?.textContent).toContain('Navy');
	});

	it('selects through the configurator and reflects its snapshot', () => {
		const { container, configurator } = mount('team-jersey');
		const navy = optionEl(container, 'color').querySelector(
			'input[value="navy"]'
		) as HTMLInputElement;
		navy.click();
		expect(configurator.state.configuration.selections.color).toBe('navy');
		expect(navy.checked).toBe(true);
	});

	it('disables unavailable choices and writes why under the picker', () => {
		const { container, configurator } = mount('team-jersey');
		configurator.select('size', 'xs');
		const sleeves = optionEl(container, 'sleeves');
		const long = sleeves.querySelector('input[value="long"]') as HTMLInputElement;
		expect(long.disabled).toBe(true);
		expect(long.closest('label')?.getAttribute('aria-disabled')).toBe('true');
		const reasons = sleeves.querySelector('.atelier-reasons') as HTMLElement;
		expect(reasons.textContent).toMatch(/^Long sleeves: .+/);
		const group = sleeves.querySelector('[role=radiogroup]') as HTMLElement;
		expect(group.getAttribute('aria-describedby')).toContain(reasons.id);
		configurator.select('size', 'm');
		expect(long.disabled).toBe(false);
		expect(reasons.children).toHaveLength(0);
	});

	it('validates a text as it is typed, and keeps what the customer typed', () => {
		const { container, configurator } = mount('team-jersey');
		const input = optionEl(container, 'name').querySelector('input') as HTMLInputElement;
		input.focus();
		input.value = 'LEE7';
		input.dispatchEvent(new Event('input'));
		expect(configurator.state.configuration.selections.name).toBe('LEE7');
		const error = document.getElementById(
			(input.getAttribute('aria-describedby') ?? '').split(' ')[1] ?? ''
		);
		expect(error?.textContent).toMatch(/not allowed/);
		expect(input.getAttribute('aria-invalid')).toBe('true');
		expect(input.value).toBe('LEE7');
		input.value = 'LEE';
		input.dispatchEvent(new Event('input'));
		expect(error?.textContent).toBe('');
		expect(input.hasAttribute('aria-invalid')).toBe(false);
		expect(optionEl(container, 'name').querySelector('.atelier-hint')?.textContent).toBe(
			'9 characters left'
		);
	});

	it('hides options that rules hide, and shows them when they apply', () => {
		const { container, configurator } = mount('engraved-pendant');
		expect(optionEl(container, 'engravingFont').hidden).toBe(true);
		configurator.setText('engraving', 'Mia');
		expect(optionEl(container, 'engravingFont').hidden).toBe(false);
	});

	it('keeps add to cart disabled with the reason until complete, then calls back', async () => {
		const onAddToCart = vi.fn(async () => undefined);
		const { container, configurator } = mount('team-jersey', { onAddToCart });
		const button = container.querySelector('.atelier-cart') as HTMLButtonElement;
		const status = document.getElementById(button.getAttribute('aria-describedby') ?? '');
		expect(button.getAttribute('aria-disabled')).toBe('true');
		expect(status?.textContent).toBe('Not ready yet: Size is required');
		button.click();
		expect(onAddToCart).not.toHaveBeenCalled();
		configurator.select('size', 'm');
		expect(button.hasAttribute('aria-disabled')).toBe(false);
		button.click();
		await vi.waitFor(() => expect(status?.textContent).toBe('Added to cart'));
		expect(onAddToCart).toHaveBeenCalledWith(configurator.state);
	});

	it('says why the cart refused, and lets the customer try again', async () => {
		const { container, configurator } = mount('team-jersey', {
			onAddToCart: async () => {
				throw new Error('the shop is offline');
			}
		});
		configurator.select('size', 'm');
		const button = container.querySelector('.atelier-cart') as HTMLButtonElement;
		button.click();
		await vi.waitFor(() =>
			expect(container.querySelector('.atelier-status')?.textContent).toMatch(
				/Could not add to cart: the shop is offline/
			)
		);
		expect(button.hasAttribute('aria-disabled')).toBe(false);
	});

	it('formats money with Intl for the locale, from the currency’s minor units', () => {
		const { container } = mount('engraved-pendant', { locale: 'fr' });
		const total = container.querySelector('output[data-total]')?.textContent ?? '';
		expect(total.replace(/\s/g, ' ')).toBe('39,00 €');
		const yen = sample('engraved-pendant');
		yen.currency = { code: 'JPY', minorUnits: 0 };
		(yen.pricing as { base: number }).base = 3900;
		const container2 = document.createElement('div');
		document.body.append(container2);
		const ui = mountConfiguratorUI(container2, createConfigurator(yen), {
			preview: false,
			locale: 'en'
		});
		expect(container2.querySelector('output[data-total]')?.textContent).toBe('¥3,900');
		ui.destroy();
	});

	it('offers the rush tiers with their lead time and surcharge', () => {
		const { container, configurator } = mount('engraved-pendant');
		const rush = container.querySelector('[data-option="rush"]') as HTMLElement;
		expect(rush.querySelector('legend')?.textContent).toBe('Production speed');
		const express = rush.querySelector('input[value="rush"]') as HTMLInputElement;
		express.click();
		expect(configurator.state.configuration.rushTier).toBe('rush');
		expect(container.querySelector('[data-lead-time]')?.textContent).toBe(
			'Made in 2 business days'
		);
		expect(rush.querySelector('label[data-rush="rush"]')?.textContent).toMatch(/2 days · \+€/);
	});

	it('switches views with tabs that arrow keys move between', () => {
		const { container, configurator } = mount('team-jersey');
		const tabs = [...container.querySelectorAll('[role=tab]')] as HTMLButtonElement[];
		expect(tabs.map((t) => t.textContent)).toEqual(['Front', 'Back']);
		expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
		tabs[0]?.focus();
		tabs[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		expect(configurator.state.view).toBe('back');
		expect(tabs[1]?.getAttribute('aria-selected')).toBe('true');
		expect(document.activeElement).toBe(tabs[1]);
	});

	it('draws a dropdown option as a labelled select with unavailable choices disabled', () => {
		const json = sample('team-jersey');
		const options = json.options as { id: string; display?: string }[];
		const sleevesOption = options.find((o) => o.id === 'sleeves');
		if (sleevesOption) sleevesOption.display = 'dropdown';
		const container = document.createElement('div');
		document.body.append(container);
		const configurator = createConfigurator(json);
		mounted = mountConfiguratorUI(container, configurator, { preview: false });
		const select = optionEl(container, 'sleeves').querySelector('select') as HTMLSelectElement;
		expect(document.querySelector(`label[for="${select.id}"]`)?.textContent).toContain('Sleeves');
		configurator.select('size', 'xs');
		const long = [...select.options].find((o) => o.value === 'long');
		expect(long?.disabled).toBe(true);
		expect(long?.textContent).toBe('Long sleeves — Unavailable');
		select.value = 'short';
		select.dispatchEvent(new Event('change'));
		expect(configurator.state.configuration.selections.sleeves).toBe('short');
	});

	it('lets the customer take back an optional one-of-many choice with "None"', () => {
		const { container, configurator } = mount('engraved-pendant');
		configurator.setText('engraving', 'Mia');
		const font = optionEl(container, 'engravingFont');
		const bold = font.querySelector('input[value="bold"]') as HTMLInputElement;
		bold.click();
		expect(configurator.state.configuration.selections.engravingFont).toBe('bold');
		const none = font.querySelector('input[value=""]') as HTMLInputElement;
		expect(none.closest('label')?.textContent).toBe('None');
		none.click();
		expect(configurator.state.configuration.selections.engravingFont).toBeUndefined();
		// Required options offer no "None".
		expect(optionEl(container, 'metal').querySelector('input[value=""]')).toBeNull();
	});

	it('calls the clear button "Clear" when a choice is itself called "None"', () => {
		const definition = sample('engraved-pendant') as {
			options: { id: string; choices?: { id: string; label: string }[] }[];
		};
		const font = definition.options.find((o) => o.id === 'engravingFont')!;
		font.choices![0].label = 'none';
		const container = document.createElement('div');
		document.body.append(container);
		const configurator = createConfigurator(definition, { version: 1 });
		mounted = mountConfiguratorUI(container, configurator, { preview: false });
		configurator.setText('engraving', 'Mia');
		const clear = optionEl(container, 'engravingFont').querySelector('input[value=""]');
		expect(clear?.closest('label')?.textContent).toBe('Clear');
	});

	it('stops following the configurator once destroyed', () => {
		const { container, configurator } = mount('team-jersey');
		mounted?.destroy();
		mounted = undefined;
		expect(container.querySelector('.atelier')).toBeNull();
		expect(() => configurator.select('size', 'l')).not.toThrow();
	});
});
