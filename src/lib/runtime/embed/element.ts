// <atelier-configurator store="…" product="…" locale="…" cart="shopify|woocommerce|headless"
// variant-id="…" design="…" version="…">: fetches the published definition from the Atelier
// server the script came from, mounts the customer UI and speaks to the page in DOM events.

import { productionSpecOf } from '../../core/production/spec.js';
import { cartAdapterFor } from '../cart.js';
import {
	ConfiguratorError,
	loadConfigurator,
	type Configurator,
	type DesignInput
} from '../configurator.js';
import { messagesFor } from '../ui/messages.js';
import { mountConfiguratorUI, type MountedConfiguratorUI } from '../ui/mount.js';
import { ensureStyles } from '../ui/styles.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DESIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A problem the element shows in place of the configurator. */
class EmbedProblem extends Error {
	constructor(
		readonly title: string,
		detail: string
	) {
		super(detail);
	}
}

/** `atelier:change` detail: what a page may show or keep (e.g. a share link). */
export interface ChangeDetail {
	product: string;
	version: number | undefined;
	complete: boolean;
	valid: boolean;
	total: number;
	currency: string;
	minorUnits: number;
	/** `serialize()`: restores the same answers. */
	design: string;
}

async function readJson(response: Response): Promise<unknown> {
	const text = await response.text();
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function messageOf(body: unknown, fallback: string): string {
	const m = (body as { error?: { message?: unknown } } | null)?.error?.message;
	return typeof m === 'string' ? m : fallback;
}

/** The custom element class; `defineAtelierConfigurator` registers it. */
export class AtelierConfiguratorElement extends HTMLElement {
	static observedAttributes = [
		'store',
		'product',
		'locale',
		'cart',
		'variant-id',
		'design',
		'version',
		'bulk'
	];

	/** The API origin: where the embed script was loaded from. */
	static apiBase = '';

	#configurator: Configurator | undefined;
	#ui: MountedConfiguratorUI | undefined;
	#disposers: (() => void)[] = [];
	#loading = 0;

	/** The configurator once loaded (for scripts on the page). */
	get configurator(): Configurator | undefined {
		return this.#configurator;
	}

	/** Resolves when the preview has painted (undefined before the product has loaded). */
	get ui(): MountedConfiguratorUI | undefined {
		return this.#ui;
	}

	#scheduled = false;

	connectedCallback() {
		this.#scheduleLoad();
	}

	disconnectedCallback() {
		this.#loading++;
		this.#teardown();
	}

	attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null) {
		if (oldValue !== newValue && this.isConnected) this.#scheduleLoad();
	}

	/**
	 * One load per burst of changes: an upgrade reports every attribute and then the connection,
	 * all in one task; they share a single fetch.
	 */
	#scheduleLoad() {
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			if (this.isConnected) void this.#load();
		});
	}

	#teardown() {
		for (const d of this.#disposers.splice(0)) d();
		this.#ui?.destroy();
		this.#ui = undefined;
		this.#configurator?.destroy();
		this.#configurator = undefined;
	}

	#api(path: string): string {
		return new URL(path, AtelierConfiguratorElement.apiBase || document.baseURI).href;
	}

	async #load() {
		const attempt = ++this.#loading;
		this.#teardown();
		const locale = this.getAttribute('locale') ?? document.documentElement.lang ?? 'en';
		const msg = messagesFor(locale);
		ensureStyles(this);
		this.setAttribute('aria-busy', 'true');
		this.replaceChildren(this.#box('status', msg.loading));
		try {
			const store = this.getAttribute('store') ?? '';
			const product = this.getAttribute('product') ?? '';
			if (!SLUG.test(store) || !SLUG.test(product))
				throw new EmbedProblem(
					'This configurator is not set up',
					'its store and product attributes must be lowercase letters, digits and dashes (e.g. store="demo" product="team-jersey").'
				);
			const adapter = cartAdapterFor(this.getAttribute('cart'), this.getAttribute('variant-id'));
			const designId =
				this.getAttribute('design') ?? new URL(location.href).searchParams.get('atelier-design');
			let version = this.#versionAttribute();
			let restore: unknown;
			if (designId) {
				if (!DESIGN_ID.test(designId))
					throw new EmbedProblem('This design link is damaged', 'the design id is malformed.');
				const res = await fetch(this.#api(`/api/v1/stores/${store}/designs/${designId}`));
				const body = await readJson(res);
				if (!res.ok)
					throw new EmbedProblem(
						'This saved design could not be opened',
						messageOf(body, `the server answered ${res.status}.`)
					);
				const design = body as { product?: string; version?: number; configuration?: unknown };
				if (design.product !== product)
					throw new EmbedProblem(
						'This saved design belongs to another product',
						`it was made for "${design.product}".`
					);
				// A design is pinned to the version it was made with: restore it exactly.
				version = design.version;
				restore = design.configuration;
			}
			// With its compiled rules (and its version number, readable cross-origin): nothing to compile.
			const path = `/api/v1/stores/${store}/products/${product}${version ? `/versions/${version}` : ''}?include=engine`;
			const res = await fetch(this.#api(path));
			const body = await readJson(res);
			if (res.status === 404)
				throw new EmbedProblem(
					'This product is not available',
					`${messageOf(body, 'not found')}. Check the store and product attributes, and that the product is published.`
				);
			if (!res.ok)
				throw new EmbedProblem(
					'This product could not be loaded',
					`${messageOf(body, `the server answered ${res.status}`)}. Please try again later.`
				);
			if (attempt !== this.#loading) return;
			const servedVersion =
				(body as { version?: number }).version ||
				Number(res.headers.get('x-atelier-version')) ||
				version ||
				undefined;
			const configurator = await loadConfigurator(body, {
				version: servedVersion,
				locale,
				saveDesign: (design) => this.#saveDesign(store, product, design)
			});
			if (attempt !== this.#loading) return configurator.destroy();
			if (restore !== undefined) configurator.load(restore);
			this.#configurator = configurator;
			this.replaceChildren();
			this.#ui = mountConfiguratorUI(this, configurator, {
				locale,
				assetBase: AtelierConfiguratorElement.apiBase || document.baseURI,
				onAddToCart: async () => {
					const { payload } = await configurator.toCart(adapter);
					this.dispatchEvent(
						new CustomEvent('atelier:add-to-cart', {
							detail: payload,
							bubbles: true,
							composed: true
						})
					);
				}
			});
			const emitChange = () => {
				const s = configurator.state;
				const detail: ChangeDetail = {
					product,
					version: s.version,
					complete: s.complete,
					valid: s.valid,
					total: s.price.total,
					currency: s.price.currency,
					minorUnits: s.price.minorUnits,
					design: configurator.serialize()
				};
				this.dispatchEvent(
					new CustomEvent('atelier:change', { detail, bubbles: true, composed: true })
				);
			};
			this.#disposers.push(configurator.subscribe(emitChange));
			if (this.hasAttribute('bulk'))
				await this.#mountBulk(configurator, adapter, store, product, locale);
			this.removeAttribute('aria-busy');
			this.dispatchEvent(new CustomEvent('atelier:ready', { bubbles: true, composed: true }));
		} catch (e) {
			if (attempt !== this.#loading) return;
			this.removeAttribute('aria-busy');
			const [title, detail] =
				e instanceof EmbedProblem
					? [e.title, e.message]
					: e instanceof ConfiguratorError
						? ['This product cannot be shown here', `${e.message}. ${msg.reloadHint}`]
						: ['This product could not be loaded', e instanceof Error ? e.message : String(e)];
			this.replaceChildren(this.#box('alert', detail, title));
			this.dispatchEvent(
				new CustomEvent('atelier:error', {
					detail: {
						title,
						message: detail,
						code: e instanceof ConfiguratorError ? e.code : undefined
					},
					bubbles: true,
					composed: true
				})
			);
		}
	}

	/**
	 * The bulk-order mode (`bulk` attribute): a team's roster under the configurator, ordered as
	 * one cart of N items. Loaded on demand, so a store without it pays nothing for it. Each row's
	 * design is saved (a few at a time) so the store's order webhook can re-check every item.
	 */
	async #mountBulk(
		configurator: Configurator,
		adapter: ReturnType<typeof cartAdapterFor>,
		store: string,
		product: string,
		locale: string | undefined
	) {
		const { mountBulkOrderUI } = await import('../bulk/ui.js');
		const host = document.createElement('div');
		host.className = 'atelier-bulk-host';
		host.style.marginTop = '24px';
		this.append(host);
		const bulk = mountBulkOrderUI(host, {
			definition: configurator.state.definition,
			engine: configurator.engine,
			locale,
			base: () => configurator.state.configuration,
			onPreviewRow: (configuration) => {
				configurator.load(configuration);
				this.scrollIntoView({ block: 'start', behavior: 'smooth' });
			},
			onSubmit: async ({ items, group, order, engine, progress }) => {
				const version = configurator.state.version;
				const payloads: unknown[] = new Array(items.length);
				let next = 0;
				let saved = 0;
				const worker = async () => {
					while (next < items.length) {
						const index = next++;
						const { configuration, price } = items[index];
						const result = productionSpecOf(engine, version ?? 0, configuration, {
							orderDate: new Date()
						});
						if (!result.ok)
							throw new Error(`line ${items[index].line}: ${result.errors[0]?.message}`);
						// The line's price is the bulk order's (tier of all pieces, fees once), as shown.
						const spec = {
							...result.spec,
							price,
							bulk: { group, orderQuantity: order.totalQuantity }
						};
						const designId = await this.#saveDesign(store, product, {
							product: configurator.state.definition.id,
							version,
							configuration
						});
						payloads[index] = adapter.payload(spec, designId);
						progress(`Saving designs ${++saved} of ${items.length}…`);
					}
				};
				await Promise.all(Array.from({ length: Math.min(6, items.length) }, worker));
				// Shopify's /cart/add.js takes many items in one body; other carts get one body per item.
				const detail =
					adapter.name === 'shopify'
						? { items: payloads.flatMap((payload) => (payload as { items: unknown[] }).items) }
						: payloads;
				this.dispatchEvent(
					new CustomEvent('atelier:add-to-cart', { detail, bubbles: true, composed: true })
				);
			}
		});
		this.#disposers.push(() => bulk.destroy());
	}

	#versionAttribute(): number | undefined {
		const v = this.getAttribute('version');
		return v && /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : undefined;
	}

	#box(role: 'status' | 'alert', detail: string, title?: string): HTMLElement {
		const box = document.createElement('div');
		box.className = 'atelier atelier-message';
		box.setAttribute('role', role);
		if (title) {
			const strong = document.createElement('strong');
			strong.textContent = title;
			box.append(strong);
		}
		box.append(detail);
		return box;
	}

	async #saveDesign(store: string, product: string, design: DesignInput): Promise<string> {
		const res = await fetch(this.#api(`/api/v1/stores/${store}/designs`), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				product,
				version: design.version,
				configuration: design.configuration
			})
		});
		const body = await readJson(res);
		if (!res.ok) throw new Error(messageOf(body, `the design could not be saved (${res.status})`));
		const id = (body as { id?: unknown }).id;
		if (typeof id !== 'string') throw new Error('the design could not be saved');
		return id;
	}
}

/** Registers `<atelier-configurator>` once; `apiBase` is the Atelier server's origin. */
export function defineAtelierConfigurator(apiBase: string): void {
	AtelierConfiguratorElement.apiBase = apiBase;
	if (!customElements.get('atelier-configurator'))
		customElements.define('atelier-configurator', AtelierConfiguratorElement);
}
