/**
 * A token bucket: `burst` tokens at most, refilled at `perSecond`. `take` spends tokens when the
 * bucket has them; otherwise it spends nothing and says how long to wait until it would have.
 */
export class TokenBucket {
	#tokens: number;
	#refilledAt: number;

	constructor(
		readonly perSecond: number,
		readonly burst: number,
		now: number = performance.now()
	) {
		this.#tokens = burst;
		this.#refilledAt = now;
	}

	/** 0 when `cost` tokens were taken; else the milliseconds until they will be there. */
	take(cost: number, now: number = performance.now()): number {
		this.#tokens = Math.min(
			this.burst,
			this.#tokens + ((now - this.#refilledAt) * this.perSecond) / 1000
		);
		this.#refilledAt = now;
		// A message dearer than the whole bucket goes through once the bucket is full.
		const needed = Math.min(cost, this.burst);
		if (this.#tokens >= needed) {
			this.#tokens -= needed;
			return 0;
		}
		return Math.ceil(((needed - this.#tokens) * 1000) / this.perSecond);
	}
}

/** What one message costs: 1, plus 1 per started 64 KiB beyond the first. */
export function messageCost(bytes: number): number {
	return 1 + Math.floor(bytes / 65_536);
}
