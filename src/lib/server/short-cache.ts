/**
 * Answers kept for a short time: for lookups a storefront asks thousands of times a second
 * whose answer changes rarely (the live version of a product, a store's allowed origins). Loads
 * in flight are shared, so a burst after expiry costs one query, not one per request.
 * Callers that change the underlying data call {@link ShortCache.clear}; other server instances
 * see the change when their entries expire.
 */
export class ShortCache<V> {
	readonly #entries = new Map<string, { value: Promise<V>; until: number }>();

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
		this.#entries.set(key, { value, until: now + this.ttlMs });
		// A failed load is not kept: the next request tries again.
		value.catch(() => this.#entries.delete(key));
		return value;
	}

	clear(): void {
		this.#entries.clear();
	}
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
