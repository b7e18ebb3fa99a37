/**
 * A frozen, query-optimised decision diagram: internal nodes numbered by increasing level (so
 * children always have larger ids than their parents), sparse edges (only edges to non-false
 * children are stored). Used for the compiled model and, one per constraint, by explanations.
 */

/** Id of the false terminal (the builder's too). */
export const FALSE = 0;
/** Id of the true terminal (the builder's too). */
export const TRUE = 1;

/** The plain-array form of a {@link Diagram} (JSON-safe). */
export interface DiagramData {
	/** Root id (0 = false, 1 = true, internal nodes from 2). */
	root: number;
	/** Level of each internal node, in id order starting at id 2. */
	levels: number[];
	/** For each internal node in id order: its edge count, then (value, child) pairs. */
	edges: number[];
}

/** Layout shared by all diagrams over the same variable order. */
export interface LevelLayout {
	/** Number of levels (variables). */
	levels: number;
	/** Domain size of each level. */
	domainSizes: Int32Array;
	/** Offset of each level's first value in flattened value masks; last entry = total. */
	valueOffset: Int32Array;
}

/** Builds the layout for the given domain sizes (one per level). */
export function makeLayout(domainSizes: ArrayLike<number>): LevelLayout {
	const sizes = Int32Array.from(domainSizes);
	const valueOffset = new Int32Array(sizes.length + 1);
	for (let l = 0; l < sizes.length; l++) valueOffset[l + 1] = valueOffset[l] + sizes[l];
	return { levels: sizes.length, domainSizes: sizes, valueOffset };
}

/** An immutable MDD with linear-time support, count and witness queries. */
export class Diagram {
	/** Levels, domain sizes and value offsets shared with the model. */
	readonly layout: LevelLayout;
	/** Root id: 0 (false), 1 (true) or an internal node. */
	readonly root: number;
	/** Number of internal nodes. */
	readonly nodes: number;
	/** Level per node id (terminals at `layout.levels`). */
	readonly nodeLevel: Int32Array;
	/** Edges of node `id` are `edgeStart[id] .. edgeStart[id + 1] - 1`. */
	readonly edgeStart: Int32Array;
	/** Value index of each edge. */
	readonly edgeValue: Int32Array;
	/** Child id of each edge (never the false terminal). */
	readonly edgeChild: Int32Array;
	/** Levels on which this diagram has nodes, ascending. */
	readonly scopeLevels: Int32Array;
	/** For each level 0..levels: the number of scope levels strictly below it in the order (above it in the diagram). */
	private readonly rank: Int32Array;
	/** After a bottom-up pass (`satisfiable`, `support`…): nodes with an allowed path to true. */
	readonly alive: Uint8Array;
	private readonly reach: Uint8Array;

	constructor(
		layout: LevelLayout,
		root: number,
		nodeLevel: Int32Array,
		edgeStart: Int32Array,
		edgeValue: Int32Array,
		edgeChild: Int32Array,
		allLevels = true
	) {
		this.layout = layout;
		this.root = root;
		this.nodeLevel = nodeLevel;
		this.nodes = nodeLevel.length - 2;
		this.edgeStart = edgeStart;
		this.edgeValue = edgeValue;
		this.edgeChild = edgeChild;
		const present = new Uint8Array(layout.levels);
		if (allLevels) present.fill(1);
		else for (let id = 2; id < nodeLevel.length; id++) present[nodeLevel[id]] = 1;
		const scope: number[] = [];
		for (let l = 0; l < layout.levels; l++) if (present[l]) scope.push(l);
		this.scopeLevels = Int32Array.from(scope);
		this.rank = new Int32Array(layout.levels + 1);
		let r = 0;
		for (let l = 0; l <= layout.levels; l++) {
			this.rank[l] = r;
			if (l < layout.levels && present[l]) r++;
		}
		this.alive = new Uint8Array(nodeLevel.length);
		this.reach = new Uint8Array(nodeLevel.length);
	}

	/**
	 * Rebuilds a diagram from its plain form, validating it. `allLevels` as in
	 * `freezeDiagram` (`mdd.ts`; false for per-constraint diagrams).
	 */
	static fromData(layout: LevelLayout, data: DiagramData, allLevels = true): Diagram {
		const n = data.levels.length;
		const nodeLevel = new Int32Array(n + 2);
		nodeLevel[0] = layout.levels;
		nodeLevel[1] = layout.levels;
		const edgeStart = new Int32Array(n + 3);
		const values: number[] = [];
		const children: number[] = [];
		let p = 0;
		for (let i = 0; i < n; i++) {
			const l = data.levels[i];
			if (!Number.isInteger(l) || l < 0 || l >= layout.levels)
				throw new Error(`bad level at node ${i + 2}`);
			if (i > 0 && l < data.levels[i - 1]) throw new Error('nodes are not sorted by level');
			nodeLevel[i + 2] = l;
			edgeStart[i + 2] = values.length;
			const k = data.edges[p++];
			if (!Number.isInteger(k) || k < 0 || p + 2 * k > data.edges.length)
				throw new Error(`bad edge count at node ${i + 2}`);
			for (let e = 0; e < k; e++) {
				const v = data.edges[p++];
				const c = data.edges[p++];
				if (!Number.isInteger(v) || !(v >= 0 && v < layout.domainSizes[l]))
					throw new Error(`bad value at node ${i + 2}`);
				if (!Number.isInteger(c) || !(c === TRUE || (c > i + 2 && c < n + 2)))
					throw new Error(`bad child at node ${i + 2}`);
				values.push(v);
				children.push(c);
			}
		}
		edgeStart[n + 2] = values.length;
		for (let id = 2; id < n + 2; id++)
			for (let e = edgeStart[id]; e < edgeStart[id + 1]; e++)
				if (nodeLevel[children[e]] <= nodeLevel[id])
					throw new Error(`child of node ${id} is not below it`);
		if (!(data.root === FALSE || data.root === TRUE || (data.root >= 2 && data.root < n + 2)))
			throw new Error('bad root');
		return new Diagram(
			layout,
			data.root,
			nodeLevel,
			edgeStart,
			Int32Array.from(values),
			Int32Array.from(children),
			allLevels
		);
	}

	/**
	 * Bottom-up pass: marks in `alive` the nodes with a path to true through allowed values.
	 * `mask` flags allowed values (flattened by level); every level must allow a value.
	 */
	private markAlive(mask: Uint8Array): boolean {
		const alive = this.alive;
		const { nodeLevel, edgeStart, edgeValue, edgeChild } = this;
		const off = this.layout.valueOffset;
		alive[FALSE] = 0;
		alive[TRUE] = 1;
		for (let id = nodeLevel.length - 1; id >= 2; id--) {
			const base = off[nodeLevel[id]];
			let a = 0;
			for (let k = edgeStart[id], e = edgeStart[id + 1]; k < e; k++) {
				if (mask[base + edgeValue[k]] && alive[edgeChild[k]]) {
					a = 1;
					break;
				}
			}
			alive[id] = a;
		}
		return alive[this.root] === 1;
	}

	/** Whether some path to true uses only allowed values (every level must allow a value). */
	satisfiable(mask: Uint8Array): boolean {
		return this.markAlive(mask);
	}

	/**
	 * Computes supported values: sets `out[offset(l) + v] = 1` for each scope level `l` and
	 * allowed value `v` lying on an allowed path to true. `out` must be zeroed by the caller for
	 * the levels of interest. Returns false (writing nothing) when no allowed path exists.
	 */
	support(mask: Uint8Array, out: Uint8Array): boolean {
		if (!this.markAlive(mask)) return false;
		const { nodeLevel, edgeStart, edgeValue, edgeChild, alive, reach, rank, scopeLevels } = this;
		const off = this.layout.valueOffset;
		const k = scopeLevels.length;
		const free = new Int32Array(k + 1);
		reach.fill(0);
		const root = this.root;
		if (root >= 2) {
			reach[root] = 1;
			const r = rank[nodeLevel[root]];
			if (r > 0) {
				free[0]++;
				free[r]--;
			}
		} else {
			free[0]++;
			free[k]--;
		}
		for (let id = 2; id < nodeLevel.length; id++) {
			if (!reach[id]) continue;
			const l = nodeLevel[id];
			const base = off[l];
			const r = rank[l];
			for (let e = edgeStart[id], end = edgeStart[id + 1]; e < end; e++) {
				const c = edgeChild[e];
				const idx = base + edgeValue[e];
				if (!mask[idx] || !alive[c]) continue;
				out[idx] = 1;
				if (c >= 2) reach[c] = 1;
				const rc = rank[nodeLevel[c]];
				if (rc > r + 1) {
					free[r + 1]++;
					free[rc]--;
				}
			}
		}
		let run = 0;
		for (let i = 0; i < k; i++) {
			run += free[i];
			if (run > 0) {
				const l = scopeLevels[i];
				for (let j = off[l], e = off[l + 1]; j < e; j++) if (mask[j]) out[j] = 1;
			}
		}
		return true;
	}

	/**
	 * Relaxed supports, in one pass: sets `out[offset(l) + v] = 1` for each scope level `l` and
	 * value `v` (allowed or not) lying on a path to true that respects `mask` on every level
	 * except `l` — i.e. the supports of level `l` with its own restriction lifted. `out` must be
	 * zeroed by the caller. Every level must allow a value (as for {@link support}).
	 *
	 * Exact because the diagram is layered: a path crosses level `l` on one edge at most, so
	 * "reached from the root through allowed edges" (levels above `l`) and "alive" (levels
	 * below) do not involve `l` at all. An edge at level `l` is a relaxed support of its value iff
	 * its parent is reached and its child alive, whatever `mask` says about the edge's own
	 * value; a long edge (skipped levels) whose own value is allowed makes *every* value of the
	 * levels it skips relaxed-supported.
	 */
	supportRelaxed(mask: Uint8Array, out: Uint8Array): void {
		this.markAlive(mask);
		const { nodeLevel, edgeStart, edgeValue, edgeChild, alive, reach, rank, scopeLevels } = this;
		const off = this.layout.valueOffset;
		const k = scopeLevels.length;
		const free = new Int32Array(k + 1);
		reach.fill(0);
		const root = this.root;
		if (root >= 2) {
			reach[root] = 1;
			const r = rank[nodeLevel[root]];
			if (r > 0 && alive[root]) {
				free[0]++;
				free[r]--;
			}
		} else if (root === TRUE) {
			free[0]++;
			free[k]--;
		}
		for (let id = 2; id < nodeLevel.length; id++) {
			if (!reach[id]) continue;
			const l = nodeLevel[id];
			const base = off[l];
			const r = rank[l];
			for (let e = edgeStart[id], end = edgeStart[id + 1]; e < end; e++) {
				const c = edgeChild[e];
				const idx = base + edgeValue[e];
				if (alive[c]) out[idx] = 1;
				if (!mask[idx]) continue;
				if (c >= 2) reach[c] = 1;
				if (!alive[c]) continue;
				const rc = rank[nodeLevel[c]];
				if (rc > r + 1) {
					free[r + 1]++;
					free[rc]--;
				}
			}
		}
		let run = 0;
		for (let i = 0; i < k; i++) {
			run += free[i];
			if (run > 0) {
				const l = scopeLevels[i];
				out.fill(1, off[l], off[l + 1]);
			}
		}
	}
}
