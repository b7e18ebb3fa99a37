// The customer's configurator UI in plain DOM: option pickers, the preview with view switching,
// price and breakdown, lead time with rush choice, reasons for unavailable choices, add to cart.
// It reads a configurator's snapshots and calls its methods — it fetches nothing, so the studio's
// "test as a customer" panel mounts the same function on a draft. Controls are built once and
// updated in place on each snapshot (a text field keeps its focus and caret while the price moves).

import type { SceneAsset } from '../../core/scene/index.js';
import type { Option } from '../../core/definition/option.js';
import type { OptionState } from '../../core/engine/index.js';
import { translator } from '../../core/definition/translate.js';
import { formatMoney } from '../../core/money.js';
import type { Configurator, ConfiguratorState } from '../configurator.js';
import type { Preview } from '../preview/preview.js';
import { messagesFor, type UiMessages } from './messages.js';
import { ensureStyles } from './styles.js';
import { acceptOf, objectUrlUpload, readUpload, type StoreUpload } from './upload.js';
import { h } from './dom.js';

/** Options of {@link mountConfiguratorUI}. */
export interface MountOptions {
	/** Locale of the widget's words and of money formatting (default: the document's, else `en`). */
	locale?: string;
	/** Called with the snapshot when the customer adds a complete configuration to the cart. */
	onAddToCart?(state: ConfiguratorState): unknown;
	/** Base URL that asset paths are relative to (default: the document's). */
	assetBase?: string;
	/**
	 * The URL of a definition asset (art, swatches, fonts), overriding `assetBase`: the studio
	 * loads a draft's uploads from its members-only route, the public one serving only published
	 * files.
	 */
	assetUrl?(asset: { path?: string; sha256?: string }): string | undefined;
	/** Where an uploaded file goes (default: an object URL, valid in this page only). */
	storeUpload?: StoreUpload;
	/** Draw the Konva preview (default true). */
	preview?: boolean;
	/** Height cap of the preview in CSS pixels (default 560). */
	maxPreviewHeight?: number;
}

/** A mounted UI. */
export interface MountedConfiguratorUI {
	readonly root: HTMLElement;
	/** Resolves when the preview has painted the latest scene (images and fonts loaded). */
	previewReady(): Promise<void>;
	/** The Konva preview once loaded (undefined before, or with `preview: false`). */
	readonly preview: Preview | undefined;
	destroy(): void;
}

type Control = { el: HTMLElement; update(option: OptionState, state: ConfiguratorState): void };

let uid = 0;
const nextId = (prefix: string) => `atelier-${prefix}-${++uid}`;

/** Sets an attribute only when it changes (fewer style recalculations on every keystroke). */
function attr(el: Element, name: string, value: string | boolean | undefined) {
	if (value === undefined || value === false) {
		if (el.hasAttribute(name)) el.removeAttribute(name);
		return;
	}
	const v = value === true ? '' : value;
	if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

function text(el: Element, value: string) {
	if (el.textContent !== value) el.textContent = value;
}

/** Field errors worth showing while the customer works: everything but "required". */
const fieldErrors = (o: OptionState) =>
	o.errors.filter((e) => e.severity === 'error' && e.code !== 'required').map((e) => e.message);

/**
 * Mounts the customer UI of `configurator` into `container` (replacing its content). Plain DOM
 * with ARIA roles and labels, keyboard-navigable, styled through CSS custom properties.
 */
export function mountConfiguratorUI(
	container: HTMLElement,
	configurator: Configurator,
	options: MountOptions = {}
): MountedConfiguratorUI {
	const first = configurator.state;
	const def = first.definition;
	const locale =
		options.locale ?? (typeof document !== 'undefined' ? document.documentElement.lang : '') ?? '';
	const msg: UiMessages = messagesFor(locale || 'en');
	const t = translator(def.translations, locale || undefined);
	const moneyLocale = locale || 'en';
	const money = (amount: number) =>
		formatMoney(amount, first.price.currency, first.price.minorUnits, moneyLocale);
	const base = options.assetBase ?? document.baseURI;
	const assetUrl = (asset: { path?: string; sha256?: string }) =>
		options.assetUrl
			? options.assetUrl(asset)
			: asset.path !== undefined
				? new URL(asset.path, base).href
				: asset.sha256
					? new URL(`/api/v1/assets/${asset.sha256}`, base).href
					: undefined;
	const disposers: (() => void)[] = [];

	ensureStyles(container);
	const root = h('div', { class: 'atelier', lang: locale || undefined });
	container.replaceChildren(root);

	// The stage: view tabs and the preview.
	const stage = h('div', { class: 'atelier-stage' });
	const previewId = nextId('preview');
	const previewHost = h('div', {
		class: 'atelier-preview',
		id: previewId,
		role: def.views.length > 1 ? 'tabpanel' : undefined
	});
	const viewTabs = new Map<string, HTMLButtonElement>();
	if (def.views.length > 1) {
		const tabs = h('div', { class: 'atelier-views', role: 'tablist', 'aria-label': msg.views });
		for (const v of def.views) {
			const tab = h(
				'button',
				{
					type: 'button',
					role: 'tab',
					class: 'atelier-choice',
					'aria-controls': previewId,
					'data-view': v.id
				},
				t(`view.${v.id}.label`, v.label)
			);
			tab.addEventListener('click', () => configurator.setView(v.id));
			viewTabs.set(v.id, tab);
			tabs.append(tab);
		}
		tabs.addEventListener('keydown', (e) => {
			const ids = def.views.map((v) => v.id);
			const at = ids.indexOf(configurator.state.view);
			const step =
				e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : e.key === 'Home' ? -at : 0;
			const to = e.key === 'End' ? ids.length - 1 : (at + step + ids.length) % ids.length;
			if (step === 0 && e.key !== 'End' && e.key !== 'Home') return;
			e.preventDefault();
			configurator.setView(ids[to] as string);
			viewTabs.get(ids[to] as string)?.focus();
		});
		stage.append(tabs);
	}
	stage.append(previewHost);

	// The form: groups of options, quantity, rush, summary, add to cart.
	const form = h('form', { class: 'atelier-form', novalidate: true });
	form.addEventListener('submit', (e) => e.preventDefault());
	const controls = new Map<string, Control>();
	const grouped = new Set<string>();
	const appendOption = (parent: HTMLElement, o: Option) => {
		const c = controlFor(o);
		controls.set(o.id, c);
		parent.append(c.el);
	};
	for (const g of def.groups) {
		const fs = h(
			'fieldset',
			{ class: 'atelier-group' },
			h('legend', {}, t(`group.${g.id}.label`, g.label))
		);
		for (const id of g.options) {
			const o = def.options.find((x) => x.id === id);
			if (!o || grouped.has(id)) continue;
			grouped.add(id);
			appendOption(fs, o);
		}
		form.append(fs);
	}
	for (const o of def.options) if (!grouped.has(o.id)) appendOption(form, o);

	const quantity = quantityControl();
	form.append(quantity.el);
	const rush = rushControl();
	if (rush) form.append(rush.el);
	const summary = summaryControl();
	form.append(summary.el);

	root.append(h('div', { class: 'atelier-layout' }, stage, form));

	// The preview is Konva: loaded on demand so the pickers paint first.
	let preview: Preview | undefined;
	let painted: Promise<void> = Promise.resolve();
	let resolvePainted: (() => void) | undefined;
	let destroyed = false;
	const wantPreview = options.preview ?? true;
	if (wantPreview) {
		painted = new Promise((resolve) => (resolvePainted = resolve));
		import('../preview/preview.js').then(
			({ createPreview, loadImageElement }) => {
				if (destroyed) return;
				preview = createPreview(previewHost, {
					loadImage: loadImageElement,
					label: msg.preview,
					maxHeight: options.maxPreviewHeight ?? 560,
					fontFamily: 'system-ui, sans-serif',
					assetUrl: (a: SceneAsset) => assetUrl(a)
				});
				drawPreview(configurator.state);
			},
			() => {
				previewHost.textContent = msg.preview;
				resolvePainted?.();
			}
		);
	}

	let renders = 0;
	function drawPreview(state: ConfiguratorState) {
		if (!preview || !state.scene) return;
		preview.render(state.scene);
		const current = preview;
		// `data-preview` says whether the *latest* scene is on the canvas (tests and scripts wait on it).
		const render = ++renders;
		root.dataset.preview = 'drawing';
		void current.ready().then(() => {
			if (destroyed || current !== preview || render !== renders) return;
			root.dataset.preview = 'painted';
			root.dispatchEvent(new CustomEvent('atelier:preview-painted', { bubbles: true }));
			resolvePainted?.();
		});
	}

	const update = (state: ConfiguratorState) => {
		for (const o of state.evaluation.options) controls.get(o.id)?.update(o, state);
		for (const [id, tab] of viewTabs) {
			const on = id === state.view;
			attr(tab, 'aria-selected', on ? 'true' : 'false');
			attr(tab, 'aria-checked', on ? 'true' : 'false');
			attr(tab, 'tabindex', on ? '0' : '-1');
			if (on) attr(previewHost, 'aria-labelledby', (tab.id ||= nextId('tab')));
		}
		quantity.update(state);
		rush?.update(state);
		summary.update(state);
		drawPreview(state);
	};
	update(first);
	disposers.push(configurator.subscribe(update));

	return {
		root,
		previewReady: () => painted.then(() => preview?.ready()),
		get preview() {
			return preview;
		},
		destroy() {
			destroyed = true;
			for (const d of disposers.splice(0)) d();
			preview?.destroy();
			root.remove();
		}
	};

	// ---- controls ----

	function optionShell(o: Option, labelFor?: string) {
		const labelId = nextId('label');
		const errorId = nextId('error');
		const wrapper = h('div', { class: 'atelier-option', 'data-option': o.id });
		const label = h(
			labelFor ? 'label' : 'span',
			{ class: 'atelier-label', id: labelId, for: labelFor },
			t(`option.${o.id}.label`, o.label)
		);
		if (!o.required) label.append(' ', h('small', {}, `(${msg.optional})`));
		wrapper.append(label);
		const description = o.description ?? '';
		if (description)
			wrapper.append(
				h('p', { class: 'atelier-desc' }, t(`option.${o.id}.description`, description))
			);
		const error = h('p', { class: 'atelier-error', id: errorId, 'aria-live': 'polite' });
		return { wrapper, label, labelId, error, errorId };
	}

	function showCommon(
		wrapper: HTMLElement,
		error: HTMLElement,
		o: OptionState,
		invalidTarget?: Element
	) {
		attr(wrapper, 'hidden', !o.visible);
		const errors = fieldErrors(o);
		text(error, errors.join(' '));
		if (invalidTarget) attr(invalidTarget, 'aria-invalid', errors.length > 0 ? 'true' : undefined);
	}

	function controlFor(o: Option): Control {
		switch (o.kind) {
			case 'choice':
				return o.display === 'dropdown' ? dropdownControl(o) : choicesControl(o, 'radio');
			case 'multi':
				return choicesControl(o, 'checkbox');
			case 'text':
				return textControl(o);
			case 'image':
				return uploadControl(o);
			case 'number':
				return numberControl(o);
			case 'toggle':
				return toggleControl(o);
		}
	}

	/** Swatches, buttons and tiles: native radios (or checkboxes) in a labelled group. */
	function choicesControl(
		o: Extract<Option, { kind: 'choice' | 'multi' }>,
		type: 'radio' | 'checkbox'
	): Control {
		const { wrapper, labelId, error, errorId } = optionShell(o);
		const reasonsId = nextId('reasons');
		const group = h('div', {
			class: 'atelier-choices',
			role: type === 'radio' ? 'radiogroup' : 'group',
			'aria-labelledby': labelId,
			'aria-describedby': `${reasonsId} ${errorId}`
		});
		const name = nextId(o.id);
		const display = o.display;
		const inputs = new Map<string, { input: HTMLInputElement; label: HTMLLabelElement }>();
		const shownLabels = new Set<string>();
		for (const c of o.choices) {
			const input = h('input', { type, name, value: c.id, class: 'atelier-sr' });
			const choiceLabel = t(`choice.${o.id}.${c.id}.label`, c.label);
			shownLabels.add(choiceLabel.trim().toLocaleLowerCase());
			const delta =
				c.priceDelta !== 0 ? `${c.priceDelta > 0 ? '+' : '−'}${money(Math.abs(c.priceDelta))}` : '';
			// A swatch needs a color or a picture; without one the choice reads as a button.
			const swatch = display === 'swatch' && c.swatch !== undefined;
			const label = h('label', {
				class: `atelier-choice${swatch ? ' atelier-swatch' : display === 'tile' ? ' atelier-tile' : ''}`,
				'data-choice': c.id
			});
			label.append(input);
			if (swatch) {
				const dot = h('span', { 'aria-hidden': 'true' });
				if (c.swatch && 'color' in c.swatch) dot.style.background = c.swatch.color;
				else if (c.swatch && 'asset' in c.swatch) {
					const a = def.assets[c.swatch.asset];
					const url = a ? assetUrl(a) : undefined;
					if (url) dot.style.backgroundImage = `url(${JSON.stringify(url)})`;
				}
				label.append(
					dot,
					h('span', { class: 'atelier-sr' }, delta ? `${choiceLabel} (${delta})` : choiceLabel)
				);
				label.title = delta ? `${choiceLabel} (${delta})` : choiceLabel;
			} else {
				if (display === 'tile' && c.swatch && 'asset' in c.swatch) {
					const a = def.assets[c.swatch.asset];
					const url = a ? assetUrl(a) : undefined;
					if (url) label.append(h('img', { src: url, alt: '', loading: 'lazy' }));
				}
				label.append(h('span', {}, choiceLabel));
				if (delta) label.append(h('span', { class: 'atelier-price-delta' }, delta));
			}
			// A radio's change selects it; a checkbox's adds or removes the choice (multi).
			input.addEventListener('change', () => configurator.select(o.id, c.id));
			inputs.set(c.id, { input, label });
			group.append(label);
		}
		// An optional one-of-many can be taken back: a "None" radio clears it ("Clear" when a
		// choice of the product is itself called "None", so two buttons never read the same).
		let none: HTMLInputElement | undefined;
		if (type === 'radio' && !o.required) {
			none = h('input', { type, name, value: '', class: 'atelier-sr' });
			none.addEventListener('change', () => configurator.select(o.id, null));
			const clearWords = shownLabels.has(msg.none.toLocaleLowerCase()) ? msg.clear : msg.none;
			group.append(
				h('label', { class: 'atelier-choice', 'data-choice': '' }, none, h('span', {}, clearWords))
			);
		}
		const reasons = h('ul', { class: 'atelier-reasons', id: reasonsId });
		const waiting = h('p', { class: 'atelier-hint' });
		wrapper.append(group, waiting, reasons, error);
		return {
			el: wrapper,
			update(os) {
				showCommon(wrapper, error, os, group);
				// Choices shown by other answers (e.g. colors of a fabric): say what comes first.
				const anyVisible = (os.choices ?? []).some((c) => c.visible);
				text(waiting, anyVisible ? '' : msg.dependsOnOthers);
				if (none) {
					none.checked = os.selected.length === 0;
					attr(none.parentElement as Element, 'hidden', !anyVisible);
					attr(none.parentElement as Element, 'aria-checked', none.checked ? 'true' : 'false');
				}
				const lines: string[] = [];
				for (const cs of os.choices ?? []) {
					const entry = inputs.get(cs.id);
					if (!entry) continue;
					const { input, label } = entry;
					attr(label, 'hidden', !cs.visible);
					input.checked = cs.selected;
					attr(label, 'aria-checked', cs.selected ? 'true' : 'false');
					const unavailable = !cs.available && !cs.selected;
					input.disabled = unavailable;
					attr(label, 'aria-disabled', unavailable ? 'true' : undefined);
					const why = cs.stock === 'out_of_stock' ? msg.outOfStock : cs.reason?.message;
					if (unavailable && cs.visible) lines.push(`${cs.label}: ${why ?? msg.unavailable}`);
				}
				const current = [...reasons.children].map((li) => li.textContent).join('\n');
				if (current !== lines.join('\n'))
					reasons.replaceChildren(...lines.map((l) => h('li', {}, l)));
			}
		};
	}

	function dropdownControl(o: Extract<Option, { kind: 'choice' }>): Control {
		const selectId = nextId('select');
		const { wrapper, error, errorId } = optionShell(o, selectId);
		const reasonsId = nextId('reasons');
		const select = h('select', {
			class: 'atelier-select',
			id: selectId,
			'aria-describedby': `${reasonsId} ${errorId}`
		});
		const empty = h('option', { value: '' }, '—');
		select.append(empty);
		const items = new Map<string, HTMLOptionElement>();
		for (const c of o.choices) {
			const item = h('option', { value: c.id }, t(`choice.${o.id}.${c.id}.label`, c.label));
			items.set(c.id, item);
			select.append(item);
		}
		select.addEventListener('change', () => configurator.select(o.id, select.value || null));
		const reasons = h('ul', { class: 'atelier-reasons', id: reasonsId });
		wrapper.append(select, reasons, error);
		return {
			el: wrapper,
			update(os) {
				showCommon(wrapper, error, os, select);
				const lines: string[] = [];
				for (const cs of os.choices ?? []) {
					const item = items.get(cs.id);
					if (!item) continue;
					item.hidden = !cs.visible;
					item.disabled = !cs.available && !cs.selected;
					text(item, item.disabled ? `${cs.label} — ${msg.unavailable}` : cs.label);
					if (item.disabled && cs.visible)
						lines.push(`${cs.label}: ${cs.reason?.message ?? msg.unavailable}`);
				}
				select.value = os.selected[0] ?? '';
				empty.hidden = os.required && os.answered;
				reasons.replaceChildren(...lines.map((l) => h('li', {}, l)));
			}
		};
	}

	function toggleControl(o: Extract<Option, { kind: 'toggle' }>): Control {
		const id = nextId('toggle');
		const { wrapper, label, error, errorId } = optionShell(o, id);
		const input = h('input', { type: 'checkbox', id, 'aria-describedby': errorId });
		label.prepend(input, ' ');
		input.addEventListener('change', () => configurator.setToggle(o.id, input.checked));
		wrapper.append(error);
		return {
			el: wrapper,
			update(os) {
				showCommon(wrapper, error, os, input);
				input.checked = os.value === true;
			}
		};
	}

	function textControl(o: Extract<Option, { kind: 'text' }>): Control {
		const id = nextId('text');
		const { wrapper, error, errorId } = optionShell(o, id);
		const hintId = nextId('hint');
		const multiline = o.lines > 1;
		const input = multiline
			? h('textarea', { class: 'atelier-input', id, rows: o.lines })
			: h('input', { class: 'atelier-input', id, type: 'text', autocomplete: 'off' });
		input.setAttribute('aria-describedby', `${hintId} ${errorId}`);
		const placeholder = o.placeholder ?? '';
		if (placeholder) input.placeholder = t(`option.${o.id}.placeholder`, placeholder);
		const hint = h('p', { class: 'atelier-hint', id: hintId });
		let font: string | undefined;
		let color: string | undefined;
		const send = () =>
			configurator.setText(o.id, input.value, font || color ? { font, color } : undefined);
		input.addEventListener('input', send);
		wrapper.append(input);
		const row = h('div', { class: 'atelier-row' });
		if (o.fonts.length > 1) {
			const sel = h('select', { class: 'atelier-select', 'aria-label': `${o.label}: ${msg.font}` });
			for (const f of o.fonts) {
				const fd = def.fonts.find((x) => x.id === f);
				sel.append(h('option', { value: f }, fd ? `${fd.family} ${fd.weight}` : f));
			}
			sel.addEventListener('change', () => {
				font = sel.value;
				if (input.value) send();
			});
			row.append(sel);
		}
		if (o.colors.length > 1) {
			const sel = h('select', {
				class: 'atelier-select',
				'aria-label': `${o.label}: ${msg.color}`
			});
			for (const c of o.colors)
				sel.append(h('option', { value: c }, def.colors.find((x) => x.id === c)?.label ?? c));
			sel.addEventListener('change', () => {
				color = sel.value;
				if (input.value) send();
			});
			row.append(sel);
		}
		if (row.children.length > 0) wrapper.append(row);
		wrapper.append(hint, error);
		return {
			el: wrapper,
			update(os) {
				showCommon(wrapper, error, os, input);
				const v = os.value;
				const current =
					typeof v === 'string' ? v : v && typeof v === 'object' && 'text' in v ? v.text : '';
				// Never rewrite the field under the customer's caret; only restores change it.
				if (document.activeElement !== input && input.value !== current) input.value = current;
				const used = [...input.value.replace(/[\r\n]/g, '')].length;
				text(hint, msg.charactersLeft(Math.max(0, o.maxLength - used)));
			}
		};
	}

	function numberControl(o: Extract<Option, { kind: 'number' }>): Control {
		const id = nextId('number');
		const { wrapper, label, error, errorId } = optionShell(o, id);
		if (o.unit) label.append(` (${o.unit})`);
		const input = h('input', {
			class: 'atelier-input',
			id,
			type: 'number',
			inputmode: 'decimal',
			min: o.min,
			max: o.max,
			step: o.step ?? 'any',
			'aria-describedby': errorId
		});
		input.addEventListener('input', () => {
			const n = input.value.trim() === '' ? null : Number(input.value);
			configurator.setNumber(o.id, n === null || Number.isNaN(n) ? null : n);
		});
		wrapper.append(input, error);
		return {
			el: wrapper,
			update(os) {
				showCommon(wrapper, error, os, input);
				const v = typeof os.value === 'number' ? String(os.value) : '';
				if (document.activeElement !== input && input.value !== v) input.value = v;
			}
		};
	}

	function uploadControl(o: Extract<Option, { kind: 'image' }>): Control {
		const id = nextId('upload');
		const { wrapper, error, errorId } = optionShell(o, id);
		const statusId = nextId('status');
		const input = h('input', {
			id,
			type: 'file',
			accept: acceptOf(o.formats),
			'aria-describedby': `${statusId} ${errorId}`
		});
		const status = h('p', { class: 'atelier-hint', id: statusId, 'aria-live': 'polite' });
		const local = h('p', { class: 'atelier-error', role: 'alert' });
		const remove = h(
			'button',
			{ type: 'button', class: 'atelier-link', hidden: true },
			msg.removeUpload
		);
		let fileName = '';
		input.addEventListener('change', async () => {
			const file = input.files?.[0];
			if (!file) return;
			text(local, '');
			text(status, msg.uploadReading);
			try {
				const upload = await readUpload(file, options.storeUpload ?? objectUrlUpload);
				if (!upload.format) {
					text(status, '');
					text(local, msg.uploadUnreadable);
					return;
				}
				fileName = file.name;
				configurator.setUpload(o.id, upload);
			} catch (e) {
				text(status, '');
				text(local, e instanceof Error ? e.message : msg.uploadUnreadable);
			}
		});
		remove.addEventListener('click', () => {
			input.value = '';
			fileName = '';
			configurator.setUpload(o.id, null);
			input.focus();
		});
		wrapper.append(h('div', { class: 'atelier-upload' }, input, remove), status, local, error);
		return {
			el: wrapper,
			update(os) {
				showCommon(wrapper, error, os, input);
				const v = os.value;
				const up = v && typeof v === 'object' && 'ref' in v ? v : undefined;
				attr(remove, 'hidden', !up);
				text(status, up ? msg.uploaded(fileName || up.format || '', up.width, up.height) : '');
			}
		};
	}

	function quantityControl() {
		const id = nextId('quantity');
		const errorId = nextId('error');
		const wrapper = h('div', { class: 'atelier-option', 'data-option': 'quantity' });
		const input = h('input', {
			class: 'atelier-input',
			id,
			type: 'number',
			inputmode: 'numeric',
			min: def.pricing.minQuantity,
			max: def.pricing.maxQuantity,
			step: 1,
			'aria-describedby': errorId
		});
		input.style.maxWidth = '120px';
		const error = h('p', { class: 'atelier-error', id: errorId, 'aria-live': 'polite' });
		input.addEventListener('input', () => {
			const n = Number(input.value);
			if (Number.isInteger(n) && n > 0) configurator.setQuantity(n);
		});
		wrapper.append(h('label', { class: 'atelier-label', for: id }, msg.quantity), input, error);
		return {
			el: wrapper,
			update(state: ConfiguratorState) {
				const v = String(state.configuration.quantity);
				if (document.activeElement !== input && input.value !== v) input.value = v;
				const errors = state.evaluation.errors.filter((e) => e.path === 'quantity');
				text(error, errors.map((e) => e.message).join(' '));
				attr(input, 'aria-invalid', errors.length > 0 ? 'true' : undefined);
			}
		};
	}

	function rushControl() {
		if (def.pricing.rushTiers.length < 2) return undefined;
		const fs = h('fieldset', { class: 'atelier-group atelier-option', 'data-option': 'rush' });
		fs.append(h('legend', { class: 'atelier-label' }, msg.production));
		const group = h('div', { class: 'atelier-choices' });
		const name = nextId('rush');
		const entries = new Map<
			string,
			{ input: HTMLInputElement; label: HTMLLabelElement; note: HTMLSpanElement }
		>();
		for (const tier of def.pricing.rushTiers) {
			const input = h('input', { type: 'radio', name, value: tier.id, class: 'atelier-sr' });
			const note = h('span', { class: 'atelier-price-delta' });
			const label = h(
				'label',
				{ class: 'atelier-choice', 'data-rush': tier.id },
				input,
				h('span', {}, t(`rush.${tier.id}.label`, tier.label)),
				note
			);
			input.addEventListener('change', () =>
				configurator.setRush(tier.id === def.pricing.rushTiers[0]?.id ? null : tier.id)
			);
			entries.set(tier.id, { input, label, note });
			group.append(label);
		}
		fs.append(group);
		return {
			el: fs,
			update(state: ConfiguratorState) {
				for (const q of state.rushTiers) {
					const e = entries.get(q.id);
					if (!e) continue;
					e.input.checked = q.selected;
					attr(e.label, 'aria-checked', q.selected ? 'true' : 'false');
					const extra = q.surcharge > 0 ? ` · +${money(q.surcharge)}` : '';
					text(e.note, `${msg.shipsFaster(q.leadTimeDays)}${extra}`);
				}
			}
		};
	}

	function summaryControl() {
		const wrapper = h('div', { class: 'atelier-summary', 'aria-label': msg.price, role: 'group' });
		const totalValue = h('output', { 'aria-live': 'polite', 'data-total': '' });
		const unit = h('small', {});
		const total = h(
			'div',
			{ class: 'atelier-total' },
			h('span', {}, msg.total),
			h('span', {}, totalValue, ' ', unit)
		);
		const table = h('table', {});
		const details = h(
			'details',
			{ class: 'atelier-breakdown' },
			h('summary', {}, msg.breakdown),
			table
		);
		const lead = h('p', { class: 'atelier-lead', 'data-lead-time': '' });
		const statusId = nextId('cart-status');
		const button = h(
			'button',
			{ type: 'button', class: 'atelier-cart', 'aria-describedby': statusId },
			msg.addToCart
		);
		const status = h('p', { class: 'atelier-status', id: statusId, role: 'status' });
		let busy = false;
		let outcome = '';
		let lastConfiguration: unknown;
		button.addEventListener('click', async () => {
			const state = configurator.state;
			if (busy || !state.complete) return;
			busy = true;
			outcome = '';
			text(button, msg.adding);
			attr(button, 'aria-busy', 'true');
			try {
				await options.onAddToCart?.(state);
				outcome = msg.added;
			} catch (e) {
				outcome = msg.cartFailed(e instanceof Error ? e.message : String(e));
			} finally {
				busy = false;
				text(button, msg.addToCart);
				attr(button, 'aria-busy', undefined);
				paint(configurator.state);
			}
		});
		wrapper.append(total, details, lead, button, status);
		const paint = (state: ConfiguratorState) => {
			const p = state.price;
			text(totalValue, money(p.total));
			text(unit, p.quantity > 1 ? `${money(p.unitPrice)} ${msg.perUnit}` : '');
			const rows: [string, string][] = p.lines.map((l) => [
				l.units !== undefined && l.rate !== undefined
					? `${l.label} (${l.units} × ${money(l.rate)})`
					: l.label,
				`${money(l.amount)}${l.per === 'unit' && p.quantity > 1 ? ` × ${p.quantity}` : ''}`
			]);
			const key = JSON.stringify(rows);
			if (table.dataset.key !== key) {
				table.dataset.key = key;
				table.replaceChildren(
					...rows.map(([a, b]) => h('tr', {}, h('td', {}, a), h('td', {}, b))),
					h(
						'tr',
						{},
						h('td', {}, h('strong', {}, msg.total)),
						h('td', {}, h('strong', {}, money(p.total)))
					)
				);
			}
			text(lead, msg.leadTime(state.leadTime.days));
			const blocked = !state.complete;
			attr(button, 'aria-disabled', blocked || busy ? 'true' : undefined);
			text(status, blocked && state.blockedBy ? msg.cannotAddYet(state.blockedBy) : outcome);
		};
		return {
			el: wrapper,
			update(state: ConfiguratorState) {
				if (state.configuration !== lastConfiguration) outcome = '';
				lastConfiguration = state.configuration;
				paint(state);
			}
		};
	}
}
