import type { Position } from '@xyflow/svelte';
import type { Condition } from '$lib/core';
import { describeCondition, describeRule, priceText } from './describe';
import { KIND_NAMES, type DefinitionJson, type NodeRef, type OptionJson } from './model';

/**
 * The definition as a graph for Svelte Flow: nodes with stable ids (`option:<id>`, `layer:<id>`,
 * `view:<id>`, `rule:<id>`, `group:<id>`), choice rows as handles of their option node
 * (`choice:<choiceId>` out, `choice-in:<choiceId>` in), and edges that mean something:
 * option/choice → layer (what drives or shows it), option/choice → rule (its condition),
 * rule → option/choice (its effect), option → step, layer → view.
 *
 * Pure and framework-free (the types mirror Svelte Flow's), so the harness and the performance
 * script use it as the panel does. {@link GraphBuilder} reuses unchanged node and edge objects
 * between builds, so Svelte Flow re-renders only what changed.
 */

/** Steps are `step` nodes: Svelte Flow styles its built-in `group` type as a frame. */
export type GraphNodeType = 'option' | 'layer' | 'view' | 'rule' | 'step';

export interface ChoiceRow {
	id: string;
	label: string;
	/** "+$4.00", or "" when the choice costs nothing extra. */
	price: string;
	swatch?: string;
}

export interface OptionNodeData {
	[key: string]: unknown;
	ref: NodeRef;
	kind: OptionJson['kind'];
	kindName: string;
	label: string;
	required: boolean;
	choices: ChoiceRow[];
	/** Toggle price, number range, text length: one line about the option. */
	detail: string;
}

export interface LayerNodeData {
	[key: string]: unknown;
	ref: NodeRef;
	kind: 'image' | 'text' | 'upload' | 'group';
	label: string;
	view: string;
	/** "Color (choice art)", "Name text", "static art". */
	binding: string;
	/** Shown only when…, in words. */
	visibleWhen: string | null;
	thumbnail: string | null;
}

export interface ViewNodeData {
	[key: string]: unknown;
	ref: NodeRef;
	label: string;
	/** Its top layers, top of the stack first (at most {@link VIEW_LAYERS_SHOWN}). */
	layers: { id: string; label: string; kind: string }[];
	/** How many layers are not listed. */
	more: number;
	size: string;
}

export interface RuleNodeData {
	[key: string]: unknown;
	ref: NodeRef;
	label: string;
	enabled: boolean;
	condition: string;
	effect: string;
	sentence: string;
}

export interface GroupNodeData {
	[key: string]: unknown;
	ref: NodeRef;
	label: string;
	options: string[];
}

export type GraphNodeData =
	OptionNodeData | LayerNodeData | ViewNodeData | RuleNodeData | GroupNodeData;

/** Where a node draws one of its handles, relative to the node's top-left corner. */
export interface HandleGeometry {
	id: string;
	type: 'source' | 'target';
	/** `'left'` or `'right'` (Svelte Flow's enum, named by type only: this module stays pure). */
	position: Position;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface GraphNode {
	id: string;
	type: GraphNodeType;
	position: { x: number; y: number };
	data: GraphNodeData;
	/** The size the component draws at, for the layout before Svelte Flow has measured it. */
	initialWidth: number;
	initialHeight: number;
	selected?: boolean;
	/**
	 * The node's size: computed from its content until Svelte Flow has measured the drawn node,
	 * then Svelte Flow's (it replaces the object).
	 */
	measured?: { width?: number; height?: number };
	/**
	 * The computed handle places of a node Svelte Flow has not seen yet. With them (and a size)
	 * Svelte Flow can lay out edges without drawing the node, so only the nodes in sight are
	 * drawn on open; the graph panel drops them once Svelte Flow holds the node.
	 */
	handles?: HandleGeometry[];
	draggable?: boolean;
	connectable?: boolean;
	deletable?: boolean;
}

export type GraphEdgeKind = 'binding' | 'visibility' | 'condition' | 'effect' | 'member' | 'view';

export interface GraphEdge {
	id: string;
	source: string;
	target: string;
	sourceHandle: string;
	targetHandle: string;
	type?: string;
	class?: string;
	data: { kind: GraphEdgeKind; [key: string]: unknown };
	selectable?: boolean;
	deletable?: boolean;
}

/** Node sizes the layout uses; the components draw at these widths. */
export const NODE_WIDTH: Record<GraphNodeType, number> = {
	option: 240,
	layer: 232,
	view: 208,
	rule: 264,
	step: 200
};
export const HEADER_HEIGHT = 40;
/** A view node lists this many layers, then "and N more" (the canvas shows them all). */
export const VIEW_LAYERS_SHOWN = 12;
export const ROW_HEIGHT = 28;

/*
 * The node components' box model in px (see `graph/nodes/`), so a node's size and handle places
 * are known before it is drawn. Every line is truncated except a rule's sentence (estimated).
 */
const BORDER = 1;
/** The 9 px handles (GraphView's CSS) are centred on the frame's inner edge. */
const HANDLE = 9;
/** The "CHOICE OPTION" / "VIEW · 1000 × 1000 px" line under a header: 6 + 16.5 + 4. */
const KIND_LINE = 26.5;
/** Add choice button under an option's choices (h-7 + mb-2). */
const ADD_CHOICE = 36;
/** A layer's three lines (13, 12, 11 px at line height 1.5, gap 2) and its optional fourth. */
const LAYER_LINES = 19.5 + 2 + 18 + 2 + 16.5;
const LAYER_WHEN_LINE = 2 + 16.5;
const LIST_ROW = 22;
const RULE_HEADER = 36;
const RULE_LINE = 18;
/** Characters of a rule's 12 px sentence per line in its 238 px text box (Inter, on average). */
const RULE_LINE_CHARS = 36;

/** A node's drawn height and its handles, computed from what it shows. */
export function nodeGeometry(
	type: GraphNodeType,
	data: GraphNodeData,
	editable: boolean
): { height: number; handles: HandleGeometry[] } {
	const width = NODE_WIDTH[type];
	const handles: HandleGeometry[] = [];
	const handle = (id: string, kind: 'source' | 'target', y: number) =>
		handles.push({
			id,
			type: kind,
			position: (kind === 'source' ? 'right' : 'left') as Position,
			x: kind === 'source' ? width - BORDER - HANDLE / 2 : BORDER - HANDLE / 2,
			y: y - HANDLE / 2,
			width: HANDLE,
			height: HANDLE
		});
	let height: number;
	switch (type) {
		case 'option': {
			const option = data as OptionNodeData;
			const rows = option.choices.length;
			const hasChoices = option.kind === 'choice' || option.kind === 'multi';
			height =
				2 * BORDER +
				HEADER_HEIGHT +
				KIND_LINE +
				(rows > 0 ? rows * ROW_HEIGHT + 8 : 0) +
				(hasChoices && editable ? ADD_CHOICE : 0);
			// The header's border-bottom is inside its 40 px: its middle is half a pixel higher.
			const header = BORDER + (HEADER_HEIGHT - 1) / 2;
			handle('in', 'target', header);
			handle('out', 'source', header);
			option.choices.forEach((choice, i) => {
				const middle = BORDER + HEADER_HEIGHT + KIND_LINE + i * ROW_HEIGHT + ROW_HEIGHT / 2;
				handle(`choice-in:${choice.id}`, 'target', middle);
				handle(`choice:${choice.id}`, 'source', middle);
			});
			return { height, handles };
		}
		case 'layer': {
			const layer = data as LayerNodeData;
			const lines = LAYER_LINES + (layer.visibleWhen ? LAYER_WHEN_LINE : 0);
			height = 2 * BORDER + 20 + Math.max(48, lines);
			handle('in', 'target', height / 2);
			handle('out', 'source', height / 2);
			return { height, handles };
		}
		case 'view': {
			const view = data as ViewNodeData;
			const rows = Math.max(view.layers.length, 1) + (view.more > 0 ? 1 : 0);
			height = 2 * BORDER + HEADER_HEIGHT + KIND_LINE + rows * LIST_ROW + 8;
			handle('in', 'target', height / 2);
			return { height, handles };
		}
		case 'rule': {
			const rule = data as RuleNodeData;
			const lines = Math.max(1, Math.ceil(rule.sentence.length / RULE_LINE_CHARS));
			height = 2 * BORDER + RULE_HEADER + 16 + lines * RULE_LINE;
			handle('in', 'target', height / 2);
			handle('out', 'source', height / 2);
			return { height, handles };
		}
		case 'step': {
			const group = data as GroupNodeData;
			height = 2 * BORDER + HEADER_HEIGHT + 16 + Math.max(group.options.length, 1) * LIST_ROW;
			handle('in', 'target', height / 2);
			return { height, handles };
		}
	}
}

export const nodeId = (ref: NodeRef): string =>
	ref.kind === 'choice' ? `option:${ref.parentId ?? ''}` : `${ref.kind}:${ref.id}`;

/** The thing a node id and a handle id name (a choice when the handle is a choice row's). */
export function endpointOf(node: string, handle?: string | null): NodeRef | null {
	const colon = node.indexOf(':');
	if (colon < 0) return null;
	const kind = node.slice(0, colon) as NodeRef['kind'];
	const id = node.slice(colon + 1);
	if (!['option', 'layer', 'view', 'rule', 'group'].includes(kind)) return null;
	if (kind === 'option' && handle) {
		if (handle.startsWith('choice:')) return { kind: 'choice', id: handle.slice(7), parentId: id };
		if (handle.startsWith('choice-in:'))
			return { kind: 'choice', id: handle.slice(10), parentId: id };
	}
	return { kind, id };
}

/** Positions stored in the layout: `layout.graph.positions[nodeId] = { x, y }`. */
export function storedPositions(layout: {
	[key: string]: unknown;
}): Record<string, { x: number; y: number }> {
	const graph = layout.graph as
		{ positions?: Record<string, { x: number; y: number }> } | undefined;
	return graph?.positions ?? {};
}

function optionDetail(option: OptionJson, definition: DefinitionJson): string {
	switch (option.kind) {
		case 'text':
			return `up to ${String(option.maxLength ?? '?')} characters`;
		case 'number': {
			const unit = typeof option.unit === 'string' ? ` ${option.unit}` : '';
			return `${String(option.min ?? '−∞')} – ${String(option.max ?? '∞')}${unit}`;
		}
		case 'image':
			return Array.isArray(option.formats) ? option.formats.join(', ').toUpperCase() : 'upload';
		case 'toggle':
			return typeof option.priceDelta === 'number' && option.priceDelta !== 0
				? `${priceText(definition, option.priceDelta, true)} when on`
				: 'on / off';
		default:
			return '';
	}
}

function conditionLeaves(condition: Condition | undefined, out: Condition[] = []): Condition[] {
	if (!condition) return out;
	if (condition.type === 'and' || condition.type === 'or')
		condition.conditions.forEach((c) => conditionLeaves(c, out));
	else if (condition.type === 'not') conditionLeaves(condition.condition, out);
	else out.push(condition);
	return out;
}

/** Source endpoints (node, handle) a condition leaf comes from: choice rows or the option. */
function leafSources(leaf: Condition, choiceOptions: Set<string>): [string, string][] {
	if (leaf.type === 'quantity' || leaf.type === 'and' || leaf.type === 'or' || leaf.type === 'not')
		return [];
	const node = `option:${leaf.option}`;
	if (
		(leaf.type === 'is' || leaf.type === 'isNot') &&
		typeof leaf.value === 'string' &&
		choiceOptions.has(leaf.option)
	)
		return [[node, `choice:${leaf.value}`]];
	if (leaf.type === 'in' && choiceOptions.has(leaf.option))
		return leaf.values.map((v) => [node, `choice:${v}`]);
	return [[node, 'out']];
}

function assetUrl(definition: DefinitionJson, asset: string | undefined): string | null {
	if (!asset) return null;
	const path = definition.assets?.[asset]?.path;
	return typeof path === 'string' && (path.startsWith('/') || path.startsWith('http'))
		? path
		: null;
}

interface Built {
	nodes: Omit<GraphNode, 'position'>[];
	edges: GraphEdge[];
}

type BaseNode = Pick<GraphNode, 'id' | 'type' | 'initialWidth' | 'data'>;

/** Nodes (without positions) and edges of a definition. */
function build(definition: DefinitionJson): Built {
	const nodes: Omit<GraphNode, 'position'>[] = [];
	const push = (node: BaseNode) =>
		nodes.push({ ...node, initialHeight: nodeGeometry(node.type, node.data, true).height });
	const edges: GraphEdge[] = [];
	const edgeIds = new Set<string>();
	const options = definition.options ?? [];
	const optionIds = new Set(options.map((o) => o.id));
	const choiceOptions = new Set(
		options.filter((o) => o.kind === 'choice' || o.kind === 'multi').map((o) => o.id)
	);
	const choiceIds = new Map(
		options.map((o) => [o.id, new Set((o.choices ?? []).map((c) => c.id))])
	);
	const views = new Map((definition.views ?? []).map((v) => [v.id, v]));
	const addEdge = (
		kind: GraphEdgeKind,
		[source, sourceHandle]: [string, string],
		[target, targetHandle]: [string, string]
	) => {
		// Only edges between nodes that exist (a half-typed reference draws nothing).
		const endsExist = (n: string, h: string) => {
			if (n.startsWith('option:')) {
				const o = n.slice(7);
				if (!optionIds.has(o)) return false;
				if (h.startsWith('choice'))
					return choiceIds.get(o)?.has(h.slice(h.indexOf(':') + 1)) ?? false;
			}
			return true;
		};
		if (!endsExist(source, sourceHandle) || !endsExist(target, targetHandle)) return;
		const id = `${kind}:${source}/${sourceHandle}->${target}/${targetHandle}`;
		if (edgeIds.has(id)) return;
		edgeIds.add(id);
		edges.push({
			id,
			source,
			target,
			sourceHandle,
			targetHandle,
			class: `edge-${kind}`,
			data: { kind }
		});
	};

	for (const option of options) {
		const choices = (option.choices ?? []).map((c) => {
			const swatch = c.swatch as { color?: string; asset?: string } | undefined;
			return {
				id: c.id,
				label: c.label,
				price: c.priceDelta ? priceText(definition, c.priceDelta, true) : '',
				...(swatch?.color ? { swatch: swatch.color } : {})
			};
		});
		push({
			id: `option:${option.id}`,
			type: 'option',
			initialWidth: NODE_WIDTH.option,
			data: {
				ref: { kind: 'option', id: option.id },
				kind: option.kind,
				kindName: KIND_NAMES[option.kind],
				label: option.label,
				required: option.required === true,
				choices,
				detail: optionDetail(option, definition)
			} satisfies OptionNodeData
		});
		if (option.group !== undefined)
			addEdge('member', [`option:${option.id}`, 'out'], [`group:${option.group}`, 'in']);
	}

	const layers = definition.layers ?? [];
	for (const layer of layers) {
		const view = views.get(layer.view);
		const bound =
			layer.option !== undefined ? options.find((o) => o.id === layer.option) : undefined;
		let binding = 'static art';
		if (layer.kind === 'group') binding = 'group of layers';
		else if (bound)
			binding =
				layer.kind === 'image'
					? `${bound.label} · ${bound.kind === 'toggle' ? 'shown when on' : 'choice art'}`
					: layer.kind === 'text'
						? `${bound.label} · text`
						: `${bound.label} · upload`;
		const firstChoiceArt = bound?.choices?.find((c) => c.assets?.[layer.view])?.assets?.[
			layer.view
		];
		push({
			id: `layer:${layer.id}`,
			type: 'layer',
			initialWidth: NODE_WIDTH.layer,
			data: {
				ref: { kind: 'layer', id: layer.id },
				kind: layer.kind,
				label: layer.name ?? layer.id,
				view: view?.label ?? layer.view,
				binding,
				visibleWhen: layer.visibleWhen ? describeCondition(definition, layer.visibleWhen) : null,
				thumbnail: assetUrl(definition, layer.asset ?? firstChoiceArt)
			} satisfies LayerNodeData
		});
		if (layer.option !== undefined)
			addEdge('binding', [`option:${layer.option}`, 'out'], [`layer:${layer.id}`, 'in']);
		for (const leaf of conditionLeaves(layer.visibleWhen))
			for (const source of leafSources(leaf, choiceOptions))
				addEdge('visibility', source, [`layer:${layer.id}`, 'in']);
		if (view) addEdge('view', [`layer:${layer.id}`, 'out'], [`view:${view.id}`, 'in']);
	}

	for (const view of definition.views ?? []) {
		const stack = layers
			.filter((l) => l.view === view.id)
			.reverse()
			.map((l) => ({ id: l.id, label: l.name ?? l.id, kind: l.kind }));
		const size = view.size as { width?: number; height?: number } | undefined;
		push({
			id: `view:${view.id}`,
			type: 'view',
			initialWidth: NODE_WIDTH.view,
			data: {
				ref: { kind: 'view', id: view.id },
				label: view.label,
				layers: stack.slice(0, VIEW_LAYERS_SHOWN),
				more: Math.max(0, stack.length - VIEW_LAYERS_SHOWN),
				size: size ? `${size.width} × ${size.height} px` : ''
			} satisfies ViewNodeData
		});
	}

	for (const rule of definition.rules ?? []) {
		const text = describeRule(definition, rule);
		push({
			id: `rule:${rule.id}`,
			type: 'rule',
			initialWidth: NODE_WIDTH.rule,
			data: {
				ref: { kind: 'rule', id: rule.id },
				label: rule.name,
				enabled: rule.enabled !== false,
				...text
			} satisfies RuleNodeData
		});
		for (const leaf of conditionLeaves(rule.when))
			for (const source of leafSources(leaf, choiceOptions))
				addEdge('condition', source, [`rule:${rule.id}`, 'in']);
		for (const effect of rule.then) {
			if (effect.type === 'table') {
				for (const o of effect.options)
					addEdge('effect', [`rule:${rule.id}`, 'out'], [`option:${o}`, 'in']);
				continue;
			}
			if (!('option' in effect)) continue;
			const choice =
				'choice' in effect
					? effect.choice
					: 'value' in effect &&
						  typeof effect.value === 'string' &&
						  choiceOptions.has(effect.option)
						? effect.value
						: undefined;
			addEdge(
				'effect',
				[`rule:${rule.id}`, 'out'],
				[`option:${effect.option}`, choice !== undefined ? `choice-in:${choice}` : 'in']
			);
		}
	}

	for (const group of definition.groups ?? []) {
		const labels = (group.options ?? []).map((id) => options.find((o) => o.id === id)?.label ?? id);
		push({
			id: `group:${group.id}`,
			type: 'step',
			initialWidth: NODE_WIDTH.step,
			data: {
				ref: { kind: 'group', id: group.id },
				label: group.label,
				options: labels
			} satisfies GroupNodeData
		});
	}
	return { nodes, edges };
}

/** Nodes and edges of a definition, positioned from the layout (unplaced nodes at 0,0). */
export function graphFromDefinition(
	definition: DefinitionJson,
	layout: { [key: string]: unknown } = {}
): { nodes: GraphNode[]; edges: GraphEdge[] } {
	return new GraphBuilder().build(definition, layout);
}

/**
 * Builds graphs repeatedly, handing back the previous node/edge object whenever its content,
 * position and selection are unchanged — the panel rebuilds on every doc change, and Svelte Flow
 * skips nodes whose object is the same.
 */
export class GraphBuilder {
	#nodes = new Map<string, { key: string; node: GraphNode }>();
	#edges = new Map<string, GraphEdge>();
	// The last definition's nodes and edges, and each node's content as a string: a selection or
	// a move rebuilds with the same definition object and skips all of that.
	#definition: DefinitionJson | null = null;
	#built: Built = { nodes: [], edges: [] };
	#contentKeys = new Map<string, string>();
	/** The `measured` objects this builder computed (Svelte Flow's own replace them). */
	#estimates = new WeakSet<object>();
	/** Node ids without a stored position in the last build (the panel lays them out). */
	unplaced: string[] = [];

	build(
		definition: DefinitionJson,
		layout: { [key: string]: unknown },
		options: {
			selected?: ReadonlySet<string>;
			editable?: boolean;
			positions?: Record<string, { x: number; y: number }>;
			/**
			 * The nodes Svelte Flow holds now (it replaces node objects as it measures, selects and
			 * drags): an unchanged node is handed back as that object, a changed one keeps its
			 * measured size, so nothing is measured twice.
			 */
			current?: readonly GraphNode[];
			/** The edges Svelte Flow holds now (selected edges stay selected). */
			currentEdges?: readonly GraphEdge[];
		} = {}
	): { nodes: GraphNode[]; edges: GraphEdge[] } {
		if (definition !== this.#definition) {
			this.#definition = definition;
			this.#built = build(definition);
			this.#contentKeys = new Map(
				this.#built.nodes.map((n) => [n.id, JSON.stringify([n.data, n.initialHeight])])
			);
		}
		const { nodes, edges } = this.#built;
		const positions = { ...storedPositions(layout), ...options.positions };
		const editable = options.editable ?? true;
		const current = new Map((options.current ?? []).map((n) => [n.id, n]));
		const nextNodes = new Map<string, { key: string; node: GraphNode }>();
		this.unplaced = [];
		const out: GraphNode[] = nodes.map((base) => {
			const stored = positions[base.id];
			if (!stored) this.unplaced.push(base.id);
			const position = stored ?? { x: 0, y: 0 };
			const selected = options.selected?.has(base.id) ?? false;
			const key = `${this.#contentKeys.get(base.id)}|${position.x},${position.y}|${selected}|${editable}`;
			const previous = this.#nodes.get(base.id);
			const live = current.get(base.id);
			let node: GraphNode;
			if (previous && previous.key === key) node = live ?? previous.node;
			else {
				const geometry = nodeGeometry(base.type, base.data, editable);
				node = {
					...base,
					initialHeight: geometry.height,
					position: { x: position.x, y: position.y },
					selected,
					draggable: editable,
					connectable: editable,
					deletable: editable
				};
				if (live?.measured && !this.#estimates.has(live.measured)) node.measured = live.measured;
				else {
					// Not drawn yet: its computed size and handles stand in for Svelte Flow's measure.
					const measured = { width: base.initialWidth, height: Math.round(geometry.height) };
					this.#estimates.add(measured);
					node.measured = measured;
					node.handles = geometry.handles;
				}
			}
			nextNodes.set(base.id, { key, node });
			return node;
		});
		this.#nodes = nextNodes;
		const nextEdges = new Map<string, GraphEdge>();
		const liveEdges = new Map((options.currentEdges ?? []).map((e) => [e.id, e]));
		const outEdges = edges.map((edge) => {
			// An edge's id says everything it draws, so the same id is the same edge.
			const previous = liveEdges.get(edge.id) ?? this.#edges.get(edge.id);
			const kept =
				previous && previous.deletable === editable ? previous : { ...edge, deletable: editable };
			nextEdges.set(edge.id, kept);
			return kept;
		});
		this.#edges = nextEdges;
		return { nodes: out, edges: outEdges };
	}
}
