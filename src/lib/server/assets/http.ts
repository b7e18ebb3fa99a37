import type { Kysely } from 'kysely';
import { productAccess, roleAllows, workspaceRole, type Role } from '../access';
import type { Database } from '../db';
import { CORS_HEADERS, errorResponse, etagMatches, IMMUTABLE_CACHE } from '../public-api';
import { MAX_ASSET_BYTES, MAX_FONT_BYTES } from './limits';
import { SHA256_HEX } from './references';
import {
	findMemberAsset,
	findPublicAsset,
	readAssetFile,
	storeAsset,
	storeFont,
	type AssetRecord,
	type AssetVariant
} from './store';
import { formatBytes, type AssetProblem } from './validate';

/**
 * The HTTP answers of the asset routes (the `+server.ts` files only call these): the studio's
 * upload and member-only reads under `/api/studio/assets`, and the public `/api/v1/assets/<sha>`.
 */

export interface AssetHttpContext {
	db: Kysely<Database>;
	dataDir: string;
	/** The signed-in user, or null. */
	userId: string | null;
	/** The session's active workspace, used when the request names neither workspace nor product. */
	activeWorkspaceId: string | null;
}

/** The context of a request as the asset answers need it. */
export function assetHttpContext(locals: App.Locals): AssetHttpContext {
	return {
		db: locals.services.database.db,
		dataDir: locals.services.config.dataDir,
		userId: locals.user?.id ?? null,
		activeWorkspaceId: locals.session?.activeWorkspaceId ?? null
	};
}

/** The HTTP status of each refusal: too large 413, not a supported type 415, a bad image 422. */
const PROBLEM_STATUS: Record<AssetProblem['code'], number> = {
	'too-large': 413,
	'not-an-image': 415,
	'unsupported-image': 415,
	empty: 422,
	'bad-header': 422,
	'too-many-pixels': 422,
	'unsafe-svg': 422,
	undecodable: 422,
	'not-a-font': 415,
	'bad-font': 422
};

/** Header carrying the uploaded file's name, URI-encoded (`encodeURIComponent`). */
export const FILE_NAME_HEADER = 'x-file-name';

/** Headers of every stored image answer: never sniffed, SVG sandboxed (no scripts, no loads). */
function imageHeaders(asset: AssetRecord, variant: AssetVariant): Record<string, string> {
	const contentType = variant === 'thumbnail' ? 'image/webp' : asset.contentType;
	const headers: Record<string, string> = {
		'content-type': contentType,
		'x-content-type-options': 'nosniff',
		etag: `"${asset.sha256}${variant === 'thumbnail' ? '-thumb' : ''}"`
	};
	if (contentType === 'image/svg+xml') {
		headers['content-security-policy'] = "default-src 'none'; style-src 'unsafe-inline'";
	}
	return headers;
}

/** A studio JSON error: `{ error: { path?, message } }`, never cached. */
function studioError(status: number, message: string, path?: string): Response {
	return new Response(JSON.stringify({ error: path ? { path, message } : { message } }), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/** Reads the body up to `limit` bytes; null when it is longer (the rest is not read). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}

/** The workspace an upload goes to, from `?product=` or `?workspace=` or the active one. */
async function uploadWorkspace(
	ctx: AssetHttpContext & { userId: string },
	url: URL,
	needed: Role
): Promise<{ workspaceId: string } | Response> {
	const productId = url.searchParams.get('product');
	let workspaceId: string | null;
	let role: Role | null;
	if (productId) {
		const access = await productAccess(ctx.db, ctx.userId, productId);
		if (!access) return studioError(404, 'product not found');
		({ workspaceId, role } = access);
	} else {
		workspaceId = url.searchParams.get('workspace') ?? ctx.activeWorkspaceId;
		role = workspaceId ? await workspaceRole(ctx.db, ctx.userId, workspaceId) : null;
		if (!workspaceId || !role) return studioError(404, 'workspace not found');
	}
	if (!roleAllows(role, needed)) {
		return studioError(
			403,
			`uploading needs the ${needed} role; you are a ${role} in this workspace`
		);
	}
	return { workspaceId };
}

/**
 * POST /api/studio/assets?product=<id> (or ?workspace=<id>; default the active workspace): the
 * raw file as the body, its name in `X-File-Name`. Editors and owners only; 201 with
 * `{ asset, created: true, removed }` for a new asset, 200 with the existing record when the
 * workspace already holds these bytes, 4xx `{ error: { path: 'file', message } }` otherwise.
 * With `&kind=font` the file must be a font (`validateFont`, limit `MAX_FONT_BYTES`) and the
 * answer is `{ asset, created, font: { family, weight, style } }`.
 */
export async function uploadAssetResponse(
	ctx: AssetHttpContext,
	request: Request,
	url: URL
): Promise<Response> {
	const { userId } = ctx;
	if (!userId) return studioError(401, 'sign in to upload files');
	const kind = url.searchParams.get('kind') ?? 'image';
	if (kind !== 'image' && kind !== 'font')
		return studioError(400, `unknown kind "${kind}": expected image or font`, 'kind');
	const target = await uploadWorkspace({ ...ctx, userId }, url, 'editor');
	if (target instanceof Response) return target;
	const limit = kind === 'font' ? MAX_FONT_BYTES : MAX_ASSET_BYTES;
	const tooLarge = (size: string) =>
		studioError(413, `the file is ${size}: the limit is ${formatBytes(limit)}`, 'file');
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) return tooLarge(formatBytes(declared));
	const bytes = await readLimited(request, limit);
	if (!bytes) return tooLarge(`over ${formatBytes(limit)}`);
	let name: string | null = request.headers.get(FILE_NAME_HEADER);
	try {
		name = name === null ? null : decodeURIComponent(name);
	} catch {
		// A name that is not valid URI encoding is shown as sent.
	}
	const storage = { db: ctx.db, dataDir: ctx.dataDir };
	const input = { workspaceId: target.workspaceId, userId, name, bytes };
	const result =
		kind === 'font' ? await storeFont(storage, input) : await storeAsset(storage, input);
	if (!result.ok) {
		const status = PROBLEM_STATUS[result.error.code];
		return studioError(status, result.error.message, 'file');
	}
	const { ok: _ok, ...answer } = result;
	return new Response(JSON.stringify(answer), {
		status: result.created ? 201 : 200,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/**
 * GET /api/studio/assets/<sha256>[/thumb]: the file for signed-in members of a workspace that
 * holds it (drafts included); anyone else gets 404, as for products.
 */
export async function studioAssetResponse(
	ctx: AssetHttpContext,
	sha256: string,
	variant: AssetVariant,
	request: Request
): Promise<Response> {
	if (!ctx.userId) return studioError(401, 'sign in to see this file');
	if (!SHA256_HEX.test(sha256))
		return studioError(400, 'malformed asset id: expected 64 lowercase hex digits (a sha256)');
	const asset = await findMemberAsset(ctx.db, ctx.userId, sha256);
	if (!asset) return studioError(404, 'asset not found');
	return fileResponse(ctx.dataDir, asset, variant, request, {
		// Content-addressed, so it never changes; private because it may be an unpublished draft's.
		'cache-control': 'private, max-age=31536000, immutable'
	});
}

async function fileResponse(
	dataDir: string,
	asset: AssetRecord,
	variant: AssetVariant,
	request: Request,
	extra: Record<string, string>
): Promise<Response> {
	const headers = { ...imageHeaders(asset, variant), ...extra };
	if (etagMatches(request.headers.get('if-none-match'), headers.etag)) {
		return new Response(null, { status: 304, headers });
	}
	const bytes = await readAssetFile(dataDir, asset, variant);
	if (!bytes) return studioError(404, 'the file of this asset is missing on the server');
	return new Response(new Uint8Array(bytes), {
		status: 200,
		headers: { ...headers, 'content-length': String(bytes.length) }
	});
}

/**
 * GET /api/v1/assets/<sha256>: an asset frozen into a published version, immutable and public;
 * 400 for a malformed hash, 404 for anything not published (drafts' uploads included).
 */
export async function publicAssetResponse(
	db: Kysely<Database>,
	dataDir: string,
	sha256: string,
	request: Request
): Promise<Response> {
	if (!SHA256_HEX.test(sha256)) {
		return errorResponse(400, 'malformed asset hash: expected 64 lowercase hex digits (a sha256)');
	}
	const asset = await findPublicAsset(db, sha256);
	if (!asset) return errorResponse(404, `no published asset ${sha256}`);
	const response = await fileResponse(dataDir, asset, 'original', request, {
		...CORS_HEADERS,
		'cache-control': IMMUTABLE_CACHE
	});
	if (response.status === 404) return errorResponse(404, `the file of asset ${sha256} is missing`);
	return response;
}
