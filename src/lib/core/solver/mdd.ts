/**
 * A multi-valued decision diagram (MDD) package: hash-consed nodes over a fixed variable order,
 * `apply` with a memo, negation, garbage collection by copying.
 *
 * Node ids: 0 is the false terminal, 1 the true terminal, internal nodes are >= 2. Level `l`
 * tests the variable at position `l` of the order; its node has one child per value of that
 * variable (`domainSizes[l]` children). Diagrams are fully reduced: a node whose children are
 * all equal is never created (that level is "skipped": any value is fine there).
 */

import { Diagram, FALSE, TRUE, type LevelLayout } from './diagram';

// The terminal ids are the frozen diagrams' (`diagram.ts`): a loader needs them, not the builder.
export { FALSE, TRUE };

const EMPTY = -1;

/** Thrown by {@link MddBuilder.mk} when the node limit or the deadline is exceeded. */
export class MddOverflow extends Error {
	constructor(readonly reason: 'nodes' | 'time') {
		super(
			reason === 'nodes' ? 'decision diagram node limit exceeded' : 'compile time limit exceeded'
		);
		this.name = 'MddOverflow';
	}
}

/** Mutable MDD store used while compiling. */
export class MddBuilder {
	/** Domain size per level. */
	readonly domainSizes: Int32Array;
	/** Number of levels; the terminals sit at this level. */
	readonly levels: number;
	private nodeLevel: Int32Array;
	private nodeOffset: Int32Array;
	private pool: Int32Array;
	private poolSize = 0;
	private count = 2;
	private unique: Int32Array;
	private tableMask: number;

	/** Node slots (live or garbage) beyond which `mk` throws {@link MddOverflow}. */
	nodeLimit = Infinity;
	/** `performance.now()` timestamp beyond which `mk` throws {@link MddOverflow}. */
	deadline = Infinity;

	constructor(domainSizes: ArrayLike<number>) {
		this.domainSizes = Int32Array.from(domainSizes);
		this.levels = this.domainSizes.length;
		this.nodeLevel = new Int32Array(1024);
		this.nodeOffset = new Int32Array(1024);
		this.nodeLevel[0] = this.levels;
		this.nodeLevel[1] = this.levels;
		this.pool = new Int32Array(4096);
		this.unique = new Int32Array(1024).fill(EMPTY);
		this.tableMask = 1023;
	}

	/** Number of node slots in use (including terminals and garbage). */
	get size(): number {
		return this.count;
	}

	/** Level of a node (terminals: `levels`). */
	level(node: number): number {
		return this.nodeLevel[node];
	}

	/** Child of an internal node for a value index. */
	child(node: number, value: number): number {
		return this.pool[this.nodeOffset[node] + value];
	}

	/** Child of `node` for `value` at `level`, treating skipped levels as don't-care. */
	cofactor(node: number, level: number, value: number): number {
		return this.nodeLevel[node] === level ? this.pool[this.nodeOffset[node] + value] : node;
	}

	private hash(level: number, children: Int32Array, start: number, d: number): number {
		let h = (level * 0x9e3779b1) | 0;
		for (let i = 0; i < d; i++) {
			h = Math.imul(h ^ children[start + i], 0x85ebca6b);
			h ^= h >>> 13;
		}
		return (h ^ (h >>> 16)) >>> 0;
	}

	private grow(): void {
		const cap = this.nodeLevel.length * 2;
		const nl = new Int32Array(cap);
		nl.set(this.nodeLevel);
		this.nodeLevel = nl;
		const no = new Int32Array(cap);
		no.set(this.nodeOffset);
		this.nodeOffset = no;
	}

	private rehash(): void {
		const size = this.unique.length * 2;
		const table = new Int32Array(size).fill(EMPTY);
		const mask = size - 1;
		for (let id = 2; id < this.count; id++) {
			const l = this.nodeLevel[id];
			let slot = this.hash(l, this.pool, this.nodeOffset[id], this.domainSizes[l]) & mask;
			while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
			table[slot] = id;
		}
		this.unique = table;
		this.tableMask = mask;
	}

	/**
	 * Returns the node for `level` with the given children (read from `children[start..]`),
	 * creating it if needed; returns the common child when all children are equal.
	 */
	mk(level: number, children: Int32Array, start = 0): number {
		const d = this.domainSizes[level];
		const first = children[start];
		let same = true;
		for (let i = 1; i < d; i++)
			if (children[start + i] !== first) {
				same = false;
				break;
			}
		if (same) return first;
		const mask = this.tableMask;
		let slot = this.hash(level, children, start, d) & mask;
		const pool = this.pool;
		for (;;) {
			const id = this.unique[slot];
			if (id === EMPTY) break;
			if (this.nodeLevel[id] === level) {
				const off = this.nodeOffset[id];
				let eq = true;
				for (let i = 0; i < d; i++)
					if (pool[off + i] !== children[start + i]) {
						eq = false;
						break;
					}
				if (eq) return id;
			}
			slot = (slot + 1) & mask;
		}
		if (this.count >= this.nodeLevel.length) this.grow();
		if (this.count >= this.nodeLimit) throw new MddOverflow('nodes');
		if ((this.count & 0xffff) === 0 && performance.now() > this.deadline)
			throw new MddOverflow('time');
		if (this.poolSize + d > this.pool.length) {
			const np = new Int32Array(Math.max(this.pool.length * 2, this.poolSize + d));
			np.set(this.pool);
			this.pool = np;
		}
		const id = this.count++;
		this.nodeLevel[id] = level;
		this.nodeOffset[id] = this.poolSize;
		this.pool.set(children.subarray(start, start + d), this.poolSize);
		this.poolSize += d;
		this.unique[slot] = id;
		if (this.count * 2 > this.unique.length) this.rehash();
		return id;
	}

	/** A node testing `level`: child TRUE for values where `allowed[v]` is set, else FALSE. */
	literal(level: number, allowed: ArrayLike<boolean | number>): number {
		const d = this.domainSizes[level];
		const children = new Int32Array(d);
		for (let v = 0; v < d; v++) children[v] = allowed[v] ? TRUE : FALSE;
		return this.mk(level, children);
	}

	/** Conjunction of two diagrams. */
	and(a: number, b: number): number {
		return this.apply(a, b, true, new Map());
	}

	/** Disjunction of two diagrams. */
	or(a: number, b: number): number {
		return this.apply(a, b, false, new Map());
	}

	/**
	 * Conjunction (`conjunction`) or disjunction of two diagrams, level by level. The two differ
	 * only in which terminal absorbs and which is neutral.
	 */
	private apply(a: number, b: number, conjunction: boolean, memo: Map<number, number>): number {
		const absorbing = conjunction ? FALSE : TRUE;
		const neutral = conjunction ? TRUE : FALSE;
		if (a === absorbing || b === absorbing) return absorbing;
		if (a === neutral || a === b) return b;
		if (b === neutral) return a;
		if (a > b) {
			const t = a;
			a = b;
			b = t;
		}
		const key = a * 0x4000000 + b;
		const hit = memo.get(key);
		if (hit !== undefined) return hit;
		const la = this.nodeLevel[a];
		const lb = this.nodeLevel[b];
		const level = la < lb ? la : lb;
		const d = this.domainSizes[level];
		const children = new Int32Array(d);
		for (let v = 0; v < d; v++) {
			const ca = la === level ? this.pool[this.nodeOffset[a] + v] : a;
			const cb = lb === level ? this.pool[this.nodeOffset[b] + v] : b;
			children[v] = this.apply(ca, cb, conjunction, memo);
		}
		const r = this.mk(level, children);
		memo.set(key, r);
		return r;
	}

	/** Negation of a diagram. */
	not(a: number): number {
		const memo = new Map<number, number>();
		const rec = (n: number): number => {
			if (n === FALSE) return TRUE;
			if (n === TRUE) return FALSE;
			const hit = memo.get(n);
			if (hit !== undefined) return hit;
			const level = this.nodeLevel[n];
			const d = this.domainSizes[level];
			const children = new Int32Array(d);
			for (let v = 0; v < d; v++) children[v] = rec(this.pool[this.nodeOffset[n] + v]);
			const r = this.mk(level, children);
			memo.set(n, r);
			return r;
		};
		return rec(a);
	}

	/** If-then-else: (c and t) or (not c and e). */
	ite(c: number, t: number, e: number): number {
		return this.or(this.and(c, t), this.and(this.not(c), e));
	}

	/**
	 * Builds the diagram of a table. `levels` are the scope's levels (distinct, any order);
	 * `tuples` hold value indexes in the same column order. With `supports`, the diagram accepts
	 * exactly the listed tuples; with `conflicts`, everything else.
	 */
	table(levels: number[], tuples: Int32Array[], semantics: 'supports' | 'conflicts'): number {
		const k = levels.length;
		const cols = levels.map((l, i) => [l, i] as const).sort((x, y) => x[0] - y[0]);
		const sortedLevels = cols.map((c) => c[0]);
		const perm = cols.map((c) => c[1]);
		const rows = tuples.map((t) => {
			const r = new Int32Array(k);
			for (let i = 0; i < k; i++) r[i] = t[perm[i]];
			return r;
		});
		const build = (subset: Int32Array[], depth: number): number => {
			if (subset.length === 0) return FALSE;
			if (depth === k) return TRUE;
			const level = sortedLevels[depth];
			const d = this.domainSizes[level];
			const groups: Int32Array[][] = Array.from({ length: d }, () => []);
			for (const row of subset) groups[row[depth]].push(row);
			const children = new Int32Array(d);
			for (let v = 0; v < d; v++) children[v] = build(groups[v], depth + 1);
			return this.mk(level, children);
		};
		const supports = build(rows, 0);
		return semantics === 'supports' ? supports : this.not(supports);
	}

	/**
	 * Copies the nodes reachable from `roots` into fresh storage (dropping garbage) and
	 * returns the new ids of the roots. Node ids are renumbered.
	 */
	collect(roots: number[]): number[] {
		const map = new Int32Array(this.count).fill(EMPTY);
		map[FALSE] = FALSE;
		map[TRUE] = TRUE;
		const oldLevel = this.nodeLevel;
		const oldOffset = this.nodeOffset;
		const oldPool = this.pool;
		const oldCount = this.count;
		// mark reachable (iterative DFS)
		const live = new Uint8Array(oldCount);
		live[FALSE] = 1;
		live[TRUE] = 1;
		const stack: number[] = [];
		for (const r of roots)
			if (!live[r]) {
				live[r] = 1;
				stack.push(r);
			}
		let poolNeeded = 0;
		let liveCount = 2;
		while (stack.length > 0) {
			const n = stack.pop() as number;
			liveCount++;
			const d = this.domainSizes[oldLevel[n]];
			poolNeeded += d;
			const off = oldOffset[n];
			for (let v = 0; v < d; v++) {
				const c = oldPool[off + v];
				if (!live[c]) {
					live[c] = 1;
					stack.push(c);
				}
			}
		}
		let cap = 1024;
		while (cap < liveCount + 1) cap *= 2;
		this.nodeLevel = new Int32Array(cap);
		this.nodeOffset = new Int32Array(cap);
		this.nodeLevel[0] = this.levels;
		this.nodeLevel[1] = this.levels;
		this.pool = new Int32Array(Math.max(4096, poolNeeded));
		this.poolSize = 0;
		this.count = 2;
		let tsize = 1024;
		while (tsize < liveCount * 2 + 2) tsize *= 2;
		this.unique = new Int32Array(tsize).fill(EMPTY);
		this.tableMask = tsize - 1;
		// children have higher levels than parents: re-create bottom-up by level
		const byLevel: number[][] = Array.from({ length: this.levels }, () => []);
		for (let n = 2; n < oldCount; n++) if (live[n]) byLevel[oldLevel[n]].push(n);
		for (let l = this.levels - 1; l >= 0; l--) {
			const d = this.domainSizes[l];
			const children = new Int32Array(d);
			for (const n of byLevel[l]) {
				const off = oldOffset[n];
				for (let v = 0; v < d; v++) children[v] = map[oldPool[off + v]];
				map[n] = this.mk(l, children);
			}
		}
		return roots.map((r) => map[r]);
	}

	/** Number of internal nodes reachable from `root`. */
	nodeCount(root: number): number {
		const seen = new Set<number>();
		const stack = [root];
		while (stack.length > 0) {
			const n = stack.pop() as number;
			if (n < 2 || seen.has(n)) continue;
			seen.add(n);
			const l = this.nodeLevel[n];
			const d = this.domainSizes[l];
			const off = this.nodeOffset[n];
			for (let v = 0; v < d; v++) stack.push(this.pool[off + v]);
		}
		return seen.size;
	}
}

/**
 * Freezes the part of `builder` reachable from `root` into a {@link Diagram} (here, with the
 * builder, so that a loader of compiled models carries no builder). With `allLevels` (the default) every
 * level is in the diagram's scope (supports are reported for all of them); otherwise only
 * the levels on which the diagram has nodes (per-constraint diagrams).
 */
export function freezeDiagram(
	builder: MddBuilder,
	layout: LevelLayout,
	root: number,
	allLevels = true
): Diagram {
	const ids: number[] = [];
	const seen = new Set<number>();
	const stack = [root];
	while (stack.length > 0) {
		const n = stack.pop() as number;
		if (n < 2 || seen.has(n)) continue;
		seen.add(n);
		ids.push(n);
		const l = builder.level(n);
		const d = layout.domainSizes[l];
		for (let v = 0; v < d; v++) stack.push(builder.child(n, v));
	}
	ids.sort((a, b) => builder.level(a) - builder.level(b) || a - b);
	const map = new Map<number, number>([
		[FALSE, FALSE],
		[TRUE, TRUE]
	]);
	ids.forEach((n, i) => map.set(n, i + 2));
	const nodeLevel = new Int32Array(ids.length + 2);
	nodeLevel[0] = layout.levels;
	nodeLevel[1] = layout.levels;
	const edgeStart = new Int32Array(ids.length + 3);
	const values: number[] = [];
	const children: number[] = [];
	ids.forEach((n, i) => {
		const l = builder.level(n);
		nodeLevel[i + 2] = l;
		edgeStart[i + 2] = values.length;
		const d = layout.domainSizes[l];
		for (let v = 0; v < d; v++) {
			const c = builder.child(n, v);
			if (c !== FALSE) {
				values.push(v);
				children.push(map.get(c) as number);
			}
		}
	});
	edgeStart[ids.length + 2] = values.length;
	return new Diagram(
		layout,
		map.get(root) as number,
		nodeLevel,
		edgeStart,
		Int32Array.from(values),
		Int32Array.from(children),
		allLevels
	);
}
