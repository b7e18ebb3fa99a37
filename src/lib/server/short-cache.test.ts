import { describe, expect, it } from 'vitest';
import { ShortCache } from './short-cache';

describe('ShortCache', () => {
	it('shares one load among concurrent gets', async () => {
		const cache = new ShortCache<number>(60_000);
		let loads = 0;
		const load = async () => ++loads;
		const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
		expect([a, b, loads]).toEqual([1, 1, 1]);
	});

	it('peeks a loaded answer only while it is fresh', async () => {
		const cache = new ShortCache<string | null>(1000);
		let release!: (value: string | null) => void;
		const loading = cache.get('k', () => new Promise((resolve) => (release = resolve)));
		// Still loading: nothing to answer synchronously.
		expect(cache.peek('k')).toBeUndefined();
		release(null);
		await loading;
		// A loaded null ("not found") is an answer too, told apart from "not loaded".
		expect(cache.peek('k')).toBeNull();
		expect(cache.peek('k', Date.now() + 1001)).toBeUndefined();
		expect(cache.peek('other')).toBeUndefined();
		cache.clear();
		expect(cache.peek('k')).toBeUndefined();
	});

	it('keeps no failed load: the next get loads again', async () => {
		const cache = new ShortCache<string>(60_000);
		await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
		expect(cache.peek('k')).toBeUndefined();
		expect(await cache.get('k', async () => 'up')).toBe('up');
		expect(cache.peek('k')).toBe('up');
	});
});
