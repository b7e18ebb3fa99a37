/**
 * Static variable ordering for the decision diagram. Keeps the variables of each constraint
 * close together: FORCE (Aloul, Markov, Sakallah 2003) from several starting orders, scored by
 * the total span of the constraint scopes weighted by the log of the domain sizes, keeping
 * the best order found.
 */

/** Cost of an order: sum over scopes of (last position - first position). */
export function totalSpan(position: Int32Array, scopes: number[][]): number {
	let total = 0;
	for (const scope of scopes) {
		if (scope.length < 2) continue;
		let lo = Infinity;
		let hi = -Infinity;
		for (const v of scope) {
			const p = position[v];
			if (p < lo) lo = p;
			if (p > hi) hi = p;
		}
		total += hi - lo;
	}
	return total;
}

function positionsOf(order: number[]): Int32Array {
	const pos = new Int32Array(order.length);
	order.forEach((v, i) => (pos[v] = i));
	return pos;
}

/** A small deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function force(start: number[], scopes: number[][], varScopes: number[][], iterations: number) {
	let order = start.slice();
	let pos = positionsOf(order);
	let best = order;
	let bestSpan = totalSpan(pos, scopes);
	const n = order.length;
	for (let it = 0; it < iterations; it++) {
		const cog = scopes.map((s) => {
			let sum = 0;
			for (const v of s) sum += pos[v];
			return sum / s.length;
		});
		const target = new Float64Array(n);
		for (let v = 0; v < n; v++) {
			const cs = varScopes[v];
			if (cs.length === 0) {
				target[v] = pos[v];
				continue;
			}
			let sum = 0;
			for (const c of cs) sum += cog[c];
			target[v] = sum / cs.length;
		}
		order = order.slice().sort((a, b) => target[a] - target[b] || pos[a] - pos[b]);
		pos = positionsOf(order);
		const span = totalSpan(pos, scopes);
		if (span < bestSpan) {
			bestSpan = span;
			best = order;
		} else if (span === bestSpan) break;
	}
	return { order: best, span: bestSpan };
}

/**
 * Picks "hub" variables: repeatedly, the variable occurring in at least half of the scopes not
 * yet covered by a hub (while at least `minRemaining` such scopes remain). Configuration models
 * typically have one (model/version code) or two such variables; putting them at the top splits
 * the diagram into one small sub-diagram per hub value.
 */
export function findHubs(n: number, scopes: number[][], minRemaining = 10): number[] {
	const hubs: number[] = [];
	let remaining = scopes.filter((s) => s.length >= 2);
	while (remaining.length >= minRemaining) {
		const degree = new Int32Array(n);
		for (const s of remaining) for (const v of s) degree[v]++;
		let best = -1;
		for (let v = 0; v < n; v++) if (best < 0 || degree[v] > degree[best]) best = v;
		if (best < 0 || degree[best] * 2 < remaining.length) break;
		hubs.push(best);
		remaining = remaining.filter((s) => !s.includes(best));
	}
	return hubs;
}

/**
 * Computes a variable order (a permutation of `0..n-1`, top of the diagram first) for
 * `n` variables constrained by `scopes` (lists of variable indexes).
 */
export function computeOrder(n: number, scopes: number[][], restarts = 8): number[] {
	const hubs = findHubs(n, scopes);
	const isHub = new Uint8Array(n);
	for (const h of hubs) isHub[h] = 1;
	const rest = forceOrder(
		n,
		scopes.map((s) => s.filter((v) => !isHub[v])),
		restarts
	);
	return [...hubs, ...rest.filter((v) => !isHub[v])];
}

/** FORCE from the natural order and `restarts` random orders; returns the least-span order. */
export function forceOrder(n: number, scopes: number[][], restarts = 8): number[] {
	const useful = scopes.filter((s) => s.length >= 2);
	const varScopes: number[][] = Array.from({ length: n }, () => []);
	useful.forEach((s, i) => {
		for (const v of s) varScopes[v].push(i);
	});
	const natural = Array.from({ length: n }, (_, i) => i);
	let best = force(natural, useful, varScopes, 60);
	const rnd = mulberry32(12345);
	for (let r = 0; r < restarts; r++) {
		const start = natural.slice();
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(rnd() * (i + 1));
			[start[i], start[j]] = [start[j], start[i]];
		}
		const candidate = force(start, useful, varScopes, 60);
		if (candidate.span < best.span) best = candidate;
	}
	return best.order;
}
