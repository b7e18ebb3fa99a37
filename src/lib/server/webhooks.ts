import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import { zodIssuesToErrors } from '../core/definition/errors.js';
import { BULK_GROUP } from '../core/roster/bulk.js';
import type { Database } from './db';
import { findWebhook, normalizeSiteUrl, type Platform } from './integrations';
import {
	errorAnswer,
	jsonResponse,
	placeOrderIdempotently,
	readLimitedText,
	type ApiAnswer
} from './order-api';
import type { DesignItem } from './orders';

/**
 * Order webhooks of Shopify (`orders/create`) and WooCommerce (`order.created`): the signature
 * is checked against the connected store's secret (HMAC-SHA256 of the raw body, base64, compared
 * in constant time) before anything else is read; line items that carry an Atelier design become
 * an order through the same checks as `POST /api/v1/orders`, idempotent by the store's order id.
 */

/** Store order payloads are small; a megabyte leaves room for orders with hundreds of lines. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** base64 HMAC-SHA256 of the raw body: the signature both platforms send. */
export function webhookSignature(secret: string, rawBody: string | Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Constant-time comparison of a received base64 signature with the expected one. */
export function signatureMatches(received: string | null, expected: string): boolean {
	if (!received) return false;
	const a = Buffer.from(received.trim(), 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** A decimal amount as the stores send it ("45.00", 45) → minor units of the currency. */
export function toMinorUnits(value: string | number, currency: string): number | null {
	let digits = 2;
	try {
		digits =
			new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits ?? 2;
	} catch {
		return null;
	}
	const text = typeof value === 'number' ? value.toFixed(digits) : value.trim();
	const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text);
	if (!match) return null;
	const fraction = (match[2] ?? '').padEnd(digits, '0');
	// More decimals than the currency has: only zeros may follow ("45.000" in a 2-digit currency).
	if (/[^0]/.test(fraction.slice(digits))) return null;
	return Number(match[1]) * 10 ** digits + Number(fraction.slice(0, digits) || '0');
}

const shopifyOrderSchema = z.object({
	id: z.union([z.number(), z.string()]),
	/** `gid://shopify/Order/<id>`: the id as text, exact (a JSON number past 2^53 is rounded). */
	admin_graphql_api_id: z.string().optional(),
	name: z.string().optional(),
	email: z.string().nullish(),
	currency: z.string().regex(/^[A-Z]{3}$/),
	customer: z
		.object({
			first_name: z.string().nullish(),
			last_name: z.string().nullish(),
			email: z.string().nullish()
		})
		.nullish(),
	line_items: z.array(
		z.object({
			quantity: z.int().positive(),
			price: z.union([z.string(), z.number()]),
			properties: z
				.array(z.object({ name: z.string(), value: z.unknown() }))
				.nullish()
				.transform((p) => p ?? [])
		})
	)
});

const wooOrderSchema = z.object({
	id: z.union([z.number(), z.string()]),
	number: z.union([z.number(), z.string()]).optional(),
	currency: z.string().regex(/^[A-Z]{3}$/),
	billing: z
		.object({
			first_name: z.string().nullish(),
			last_name: z.string().nullish(),
			email: z.string().nullish()
		})
		.nullish(),
	line_items: z.array(
		z.object({
			quantity: z.int().positive(),
			subtotal: z.union([z.string(), z.number()]),
			meta_data: z
				.array(z.object({ key: z.string(), value: z.unknown() }))
				.nullish()
				.transform((m) => m ?? [])
		})
	)
});

interface StoreOrder {
	externalId: string;
	reference: string;
	customer: { name?: string; email?: string };
	/** Items that carry an Atelier design, with the position they had among all line items. */
	items: DesignItem[];
	problems: { path: string; message: string }[];
}

function customerOf(
	person:
		| {
				first_name?: string | null;
				last_name?: string | null;
				email?: string | null;
		  }
		| null
		| undefined,
	email?: string | null
) {
	const name = [person?.first_name, person?.last_name].filter(Boolean).join(' ').trim();
	const mail = person?.email || email || '';
	return {
		...(name ? { name: name.slice(0, 200) } : {}),
		...(mail ? { email: mail.slice(0, 254) } : {})
	};
}

/** The design line items of a store order, with what the store charged for each whole line. */
function designItems(
	lines: { quantity: number; charged: number | null; meta: Map<string, unknown> }[],
	currency: string
): { items: DesignItem[]; problems: { path: string; message: string }[] } {
	const items: DesignItem[] = [];
	const problems: { path: string; message: string }[] = [];
	lines.forEach((line, index) => {
		const design = line.meta.get('_atelier_design');
		if (design === undefined) return;
		if (typeof design !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(design)) {
			problems.push({
				path: `line_items[${index}]`,
				message: 'expected _atelier_design to be a design id'
			});
			return;
		}
		if (line.charged === null) {
			problems.push({
				path: `line_items[${index}].price`,
				message: `expected a ${currency} amount`
			});
			return;
		}
		const bulk = line.meta.get('_atelier_bulk');
		if (bulk !== undefined && (typeof bulk !== 'string' || !BULK_GROUP.test(bulk))) {
			problems.push({
				path: `line_items[${index}]`,
				message: 'expected _atelier_bulk to be a bulk group id'
			});
			return;
		}
		items.push({
			design,
			quantity: line.quantity,
			price: { amount: line.charged, currency },
			...(bulk !== undefined ? { bulk } : {})
		});
	});
	return { items, problems };
}

function readShopify(json: unknown): StoreOrder | { issues: { path: string; message: string }[] } {
	const parsed = shopifyOrderSchema.safeParse(json);
	if (!parsed.success) return { issues: zodIssuesToErrors(parsed.error.issues) };
	const order = parsed.data;
	const { items, problems } = designItems(
		order.line_items.map((line) => {
			const unit = toMinorUnits(line.price, order.currency);
			return {
				quantity: line.quantity,
				charged: unit === null ? null : unit * line.quantity,
				meta: new Map(line.properties.map((p) => [p.name, p.value]))
			};
		}),
		order.currency
	);
	// Shopify's order ids are past 2^53: `id` arrives rounded by JSON.parse, and two orders could
	// share it. The GraphQL id carries the exact digits.
	const exactId = /\/Order\/(\d+)$/.exec(order.admin_graphql_api_id ?? '')?.[1];
	return {
		externalId: exactId ?? String(order.id),
		reference: order.name ?? exactId ?? String(order.id),
		customer: customerOf(order.customer, order.email),
		items,
		problems
	};
}

function readWooCommerce(
	json: unknown
): StoreOrder | { issues: { path: string; message: string }[] } {
	const parsed = wooOrderSchema.safeParse(json);
	if (!parsed.success) return { issues: zodIssuesToErrors(parsed.error.issues) };
	const order = parsed.data;
	const { items, problems } = designItems(
		order.line_items.map((line) => ({
			quantity: line.quantity,
			// The subtotal is the whole line's price before coupons.
			charged: toMinorUnits(line.subtotal, order.currency),
			// The WooCommerce plugin stores the design id as `_atelier_design` (or `atelier_design_id`)
			// and a bulk order's group as `_atelier_bulk` (or `atelier_bulk`).
			meta: new Map(
				line.meta_data.map((m) => [
					m.key === 'atelier_design_id'
						? '_atelier_design'
						: m.key === 'atelier_bulk'
							? '_atelier_bulk'
							: m.key,
					m.value
				])
			)
		})),
		order.currency
	);
	return {
		externalId: String(order.id),
		reference: `#${order.number ?? order.id}`,
		customer: customerOf(order.billing),
		items,
		problems
	};
}

/** What identifies the store in each platform's request. */
function shopOf(platform: Platform, request: Request): string | null {
	if (platform === 'shopify')
		return request.headers.get('x-shopify-shop-domain')?.trim().toLowerCase() || null;
	const source = request.headers.get('x-wc-webhook-source');
	return source ? normalizeSiteUrl(source) : null;
}

const SIGNATURE_HEADER: Record<Platform, string> = {
	shopify: 'x-shopify-hmac-sha256',
	woocommerce: 'x-wc-webhook-signature'
};
const ACTOR: Record<Platform, string> = {
	shopify: 'Shopify webhook',
	woocommerce: 'WooCommerce webhook'
};

/** `POST /api/v1/webhooks/{shopify|woocommerce}/orders-create`. */
export async function orderWebhookResponse(
	db: Kysely<Database>,
	log: Logger,
	platform: Platform,
	request: Request
): Promise<Response> {
	const raw = await readLimitedText(request, MAX_WEBHOOK_BYTES);
	if (raw === null)
		return jsonResponse(errorAnswer(413, `the body is larger than ${MAX_WEBHOOK_BYTES} bytes`));
	const shop = shopOf(platform, request);
	const store = shop ? await findWebhook(db, platform, shop) : null;
	const received = request.headers.get(SIGNATURE_HEADER[platform]);
	if (!store || !signatureMatches(received, webhookSignature(store.secret, raw))) {
		log.warn(
			{ platform, shop, signed: received !== null, knownShop: store !== null },
			'webhook refused: unsigned, badly signed or from an unknown store'
		);
		return jsonResponse(
			errorAnswer(401, 'the webhook signature does not match the secret of a connected store')
		);
	}
	// WooCommerce pings a new webhook with a form body `webhook_id=…`: acknowledge it.
	if (platform === 'woocommerce' && /^webhook_id=\d+$/.test(raw.trim()))
		return jsonResponse({ status: 200, body: { ok: true } });
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		return jsonResponse(errorAnswer(400, 'the body is not JSON'));
	}
	const order = platform === 'shopify' ? readShopify(json) : readWooCommerce(json);
	if ('issues' in order)
		return jsonResponse(errorAnswer(400, 'the order payload is malformed', order.issues));
	if (order.problems.length > 0) {
		log.warn(
			{ platform, shop, problems: order.problems },
			'webhook order has unreadable Atelier lines'
		);
		return jsonResponse(errorAnswer(422, 'some Atelier line items are unreadable', order.problems));
	}
	// Orders without Atelier items are none of our business; say so with a 200 (no retries).
	if (order.items.length === 0)
		return jsonResponse({ status: 200, body: { ignored: 'no line item carries _atelier_design' } });
	const workspace = await db
		.selectFrom('organization')
		.select('slug')
		.where('id', '=', store.workspaceId)
		.executeTakeFirstOrThrow();
	const { answer } = await placeOrderIdempotently(db, {
		workspaceId: store.workspaceId,
		workspaceSlug: workspace.slug,
		// The store's order id makes redeliveries of one order land on one Atelier order.
		idempotencyKey: `${platform}:${shop}:${order.externalId}`,
		requestHash: `${platform}-webhook`,
		items: order.items,
		meta: {
			source: platform,
			externalId: order.externalId,
			reference: order.reference,
			customer: order.customer,
			actor: ACTOR[platform]
		}
	});
	if (answer.status !== 201)
		log.warn(
			{ platform, shop, externalId: order.externalId, answer: answer.body },
			'webhook order refused'
		);
	return jsonResponse(answer as ApiAnswer);
}
