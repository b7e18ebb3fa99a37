import {
	addChoice,
	addGroup,
	addLayer,
	addOption,
	addRule,
	addView,
	connect,
	connectionProblem,
	copyNodes,
	deleteNodes,
	disconnect,
	duplicateNodes,
	endpointOf,
	GraphBuilder,
	nodeId,
	pasteNodes,
	readClipboard,
	referencesTo,
	tidyLayout,
	type CommandResult,
	type DefinitionJson,
	type GraphEdge,
	type GraphEdgeKind,
	type GraphNode,
	type NodeRef,
	type Reference
} from '../commands';
import type { EditorState, JsonObject, SelectionRef } from '../editor.svelte';

/**
 * The graph panel's state: the Svelte Flow nodes and edges built from the editor's definition,
 * and every graph gesture turned into an editor command. One per graph panel; the Svelte
 * components only wire events to it.
 */

export type Position = { x: number; y: number };

/** A message under the graph: why a connection was refused, what a paste did. */
export interface Notice {
	text: string;
	tone: 'info' | 'error';
	serial: number;
}

/** A delete that needs the user's word: what it removes besides the selection. */
export interface PendingDelete {
	nodes: NodeRef[];
	edges: GraphEdge[];
	references: Reference[];
	title: string;
}

const NODE_KINDS = new Set(['option', 'choice', 'layer', 'view', 'rule', 'group']);

/** The selection entries the graph shows (print areas and scenarios live elsewhere). */
function graphRefs(selection: readonly SelectionRef[]): NodeRef[] {
	return selection.filter(
		(r) => NODE_KINDS.has(r.kind) && (r.kind !== 'choice' || r.parentId !== undefined)
	) as NodeRef[];
}

function sameRefs(a: readonly SelectionRef[], b: readonly SelectionRef[]): boolean {
	return (
		a.length === b.length &&
		a.every((r, i) => r.kind === b[i].kind && r.id === b[i].id && r.parentId === b[i].parentId)
	);
}

export class GraphController {
	#nodes = $state.raw<GraphNode[]>([]);
	/** The nodes Svelte Flow draws (bound: it writes back what it measured, selected, dragged). */
	get nodes(): GraphNode[] {
		return this.#nodes;
	}
	set nodes(next: GraphNode[]) {
		// A node Svelte Flow replaced is one it holds: its computed handles must go, or Svelte Flow
		// would take them again over the ones it measured on the drawn node.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
		const before = new Set(this.#nodes);
		let copied: GraphNode[] | null = null;
		for (let i = 0; i < next.length; i++) {
			const node = next[i];
			if (!node.handles || before.has(node)) continue;
			copied ??= next.slice();
			const held = { ...node };
			delete held.handles;
			copied[i] = held;
		}
		this.#nodes = copied ?? next;
	}
	edges = $state.raw<GraphEdge[]>([]);
	notice = $state.raw<Notice | null>(null);
	pendingDelete = $state.raw<PendingDelete | null>(null);
	/** Positions of nodes the layout does not hold yet (laid out here, written on the next move). */
	#localPositions: Record<string, Position> = {};
	#builder = new GraphBuilder();
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(readonly editor: EditorState) {}

	get definition(): DefinitionJson {
		return this.editor.definition as DefinitionJson;
	}

	/** Rebuilds nodes and edges from the editor's read models (cheap: unchanged nodes are reused). */
	rebuild(): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
		const selected = new Set(graphRefs(this.editor.selection).map((ref) => nodeId(ref)));
		const key = [...selected].sort().join(' ');
		if (key !== this.#builtSelection) {
			this.#previousBuiltSelection = this.#builtSelection;
			this.#builtSelection = key;
			// The late echo comes within a frame or two; after that a report is the person's.
			this.#echoUntil = performance.now() + 500;
		}
		const build = () =>
			this.#builder.build(this.definition, this.editor.layout, {
				selected,
				editable: this.editor.canEdit,
				positions: this.#localPositions,
				current: this.nodes,
				currentEdges: this.edges
			});
		let graph = build();
		const unplaced = this.#builder.unplaced;
		if (unplaced.length > 0) {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
			this.#placeNew(graph.nodes, graph.edges, new Set(unplaced));
			graph = build();
		}
		this.#nodes = graph.nodes;
		this.edges = graph.edges;
	}

	/**
	 * Places nodes without a stored position: the whole graph gets the tidy layout when nothing
	 * is placed yet (first open); otherwise newcomers go in a column right of the rest.
	 */
	#placeNew(nodes: GraphNode[], edges: GraphEdge[], unplaced: Set<string>): void {
		if (unplaced.size === nodes.length) {
			Object.assign(this.#localPositions, tidyLayout(nodes, edges));
			return;
		}
		const placed = nodes.filter((n) => !unplaced.has(n.id));
		const right = Math.max(...placed.map((n) => n.position.x + n.initialWidth));
		let y = Math.min(...placed.map((n) => n.position.y));
		for (const node of nodes) {
			if (!unplaced.has(node.id)) continue;
			this.#localPositions[node.id] = { x: right + 80, y };
			y += node.initialHeight + 24;
		}
	}

	/** Svelte Flow's selection → the editor's (options, layers…; edges stay local). */
	/** The node selection the last rebuild drew, and the one before it (bookkeeping). */
	#builtSelection = '';
	#previousBuiltSelection = '';
	#echoUntil = 0;

	/** When the person last pressed or typed in the graph (not reactive: bookkeeping). */
	#lastInteraction = Number.NEGATIVE_INFINITY;

	/** The graph was pressed or typed in: selection changes in the next moments are the user's. */
	noteInteraction(): void {
		this.#lastInteraction = performance.now();
	}

	selectionChanged(nodes: { data: unknown }[]): void {
		// Svelte Flow also reports selection after every rebuild, sometimes with the nodes' state
		// from before the rebuild: a selection made on the canvas or in the inspector would be
		// undone by that echo. Only a change right after a press or key in the graph is taken.
		if (performance.now() - this.#lastInteraction > 1500) return;
		const refs = nodes.map((n) => (n.data as { ref: NodeRef }).ref);
		// A report of the selection drawn before the latest one is that echo, late: not a change.
		const reported = refs
			.map((ref) => nodeId(ref))
			.sort()
			.join(' ');
		if (
			performance.now() < this.#echoUntil &&
			reported !== this.#builtSelection &&
			reported === this.#previousBuiltSelection
		)
			return;
		if (!sameRefs(refs, this.editor.selection)) this.editor.selection = refs;
	}

	say(text: string, tone: Notice['tone'] = 'info'): void {
		this.notice = { text, tone, serial: (this.notice?.serial ?? 0) + 1 };
		clearTimeout(this.#noticeTimer);
		this.#noticeTimer = setTimeout(() => (this.notice = null), tone === 'error' ? 6000 : 3500);
	}

	/**
	 * Runs a command as one labelled edit, then stores `positions` for what it created (the two
	 * transactions fall in one undo step). Returns what the command created, or null (refused,
	 * with the reason shown).
	 */
	run(
		label: string,
		command: (definition: DefinitionJson) => CommandResult,
		place?: (created: NodeRef[]) => Record<string, Position>
	): NodeRef[] | null {
		if (!this.editor.canEdit) {
			this.say('You can view this product but not edit it.', 'error');
			return null;
		}
		let result: CommandResult | null = null;
		this.editor.edit(label, (draft) => {
			result = command(draft as DefinitionJson);
			return result.ok ? (result.definition as JsonObject) : undefined;
		});
		const outcome = result as CommandResult | null;
		if (!outcome) return null;
		if (!outcome.ok) {
			this.say(outcome.reason, 'error');
			return null;
		}
		if (place && outcome.created.length > 0) this.savePositions(label, place(outcome.created));
		return outcome.created;
	}

	savePositions(label: string, positions: Record<string, Position>): void {
		if (Object.keys(positions).length === 0) return;
		for (const id of Object.keys(positions)) delete this.#localPositions[id];
		this.editor.editLayout(label, (layout) => {
			const graph = (layout.graph ??= {}) as JsonObject;
			const stored = (graph.positions ??= {}) as JsonObject;
			for (const [id, p] of Object.entries(positions))
				stored[id] = { x: Math.round(p.x), y: Math.round(p.y) };
		});
	}

	/** The first place at or below `at` where a node of `width` × `height` overlaps nothing. */
	freeSpot(
		at: Position,
		width = 260,
		height = 120,
		taken: { x: number; y: number; w: number; h: number }[] = []
	): Position {
		const boxes = [
			...this.nodes.map((n) => ({
				x: n.position.x,
				y: n.position.y,
				w: n.measured?.width ?? n.initialWidth,
				h: n.measured?.height ?? n.initialHeight
			})),
			...taken
		];
		const spot = { x: Math.round(at.x), y: Math.round(at.y) };
		for (let tries = 0; tries < 200; tries++) {
			const hit = boxes.find(
				(b) =>
					spot.x < b.x + b.w + 16 &&
					b.x < spot.x + width + 16 &&
					spot.y < b.y + b.h + 16 &&
					b.y < spot.y + height + 16
			);
			if (!hit) return spot;
			spot.y = hit.y + hit.h + 24;
		}
		return spot;
	}

	/** Created nodes placed from `at` where they overlap nothing, and selected. */
	placeAt(at: Position): (created: NodeRef[]) => Record<string, Position> {
		return (created) => {
			const positions: Record<string, Position> = {};
			const taken: { x: number; y: number; w: number; h: number }[] = [];
			for (const ref of created) {
				const spot = this.freeSpot(at, 260, 160, taken);
				positions[nodeId(ref)] = spot;
				taken.push({ ...spot, w: 260, h: 160 });
			}
			this.editor.selection = created.filter((r) => r.kind !== 'view' || created.length === 1);
			return positions;
		};
	}

	// Palette.
	addOption(kind: Parameters<typeof addOption>[1]['kind'], at: Position): void {
		this.run('Add option', (d) => addOption(d, { kind }), this.placeAt(at));
	}
	addChoiceTo(optionId: string): void {
		this.run('Add choice', (d) => addChoice(d, optionId));
	}
	addLayer(kind: 'image' | 'text' | 'upload', at: Position, bindTo?: NodeRef): void {
		this.run('Add layer', (d) => addLayer(d, { kind, bindTo }), this.placeAt(at));
	}
	addView(at: Position): void {
		this.run('Add view', (d) => addView(d), this.placeAt(at));
	}
	addGroup(at: Position): void {
		this.run('Add step', (d) => addGroup(d), this.placeAt(at));
	}
	/** A rule aimed at the selected option (or choice), else the first option other than `when`'s. */
	addRule(at: Position, when?: NodeRef): void {
		const selected = graphRefs(this.editor.selection).find(
			(r) => r.kind === 'option' || r.kind === 'choice'
		);
		const whenOption = when?.kind === 'choice' ? when.parentId : when?.id;
		const other = (this.definition.options ?? []).find((o) => o.id !== whenOption);
		const target: NodeRef | undefined =
			selected && !when ? selected : other ? { kind: 'option', id: other.id } : undefined;
		if (when && !target) {
			this.say('A rule needs another option to act on: add a second option first.', 'error');
			return;
		}
		this.run('Add rule', (d) => addRule(d, { kind: 'exclude', target, when }), this.placeAt(at));
	}

	// Connections.
	endpoints(connection: {
		source: string;
		target: string;
		sourceHandle?: string | null;
		targetHandle?: string | null;
	}): [NodeRef, NodeRef] | null {
		const source = endpointOf(connection.source, connection.sourceHandle);
		const target = endpointOf(connection.target, connection.targetHandle);
		// The option's own "in" handle names the option, not a choice.
		return source && target ? [source, target] : null;
	}

	isValidConnection = (connection: {
		source: string;
		target: string;
		sourceHandle?: string | null;
		targetHandle?: string | null;
	}): boolean => {
		const ends = this.endpoints(connection);
		return ends !== null && connectionProblem(this.definition, ends[0], ends[1]) === null;
	};

	/** Why a connection the user let go of would be refused (null: it would not). */
	refusal(connection: {
		source: string;
		target: string;
		sourceHandle?: string | null;
		targetHandle?: string | null;
	}): string | null {
		const ends = this.endpoints(connection);
		if (!ends) return 'Those two cannot be connected.';
		return connectionProblem(this.definition, ends[0], ends[1]);
	}

	connect(connection: {
		source: string;
		target: string;
		sourceHandle?: string | null;
		targetHandle?: string | null;
	}): void {
		const ends = this.endpoints(connection);
		if (!ends) return;
		this.run('Connect', (d) => connect(d, ends[0], ends[1]));
	}

	// Selection commands.
	get selectedRefs(): NodeRef[] {
		return graphRefs(this.editor.selection);
	}

	get selectedEdges(): GraphEdge[] {
		return this.edges.filter((e) => (e as GraphEdge & { selected?: boolean }).selected);
	}

	/** Asks first when the delete removes or changes anything else. */
	requestDelete(): void {
		const nodes = this.selectedRefs;
		const edges = this.selectedEdges;
		if (nodes.length === 0 && edges.length === 0) return;
		if (!this.editor.canEdit) return;
		const references = nodes.length > 0 ? referencesTo(this.definition, nodes) : [];
		if (references.length === 0) {
			this.deleteNow(nodes, edges);
			return;
		}
		const names = nodes.map((ref) => this.labelOf(ref));
		this.pendingDelete = {
			nodes,
			edges,
			references,
			title: names.length === 1 ? `Delete “${names[0]}”?` : `Delete ${names.length} items?`
		};
	}

	deleteNow(nodes: NodeRef[], edges: GraphEdge[]): string | null {
		for (const edge of edges) {
			const ends = this.endpoints(edge);
			if (!ends) continue;
			const kind = edge.data.kind as GraphEdgeKind;
			if (!this.run('Disconnect', (d) => disconnect(d, kind, ends[0], ends[1]))) return null;
		}
		if (nodes.length > 0) {
			const label = nodes.length === 1 ? `Delete ${this.labelOf(nodes[0])}` : 'Delete nodes';
			if (!this.run(label, (d) => deleteNodes(d, nodes))) return this.notice?.text ?? null;
			this.editor.selection = [];
		}
		return null;
	}

	labelOf(ref: NodeRef): string {
		const d = this.definition;
		switch (ref.kind) {
			case 'option':
				return d.options?.find((o) => o.id === ref.id)?.label ?? ref.id;
			case 'choice':
				return (
					d.options?.find((o) => o.id === ref.parentId)?.choices?.find((c) => c.id === ref.id)
						?.label ?? ref.id
				);
			case 'layer':
				return d.layers?.find((l) => l.id === ref.id)?.name ?? ref.id;
			case 'view':
				return d.views?.find((v) => v.id === ref.id)?.label ?? ref.id;
			case 'rule':
				return d.rules?.find((r) => r.id === ref.id)?.name ?? ref.id;
			case 'group':
				return d.groups?.find((g) => g.id === ref.id)?.label ?? ref.id;
		}
	}

	duplicate(): void {
		const nodes = this.selectedRefs.filter((r) => r.kind !== 'choice');
		if (nodes.length === 0) return;
		this.run('Duplicate', (d) => duplicateNodes(d, nodes), this.#besideOriginals(nodes));
	}

	/** Our clipboard payload for the selection, or null when nothing copyable is selected. */
	copyText(): string | null {
		const nodes = this.selectedRefs.filter((r) => r.kind !== 'choice');
		if (nodes.length === 0) return null;
		return JSON.stringify(copyNodes(this.definition, nodes, this.editor.product.id));
	}

	paste(text: string, at: Position): boolean {
		const payload = readClipboard(text);
		if (!payload) return false;
		const created = this.run('Paste', (d) => pasteNodes(d, payload), this.placeAt(at));
		if (created) this.say(`Pasted ${created.length} ${created.length === 1 ? 'node' : 'nodes'}.`);
		return true;
	}

	#besideOriginals(originals: NodeRef[]): (created: NodeRef[]) => Record<string, Position> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
		const byId = new Map(this.nodes.map((n) => [n.id, n]));
		const first = byId.get(nodeId(originals[0]));
		const at = first ? { x: first.position.x + 40, y: first.position.y + 40 } : { x: 0, y: 0 };
		return this.placeAt(at);
	}

	/** Tidy layout of everything, stored (so collaborators see the same picture). */
	tidy(measured: GraphNode[]): void {
		const positions = tidyLayout(measured, this.edges);
		this.#localPositions = {};
		if (this.editor.canEdit) this.savePositions('Tidy layout', positions);
		else {
			this.#localPositions = positions;
			this.rebuild();
		}
	}

	/** Nodes whose label contains `query` (case-insensitive), for the search box. */
	search(query: string): { id: string; ref: NodeRef; label: string; type: string }[] {
		const q = query.trim().toLowerCase();
		if (!q) return [];
		const found: { id: string; ref: NodeRef; label: string; type: string }[] = [];
		for (const node of this.nodes) {
			const data = node.data as { label: string; ref: NodeRef };
			if (data.label.toLowerCase().includes(q))
				found.push({ id: node.id, ref: data.ref, label: data.label, type: node.type });
			if (node.type === 'option') {
				for (const choice of (node.data as { choices: { id: string; label: string }[] }).choices) {
					if (choice.label.toLowerCase().includes(q))
						found.push({
							id: node.id,
							ref: { kind: 'choice', id: choice.id, parentId: data.ref.id },
							label: `${data.label} · ${choice.label}`,
							type: 'choice'
						});
				}
			}
			if (found.length >= 12) break;
		}
		return found;
	}

	destroy(): void {
		clearTimeout(this.#noticeTimer);
	}
}
