import { describe, expect, it } from 'vitest';
import { TokenBucket, messageCost } from './rateLimit';

describe('TokenBucket', () => {
	it('lets a burst through, then one message per refill interval', () => {
		const bucket = new TokenBucket(10, 3, 0);
		expect([bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0)]).toEqual([0, 0, 0]);
		expect(bucket.take(1, 0)).toBe(100);
		expect(bucket.take(1, 50)).toBe(50);
		expect(bucket.take(1, 100)).toBe(0);
		expect(bucket.take(1, 100)).toBe(100);
	});

	it('never holds more than the burst, and lets a message dearer than the burst through when full', () => {
		const bucket = new TokenBucket(10, 3, 0);
		expect(bucket.take(3, 10_000)).toBe(0);
		expect(bucket.take(1, 10_000)).toBe(100);
		expect(bucket.take(50, 10_300)).toBe(0);
		expect(bucket.take(1, 10_300)).toBe(100);
	});
});

describe('messageCost', () => {
	it('charges big messages by the 64 KiB they take', () => {
		expect(messageCost(10)).toBe(1);
		expect(messageCost(65_535)).toBe(1);
		expect(messageCost(65_536)).toBe(2);
		expect(messageCost(1_000_000)).toBe(16);
	});
});
