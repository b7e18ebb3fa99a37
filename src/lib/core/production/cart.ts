import type { ProductionSpec, SpecAnswer } from './spec.js';

/** A readable line: what the customer chose, as the cart shows it. */
export interface ReadableLine {
	key: string;
	value: string;
}

/**
 * The readable lines of a spec: one per answer ("Color": "Red"); text answers whose font or
 * color the customer could pick get "<label> font" / "<label> color" lines; uploads read
 * "Uploaded"; a chosen rush tier reads "Production": its label. Keys are unique (a repeated label
 * gets the option id in parentheses).
 */
export function readableLines(spec: ProductionSpec): ReadableLine[] {
	const lines: ReadableLine[] = [];
	const used = new Set<string>();
	const add = (key: string, value: string, optionId?: string) => {
		const k = used.has(key) && optionId !== undefined ? `${key} (${optionId})` : key;
		used.add(k);
		lines.push({ key: k, value });
	};
	for (const a of spec.answers) {
		add(a.label, a.upload ? 'Uploaded' : a.display, a.optionId);
		if (a.text) {
			if (a.text.font) add(`${a.label} font`, fontName(a), a.optionId);
			if (a.text.color.label) add(`${a.label} color`, a.text.color.label, a.optionId);
		}
	}
	if (spec.rushTier) add('Production', spec.rushTier.label);
	return lines;
}

function fontName(a: SpecAnswer): string {
	const f = a.text?.font;
	if (!f) return '';
	const weight = f.weight === 400 ? '' : ` ${f.weight}`;
	return `${f.family}${weight}${f.style === 'italic' ? ' italic' : ''}`;
}

/**
 * Shopify line-item `properties`: the readable answers as "Label": "Value" (shown to the customer
 * and on the order), and internal keys prefixed with `_` (hidden by Shopify themes):
 * `_atelier_design`, `_atelier_version`, `_atelier_sku`, `_atelier_product`, `_atelier_unit_price`
 * and `_atelier_total` (minor units), `_atelier_currency`, `_atelier_lead_time_days`,
 * `_atelier_ship_by`, `_atelier_upload_<optionId>` per upload, and `_atelier_bulk` (the bulk
 * group) for a line of a bulk order. All values are strings.
 */
export function shopifyLineItemProperties(
	spec: ProductionSpec,
	designId: string
): Record<string, string> {
	const props: Record<string, string> = {};
	for (const l of readableLines(spec)) if (!l.key.startsWith('_')) props[l.key] = l.value;
	props._atelier_design = designId;
	props._atelier_version = String(spec.version);
	props._atelier_sku = spec.sku;
	props._atelier_product = spec.product.id;
	props._atelier_unit_price = String(spec.price.unitPrice);
	props._atelier_total = String(spec.price.total);
	props._atelier_currency = spec.price.currency;
	props._atelier_lead_time_days = String(spec.leadTimeDays);
	props._atelier_ship_by = spec.shipBy;
	for (const u of spec.uploads) props[`_atelier_upload_${u.optionId}`] = u.ref;
	if (spec.bulk) props._atelier_bulk = spec.bulk.group;
	return props;
}

/** WooCommerce `cart_item_data` for `add_to_cart` (see {@link wooCommerceCartItemData}). */
export interface WooCommerceCartItemData {
	atelier_design_id: string;
	atelier_product_id: string;
	atelier_version: number;
	atelier_sku: string;
	atelier_quantity: number;
	/** Minor units. */
	atelier_unit_price: number;
	atelier_total: number;
	atelier_currency: string;
	atelier_lead_time_days: number;
	atelier_ship_by: string;
	atelier_answers: { option: string; label: string; value: string; codes: string[] }[];
	atelier_uploads: { option: string; ref: string }[];
	/** The bulk group of a line of a bulk order (its items are priced together). */
	atelier_bulk?: string;
	/** What `woocommerce_get_item_data` shows in the cart: `{ key, value }` pairs. */
	item_data: { key: string; value: string }[];
}

/**
 * WooCommerce cart item data: machine fields prefixed `atelier_` (kept with the order item's meta
 * by the plugin) and `item_data`, the readable lines the cart displays.
 */
export function wooCommerceCartItemData(
	spec: ProductionSpec,
	designId: string
): WooCommerceCartItemData {
	return {
		atelier_design_id: designId,
		atelier_product_id: spec.product.id,
		atelier_version: spec.version,
		atelier_sku: spec.sku,
		atelier_quantity: spec.quantity,
		atelier_unit_price: spec.price.unitPrice,
		atelier_total: spec.price.total,
		atelier_currency: spec.price.currency,
		atelier_lead_time_days: spec.leadTimeDays,
		atelier_ship_by: spec.shipBy,
		atelier_answers: spec.answers.map((a) => ({
			option: a.optionId,
			label: a.label,
			value: a.display,
			codes: (a.choices ?? []).map((c) => c.code)
		})),
		atelier_uploads: spec.uploads.map((u) => ({ option: u.optionId, ref: u.ref })),
		...(spec.bulk ? { atelier_bulk: spec.bulk.group } : {}),
		item_data: readableLines(spec).map((l) => ({ key: l.key, value: l.value }))
	};
}

/** The detail of the generic `atelier:add-to-cart` event (headless storefronts). */
export interface CartEventDetail {
	type: 'atelier:add-to-cart';
	designId: string;
	product: ProductionSpec['product'];
	version: number;
	sku: string;
	quantity: number;
	price: {
		currency: string;
		minorUnits: number;
		unitPrice: number;
		total: number;
		fees: number;
		rush: number;
	};
	leadTimeDays: number;
	shipBy: string;
	rushTier?: string;
	answers: {
		optionId: string;
		label: string;
		value: SpecAnswer['value'];
		display: string;
		codes: string[];
	}[];
	uploads: { optionId: string; ref: string }[];
	/** A line of a bulk order: its group and the order's pieces (order intake's item `bulk`). */
	bulk?: { group: string; orderQuantity: number };
	/** The readable lines, as a cart would show them. */
	lines: ReadableLine[];
}

/** A generic, JSON-serializable add-to-cart event payload built from a spec. */
export function cartEventDetail(spec: ProductionSpec, designId: string): CartEventDetail {
	return {
		type: 'atelier:add-to-cart',
		designId,
		product: { ...spec.product },
		version: spec.version,
		sku: spec.sku,
		quantity: spec.quantity,
		price: {
			currency: spec.price.currency,
			minorUnits: spec.price.minorUnits,
			unitPrice: spec.price.unitPrice,
			total: spec.price.total,
			fees: spec.price.fees,
			rush: spec.price.rush
		},
		leadTimeDays: spec.leadTimeDays,
		shipBy: spec.shipBy,
		...(spec.rushTier ? { rushTier: spec.rushTier.id } : {}),
		answers: spec.answers.map((a) => ({
			optionId: a.optionId,
			label: a.label,
			value: a.value,
			display: a.display,
			codes: (a.choices ?? []).map((c) => c.code)
		})),
		uploads: spec.uploads.map((u) => ({ optionId: u.optionId, ref: u.ref })),
		...(spec.bulk ? { bulk: { ...spec.bulk } } : {}),
		lines: readableLines(spec)
	};
}
