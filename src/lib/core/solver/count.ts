/**
 * Counting, witnesses and the plain form over a frozen {@link Diagram}: BigInt path counts (per
 * value too), one solution, `diagramData` (what `serialize` writes). The compiler's side (`compile.ts` gives them to the models it compiles or fully
 * loads); the storefront's compiler-free loader (`loadCompiledDiagram`) leaves them out — it
 * answers availability, satisfiability and explanations, which is all a storefront asks.
 */
import { TRUE, type Diagram, type DiagramData } from './diagram';

/** Counts allowed paths to true; `allowedCount[l]` = number of allowed values at level `l`. */
export function countPaths(d: Diagram, mask: Uint8Array, allowedCount: Int32Array): bigint {
	const L = d.layout.levels;
	const { nodeLevel, edgeStart, edgeValue, edgeChild } = d;
	const off = d.layout.valueOffset;
	const prodCache = new Map<number, bigint>();
	const between = (a: number, b: number): bigint => {
		// product of allowed counts of levels a..b-1
		if (b <= a) return 1n;
		const key = a * (L + 1) + b;
		let p = prodCache.get(key);
		if (p === undefined) {
			p = 1n;
			for (let l = a; l < b; l++) p *= BigInt(allowedCount[l]);
			prodCache.set(key, p);
		}
		return p;
	};
	const cnt: bigint[] = new Array<bigint>(nodeLevel.length).fill(0n);
	cnt[TRUE] = 1n;
	for (let id = nodeLevel.length - 1; id >= 2; id--) {
		const l = nodeLevel[id];
		const base = off[l];
		let s = 0n;
		for (let e = edgeStart[id], end = edgeStart[id + 1]; e < end; e++) {
			if (!mask[base + edgeValue[e]]) continue;
			const c = edgeChild[e];
			const cc = cnt[c];
			if (cc === 0n) continue;
			s += cc * between(l + 1, nodeLevel[c]);
		}
		cnt[id] = s;
	}
	return cnt[d.root] * between(0, nodeLevel[d.root]);
}

/**
 * Per-value counts: `result[offset(l) + v]` = number of allowed paths through value `v` of
 * level `l` (for every level). Total count returned alongside.
 */
export function countPathsByValue(
	d: Diagram,
	mask: Uint8Array,
	allowedCount: Int32Array
): { total: bigint; byValue: bigint[] } {
	const L = d.layout.levels;
	const { nodeLevel, edgeStart, edgeValue, edgeChild } = d;
	const off = d.layout.valueOffset;
	const between = (a: number, b: number): bigint => {
		let p = 1n;
		for (let l = a; l < b; l++) p *= BigInt(allowedCount[l]);
		return p;
	};
	const N = nodeLevel.length;
	const down: bigint[] = new Array<bigint>(N).fill(0n);
	down[TRUE] = 1n;
	for (let id = N - 1; id >= 2; id--) {
		const l = nodeLevel[id];
		let s = 0n;
		for (let e = edgeStart[id], end = edgeStart[id + 1]; e < end; e++) {
			if (!mask[off[l] + edgeValue[e]]) continue;
			const c = edgeChild[e];
			if (down[c] !== 0n) s += down[c] * between(l + 1, nodeLevel[c]);
		}
		down[id] = s;
	}
	const byValue: bigint[] = new Array<bigint>(off[L]).fill(0n);
	const total = down[d.root] * between(0, nodeLevel[d.root]);
	if (total === 0n) return { total, byValue };
	// flow[l] accumulates the number of solutions whose path skips level l
	const skipFlow: bigint[] = new Array<bigint>(L + 1).fill(0n);
	const addSkip = (from: number, to: number, amount: bigint): void => {
		if (to <= from) return;
		skipFlow[from] += amount;
		skipFlow[to] -= amount;
	};
	const up: bigint[] = new Array<bigint>(N).fill(0n);
	if (d.root >= 2) {
		up[d.root] = between(0, nodeLevel[d.root]);
		addSkip(0, nodeLevel[d.root], total);
	} else addSkip(0, L, total);
	for (let id = 2; id < N; id++) {
		const u = up[id];
		if (u === 0n || down[id] === 0n) continue;
		const l = nodeLevel[id];
		for (let e = edgeStart[id], end = edgeStart[id + 1]; e < end; e++) {
			const v = edgeValue[e];
			if (!mask[off[l] + v]) continue;
			const c = edgeChild[e];
			if (down[c] === 0n) continue;
			const lc = nodeLevel[c];
			const w = u * between(l + 1, lc);
			if (c >= 2) up[c] += w;
			const flow = w * down[c];
			byValue[off[l] + v] += flow;
			addSkip(l + 1, lc, flow);
		}
	}
	let run = 0n;
	for (let l = 0; l < L; l++) {
		run += skipFlow[l];
		if (run === 0n) continue;
		const share = run / BigInt(allowedCount[l]);
		for (let j = off[l]; j < off[l + 1]; j++) if (mask[j]) byValue[j] += share;
	}
	return { total, byValue };
}

/**
 * A witness: one allowed value index per level on an allowed path to true, or null.
 * Skipped levels take their first allowed value.
 */
export function witness(d: Diagram, mask: Uint8Array): Int32Array | null {
	if (!d.satisfiable(mask)) return null;
	const L = d.layout.levels;
	const off = d.layout.valueOffset;
	const result = new Int32Array(L).fill(-1);
	let n = d.root;
	while (n >= 2) {
		const l = d.nodeLevel[n];
		let next = -1;
		for (let e = d.edgeStart[n], end = d.edgeStart[n + 1]; e < end; e++) {
			const c = d.edgeChild[e];
			if (mask[off[l] + d.edgeValue[e]] && d.alive[c]) {
				result[l] = d.edgeValue[e];
				next = c;
				break;
			}
		}
		if (next < 0) return null;
		n = next;
	}
	for (let l = 0; l < L; l++) {
		if (result[l] >= 0) continue;
		for (let v = 0; v < d.layout.domainSizes[l]; v++)
			if (mask[off[l] + v]) {
				result[l] = v;
				break;
			}
	}
	return result;
}

/** The plain form of this diagram. */
export function diagramData(d: Diagram): DiagramData {
	const levels = Array.from(d.nodeLevel.subarray(2));
	const edges: number[] = [];
	for (let id = 2; id < d.nodeLevel.length; id++) {
		const s = d.edgeStart[id];
		const e = d.edgeStart[id + 1];
		edges.push(e - s);
		for (let k = s; k < e; k++) edges.push(d.edgeValue[k], d.edgeChild[k]);
	}
	return { root: d.root, levels, edges };
}
