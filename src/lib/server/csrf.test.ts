import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from './csrf';

const site = 'https://studio.example';
function check(path: string, init: { method?: string; type?: string; origin?: string }) {
	const headers: Record<string, string> = {};
	if (init.type) headers['content-type'] = init.type;
	if (init.origin) headers.origin = init.origin;
	const request = new Request(`${site}${path}`, {
		method: init.method ?? 'POST',
		headers,
		body: 'a=1'
	});
	return isCrossSiteForm(request, new URL(request.url));
}

describe('isCrossSiteForm', () => {
	it('refuses form posts from another origin or none, like SvelteKit', () => {
		expect(
			check('/sign-in', {
				type: 'application/x-www-form-urlencoded',
				origin: 'https://evil.example'
			})
		).toBe(true);
		expect(check('/sign-in', { type: 'multipart/form-data; boundary=x' })).toBe(true);
		expect(check('/members', { method: 'DELETE', type: 'text/plain' })).toBe(true);
	});

	it('lets same-origin forms, JSON and safe methods through', () => {
		expect(check('/sign-in', { type: 'application/x-www-form-urlencoded', origin: site })).toBe(
			false
		);
		expect(check('/api/v1/orders', { type: 'application/json' })).toBe(false);
	});

	it('lets signed webhook paths through (WooCommerce pings with a form body)', () => {
		expect(
			check('/api/v1/webhooks/woocommerce/orders-create', {
				type: 'application/x-www-form-urlencoded'
			})
		).toBe(false);
		expect(check('/api/v1/webhooksX', { type: 'application/x-www-form-urlencoded' })).toBe(true);
	});
});
