import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseConfiguration, parseDefinition } from '../core/definition/index.js';
import { zodIssuesToErrors } from '../core/definition/errors.js';
import { createEngine, type Engine } from '../core/engine/index.js';
import type { PriceBreakdown } from '../core/pricing/index.js';
import { productionSpec, type ProductionSpec } from '../core/production/index.js';
import { BULK_GROUP, bulkLinePrices } from '../core/roster/bulk.js';
import type { Configuration } from '../core/definition/index.js';
import type { Database } from './db';
import { newId, nowIso } from './ids';

/**
 * Orders: the body of `POST /api/v1/orders` and of the store webhooks, the server's own check of
 * every item (the pinned published version, re-evaluated and re-priced by the core), storage with
 * a per-workspace number, and what the studio reads (list, detail, status workflow).
 */

/** One reason an order was refused: where (`items[2].price`) and what was expected. */
export interface OrderIssue {
	path: string;
	message: string;
	code?: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const handle = z
	.string({ error: 'expected a product handle' })
	.max(60, 'use at most 60 characters')
	.regex(SLUG, 'expected a product handle: lowercase letters, digits and single dashes');

/** Money as the API speaks it: integer minor units and an ISO 4217 code. */
export const moneySchema = z.strictObject({
	amount: z
		.int({ error: 'expected an integer amount in minor units (4500 for 45.00)' })
		.min(0, 'expected an amount of 0 or more')
		.max(Number.MAX_SAFE_INTEGER, 'the amount is too large'),
	currency: z
		.string({ error: 'expected a currency code like EUR' })
		.regex(/^[A-Z]{3}$/, 'expected a three-letter currency code like EUR')
});

const quantity = z
	.int({ error: 'expected a whole quantity' })
	.min(1, 'expected a quantity of at least 1')
	.max(100_000, 'expected a quantity of at most 100000');

/**
 * The bulk group of a line of a bulk order (a roster): the items of one group are priced together
 * by the core's `bulkLinePrices` (the quantity tier of all their pieces, the fees once).
 */
const bulkGroup = z
	.string({ error: 'expected a bulk group id' })
	.regex(BULK_GROUP, 'expected a bulk group id: 1–64 letters, digits, _ or -');

/** An item that carries its configuration. */
export const configuredItemSchema = z.strictObject({
	/** The workspace slug; when given it must be the key's workspace. */
	store: z
		.string()
		.max(60, 'use at most 60 characters')
		.regex(SLUG, 'expected a store slug')
		.optional(),
	product: handle,
	version: z.int({ error: 'expected a version number (1, 2, …)' }).min(1, 'expected 1 or more'),
	/** Checked against the pinned definition by the core (`parseConfiguration`). */
	configuration: z.unknown().refine((value) => value !== undefined, 'expected a configuration'),
	/** Overrides the configuration's quantity when given. */
	quantity: quantity.optional(),
	/** What the storefront showed: the line total (unit price × quantity, rush and fees included). */
	price: moneySchema,
	bulk: bulkGroup.optional()
});

/** An item that references a saved design (its product, version and configuration). */
export const designItemSchema = z.strictObject({
	design: z
		.string({ error: 'expected a design id' })
		.regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a design id'),
	quantity: quantity.optional(),
	price: moneySchema,
	bulk: bulkGroup.optional()
});

export type ConfiguredItem = z.infer<typeof configuredItemSchema>;
export type DesignItem = z.infer<typeof designItemSchema>;
export type OrderItemInput = ConfiguredItem | DesignItem;

export const MAX_ORDER_ITEMS = 1000;

const orderEnvelopeSchema = z.strictObject({
	items: z
		.array(z.unknown(), { error: 'expected a list of items' })
		.min(1, 'expected at least one item')
		// A bulk order (a team's roster) is one item per person.
		.max(MAX_ORDER_ITEMS, `expected at most ${MAX_ORDER_ITEMS} items per order`),
	customer: z
		.strictObject({
			name: z.string().trim().max(200, 'use at most 200 characters').optional(),
			email: z.email('expected an email address').max(254).optional()
		})
		.optional(),
	/** The storefront's own order reference, shown in the studio. */
	reference: z.string().trim().max(100, 'use at most 100 characters').optional()
});

export interface OrderBody {
	items: OrderItemInput[];
	customer?: { name?: string; email?: string };
	reference?: string;
}

/**
 * Validates an order body's shape (not yet its products): every problem with its path, e.g.
 * `items[1].price.amount: expected an integer amount in minor units`. An item with a `design`
 * key is a design reference; any other item must carry product, version and configuration.
 */
export function parseOrderBody(
	json: unknown
): { ok: true; body: OrderBody } | { ok: false; issues: OrderIssue[] } {
	const envelope = orderEnvelopeSchema.safeParse(json);
	if (!envelope.success) return { ok: false, issues: zodIssuesToErrors(envelope.error.issues) };
	const issues: OrderIssue[] = [];
	const items: OrderItemInput[] = [];
	envelope.data.items.forEach((raw, index) => {
		const isDesign = typeof raw === 'object' && raw !== null && 'design' in raw;
		const parsed = (isDesign ? designItemSchema : configuredItemSchema).safeParse(raw);
		if (parsed.success) items.push(parsed.data);
		else issues.push(...zodIssuesToErrors(parsed.error.issues, ['items', index]));
	});
	if (issues.length > 0) return { ok: false, issues };
	const { customer, reference } = envelope.data;
	return {
		ok: true,
		body: {
			items,
			...(customer ? { customer } : {}),
			...(reference ? { reference } : {})
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Checking items against published versions

interface LoadedVersion {
	productId: string;
	engine: Engine;
}

/**
 * Compiled engines of published versions, by product and version (versions never change, so an
 * entry never goes stale). Compiling is the expensive part of an order check.
 */
const engines = new Map<string, Engine>();
const MAX_ENGINES = 32;

/**
 * The compiled engine of a published version (`key` names the version and its content hash),
 * kept for the most recent versions: order intake and the production queue share it.
 */
export function cachedEngine(key: string, definitionJson: string): Engine | null {
	const hit = engines.get(key);
	if (hit) {
		engines.delete(key);
		engines.set(key, hit);
		return hit;
	}
	const parsed = parseDefinition(JSON.parse(definitionJson));
	if (!parsed.ok) return null;
	const engine = createEngine(parsed.definition);
	engines.set(key, engine);
	if (engines.size > MAX_ENGINES) engines.delete(engines.keys().next().value!);
	return engine;
}

/** The pinned version of a product of the workspace, or the issue that refuses it. */
async function loadVersion(
	db: Kysely<Database>,
	workspaceId: string,
	productHandle: string,
	versionNumber: number,
	at: string
): Promise<LoadedVersion | OrderIssue> {
	const product = await db
		.selectFrom('product')
		.select(['id', 'archived_at'])
		.where('workspace_id', '=', workspaceId)
		.where('handle', '=', productHandle)
		.executeTakeFirst();
	if (!product)
		return {
			path: `${at}.product`,
			code: 'unknown-product',
			message: `no product '${productHandle}' in this store`
		};
	if (product.archived_at)
		return {
			path: `${at}.product`,
			code: 'archived-product',
			message: `product '${productHandle}' is archived and takes no orders`
		};
	const live = await db
		.selectFrom('channel')
		.select('version_number')
		.where('product_id', '=', product.id)
		.where('name', '=', 'live')
		.executeTakeFirst();
	if (!live)
		return {
			path: `${at}.product`,
			code: 'unpublished-product',
			message: `product '${productHandle}' is not published`
		};
	const version = await db
		.selectFrom('product_version')
		.select(['definition', 'content_hash'])
		.where('product_id', '=', product.id)
		.where('number', '=', versionNumber)
		.executeTakeFirst();
	if (!version)
		return {
			path: `${at}.version`,
			code: 'unknown-version',
			message: `no published version ${versionNumber} of '${productHandle}' (the live version is ${Number(live.version_number)})`
		};
	const engine = cachedEngine(
		`${product.id}@${versionNumber}@${version.content_hash}`,
		version.definition
	);
	if (!engine)
		return {
			path: `${at}.version`,
			code: 'unreadable-version',
			message: `version ${versionNumber} of '${productHandle}' cannot be read by this server`
		};
	return { productId: product.id, engine };
}

/** A saved design as order intake reads it. */
export interface DesignRecord {
	productHandle: string;
	versionNumber: number;
	configuration: unknown;
}

/**
 * A saved design of the workspace (saved by the storefront runtime before add-to-cart), or null.
 * Its configuration was validated when it was saved, but it is checked again like any item: the
 * design pins the version, the order re-prices it.
 */
export async function findDesign(
	db: Kysely<Database>,
	workspaceId: string,
	designId: string
): Promise<DesignRecord | null> {
	const row = await db
		.selectFrom('design')
		.innerJoin('product', 'product.id', 'design.product_id')
		.select(['product.handle', 'design.version_number', 'design.configuration'])
		.where('design.id', '=', designId)
		.where('design.workspace_id', '=', workspaceId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		productHandle: row.handle,
		versionNumber: Number(row.version_number),
		configuration: JSON.parse(row.configuration) as unknown
	};
}

/** An item that passed every check: what is stored. */
export interface PreparedItem {
	position: number;
	productId: string;
	designId: string | null;
	configuration: Configuration;
	spec: ProductionSpec;
}

export interface CheckContext {
	workspaceId: string;
	workspaceSlug: string;
	/** The order's calendar date (UTC), YYYY-MM-DD. */
	orderDate: string;
}

function formatAmount(money: { amount: number; currency: string }): string {
	return `${money.amount} ${money.currency}`;
}

type Money = { amount: number; currency: string };

/** Whether the price the client saw is the core's; otherwise the issue names the item's price. */
function priceMatches(item: PreparedItem, claimed: Money, issues: OrderIssue[]): boolean {
	const expected = { amount: item.spec.price.total, currency: item.spec.price.currency };
	if (expected.amount === claimed.amount && expected.currency === claimed.currency) return true;
	issues.push({
		path: `items[${item.position}].price`,
		code: 'price-mismatch',
		message: `expected ${formatAmount(expected)}, got ${formatAmount(claimed)}`
	});
	return false;
}

/**
 * Re-evaluates every item with its pinned published version through the core and compares the
 * price the client saw with the price the core computes. All items are checked (not only up to
 * the first problem), so the answer lists every reason. The lines of a bulk group (`bulk`) are
 * priced together, as the storefront's bulk mode priced them (`bulkLinePrices`).
 */
export async function checkItems(
	db: Kysely<Database>,
	context: CheckContext,
	items: readonly OrderItemInput[]
): Promise<{ ok: true; items: PreparedItem[] } | { ok: false; issues: OrderIssue[] }> {
	const issues: OrderIssue[] = [];
	const prepared: PreparedItem[] = [];
	const bulkGroups = new Map<string, { item: PreparedItem; claimed: Money; engine: Engine }[]>();
	for (const [position, item] of items.entries()) {
		const at = `items[${position}]`;
		let productHandle: string;
		let versionNumber: number;
		let configurationJson: unknown;
		let designId: string | null = null;
		if ('design' in item) {
			const design = await findDesign(db, context.workspaceId, item.design);
			if (!design) {
				issues.push({
					path: `${at}.design`,
					code: 'unknown-design',
					message: `no saved design '${item.design}' in this store`
				});
				continue;
			}
			designId = item.design;
			productHandle = design.productHandle;
			versionNumber = design.versionNumber;
			configurationJson = design.configuration;
		} else {
			if (item.store !== undefined && item.store !== context.workspaceSlug) {
				issues.push({
					path: `${at}.store`,
					code: 'wrong-store',
					message: `expected '${context.workspaceSlug}', the store of this publishable key`
				});
				continue;
			}
			productHandle = item.product;
			versionNumber = item.version;
			configurationJson = item.configuration;
		}
		const loaded = await loadVersion(db, context.workspaceId, productHandle, versionNumber, at);
		if ('path' in loaded) {
			issues.push(loaded);
			continue;
		}
		const configurationPath = designId ? `${at}.design` : `${at}.configuration`;
		const parsed = parseConfiguration(loaded.engine.definition, configurationJson);
		if (!parsed.ok) {
			for (const error of parsed.errors)
				issues.push({
					path: error.path ? `${configurationPath}.${error.path}` : configurationPath,
					code: 'invalid-configuration',
					message: error.message
				});
			continue;
		}
		const configuration: Configuration = {
			...parsed.configuration,
			...(item.quantity !== undefined ? { quantity: item.quantity } : {})
		};
		const result = productionSpec(loaded.engine, versionNumber, configuration, {
			orderDate: context.orderDate
		});
		if (!result.ok) {
			for (const error of result.errors)
				issues.push({
					path: error.path ? `${configurationPath}.${error.path}` : configurationPath,
					code: error.code,
					message: error.message
				});
			continue;
		}
		const checked: PreparedItem = {
			position,
			productId: loaded.productId,
			designId,
			configuration,
			spec: result.spec
		};
		if (item.bulk !== undefined) {
			// Priced below, with the other lines of its bulk order.
			const group = bulkGroups.get(item.bulk) ?? [];
			group.push({ item: checked, claimed: item.price, engine: loaded.engine });
			bulkGroups.set(item.bulk, group);
			continue;
		}
		if (priceMatches(checked, item.price, issues)) prepared.push(checked);
	}
	for (const [group, lines] of bulkGroups) {
		const [first] = lines;
		const stranger = lines.find(
			(line) =>
				line.item.productId !== first.item.productId ||
				line.item.spec.version !== first.item.spec.version
		);
		if (stranger) {
			issues.push({
				path: `items[${stranger.item.position}].bulk`,
				code: 'mixed-bulk-group',
				message: `every line of bulk group '${group}' must be the same product version as items[${first.item.position}]`
			});
			continue;
		}
		const prices = bulkLinePrices(
			first.engine,
			lines.map((line) => ({ configuration: line.item.configuration, price: line.item.spec.price }))
		);
		const orderQuantity = prices.reduce((sum, price) => sum + price.quantity, 0);
		lines.forEach((line, index) => {
			const item: PreparedItem = {
				...line.item,
				spec: { ...line.item.spec, price: prices[index], bulk: { group, orderQuantity } }
			};
			if (priceMatches(item, line.claimed, issues)) prepared.push(item);
		});
	}
	prepared.sort((a, b) => a.position - b.position);
	if (issues.length === 0) {
		const currencies = new Set(prepared.map((p) => p.spec.price.currency));
		if (currencies.size > 1)
			issues.push({
				path: 'items',
				code: 'mixed-currencies',
				message: `every item of an order must be in one currency; got ${[...currencies].join(', ')}`
			});
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, items: prepared };
}

// ---------------------------------------------------------------------------------------------
// Storage

export const ORDER_STATUSES = ['new', 'in_production', 'quality_check', 'shipped'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const STATUS_LABELS: Record<OrderStatus, string> = {
	new: 'New',
	in_production: 'In production',
	quality_check: 'Quality check',
	shipped: 'Shipped'
};

export type OrderSource = 'api' | 'shopify' | 'woocommerce';

export interface NewOrderMeta {
	source: OrderSource;
	externalId?: string | null;
	customer?: { name?: string; email?: string } | null;
	reference?: string | null;
	/** Who placed it, for the event log: "API", "Shopify webhook". */
	actor: string;
}

/** The order as the API answers it. */
export interface OrderView {
	id: string;
	number: number;
	status: OrderStatus;
	source: OrderSource;
	externalId: string | null;
	reference: string | null;
	customer: { name?: string; email?: string } | null;
	createdAt: string;
	shipBy: string;
	total: { amount: number; currency: string };
	items: OrderItemView[];
}

export interface OrderItemView {
	position: number;
	product: { id: string; handle: string; name: string };
	version: number;
	design: string | null;
	quantity: number;
	sku: string;
	configuration: Configuration;
	price: { amount: number; currency: string };
	priceBreakdown: PriceBreakdown;
	leadTimeDays: number;
	shipBy: string;
}

function itemView(item: PreparedItem): OrderItemView {
	const { spec } = item;
	return {
		position: item.position,
		product: spec.product,
		version: spec.version,
		design: item.designId,
		quantity: spec.quantity,
		sku: spec.sku,
		configuration: item.configuration,
		price: { amount: spec.price.total, currency: spec.price.currency },
		priceBreakdown: spec.price,
		leadTimeDays: spec.leadTimeDays,
		shipBy: spec.shipBy
	};
}

/**
 * Stores an order and its items with the next number of the workspace, in the given transaction
 * (so the caller can record its idempotent answer in the same one). The number comes from an
 * upsert on `order_counter`, atomic on both dialects.
 */
export async function insertOrder(
	trx: Kysely<Database>,
	workspaceId: string,
	items: readonly PreparedItem[],
	meta: NewOrderMeta
): Promise<OrderView> {
	const counter = await trx
		.insertInto('order_counter')
		.values({ workspace_id: workspaceId, last_number: 1 })
		.onConflict((oc) =>
			oc
				.column('workspace_id')
				.doUpdateSet((eb) => ({ last_number: eb('order_counter.last_number', '+', 1) }))
		)
		.returning('last_number')
		.executeTakeFirstOrThrow();
	const number = Number(counter.last_number);
	const id = newId();
	const now = nowIso();
	const currency = items[0]!.spec.price.currency;
	const total = items.reduce((sum, item) => sum + item.spec.price.total, 0);
	const shipBy = items
		.map((item) => item.spec.shipBy)
		.sort()
		.at(-1)!;
	const customer = meta.customer && Object.keys(meta.customer).length > 0 ? meta.customer : null;
	await trx
		.insertInto('order')
		.values({
			id,
			workspace_id: workspaceId,
			number,
			status: 'new',
			source: meta.source,
			external_id: meta.externalId ?? null,
			reference: meta.reference ?? null,
			customer: customer ? JSON.stringify(customer) : null,
			currency,
			total,
			ship_by: shipBy,
			created_at: now,
			updated_at: now
		})
		.execute();
	await trx
		.insertInto('order_item')
		.values(
			items.map((item) => ({
				order_id: id,
				position: item.position,
				product_id: item.productId,
				version_number: item.spec.version,
				design_id: item.designId,
				configuration: JSON.stringify(item.configuration),
				quantity: item.spec.quantity,
				sku: item.spec.sku,
				price: JSON.stringify(item.spec.price),
				total: item.spec.price.total,
				currency: item.spec.price.currency,
				lead_time_days: item.spec.leadTimeDays,
				ship_by: item.spec.shipBy,
				spec: JSON.stringify(item.spec)
			}))
		)
		.execute();
	await trx
		.insertInto('order_event')
		.values({ order_id: id, status: 'new', user_id: null, actor: meta.actor, created_at: now })
		.execute();
	return {
		id,
		number,
		status: 'new',
		source: meta.source,
		externalId: meta.externalId ?? null,
		reference: meta.reference ?? null,
		customer,
		createdAt: now,
		shipBy,
		total: { amount: total, currency },
		items: items.map(itemView)
	};
}

// ---------------------------------------------------------------------------------------------
// The studio's reads and the status workflow

export interface OrderListFilter {
	/** Matches the number (`12`, `#12`), the customer, the reference, the store's order id, a SKU. */
	query?: string;
	status?: OrderStatus;
	productId?: string;
	limit?: number;
}

export interface OrderSummary {
	id: string;
	number: number;
	status: OrderStatus;
	source: OrderSource;
	createdAt: string;
	shipBy: string;
	total: { amount: number; currency: string };
	customer: { name?: string; email?: string } | null;
	reference: string | null;
	externalId: string | null;
	itemCount: number;
	quantity: number;
	products: string[];
}

function parseCustomer(text: string | null): { name?: string; email?: string } | null {
	return text ? (JSON.parse(text) as { name?: string; email?: string }) : null;
}

function asStatus(value: string): OrderStatus {
	return (ORDER_STATUSES as readonly string[]).includes(value) ? (value as OrderStatus) : 'new';
}

/** The workspace's orders, newest first, filtered as the studio's list asks. */
export async function listOrders(
	db: Kysely<Database>,
	workspaceId: string,
	filter: OrderListFilter = {}
): Promise<OrderSummary[]> {
	let query = db
		.selectFrom('order')
		.selectAll('order')
		.where('order.workspace_id', '=', workspaceId)
		.orderBy('order.number', 'desc')
		.limit(Math.min(filter.limit ?? 500, 2000));
	if (filter.status) query = query.where('order.status', '=', filter.status);
	if (filter.productId) {
		const productId = filter.productId;
		query = query.where((eb) =>
			eb.exists(
				eb
					.selectFrom('order_item')
					.select('order_item.position')
					.whereRef('order_item.order_id', '=', 'order.id')
					.where('order_item.product_id', '=', productId)
			)
		);
	}
	const text = filter.query?.trim().toLowerCase();
	if (text) {
		const number = /^#?(\d{1,9})$/.exec(text);
		const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where((eb) => {
			const like = (column: 'order.customer' | 'order.reference' | 'order.external_id') =>
				eb(eb.fn('lower', [eb.ref(column)]), 'like', pattern);
			const alternatives = [
				like('order.customer'),
				like('order.reference'),
				like('order.external_id'),
				eb.exists(
					eb
						.selectFrom('order_item')
						.select('order_item.position')
						.whereRef('order_item.order_id', '=', 'order.id')
						.where((inner) =>
							inner(inner.fn('lower', [inner.ref('order_item.sku')]), 'like', pattern)
						)
				)
			];
			if (number) alternatives.push(eb('order.number', '=', Number(number[1])));
			return eb.or(alternatives);
		});
	}
	const orders = await query.execute();
	if (orders.length === 0) return [];
	const items = await db
		.selectFrom('order_item')
		.innerJoin('product', 'product.id', 'order_item.product_id')
		.select(['order_item.order_id', 'order_item.quantity', 'product.name'])
		.where(
			'order_item.order_id',
			'in',
			orders.map((o) => o.id)
		)
		.orderBy('order_item.position')
		.execute();
	return orders.map((order) => {
		const own = items.filter((item) => item.order_id === order.id);
		return {
			id: order.id,
			number: Number(order.number),
			status: asStatus(order.status),
			source: order.source as OrderSource,
			createdAt: order.created_at,
			shipBy: order.ship_by,
			total: { amount: Number(order.total), currency: order.currency },
			customer: parseCustomer(order.customer),
			reference: order.reference,
			externalId: order.external_id,
			itemCount: own.length,
			quantity: own.reduce((sum, item) => sum + Number(item.quantity), 0),
			products: [...new Set(own.map((item) => item.name))]
		};
	});
}

export interface OrderEventView {
	status: OrderStatus;
	actor: string;
	at: string;
}

export interface OrderDetail extends Omit<OrderSummary, 'products'> {
	items: (OrderItemView & { spec: ProductionSpec })[];
	events: OrderEventView[];
}

/** One order of the workspace with its items (spec included) and its status history. */
export async function getOrder(
	db: Kysely<Database>,
	workspaceId: string,
	orderId: string
): Promise<OrderDetail | null> {
	const order = await db
		.selectFrom('order')
		.selectAll()
		.where('id', '=', orderId)
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirst();
	if (!order) return null;
	const items = await db
		.selectFrom('order_item')
		.innerJoin('product', 'product.id', 'order_item.product_id')
		.selectAll('order_item')
		.select(['product.name', 'product.handle'])
		.where('order_item.order_id', '=', order.id)
		.orderBy('order_item.position')
		.execute();
	const events = await db
		.selectFrom('order_event')
		.select(['status', 'actor', 'created_at'])
		.where('order_id', '=', order.id)
		.orderBy('id')
		.execute();
	return {
		id: order.id,
		number: Number(order.number),
		status: asStatus(order.status),
		source: order.source as OrderSource,
		createdAt: order.created_at,
		shipBy: order.ship_by,
		total: { amount: Number(order.total), currency: order.currency },
		customer: parseCustomer(order.customer),
		reference: order.reference,
		externalId: order.external_id,
		itemCount: items.length,
		quantity: items.reduce((sum, item) => sum + Number(item.quantity), 0),
		items: items.map((item) => {
			const spec = JSON.parse(item.spec) as ProductionSpec;
			return {
				position: Number(item.position),
				product: { id: item.product_id, handle: item.handle, name: item.name },
				version: Number(item.version_number),
				design: item.design_id,
				quantity: Number(item.quantity),
				sku: item.sku,
				configuration: JSON.parse(item.configuration) as Configuration,
				price: { amount: Number(item.total), currency: item.currency },
				priceBreakdown: JSON.parse(item.price) as PriceBreakdown,
				leadTimeDays: Number(item.lead_time_days),
				shipBy: item.ship_by,
				spec
			};
		}),
		events: events.map((event) => ({
			status: asStatus(event.status),
			actor: event.actor,
			at: event.created_at
		}))
	};
}

/** Statuses an order may move to from `status`: the next step, or back one to undo a slip. */
export function nextStatuses(status: OrderStatus): OrderStatus[] {
	const index = ORDER_STATUSES.indexOf(status);
	return [ORDER_STATUSES[index + 1], ORDER_STATUSES[index - 1]].filter(
		(s): s is OrderStatus => s !== undefined
	);
}

/** Why a status change was refused. */
export class StatusChangeError extends Error {
	readonly path = ['status'];
}

/**
 * Moves an order to `to` and logs who and when. Only the next status (or the previous one) is
 * allowed, checked against the stored status in the update itself so two people clicking at
 * once cannot skip a step.
 */
export async function setOrderStatus(
	db: Kysely<Database>,
	input: {
		workspaceId: string;
		orderId: string;
		from: OrderStatus;
		to: OrderStatus;
		user: { id: string; name: string };
	}
): Promise<boolean> {
	if (!nextStatuses(input.from).includes(input.to))
		throw new StatusChangeError(
			`an order that is ${STATUS_LABELS[input.from]} can move to ${nextStatuses(input.from)
				.map((s) => STATUS_LABELS[s])
				.join(' or ')}, not ${STATUS_LABELS[input.to]}`
		);
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		const updated = await trx
			.updateTable('order')
			.set({ status: input.to, updated_at: now })
			.where('id', '=', input.orderId)
			.where('workspace_id', '=', input.workspaceId)
			.where('status', '=', input.from)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) === 0) return false;
		await trx
			.insertInto('order_event')
			.values({
				order_id: input.orderId,
				status: input.to,
				user_id: input.user.id,
				actor: input.user.name,
				created_at: now
			})
			.execute();
		return true;
	});
}
