import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from './db';
import { nowIso } from './ids';
import { workspaceOfKey } from './integrations';
import {
	checkItems,
	insertOrder,
	parseOrderBody,
	type NewOrderMeta,
	type OrderIssue,
	type OrderItemInput
} from './orders';
import { canonicalJson, sha256Hex } from './publish';
import { CORS_HEADERS } from './public-api';

/**
 * `POST /api/v1/orders` and the idempotency that makes retries safe: the record of a key is
 * inserted *before* the work, so of two requests arriving together only one does it; the other
 * waits for the stored answer and returns it unchanged.
 */

/** Order bodies above this size are refused before parsing (100 items of rich configurations fit). */
export const MAX_ORDER_BODY_BYTES = 512 * 1024;
/** Idempotency keys: 1–255 letters, digits and `_ - : .` (UUIDs and ULIDs fit). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,255}$/;
/** How long a request waits for a parallel one holding the same key before answering 409. */
const PENDING_WAIT_MS = 15_000;

export interface ApiAnswer {
	status: number;
	body: unknown;
}

/** A JSON answer of the order API (no caching; CORS as the rest of /api/v1). */
export function jsonResponse(answer: ApiAnswer, extra: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(answer.body), {
		status: answer.status,
		headers: {
			...CORS_HEADERS,
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			...extra
		}
	});
}

/** `{ error: { message, errors? } }`: the error shape of /api/v1 (`errors` lists each path). */
export function errorAnswer(status: number, message: string, issues?: OrderIssue[]): ApiAnswer {
	return { status, body: { error: { message, ...(issues ? { errors: issues } : {}) } } };
}

function issuesMessage(lead: string, issues: readonly OrderIssue[]): string {
	const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
	const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
	return `${lead}: ${shown.join('; ')}${more}`;
}

/** The publishable key of a request: `Authorization: Bearer pk_…` or `X-Atelier-Key`. */
export function publishableKeyOf(request: Request): string | null {
	const authorization = request.headers.get('authorization');
	if (authorization) {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
		if (match) return match[1]!;
	}
	return request.headers.get('x-atelier-key')?.trim() || null;
}

/** Reads a body up to `limit` bytes; null when it is longer. */
export async function readLimitedText(request: Request, limit: number): Promise<string | null> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > limit) return null;
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

type Claim =
	| { kind: 'owner' }
	| { kind: 'replay'; answer: ApiAnswer }
	| { kind: 'mismatch' }
	| { kind: 'pending' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims an idempotency key for a request hash. The insert is the lock: the primary key
 * (workspace, key) lets exactly one request insert; the others read the record and get its
 * answer once the owner stored it (waiting for it while it is pending).
 */
export async function claimIdempotencyKey(
	db: Kysely<Database>,
	workspaceId: string,
	key: string,
	requestHash: string
): Promise<Claim> {
	const inserted = await db
		.insertInto('idempotency_record')
		.values({
			workspace_id: workspaceId,
			key,
			request_hash: requestHash,
			status_code: null,
			response: null,
			order_id: null,
			created_at: nowIso()
		})
		.onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { kind: 'owner' };
	const deadline = Date.now() + PENDING_WAIT_MS;
	for (;;) {
		const record = await db
			.selectFrom('idempotency_record')
			.select(['request_hash', 'status_code', 'response'])
			.where('workspace_id', '=', workspaceId)
			.where('key', '=', key)
			.executeTakeFirst();
		// The owner failed and gave the key back: claim it again.
		if (!record) return claimIdempotencyKey(db, workspaceId, key, requestHash);
		if (record.request_hash !== requestHash) return { kind: 'mismatch' };
		if (record.status_code !== null && record.response !== null)
			return {
				kind: 'replay',
				answer: { status: Number(record.status_code), body: JSON.parse(record.response) }
			};
		if (Date.now() > deadline) return { kind: 'pending' };
		await sleep(25);
	}
}

/** Stores the answer of a claimed key (in the order's transaction when there is one). */
export async function recordAnswer(
	db: Kysely<Database>,
	workspaceId: string,
	key: string,
	answer: ApiAnswer,
	orderId: string | null
): Promise<void> {
	await db
		.updateTable('idempotency_record')
		.set({ status_code: answer.status, response: JSON.stringify(answer.body), order_id: orderId })
		.where('workspace_id', '=', workspaceId)
		.where('key', '=', key)
		.execute();
}

/** Gives a key back after an unexpected failure, so a retry can do the work. */
async function releaseKey(db: Kysely<Database>, workspaceId: string, key: string): Promise<void> {
	await db
		.deleteFrom('idempotency_record')
		.where('workspace_id', '=', workspaceId)
		.where('key', '=', key)
		.where('status_code', 'is', null)
		.execute();
}

export interface PlaceOrderInput {
	workspaceId: string;
	workspaceSlug: string;
	idempotencyKey: string;
	requestHash: string;
	items: readonly OrderItemInput[];
	meta: NewOrderMeta;
}

/**
 * Checks and stores an order under an idempotency key: the first request with the key does the
 * work and stores its answer (201 with the order, or 422 with the reasons); any later or
 * parallel request with the same key and body gets that answer; a different body gets 422.
 */
export async function placeOrderIdempotently(
	db: Kysely<Database>,
	input: PlaceOrderInput
): Promise<{ answer: ApiAnswer; replayed: boolean }> {
	const claim = await claimIdempotencyKey(
		db,
		input.workspaceId,
		input.idempotencyKey,
		input.requestHash
	);
	if (claim.kind === 'replay') return { answer: claim.answer, replayed: true };
	if (claim.kind === 'mismatch')
		return {
			answer: errorAnswer(
				422,
				'this Idempotency-Key was already used with a different request body; use a new key for a new order'
			),
			replayed: false
		};
	if (claim.kind === 'pending')
		return {
			answer: errorAnswer(
				409,
				'a request with this Idempotency-Key is still being processed; retry in a few seconds'
			),
			replayed: false
		};
	try {
		const checked = await checkItems(
			db,
			{
				workspaceId: input.workspaceId,
				workspaceSlug: input.workspaceSlug,
				orderDate: nowIso().slice(0, 10)
			},
			input.items
		);
		if (!checked.ok) {
			const answer = errorAnswer(
				422,
				issuesMessage('the order was refused', checked.issues),
				checked.issues
			);
			await recordAnswer(db, input.workspaceId, input.idempotencyKey, answer, null);
			return { answer, replayed: false };
		}
		const answer = await db.transaction().execute(async (trx) => {
			const order = await insertOrder(trx, input.workspaceId, checked.items, input.meta);
			const created: ApiAnswer = { status: 201, body: { order } };
			await recordAnswer(trx, input.workspaceId, input.idempotencyKey, created, order.id);
			return created;
		});
		return { answer, replayed: false };
	} catch (error) {
		await releaseKey(db, input.workspaceId, input.idempotencyKey).catch(() => undefined);
		throw error;
	}
}

/** `POST /api/v1/orders`. */
export async function orderIntakeResponse(
	db: Kysely<Database>,
	log: Logger,
	request: Request
): Promise<Response> {
	const key = publishableKeyOf(request);
	if (!key)
		return jsonResponse(
			errorAnswer(
				401,
				'send your publishable key as `Authorization: Bearer pk_live_…` or `X-Atelier-Key` (Settings → Integrations)'
			)
		);
	const workspace = await workspaceOfKey(db, key);
	if (!workspace) {
		log.warn({ keyPrefix: key.slice(0, 12) }, 'order refused: unknown or revoked publishable key');
		return jsonResponse(
			errorAnswer(
				401,
				'unknown or revoked publishable key; copy the current one from Settings → Integrations'
			)
		);
	}
	const idempotencyKey = request.headers.get('idempotency-key');
	if (idempotencyKey === null)
		return jsonResponse(
			errorAnswer(
				400,
				'Idempotency-Key header is required: send a unique value (a UUID) per order and reuse it on retries'
			)
		);
	if (!IDEMPOTENCY_KEY.test(idempotencyKey))
		return jsonResponse(
			errorAnswer(400, 'Idempotency-Key: expected 1–255 letters, digits, `_`, `-`, `:` or `.`')
		);
	const text = await readLimitedText(request, MAX_ORDER_BODY_BYTES);
	if (text === null)
		return jsonResponse(errorAnswer(413, `the body is larger than ${MAX_ORDER_BODY_BYTES} bytes`));
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return jsonResponse(
			errorAnswer(
				400,
				`the body is not JSON: ${error instanceof Error ? error.message : 'parse error'}`
			)
		);
	}
	const parsed = parseOrderBody(json);
	if (!parsed.ok)
		return jsonResponse(
			errorAnswer(400, issuesMessage('the order body is malformed', parsed.issues), parsed.issues)
		);
	const { answer, replayed } = await placeOrderIdempotently(db, {
		workspaceId: workspace.workspaceId,
		workspaceSlug: workspace.slug,
		idempotencyKey,
		requestHash: sha256Hex(canonicalJson(json)),
		items: parsed.body.items,
		meta: {
			source: 'api',
			actor: 'API',
			customer: parsed.body.customer ?? null,
			reference: parsed.body.reference ?? null
		}
	});
	if (answer.status === 201 && !replayed) {
		const order = (answer.body as { order: { id: string; number: number } }).order;
		log.info(
			{ workspaceId: workspace.workspaceId, orderId: order.id, number: order.number },
			'order placed'
		);
	}
	return jsonResponse(answer, replayed ? { 'idempotent-replayed': 'true' } : {});
}

/** CORS preflight of the order endpoint (storefronts post from the browser). */
export function orderPreflightResponse(): Response {
	return new Response(null, {
		status: 204,
		headers: {
			...CORS_HEADERS,
			'access-control-allow-methods': 'POST, OPTIONS',
			'access-control-allow-headers': 'Authorization, X-Atelier-Key, Idempotency-Key, Content-Type',
			'access-control-max-age': '86400'
		}
	});
}
