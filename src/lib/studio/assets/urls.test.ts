import { describe, expect, it } from 'vitest';
import { studioAssetUrl } from './urls';

const hash = 'ab'.repeat(32);

describe('studioAssetUrl', () => {
	it('loads stored uploads through the members-only route', () => {
		expect(studioAssetUrl({ sha256: hash, path: `/api/v1/assets/${hash}` })).toBe(
			`/api/studio/assets/${hash}`
		);
		expect(studioAssetUrl({ path: `/api/v1/assets/${hash}` })).toBe(`/api/studio/assets/${hash}`);
	});

	it('keeps static sample paths and other URLs as they are', () => {
		expect(studioAssetUrl({ path: '/samples/fonts/inter-latin-400-normal.woff2' })).toBe(
			'/samples/fonts/inter-latin-400-normal.woff2'
		);
		expect(studioAssetUrl({ path: 'https://cdn.example/a.png' })).toBe('https://cdn.example/a.png');
	});
});
