import { describe, expect, it } from 'vitest';
import { MAX_ASSET_BYTES } from '$lib/server/assets/limits';
import {
	AssetLibraryState,
	UPLOAD_LIMIT_BYTES,
	uploadProblem,
	type LibraryAsset,
	type Uploader
} from './assets.svelte';

const asset = (sha: string, name: string): LibraryAsset => ({
	sha256: sha.repeat(64),
	workspaceId: 'w',
	name,
	contentType: 'image/png',
	bytes: 10,
	width: 4,
	height: 4,
	createdBy: null,
	createdAt: '2026-01-01T00:00:00.000Z',
	url: `/api/v1/assets/${sha.repeat(64)}`,
	studioUrl: `/api/studio/assets/${sha.repeat(64)}`,
	thumbnailUrl: `/api/studio/assets/${sha.repeat(64)}/thumb`
});

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

describe('AssetLibraryState', () => {
	it('checks files against the same limit as the server', () => {
		expect(UPLOAD_LIMIT_BYTES).toBe(MAX_ASSET_BYTES);
	});

	it('uploads files, tracking progress, and puts the new assets first', async () => {
		const sent: string[] = [];
		const progress: number[] = [];
		let library!: AssetLibraryState;
		const uploader: Uploader = async (url, f, onProgress) => {
			sent.push(`${url} ${f.name}`);
			onProgress(f.size / 2, f.size);
			progress.push(library.uploads.find((u) => u.name === f.name)!.loaded);
			return {
				status: 201,
				body: { asset: asset(f.name[0], f.name), created: true, removed: [] }
			};
		};
		library = new AssetLibraryState({
			productId: 'p1',
			canUpload: true,
			uploader,
			list: async () => [asset('z', 'old.png')]
		});
		await library.load();
		await library.upload([file('a.png', 8), file('b.png', 6)]);
		expect(sent).toEqual([
			'/api/studio/assets?product=p1 a.png',
			'/api/studio/assets?product=p1 b.png'
		]);
		expect(progress).toEqual([4, 3]);
		expect(library.uploads.map((u) => [u.name, u.status, u.loaded])).toEqual([
			['a.png', 'done', 8],
			['b.png', 'done', 6]
		]);
		expect(library.assets.map((a) => a.name)).toEqual(['b.png', 'a.png', 'old.png']);
		expect(library.uploading).toBe(false);
	});

	it('refuses empty and oversized files without sending them, and shows server refusals', async () => {
		const sent: string[] = [];
		const library = new AssetLibraryState({
			productId: 'p1',
			canUpload: true,
			uploader: async (_url, f) => {
				sent.push(f.name);
				return {
					status: 415,
					body: { error: { path: 'file', message: 'not an image: the file is a ZIP archive' } }
				};
			},
			list: async () => []
		});
		const oversized = file('big.png', 1);
		Object.defineProperty(oversized, 'size', { value: UPLOAD_LIMIT_BYTES + 1 });
		await library.upload([file('empty.png', 0), oversized, file('setup.png', 3)]);
		expect(sent).toEqual(['setup.png']);
		expect(library.uploads.map((u) => [u.name, u.status, u.error])).toEqual([
			['empty.png', 'error', expect.stringContaining('empty (0 bytes)')],
			['big.png', 'error', expect.stringContaining('the limit is 20 MiB')],
			['setup.png', 'error', 'Not an image: the file is a ZIP archive.']
		]);
		library.clearFinished();
		expect(library.uploads).toEqual([]);
	});

	it('says what a failed request means when the server gave no message', () => {
		expect(uploadProblem({ status: 0, body: null })).toMatch(/could not be reached/);
		expect(uploadProblem({ status: 413, body: null })).toMatch(/limit is 20 MiB/);
		expect(uploadProblem({ status: 502, body: null })).toMatch(/HTTP 502/);
	});

	it('toggles the selection used by the bulk assignment', async () => {
		const library = new AssetLibraryState({
			productId: 'p1',
			canUpload: false,
			list: async () => [asset('a', 'red.png'), asset('b', 'navy.png')]
		});
		await library.load();
		library.toggle('a'.repeat(64));
		expect(library.selectedAssets.map((a) => a.name)).toEqual(['red.png']);
		library.toggle('a'.repeat(64));
		expect(library.selectedAssets).toEqual([]);
	});
});
