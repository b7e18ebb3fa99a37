import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseConfiguration, parseDefinition } from '../core/definition/parse.js';
import type { Definition } from '../core/definition/definition.js';
import { zodIssuesToErrors, type ValidationError } from '../core/definition/errors.js';
import { createEngine, type Engine } from '../core/engine/index.js';
import type { Database } from './db';
import { newId, nowIso } from './ids';
import { CORS_HEADERS, storeCors, type PublicApiContext } from './public-api';

/**
 * Saved designs (`/api/v1/stores/<slug>/designs`): a customer's configuration of one published
 * version, stored so a share link or an edit-from-cart link restores it exactly. The store's
 * runtime saves one before it adds to the cart and puts the id in `_atelier_design`. Each design
 * is validated with the core against the version it pins; nothing is trusted from the client.
 */

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DESIGN_ID = /^d[0-9a-z]{20}$/;
/** A design body is small (answers and upload references); larger bodies are refused. */
export const MAX_DESIGN_BYTES = 64 * 1024;

const designBody = z.strictObject({
	product: z
		.string({ error: 'expected the product handle' })
		.max(60)
		.regex(SLUG, { error: 'expected a product handle: lowercase letters, digits and dashes' }),
	version: z.int({ error: 'expected the published version number' }).positive(),
	configuration: z.record(z.string(), z.unknown(), {
		error: 'expected a configuration object: { selections, quantity, rushTier? }'
	})
});

/**
 * Answers carry the store's CORS verdict (`storeCors`: the studio's origin and the origins the
 * owner lists under Store settings); malformed slugs are answered before the store is known.
 */
function json(
	status: number,
	body: unknown,
	cors: Record<string, string>,
	headers: Record<string, string> = {}
): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			...cors,
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			...headers
		}
	});
}

function problem(
	status: number,
	message: string,
	cors: Record<string, string> = CORS_HEADERS,
	errors?: ValidationError[]
): Response {
	return json(status, { error: { message, ...(errors ? { errors } : {}) } }, cors);
}

/** Engines of published versions: versions are immutable, so one compile per version. */
const engines = new Map<string, { definition: Definition; engine: Engine }>();
const MAX_ENGINES = 50;

function engineFor(key: string, definitionJson: string) {
	const cached = engines.get(key);
	if (cached) {
		engines.delete(key);
		engines.set(key, cached);
		return cached;
	}
	const parsed = parseDefinition(JSON.parse(definitionJson));
	if (!parsed.ok) return undefined;
	const entry = { definition: parsed.definition, engine: createEngine(parsed.definition) };
	engines.set(key, entry);
	if (engines.size > MAX_ENGINES) engines.delete(engines.keys().next().value as string);
	return entry;
}

async function productOf(db: Kysely<Database>, workspaceSlug: string, handle: string) {
	return db
		.selectFrom('product')
		.innerJoin('organization', 'organization.id', 'product.workspace_id')
		.select(['product.id as productId', 'product.workspace_id as workspaceId'])
		.where('organization.slug', '=', workspaceSlug)
		.where('product.handle', '=', handle)
		.where('product.archived_at', 'is', null)
		.executeTakeFirst();
}

/**
 * Why a configuration cannot be saved for a version: structure and references
 * (`parseConfiguration`), then the engine's errors (impossible combinations, texts, numbers,
 * uploads). A design may be incomplete — a share link of half a product is fine — so "required"
 * is not a reason.
 */
export function designErrors(
	definition: Definition,
	engine: Engine,
	configuration: unknown
): ValidationError[] {
	const parsed = parseConfiguration(definition, configuration);
	if (!parsed.ok) return parsed.errors.map((e) => ({ ...e, path: prefixed(e.path) }));
	const evaluation = engine.evaluate(parsed.configuration, { explain: false, alternatives: false });
	return evaluation.errors
		.filter((e) => e.severity === 'error' && e.code !== 'required')
		.map((e) => ({ path: prefixed(e.path), message: e.message }));
}

const prefixed = (path: string) =>
	path === ''
		? 'configuration'
		: path.startsWith('[')
			? `configuration${path}`
			: `configuration.${path}`;

/**
 * The store part of every designs request: a malformed slug is a 400; then the store's CORS
 * verdict (404 unknown store, 403 origin not allowed) or the headers to answer with.
 */
async function storeVerdict(
	context: PublicApiContext,
	workspaceSlug: string,
	request: Request
): Promise<{ cors: Record<string, string> } | { refusal: Response }> {
	if (workspaceSlug.length > 60 || !SLUG.test(workspaceSlug))
		return {
			refusal: problem(400, 'malformed store slug: use lowercase letters, digits and dashes')
		};
	const verdict = await storeCors(context, workspaceSlug, request);
	return 'error' in verdict ? { refusal: verdict.error } : { cors: verdict.headers };
}

/** POST /api/v1/stores/{slug}/designs → 201 `{ id, url }`, 422 with reasons per path. */
export async function createDesignResponse(
	context: PublicApiContext,
	params: { workspaceSlug: string },
	request: Request
): Promise<Response> {
	const store = await storeVerdict(context, params.workspaceSlug, request);
	if ('refusal' in store) return store.refusal;
	const { cors } = store;
	const db = context.db;
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_DESIGN_BYTES)
		return problem(413, `a design body is at most ${MAX_DESIGN_BYTES} bytes`, cors);
	const text = await request.text();
	if (new TextEncoder().encode(text).length > MAX_DESIGN_BYTES)
		return problem(413, `a design body is at most ${MAX_DESIGN_BYTES} bytes`, cors);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return problem(400, 'the body is not JSON: send { product, version, configuration }', cors);
	}
	const body = designBody.safeParse(raw);
	if (!body.success)
		return problem(422, 'the design is not valid', cors, zodIssuesToErrors(body.error.issues));
	const { product: handle, version, configuration } = body.data;
	const product = await productOf(db, params.workspaceSlug, handle);
	if (!product)
		return problem(404, `no product '${handle}' in store '${params.workspaceSlug}'`, cors);
	const row = await db
		.selectFrom('product_version')
		.select(['definition'])
		.where('product_id', '=', product.productId)
		.where('number', '=', version)
		.executeTakeFirst();
	if (!row) return problem(404, `no version ${version} of product '${handle}'`, cors);
	const compiled = engineFor(`${product.productId} ${version}`, row.definition);
	if (!compiled) return problem(500, 'the published version could not be read', cors);
	const errors = designErrors(compiled.definition, compiled.engine, configuration);
	if (errors.length > 0)
		return problem(422, 'the configuration does not fit this product version', cors, errors);
	// Stored as the customer sent it after validation; the parse only filled defaults.
	const parsed = parseConfiguration(compiled.definition, configuration);
	const stored = parsed.ok ? parsed.configuration : configuration;
	const id = `d${newId(20)}`;
	await db
		.insertInto('design')
		.values({
			id,
			workspace_id: product.workspaceId,
			product_id: product.productId,
			version_number: version,
			configuration: JSON.stringify(stored),
			created_at: nowIso()
		})
		.execute();
	const url = `${context.appOrigin}/api/v1/stores/${params.workspaceSlug}/designs/${id}`;
	return json(201, { id, url }, cors, { location: url });
}

/** GET /api/v1/stores/{slug}/designs/{id} → `{ id, product, version, configuration, createdAt }`. */
export async function designResponse(
	context: PublicApiContext,
	params: { workspaceSlug: string; id: string },
	request: Request
): Promise<Response> {
	if (!DESIGN_ID.test(params.id))
		return problem(400, 'malformed design id: expected "d" and 20 letters or digits');
	const store = await storeVerdict(context, params.workspaceSlug, request);
	if ('refusal' in store) return store.refusal;
	const { cors } = store;
	const db = context.db;
	const row = await db
		.selectFrom('design')
		.innerJoin('organization', 'organization.id', 'design.workspace_id')
		.innerJoin('product', 'product.id', 'design.product_id')
		.select([
			'design.id',
			'product.handle',
			'design.version_number',
			'design.configuration',
			'design.created_at'
		])
		.where('organization.slug', '=', params.workspaceSlug)
		.where('design.id', '=', params.id)
		.executeTakeFirst();
	if (!row)
		return problem(404, `no design '${params.id}' in store '${params.workspaceSlug}'`, cors);
	// A design never changes: cache it like a published version.
	return json(
		200,
		{
			id: row.id,
			product: row.handle,
			version: Number(row.version_number),
			configuration: JSON.parse(row.configuration),
			createdAt: row.created_at
		},
		cors,
		{ 'cache-control': 'public, max-age=31536000, immutable' }
	);
}

/**
 * The CORS preflight of the designs endpoints (a store page POSTs JSON from its own origin),
 * answered per the store's allowed origins like the product endpoints.
 */
export async function designsPreflightResponse(
	context: PublicApiContext,
	params: { workspaceSlug: string },
	request: Request
): Promise<Response> {
	const store = await storeVerdict(context, params.workspaceSlug, request);
	if ('refusal' in store) return store.refusal;
	return new Response(null, {
		status: 204,
		headers: {
			...store.cors,
			'access-control-allow-methods': 'GET, POST, OPTIONS',
			'access-control-allow-headers': 'Content-Type',
			'access-control-max-age': '86400'
		}
	});
}
