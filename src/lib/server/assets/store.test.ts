import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftStateFromDefinition, type Json } from '../../collab/definition-doc';
import { nowIso } from '../ids';
import { createProduct } from '../products';
import { publishDraft } from '../publish';
import { freshDatabase, TEST_DIALECTS } from '../test-databases';
import {
	assetFilePath,
	findMemberAsset,
	findPublicAsset,
	freezeVersionAssets,
	listAssets,
	readAssetFile,
	referencedAssetHashes,
	storeAsset
} from '.';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;

/** Every file under a folder, relative to it (empty when the folder does not exist). */
function filesUnder(folder: string): string[] {
	if (!fs.existsSync(folder)) return [];
	return fs
		.readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
		.sort();
}

async function pngOf(width: number, height: number, color = '#2e86de'): Promise<Uint8Array> {
	return new Uint8Array(
		await sharp({ create: { width, height, channels: 3, background: color } })
			.png()
			.toBuffer()
	);
}

async function addWorkspace(database: Fresh, slug: string): Promise<string> {
	const id = 'ws' + Math.random().toString(36).slice(2, 10);
	await database.db
		.insertInto('organization')
		.values({ id, name: slug, slug, logo: null, createdAt: nowIso(), metadata: null })
		.execute();
	return id;
}

describe('referencedAssetHashes', () => {
	it('finds hashes in the assets table by sha256 and by public URL path, once each', () => {
		const a = 'a'.repeat(64);
		const b = 'b'.repeat(64);
		expect(
			referencedAssetHashes({
				assets: {
					one: { sha256: a, path: `/api/v1/assets/${a}`, mime: 'image/png' },
					two: { path: `https://shop.example/api/v1/assets/${b}`, mime: 'image/png' },
					sample: { path: '/samples/team-jersey/body.svg', mime: 'image/svg+xml' },
					broken: { sha256: 'not-a-hash' }
				}
			})
		).toEqual([a, b]);
		expect(referencedAssetHashes(null)).toEqual([]);
		expect(referencedAssetHashes({ assets: 3 })).toEqual([]);
	});
});

describe.each(TEST_DIALECTS)('asset storage on %s', (dialect) => {
	let database: Fresh;
	let workspaceId: string;
	let storage: { db: Fresh['db']; dataDir: string };

	beforeEach(async () => {
		database = await freshDatabase(dialect);
		workspaceId = await addWorkspace(database, 'shop');
		storage = { db: database.db, dataDir: database.dataDir };
	});
	afterEach(async () => {
		await database.drop();
	});

	it('stores an image once per workspace, with its thumbnail, whatever it was called', async () => {
		const bytes = await pngOf(600, 300);
		const first = await storeAsset(storage, {
			workspaceId,
			userId: 'u1',
			name: 'red-front.png',
			bytes
		});
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(first.created).toBe(true);
		expect(first.asset).toMatchObject({
			workspaceId,
			name: 'red-front.png',
			contentType: 'image/png',
			bytes: bytes.length,
			width: 600,
			height: 300,
			createdBy: 'u1',
			url: `/api/v1/assets/${first.asset.sha256}`
		});
		const again = await storeAsset(storage, { workspaceId, userId: 'u2', name: 'copy.png', bytes });
		expect(again.ok && again.created).toBe(false);
		expect(again.ok && again.asset).toEqual(first.asset);

		expect(await listAssets(database.db, workspaceId)).toEqual([first.asset]);
		const original = await readAssetFile(storage.dataDir, first.asset, 'original');
		expect(original && new Uint8Array(original)).toEqual(bytes);
		const thumbnail = await readAssetFile(storage.dataDir, first.asset, 'thumbnail');
		const meta = await sharp(thumbnail!).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 128]);
		expect(filesUnder(path.join(storage.dataDir, 'assets'))).toHaveLength(2);
	});

	it('stores the sanitized SVG, hashed over the stored bytes', async () => {
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="x()"><rect width="10" height="10"/></svg>'
		);
		const result = await storeAsset(storage, {
			workspaceId,
			userId: null,
			name: 'a.svg',
			bytes: svg
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.removed).toEqual(['onload event handler on <svg> (line 1)']);
		const stored = await readAssetFile(storage.dataDir, result.asset, 'original');
		expect(stored!.toString('utf8')).not.toContain('onload');
		const { createHash } = await import('node:crypto');
		expect(createHash('sha256').update(stored!).digest('hex')).toBe(result.asset.sha256);
	});

	it('writes nothing when the file is refused', async () => {
		const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]);
		const header = await pngOf(4, 4);
		// A PNG whose header is fine but whose data is cut off: refused by the decoder, not the sniffer.
		const truncated = header.subarray(0, 40);
		for (const bytes of [new Uint8Array(), elf, truncated]) {
			const result = await storeAsset(storage, { workspaceId, userId: null, name: 'x.png', bytes });
			expect(result.ok).toBe(false);
			expect(!result.ok && result.error.path).toBe('file');
		}
		expect(await listAssets(database.db, workspaceId)).toEqual([]);
		expect(filesUnder(path.join(storage.dataDir, 'assets'))).toEqual([]);
	});

	it('keeps workspaces apart: the same bytes are two assets, each seen by its members only', async () => {
		const other = await addWorkspace(database, 'other');
		const bytes = await pngOf(8, 8);
		const mine = await storeAsset(storage, { workspaceId, userId: null, name: 'a.png', bytes });
		const theirs = await storeAsset(storage, {
			workspaceId: other,
			userId: null,
			name: 'b.png',
			bytes
		});
		expect(mine.ok && theirs.ok && mine.asset.sha256 === theirs.asset.sha256).toBe(true);
		expect(filesUnder(path.join(storage.dataDir, 'assets'))).toHaveLength(4);
		await database.db
			.insertInto('user')
			.values({
				id: 'u-other',
				name: 'Other',
				email: 'o@example.com',
				emailVerified: dialect === 'postgres' ? false : 0,
				image: null,
				createdAt: nowIso(),
				updatedAt: nowIso()
			})
			.execute();
		await database.db
			.insertInto('member')
			.values({
				id: 'm1',
				organizationId: other,
				userId: 'u-other',
				role: 'viewer',
				createdAt: nowIso()
			})
			.execute();
		const seen = await findMemberAsset(database.db, 'u-other', mine.ok ? mine.asset.sha256 : '');
		expect(seen?.workspaceId).toBe(other);
		expect(seen?.name).toBe('b.png');
		expect(await findMemberAsset(database.db, 'nobody', seen!.sha256)).toBeNull();
	});

	it('makes an asset public only once a published version refers to it', async () => {
		const bytes = await pngOf(16, 16);
		const stored = await storeAsset(storage, { workspaceId, userId: null, name: 'a.png', bytes });
		if (!stored.ok) throw new Error(stored.error.message);
		const { sha256 } = stored.asset;
		expect(await findPublicAsset(database.db, sha256)).toBeNull();

		const definition = JSON.parse(
			fs.readFileSync(path.resolve('static/samples/team-jersey/definition.json'), 'utf8')
		) as { [key: string]: Json } & { assets: { [key: string]: Json } };
		const productId = await createProduct(database.db, {
			workspaceId,
			name: 'Jersey',
			handle: 'jersey'
		});
		const unreferenced = await publishDraft(database.db, {
			productId,
			workspaceId,
			authorId: null,
			draftState: draftStateFromDefinition(definition)
		});
		expect(unreferenced.ok).toBe(true);
		expect(await findPublicAsset(database.db, sha256)).toBeNull();

		definition.assets['uploaded-logo'] = {
			sha256,
			path: `/api/v1/assets/${sha256}`,
			mime: 'image/png',
			width: 16,
			height: 16
		};
		const published = await publishDraft(database.db, {
			productId,
			workspaceId,
			authorId: null,
			draftState: draftStateFromDefinition(definition)
		});
		expect(published).toMatchObject({ ok: true, version: 2 });
		expect((await findPublicAsset(database.db, sha256))?.sha256).toBe(sha256);
		const frozen = await database.db.selectFrom('version_asset').selectAll().execute();
		expect(frozen.map((r) => [r.product_id, Number(r.version_number), r.sha256])).toEqual([
			[productId, 2, sha256]
		]);
	});

	it('freezes only hashes the workspace holds and reports the others', async () => {
		const stored = await storeAsset(storage, {
			workspaceId,
			userId: null,
			name: 'a.png',
			bytes: await pngOf(3, 3)
		});
		if (!stored.ok) throw new Error(stored.error.message);
		const productId = await createProduct(database.db, { workspaceId, name: 'P', handle: 'p' });
		await database.db
			.insertInto('product_version')
			.values({
				product_id: productId,
				number: 1,
				definition: '{}',
				content_hash: 'x',
				author_id: null,
				note: null,
				created_at: nowIso()
			})
			.execute();
		const unknown = 'f'.repeat(64);
		const result = await freezeVersionAssets(database.db, {
			workspaceId,
			productId,
			versionNumber: 1,
			definition: {
				assets: {
					a: { sha256: stored.asset.sha256, mime: 'image/png' },
					b: { sha256: unknown, mime: 'image/png' }
				}
			}
		});
		expect(result).toEqual({ frozen: [stored.asset.sha256], missing: [unknown] });
	});

	it('refuses unsafe workspace ids as folder names', () => {
		expect(() => assetFilePath('/data', '../etc', 'a'.repeat(64), 'original')).toThrow(
			/unsafe workspace id/
		);
	});
});
