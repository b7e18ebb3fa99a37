import { createHash } from 'node:crypto';
import { publicApiLookups } from './short-cache';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { analyze, type AnalysisDiagnostic } from '../core/analysis/index.js';
import { parseDefinition, type Definition } from '../core/definition/index.js';
import { createEngine, runScenarios } from '../core/engine/index.js';
import { readDefinition } from '../collab/definition-doc';
import { freezeVersionAssets } from './assets';
import type { Database } from './db';
import { nowIso } from './ids';

/** A reason a publish was refused (or a warning to confirm): where, what, and its code. */
export interface PublishError {
	path: string;
	message: string;
	code: string;
}

/** Which step of the gate refused the draft. */
export type PublishRefusalReason = 'channel' | 'schema' | 'analysis' | 'scenarios' | 'warnings';

export type PublishResult =
	| {
			ok: true;
			version: number;
			contentHash: string;
			channel: string;
			warnings: PublishError[];
	  }
	| {
			ok: false;
			reason: PublishRefusalReason;
			/** What blocks the publish (empty when only unconfirmed warnings stand in the way). */
			errors: PublishError[];
			/** Analysis warnings; they block until the publish is sent with `acknowledgeWarnings`. */
			warnings: PublishError[];
	  };

export interface PublishInput {
	productId: string;
	workspaceId: string;
	authorId: string | null;
	note?: string | null;
	/** The channel that points at the new version (default `live`). */
	channel?: string;
	/** The author has seen the analysis warnings and publishes anyway. */
	acknowledgeWarnings?: boolean;
	/** The draft as one Yjs update (`services.collab.readDraftState(productId)`); null: none yet. */
	draftState: Uint8Array | null;
}

/** One scenario test's outcome, without the engine's evaluation (it goes over the wire). */
export interface ScenarioOutcome {
	id: string;
	name: string;
	passed: boolean;
	failures: { path: string; message: string }[];
}

/** What the gate found in a definition: the first blocking step, warnings, scenario outcomes. */
export type GateResult =
	| {
			ok: true;
			definition: Definition;
			warnings: PublishError[];
			scenarios: ScenarioOutcome[];
	  }
	| {
			ok: false;
			reason: Exclude<PublishRefusalReason, 'warnings' | 'channel'>;
			errors: PublishError[];
			warnings: PublishError[];
			/** The parsed definition when the schema accepted it (for previews), else null. */
			definition: Definition | null;
			scenarios: ScenarioOutcome[];
	  };

/** A published version as listed in the studio (without its definition). */
export interface VersionSummary {
	number: number;
	contentHash: string;
	authorId: string | null;
	authorName: string | null;
	note: string | null;
	createdAt: string;
	/** The channels pointing at this version. */
	channels: string[];
}

/** Channel names: lowercase letters, digits and dashes (`live`, `staging`). */
export const CHANNEL_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * JSON with object keys sorted at every level: the same definition always gives the same text,
 * whatever order the Y.Doc (or an import) produced its keys in, so the content hash is stable.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const entry = (value as Record<string, unknown>)[key];
			if (entry !== undefined) out[key] = sortKeys(entry);
		}
		return out;
	}
	return value;
}

export function sha256Hex(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** The definition JSON a draft state holds (an empty object for an empty draft). */
export function definitionFromDraftState(state: Uint8Array | null): Record<string, unknown> {
	const doc = new Y.Doc();
	try {
		if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
		return readDefinition(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * The publish gate without the publish: schema, then analysis (errors block; warnings are
 * collected), then the scenario tests (failures block). Pure apart from the engine's work, so the
 * publish dialog's preview and the publish itself judge a draft the same way.
 */
export function gateDefinition(json: unknown): GateResult {
	const parsed = parseDefinition(json);
	if (!parsed.ok) {
		return {
			ok: false,
			reason: 'schema',
			errors: parsed.errors.map((e) => ({
				path: e.path,
				message: e.message,
				code: 'schema-error'
			})),
			warnings: [],
			definition: null,
			scenarios: []
		};
	}
	const definition = parsed.definition;
	const diagnostics = analyze(json).diagnostics;
	const asReason = (d: AnalysisDiagnostic): PublishError => ({
		path: d.path,
		message: d.message,
		code: d.code
	});
	const errors = diagnostics.filter((d) => d.severity === 'error').map(asReason);
	const warnings = diagnostics.filter((d) => d.severity === 'warning').map(asReason);
	if (errors.length > 0) {
		return { ok: false, reason: 'analysis', errors, warnings, definition, scenarios: [] };
	}

	const scenarios = scenarioOutcomes(definition);
	const scenarioErrors: PublishError[] = [];
	scenarios.forEach((result, index) => {
		for (const failure of result.failures) {
			scenarioErrors.push({
				path: `scenarios[${index}].${failure.path}`,
				message: `Scenario '${result.name}': ${failure.message}`,
				code: 'scenario-failed'
			});
		}
	});
	if (scenarioErrors.length > 0) {
		return {
			ok: false,
			reason: 'scenarios',
			errors: scenarioErrors,
			warnings,
			definition,
			scenarios
		};
	}
	return { ok: true, definition, warnings, scenarios };
}

/** The scenario tests of a definition, run by the engine (an empty list without scenarios). */
export function scenarioOutcomes(definition: Definition): ScenarioOutcome[] {
	if (definition.scenarios.length === 0) return [];
	return runScenarios(createEngine(definition)).map((r) => ({
		id: r.id,
		name: r.name,
		passed: r.passed,
		failures: r.failures
	}));
}

/**
 * The publish gate, then the publish: the draft is mapped to definition JSON and judged by
 * {@link gateDefinition}; warnings block unless `acknowledgeWarnings`. Then version N+1
 * (canonical JSON, sha256, author, note, time) is stored and the channel points at it, in one
 * transaction. Nothing is written when the gate refuses.
 */
export async function publishDraft(
	db: Kysely<Database>,
	input: PublishInput
): Promise<PublishResult> {
	const result = await publishDraftOnce(db, input);
	// The public API keeps lookups a second; what this process just published is seen at once.
	if (result.ok) publicApiLookups.clearAll();
	return result;
}

async function publishDraftOnce(db: Kysely<Database>, input: PublishInput): Promise<PublishResult> {
	const channel = input.channel ?? 'live';
	if (!CHANNEL_NAME.test(channel)) {
		return {
			ok: false,
			reason: 'channel',
			errors: [{ path: 'channel', message: 'unknown channel name', code: 'bad-channel' }],
			warnings: []
		};
	}
	const product = await db
		.selectFrom('product')
		.select('id')
		.where('id', '=', input.productId)
		.where('workspace_id', '=', input.workspaceId)
		.executeTakeFirst();
	if (!product) throw new Error(`product ${input.productId} not found in its workspace`);

	// The gate: schema → analysis → scenario tests → warnings confirmed.
	const gate = gateDefinition(definitionFromDraftState(input.draftState));
	if (!gate.ok) {
		return { ok: false, reason: gate.reason, errors: gate.errors, warnings: gate.warnings };
	}
	const { definition, warnings } = gate;
	if (warnings.length > 0 && !input.acknowledgeWarnings) {
		return { ok: false, reason: 'warnings', errors: [], warnings };
	}

	// The version: canonical JSON and its hash, stored once, never changed.
	const text = canonicalJson(definition);
	const contentHash = sha256Hex(text);
	// Two concurrent publishes may pick the same number; the primary key refuses the second,
	// which then tries again with the next number.
	for (let attempt = 0; ; attempt++) {
		try {
			const version = await db.transaction().execute(async (trx) => {
				const row = await trx
					.selectFrom('product_version')
					.select((eb) => eb.fn.max('number').as('max'))
					.where('product_id', '=', input.productId)
					.executeTakeFirst();
				const number = Number(row?.max ?? 0) + 1;
				const now = nowIso();
				await trx
					.insertInto('product_version')
					.values({
						product_id: input.productId,
						number,
						definition: text,
						content_hash: contentHash,
						author_id: input.authorId,
						note: input.note ?? null,
						created_at: now
					})
					.execute();
				const { workspaceId, productId } = input;
				await freezeVersionAssets(trx, {
					workspaceId,
					productId,
					versionNumber: number,
					definition
				});
				await upsertChannel(trx, input.productId, channel, number, now);
				return number;
			});
			return { ok: true, version, contentHash, channel, warnings };
		} catch (error) {
			if (attempt >= 4 || !isUniqueViolation(error)) throw error;
		}
	}
}

async function upsertChannel(
	db: Kysely<Database>,
	productId: string,
	name: string,
	versionNumber: number,
	now: string
): Promise<void> {
	await db
		.insertInto('channel')
		.values({ product_id: productId, name, version_number: versionNumber, updated_at: now })
		.onConflict((oc) =>
			oc
				.columns(['product_id', 'name'])
				.doUpdateSet({ version_number: versionNumber, updated_at: now })
		)
		.execute();
}

function isUniqueViolation(error: unknown): boolean {
	const e = error as { code?: string; message?: string } | null;
	return (
		e?.code === '23505' || // PostgreSQL
		e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
		/UNIQUE constraint failed/.test(e?.message ?? '')
	);
}

/**
 * Points a channel at an existing version: rollback (`live` → an older version) or promotion
 * (`live` → what `staging` has). False when the version does not exist.
 */
export async function setChannel(
	db: Kysely<Database>,
	input: { productId: string; channel: string; versionNumber: number }
): Promise<boolean> {
	if (!CHANNEL_NAME.test(input.channel)) return false;
	const moved = await db.transaction().execute(async (trx) => {
		const version = await trx
			.selectFrom('product_version')
			.select('number')
			.where('product_id', '=', input.productId)
			.where('number', '=', input.versionNumber)
			.executeTakeFirst();
		if (!version) return false;
		await upsertChannel(trx, input.productId, input.channel, input.versionNumber, nowIso());
		return true;
	});
	if (moved) publicApiLookups.clearAll();
	return moved;
}

/** Every published version of a product, newest first, with the channels pointing at each. */
export async function listVersions(
	db: Kysely<Database>,
	productId: string
): Promise<VersionSummary[]> {
	const [rows, channels] = await Promise.all([
		db
			.selectFrom('product_version')
			.leftJoin('user', 'user.id', 'product_version.author_id')
			.select([
				'product_version.number',
				'product_version.content_hash',
				'product_version.author_id',
				'product_version.note',
				'product_version.created_at',
				'user.name as author_name'
			])
			.where('product_version.product_id', '=', productId)
			.orderBy('product_version.number', 'desc')
			.execute(),
		db
			.selectFrom('channel')
			.select(['name', 'version_number'])
			.where('product_id', '=', productId)
			.orderBy('name')
			.execute()
	]);
	return rows.map((row) => ({
		number: Number(row.number),
		contentHash: row.content_hash,
		authorId: row.author_id,
		authorName: row.author_name ?? null,
		note: row.note,
		createdAt: row.created_at,
		channels: channels
			.filter((c) => Number(c.version_number) === Number(row.number))
			.map((c) => c.name)
	}));
}

/** A published definition as the public API serves it. */
export interface PublishedDefinition {
	number: number;
	contentHash: string;
	/** The canonical definition JSON, as stored. */
	definition: string;
}

/**
 * The published version a storefront asks for: by workspace slug and product handle, either a
 * channel's current version or a version number. Never a draft; null when any part is unknown
 * or the product is archived.
 */
export async function findPublished(
	db: Kysely<Database>,
	where: { workspaceSlug: string; handle: string } & (
		{ channel: string; versionNumber?: undefined } | { versionNumber: number; channel?: undefined }
	)
): Promise<PublishedDefinition | null> {
	const product = await db
		.selectFrom('product')
		.innerJoin('organization', 'organization.id', 'product.workspace_id')
		.select('product.id')
		.where('organization.slug', '=', where.workspaceSlug)
		.where('product.handle', '=', where.handle)
		.where('product.archived_at', 'is', null)
		.executeTakeFirst();
	if (!product) return null;
	let number = where.versionNumber;
	if (number === undefined) {
		const channel = await db
			.selectFrom('channel')
			.select('version_number')
			.where('product_id', '=', product.id)
			.where('name', '=', where.channel ?? 'live')
			.executeTakeFirst();
		if (!channel) return null;
		number = Number(channel.version_number);
	}
	const version = await db
		.selectFrom('product_version')
		.select(['number', 'content_hash', 'definition'])
		.where('product_id', '=', product.id)
		.where('number', '=', number)
		.executeTakeFirst();
	if (!version) return null;
	return {
		number: Number(version.number),
		contentHash: version.content_hash,
		definition: version.definition
	};
}

/**
 * Promotion: the `to` channel (default `live`) points at the version the `from` channel
 * (default `staging`) points at. The version number, or null when `from` points nowhere.
 */
export async function promoteChannel(
	db: Kysely<Database>,
	input: { productId: string; from?: string; to?: string }
): Promise<number | null> {
	const from = input.from ?? 'staging';
	const to = input.to ?? 'live';
	const promoted = await db.transaction().execute(async (trx) => {
		const source = await trx
			.selectFrom('channel')
			.select('version_number')
			.where('product_id', '=', input.productId)
			.where('name', '=', from)
			.executeTakeFirst();
		if (!source) return null;
		const number = Number(source.version_number);
		await upsertChannel(trx, input.productId, to, number, nowIso());
		return number;
	});
	if (promoted !== null) publicApiLookups.clearAll();
	return promoted;
}

/** The version a channel of a product points at, with its definition; null when none. */
export async function channelDefinition(
	db: Kysely<Database>,
	productId: string,
	channel: string
): Promise<{ number: number; definition: string } | null> {
	const row = await db
		.selectFrom('channel')
		.innerJoin('product_version', (join) =>
			join
				.onRef('product_version.product_id', '=', 'channel.product_id')
				.onRef('product_version.number', '=', 'channel.version_number')
		)
		.select(['product_version.number', 'product_version.definition'])
		.where('channel.product_id', '=', productId)
		.where('channel.name', '=', channel)
		.executeTakeFirst();
	return row ? { number: Number(row.number), definition: row.definition } : null;
}

/** One stored version of a product with its definition JSON, as the versions page opens it. */
export async function readVersion(
	db: Kysely<Database>,
	productId: string,
	versionNumber: number
): Promise<(VersionSummary & { definition: string }) | null> {
	const summary = (await listVersions(db, productId)).find((v) => v.number === versionNumber);
	if (!summary) return null;
	const row = await db
		.selectFrom('product_version')
		.select('definition')
		.where('product_id', '=', productId)
		.where('number', '=', versionNumber)
		.executeTakeFirstOrThrow();
	return { ...summary, definition: row.definition };
}
