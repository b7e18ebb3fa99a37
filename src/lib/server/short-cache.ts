/**
 * Answers kept for a short time: for lookups a storefront asks thousands of times a second
 * whose answer changes rarely (the live version of a product, a store's allowed origins). Loads
 * in flight are shared, so a burst after expiry costs one query, not one per request.
 * Callers that change the underlying data call {@link ShortCache.clear}; other server instances
 * see the change when their entries expire.
 */
export class ShortCache<V> {
	readonly #entries = new Map<string, Entry<V>>();

	constructor(
		private readonly ttlMs: number,
		private readonly maxEntries = 2000
	) {}

	get(key: string, load: () => Promise<V>): Promise<V> {
		const now = Date.now();
		const hit = this.#entries.get(key);
		if (hit && hit.until > now) return hit.value;
		if (this.#entries.size >= this.maxEntries) this.#entries.clear();
		const value = load();
		const entry: Entry<V> = { value, until: now + this.ttlMs, settled: false, result: undefined };
		this.#entries.set(key, entry);
		value.then(
			(result) => {
				entry.settled = true;
				entry.result = result;
			},
			// A failed load is not kept: the next request tries again.
			() => {
				if (this.#entries.get(key) === entry) this.#entries.delete(key);
			}
		);
		return value;
	}

	/**
	 * The loaded answer of `key` when it is fresh and already loaded — without a promise, for
	 * hot paths that answer synchronously; `undefined` otherwise (then {@link get} loads it).
	 * Its freshness is exactly {@link get}'s: the same entry, the same expiry.
	 */
	peek(key: string, now = Date.now()): V | undefined {
		const hit = this.#entries.get(key);
		return hit && hit.settled && hit.until > now ? hit.result : undefined;
	}

	clear(): void {
		this.#entries.clear();
	}
}

interface Entry<V> {
	value: Promise<V>;
	until: number;
	/** True once `value` resolved; `result` holds what it resolved to. */
	settled: boolean;
	result: V | undefined;
}

/** One cache per database (tests open several databases in one process). */
export function cachePerDatabase<V>(ttlMs: number): {
	of(db: object): ShortCache<V>;
	clearAll(): void;
} {
	let caches = new WeakMap<object, ShortCache<V>>();
	return {
		of(db) {
			let cache = caches.get(db);
			if (!cache) {
				cache = new ShortCache<V>(ttlMs);
				caches.set(db, cache);
			}
			return cache;
		},
		clearAll() {
			caches = new WeakMap();
		}
	};
}

/**
 * The public API's lookups (published versions by store/handle/channel, store existence and
 * allowed origins), kept one second. Publishing, channel moves, archiving and store-settings
 * changes clear it in this process; other instances follow within the second.
 */
export const publicApiLookups: ReturnType<typeof cachePerDatabase<unknown>> = (() => {
	// One cache per process: the server entry (build/server.js) and SvelteKit's bundle each hold
	// their own copy of this module, and a publish in one must clear what the other serves.
	const key = Symbol.for('atelier.publicApiLookups');
	const holder = globalThis as { [key]?: ReturnType<typeof cachePerDatabase<unknown>> };
	return (holder[key] ??= cachePerDatabase<unknown>(1000));
})();
