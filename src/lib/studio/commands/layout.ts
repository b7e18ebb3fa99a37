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

export function tidyLayout(
	nodes: readonly LayoutNode[],
	edges: readonly { source: string; target: string; data?: { kind?: string } }[]
): Record<string, { x: number; y: number }> {
	const size = (node: LayoutNode) => ({
		width: node.measured?.width ?? node.initialWidth,
		height: node.measured?.height ?? node.initialHeight
	});
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

	const heightOf = (column: { node: LayoutNode }[]) =>
		column.reduce((sum, { node }) => sum + size(node).height + NODE_GAP, 0);
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
			const width = Math.max(...slice.map(({ node }) => size(node).width));
			// Packed from the top in dagre's order (which keeps edge crossings low): dagre's own
			// vertical spread leaves long gaps once other columns are wrapped.
			let y = 24;
			for (const { node } of slice) {
				positions[node.id] = { x: Math.round(x + columnWidth), y };
				y += size(node).height + NODE_GAP;
			}
			columnWidth += width + SUB_COLUMN_GAP;
		}
		x += columnWidth - SUB_COLUMN_GAP + COLUMN_GAP;
	}
	return positions;
}
