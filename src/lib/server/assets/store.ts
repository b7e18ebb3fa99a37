import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../db';
import { nowIso } from '../ids';
import { MAX_IMAGE_PIXELS, THUMBNAIL_SIZE } from './limits';
import { publicAssetPath, referencedAssetHashes } from './references';
import { validateFont, type ValidatedFont } from './fonts';
import { cleanAssetName, validateAsset, type AssetProblem, type ValidatedAsset } from './validate';

/** An uploaded asset as the studio sees it. */
export interface AssetRecord {
	sha256: string;
	workspaceId: string;
	name: string;
	contentType: string;
	bytes: number;
	width: number | null;
	height: number | null;
	createdBy: string | null;
	createdAt: string;
	/** What a definition stores as the asset's `path`: the public URL (served once published). */
	url: string;
	/** The bytes for signed-in members of the workspace (drafts included). */
	studioUrl: string;
	thumbnailUrl: string;
}

export type StoreResult =
	| { ok: true; asset: AssetRecord; created: boolean; removed: string[] }
	| { ok: false; error: AssetProblem };

export interface AssetStorage {
	db: Kysely<Database>;
	/** DATA_DIR: files go to `<dataDir>/assets/<workspaceId>/<sha256[0..2]>/<sha256>[.thumb.webp]`. */
	dataDir: string;
}

export type AssetVariant = 'original' | 'thumbnail';

/** Workspace ids become folder names, so only plain id characters are accepted. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Where an asset's file lives. Throws for a malformed id or hash (a programmer error). */
export function assetFilePath(
	dataDir: string,
	workspaceId: string,
	sha256: string,
	variant: AssetVariant
): string {
	if (!SAFE_ID.test(workspaceId)) throw new Error(`unsafe workspace id ${workspaceId}`);
	if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`malformed sha256 ${sha256}`);
	const file = variant === 'original' ? sha256 : `${sha256}.thumb.webp`;
	return path.join(dataDir, 'assets', workspaceId, sha256.slice(0, 2), file);
}

type AssetRow = {
	sha256: string;
	workspace_id: string;
	name: string | null;
	mime: string;
	size: number;
	width: number | null;
	height: number | null;
	created_by: string | null;
	created_at: string;
};

const COLUMNS = [
	'sha256',
	'workspace_id',
	'name',
	'mime',
	'size',
	'width',
	'height',
	'created_by',
	'created_at'
] as const;

function toRecord(row: AssetRow): AssetRecord {
	return {
		sha256: row.sha256,
		workspaceId: row.workspace_id,
		name: row.name ?? 'untitled',
		contentType: row.mime,
		bytes: Number(row.size),
		width: row.width === null ? null : Number(row.width),
		height: row.height === null ? null : Number(row.height),
		createdBy: row.created_by,
		createdAt: row.created_at,
		url: publicAssetPath(row.sha256),
		studioUrl: `/api/studio/assets/${row.sha256}`,
		thumbnailUrl: `/api/studio/assets/${row.sha256}/thumb`
	};
}

async function exists(file: string): Promise<boolean> {
	return fs.access(file).then(
		() => true,
		() => false
	);
}

/** Writes a file whole or not at all: a temporary file beside it, then an atomic rename. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
	await fs.mkdir(path.dirname(file), { recursive: true });
	const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		await fs.writeFile(temporary, bytes);
		await fs.rename(temporary, file);
	} catch (error) {
		await fs.rm(temporary, { force: true });
		throw error;
	}
}

/**
 * Decodes the image fully (sharp, with `limitInputPixels`, so a header that lies about its size
 * is still stopped) and renders the thumbnail: WebP, at most THUMBNAIL_SIZE a side.
 */
async function renderThumbnail(
	bytes: Uint8Array
): Promise<{ ok: true; thumbnail: Buffer } | { ok: false; error: AssetProblem }> {
	try {
		const thumbnail = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
			.rotate()
			.resize({
				width: THUMBNAIL_SIZE,
				height: THUMBNAIL_SIZE,
				fit: 'inside',
				withoutEnlargement: true
			})
			.webp({ quality: 80 })
			.toBuffer();
		return { ok: true, thumbnail };
	} catch (error) {
		const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
		const message = /pixel limit/i.test(reason)
			? `the image is larger than ${MAX_IMAGE_PIXELS / 1e6} megapixels once decoded: make it smaller and upload again`
			: `the image could not be decoded (${reason}): export it again as PNG, JPEG, WebP or SVG`;
		return { ok: false, error: { path: 'file', code: 'undecodable', message } };
	}
}

/**
 * Validates and stores an upload, content-addressed per workspace: the same bytes uploaded
 * twice are stored once (the second upload answers the first record). Order: validate, decode +
 * thumbnail in memory, write both files (temporary file then rename), insert the row last; a
 * failure at any step leaves no row and removes files this call created.
 */
export async function storeAsset(
	storage: AssetStorage,
	input: { workspaceId: string; userId: string | null; name: string | null; bytes: Uint8Array }
): Promise<StoreResult> {
	const validation = validateAsset(input.bytes);
	if (!validation.ok) return validation;
	const { asset } = validation;
	const stored = await storeValidated(storage, input, asset, () => renderThumbnail(asset.bytes));
	return stored.ok ? { ...stored, removed: asset.removed } : stored;
}

/** A stored font: the asset record and what the font file says about itself. */
export type StoreFontResult =
	| {
			ok: true;
			asset: AssetRecord;
			created: boolean;
			font: Pick<ValidatedFont, 'family' | 'weight' | 'style'>;
	  }
	| { ok: false; error: AssetProblem };

/**
 * Validates (`validateFont`: magic number, size, declared structure, parsed with fontkit) and
 * stores a font file like any asset — content-addressed, same folder, same row — without a
 * thumbnail (a font has no picture to shrink). Nothing is written when validation fails.
 */
export async function storeFont(
	storage: AssetStorage,
	input: { workspaceId: string; userId: string | null; name: string | null; bytes: Uint8Array }
): Promise<StoreFontResult> {
	const validation = validateFont(input.bytes);
	if (!validation.ok) return validation;
	const { font } = validation;
	const stored = await storeValidated(
		storage,
		input,
		{ contentType: font.contentType, bytes: font.bytes, width: null, height: null },
		null
	);
	if (!stored.ok) return stored;
	return {
		ok: true,
		asset: stored.asset,
		created: stored.created,
		font: { family: font.family, weight: font.weight, style: font.style }
	};
}

/**
 * Writes validated bytes (and their thumbnail, when the kind has one) and inserts the row last;
 * see `storeAsset` for the order and what a failure leaves behind.
 */
async function storeValidated(
	storage: AssetStorage,
	input: { workspaceId: string; userId: string | null; name: string | null },
	asset: Pick<ValidatedAsset, 'contentType' | 'bytes' | 'width' | 'height'>,
	thumbnail:
		(() => Promise<{ ok: true; thumbnail: Buffer } | { ok: false; error: AssetProblem }>) | null
): Promise<
	{ ok: true; asset: AssetRecord; created: boolean } | { ok: false; error: AssetProblem }
> {
	const sha256 = createHash('sha256').update(asset.bytes).digest('hex');
	const original = assetFilePath(storage.dataDir, input.workspaceId, sha256, 'original');
	const thumbnailFile = thumbnail
		? assetFilePath(storage.dataDir, input.workspaceId, sha256, 'thumbnail')
		: null;

	const existing = await findAsset(storage.db, input.workspaceId, sha256);
	if (
		existing &&
		(await exists(original)) &&
		(thumbnailFile === null || (await exists(thumbnailFile)))
	) {
		return { ok: true, asset: existing, created: false };
	}

	const files: [string, Uint8Array][] = [[original, asset.bytes]];
	if (thumbnail && thumbnailFile) {
		const rendered = await thumbnail();
		if (!rendered.ok) return rendered;
		files.push([thumbnailFile, rendered.thumbnail]);
	}

	const created: string[] = [];
	try {
		for (const [file, bytes] of files) {
			if (await exists(file)) continue;
			await writeAtomically(file, bytes);
			created.push(file);
		}
		if (!existing) {
			await storage.db
				.insertInto('asset')
				.values({
					sha256,
					workspace_id: input.workspaceId,
					name: cleanAssetName(input.name),
					mime: asset.contentType,
					size: asset.bytes.length,
					data: null,
					width: asset.width,
					height: asset.height,
					created_by: input.userId,
					created_at: nowIso()
				})
				// A concurrent upload of the same bytes won: its row stands, the files are identical.
				.onConflict((oc) => oc.columns(['workspace_id', 'sha256']).doNothing())
				.execute();
		}
	} catch (error) {
		await Promise.all(created.map((file) => fs.rm(file, { force: true })));
		throw error;
	}
	const stored = await findAsset(storage.db, input.workspaceId, sha256);
	if (!stored) throw new Error(`asset ${sha256} vanished right after it was stored`);
	return { ok: true, asset: stored, created: !existing };
}

/** One asset of a workspace, or null. */
export async function findAsset(
	db: Kysely<Database>,
	workspaceId: string,
	sha256: string
): Promise<AssetRecord | null> {
	const row = await db
		.selectFrom('asset')
		.select(COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.where('sha256', '=', sha256)
		.executeTakeFirst();
	return row ? toRecord(row) : null;
}

/**
 * A workspace's images, newest first (the asset library's grid). Font files are assets too but
 * have no thumbnail; they are reached through the definitions' `fonts`.
 */
export async function listAssets(
	db: Kysely<Database>,
	workspaceId: string
): Promise<AssetRecord[]> {
	const rows = await db
		.selectFrom('asset')
		.select(COLUMNS)
		.where('workspace_id', '=', workspaceId)
		.where('mime', 'not like', 'font/%')
		.orderBy('created_at', 'desc')
		.orderBy('sha256')
		.execute();
	return rows.map(toRecord);
}

/**
 * The asset with this hash in one of the user's workspaces (any role), or null — an asset of
 * another workspace is "not found", as products are.
 */
export async function findMemberAsset(
	db: Kysely<Database>,
	userId: string,
	sha256: string
): Promise<AssetRecord | null> {
	const row = await db
		.selectFrom('asset')
		.innerJoin('member', 'member.organizationId', 'asset.workspace_id')
		.select(COLUMNS.map((c) => `asset.${c}` as const))
		.where('member.userId', '=', userId)
		.where('asset.sha256', '=', sha256)
		.orderBy('asset.created_at')
		.executeTakeFirst();
	return row ? toRecord(row) : null;
}

/** An asset frozen into at least one published version (what the public API may serve), or null. */
export async function findPublicAsset(
	db: Kysely<Database>,
	sha256: string
): Promise<AssetRecord | null> {
	const row = await db
		.selectFrom('version_asset')
		.innerJoin('asset', (join) =>
			join
				.onRef('asset.workspace_id', '=', 'version_asset.workspace_id')
				.onRef('asset.sha256', '=', 'version_asset.sha256')
		)
		.select(COLUMNS.map((c) => `asset.${c}` as const))
		.where('version_asset.sha256', '=', sha256)
		.orderBy('asset.created_at')
		.executeTakeFirst();
	return row ? toRecord(row) : null;
}

/** The stored bytes of an asset file, or null when the file is missing. */
export async function readAssetFile(
	dataDir: string,
	asset: Pick<AssetRecord, 'workspaceId' | 'sha256'>,
	variant: AssetVariant
): Promise<Buffer | null> {
	try {
		return await fs.readFile(assetFilePath(dataDir, asset.workspaceId, asset.sha256, variant));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/**
 * Records which of the workspace's assets a published version refers to (see references.ts),
 * so the public API serves them. Call it inside the transaction that stores the version. Hashes
 * the workspace does not hold are returned as `missing` and not frozen.
 */
export async function freezeVersionAssets(
	db: Kysely<Database>,
	input: { workspaceId: string; productId: string; versionNumber: number; definition: unknown }
): Promise<{ frozen: string[]; missing: string[] }> {
	const hashes = referencedAssetHashes(input.definition);
	if (hashes.length === 0) return { frozen: [], missing: [] };
	const held = await db
		.selectFrom('asset')
		.select('sha256')
		.where('workspace_id', '=', input.workspaceId)
		.where('sha256', 'in', hashes)
		.execute();
	const frozen = held.map((row) => row.sha256).sort();
	if (frozen.length > 0) {
		await db
			.insertInto('version_asset')
			.values(
				frozen.map((sha256) => ({
					product_id: input.productId,
					version_number: input.versionNumber,
					workspace_id: input.workspaceId,
					sha256
				}))
			)
			.onConflict((oc) => oc.columns(['product_id', 'version_number', 'sha256']).doNothing())
			.execute();
	}
	return { frozen, missing: hashes.filter((h) => !frozen.includes(h)) };
}
