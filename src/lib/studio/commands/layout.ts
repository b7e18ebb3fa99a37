import dagre from '@dagrejs/dagre';

/**
 * The tidy layout: dagre, left to right, in columns that read as the product's logic —
 * options | rules | layers | views (steps beside the options they hold) — then every column
 * taller than the picture should be is wrapped into side-by-side sub-columns, keeping dagre's
 * order, so a product with forty layers still fits a panel readably instead of one long strip.
 */

type LayoutNode = {
	id: string;
	initialWidth: number;
	initialHeight: number;
	measured?: { width?: number; height?: number };
};

const NODE_GAP = 24;
const COLUMN_GAP = 96;
const SUB_COLUMN_GAP = 32;

/** How many ranks each kind of edge spans, so rules and layers get columns of their own. */
const SPAN: Record<string, number> = {
	condition: 1,
	effect: 1,
	binding: 2,
	visibility: 2,
	view: 1,
	member: 1
};

type LayoutEdge = { source: string; target: string; data?: { kind?: string } };

const size = (node: LayoutNode) => ({
	width: node.measured?.width ?? node.initialWidth,
	height: node.measured?.height ?? node.initialHeight
});

/** Above this many nodes dagre takes seconds here; the column heuristic takes milliseconds. */
const DAGRE_LIMIT = 150;

const COLUMN_OF: Record<string, number> = { option: 0, rule: 1, group: 1, layer: 2, view: 3 };

/**
 * Columns by node type, ordered by one barycentre sweep (each node sits near the average row of
 * the nodes it connects to in earlier columns): what dagre finds for our graphs, in linear time.
 */
function typeColumns(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutNode[][] {
	const columns: LayoutNode[][] = [[], [], [], []];
	for (const node of nodes)
		columns[COLUMN_OF[node.id.slice(0, node.id.indexOf(':'))] ?? 1].push(node);
	const row = new Map<string, number>();
	columns[0].forEach((node, i) => row.set(node.id, i));
	const neighbours = new Map<string, string[]>();
	for (const edge of edges) {
		neighbours.set(edge.source, [...(neighbours.get(edge.source) ?? []), edge.target]);
		neighbours.set(edge.target, [...(neighbours.get(edge.target) ?? []), edge.source]);
	}
	for (let c = 1; c < columns.length; c++) {
		const score = new Map<string, number>();
		columns[c].forEach((node, i) => {
			const rows = (neighbours.get(node.id) ?? [])
				.map((n) => row.get(n))
				.filter((r): r is number => r !== undefined);
			score.set(node.id, rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : i);
		});
		columns[c].sort((a, b) => (score.get(a.id) ?? 0) - (score.get(b.id) ?? 0));
		columns[c].forEach((node, i) => row.set(node.id, (i * columns[0].length) / columns[c].length));
	}
	return columns.filter((column) => column.length > 0);
}

export function tidyLayout(
	nodes: readonly LayoutNode[],
	edges: readonly LayoutEdge[]
): Record<string, { x: number; y: number }> {
	const ordered =
		nodes.length > DAGRE_LIMIT ? typeColumns(nodes, edges) : dagreColumns(nodes, edges);
	return packColumns(nodes, ordered);
}

function dagreColumns(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutNode[][] {
	const graph = new dagre.graphlib.Graph({ multigraph: false });
	graph.setGraph({
		rankdir: 'LR',
		nodesep: NODE_GAP,
		ranksep: COLUMN_GAP,
		marginx: 24,
		marginy: 24
	});
	graph.setDefaultEdgeLabel(() => ({}));
	for (const node of nodes) graph.setNode(node.id, size(node));
	for (const edge of edges) {
		if (edge.source === edge.target || !graph.hasNode(edge.source) || !graph.hasNode(edge.target))
			continue;
		const kind = edge.data?.kind ?? '';
		const minlen = SPAN[kind] ?? 1;
		// Rule effects point back at options; laid out backwards, options stay on the left.
		if (kind === 'effect') graph.setEdge(edge.target, edge.source, { minlen, weight: 1 });
		else graph.setEdge(edge.source, edge.target, { minlen, weight: kind === 'view' ? 1 : 2 });
	}
	dagre.layout(graph);

	// Columns: dagre's ranks (nodes sharing a centre x), each in dagre's top-to-bottom order.
	const columns = new Map<number, { node: LayoutNode; x: number; y: number }[]>();
	for (const node of nodes) {
		const placed = graph.node(node.id) as { x: number; y: number } | undefined;
		if (!placed) continue;
		const key = Math.round(placed.x);
		const column = columns.get(key) ?? [];
		column.push({ node, x: placed.x, y: placed.y });
		columns.set(key, column);
	}
	const ordered = [...columns.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
	for (const column of ordered) column.sort((a, b) => a.y - b.y);
	return ordered.map((column) => column.map(({ node }) => node));
}

/** Places columns left to right, wrapping each one taller than the picture should be. */
function packColumns(
	nodes: readonly LayoutNode[],
	ordered: LayoutNode[][]
): Record<string, { x: number; y: number }> {
	const heightOf = (column: LayoutNode[]) =>
		column.reduce((sum, node) => sum + size(node).height + NODE_GAP, 0);
	const area = nodes.reduce(
		(sum, n) => sum + (size(n).width + COLUMN_GAP) * (size(n).height + NODE_GAP),
		0
	);
	// A picture about 16:10 (every column wraps past that height, the options too).
	const target = Math.max(Math.sqrt(area / 1.6), 480);

	const positions: Record<string, { x: number; y: number }> = {};
	let x = 24;
	for (const column of ordered) {
		const total = heightOf(column);
		const parts = Math.max(1, Math.ceil(total / target));
		const perPart = Math.ceil(column.length / parts);
		let columnWidth = 0;
		for (let part = 0; part < parts; part++) {
			const slice = column.slice(part * perPart, (part + 1) * perPart);
			if (slice.length === 0) continue;
			const width = Math.max(...slice.map((node) => size(node).width));
			// Packed from the top in dagre's order (which keeps edge crossings low): dagre's own
			// vertical spread leaves long gaps once other columns are wrapped.
			let y = 24;
			for (const node of slice) {
				positions[node.id] = { x: Math.round(x + columnWidth), y };
				y += size(node).height + NODE_GAP;
			}
			columnWidth += width + SUB_COLUMN_GAP;
		}
		x += columnWidth - SUB_COLUMN_GAP + COLUMN_GAP;
	}
	return positions;
}
