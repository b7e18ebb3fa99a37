import dagre from '@dagrejs/dagre';

/**
 * The tidy layout: dagre, left to right (options → layers/rules → views), on the sizes the node
 * components draw at. Returns the top-left position of every node.
 */
export function tidyLayout(
	nodes: readonly {
		id: string;
		initialWidth: number;
		initialHeight: number;
		measured?: { width?: number; height?: number };
	}[],
	edges: readonly { source: string; target: string; data?: { kind?: string } }[]
): Record<string, { x: number; y: number }> {
	const graph = new dagre.graphlib.Graph({ multigraph: false });
	graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 96, marginx: 24, marginy: 24 });
	graph.setDefaultEdgeLabel(() => ({}));
	// Measured sizes where Svelte Flow has them, else the size the component is drawn at.
	const size = (node: (typeof nodes)[number]) => ({
		width: node.measured?.width ?? node.initialWidth,
		height: node.measured?.height ?? node.initialHeight
	});
	for (const node of nodes) graph.setNode(node.id, size(node));
	for (const edge of edges) {
		if (edge.source === edge.target || !graph.hasNode(edge.source) || !graph.hasNode(edge.target))
			continue;
		// Rule effects point back at options; laying them out backwards keeps options on the left.
		if (edge.data?.kind === 'effect') graph.setEdge(edge.target, edge.source, { weight: 0 });
		else graph.setEdge(edge.source, edge.target);
	}
	dagre.layout(graph);
	const positions: Record<string, { x: number; y: number }> = {};
	for (const node of nodes) {
		const placed = graph.node(node.id) as { x: number; y: number } | undefined;
		if (!placed) continue;
		positions[node.id] = {
			x: Math.round(placed.x - size(node).width / 2),
			y: Math.round(placed.y - size(node).height / 2)
		};
	}
	return positions;
}
