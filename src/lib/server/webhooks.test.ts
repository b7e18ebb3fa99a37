import { describe, expect, it } from 'vitest';
import { signatureMatches, toMinorUnits, webhookSignature } from './webhooks';

describe('webhook signatures', () => {
	it('accepts the base64 HMAC-SHA256 of the exact body and nothing else', () => {
		const body = '{"id":1}';
		const signature = webhookSignature('shh-secret', body);
		// RFC 4231 test case 2, in base64 as Shopify and WooCommerce send it.
		expect(webhookSignature('Jefe', 'what do ya want for nothing?')).toBe(
			'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM='
		);
		expect(signatureMatches(signature, webhookSignature('shh-secret', body))).toBe(true);
		expect(signatureMatches(signature, webhookSignature('shh-secret', '{"id":2}'))).toBe(false);
		expect(signatureMatches(signature, webhookSignature('other', body))).toBe(false);
		expect(signatureMatches(null, signature)).toBe(false);
		expect(signatureMatches('short', signature)).toBe(false);
	});
});

describe('toMinorUnits', () => {
	it('converts store amounts exactly, with the currency’s decimals', () => {
		expect(toMinorUnits('45.00', 'EUR')).toBe(4500);
		expect(toMinorUnits('45', 'USD')).toBe(4500);
		expect(toMinorUnits('0.1', 'USD')).toBe(10);
		expect(toMinorUnits(19.99, 'USD')).toBe(1999);
		expect(toMinorUnits('1500', 'JPY')).toBe(1500);
		expect(toMinorUnits('45.000', 'EUR')).toBe(4500);
	});

	it('refuses what is not an amount of that currency', () => {
		expect(toMinorUnits('45.001', 'EUR')).toBeNull();
		expect(toMinorUnits('-1', 'EUR')).toBeNull();
		expect(toMinorUnits('1e3', 'EUR')).toBeNull();
		expect(toMinorUnits('12', 'NOPE')).toBeNull();
	});
});
