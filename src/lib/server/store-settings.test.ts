import { describe, expect, it } from 'vitest';
import { normalizeStoreOrigin } from './store-settings';

describe('normalizeStoreOrigin', () => {
	it('accepts https origins and localhost over http, normalized', () => {
		expect(normalizeStoreOrigin('https://Shop.Example.com/')).toEqual({
			ok: true,
			origin: 'https://shop.example.com'
		});
		expect(normalizeStoreOrigin(' https://shop.example.com:443 ')).toEqual({
			ok: true,
			origin: 'https://shop.example.com'
		});
		expect(normalizeStoreOrigin('https://shop.example.com:8443')).toEqual({
			ok: true,
			origin: 'https://shop.example.com:8443'
		});
		expect(normalizeStoreOrigin('http://localhost:5173')).toEqual({
			ok: true,
			origin: 'http://localhost:5173'
		});
	});

	it('refuses plain http, paths, queries, credentials, bare words and other schemes', () => {
		for (const bad of [
			'http://shop.example.com',
			'https://shop.example.com/cart',
			'https://shop.example.com/?a=1',
			'https://shop.example.com#x',
			'https://user:pw@shop.example.com',
			'shop.example.com',
			'https://intranet',
			'ftp://shop.example.com',
			'javascript:alert(1)',
			'',
			`https://${'a'.repeat(300)}.com`
		]) {
			const result = normalizeStoreOrigin(bad);
			expect(result.ok, bad).toBe(false);
			if (!result.ok) expect(result.message).toMatch(/expected https:\/\/host/);
		}
	});
});
