import type { SelectionRef } from './editor.svelte';
import { colorFor, PRESENCE_COLORS } from './format';

/** What each studio client publishes in its Yjs awareness state. */
export interface AwarenessUser {
	id: string;
	name: string;
	color: string;
}

/** One person in a product's room. */
export interface Presence {
	clientId: number;
	name: string;
	color: string;
	isSelf: boolean;
	/** The user's id (a client-derived key when the state has none). */
	userId: string;
	selection: SelectionRef[];
	cursor: PresenceCursor | null;
	activity: Activity;
	viewport: PresenceViewport;
}

/**
 * Other clients' fields are outside input: each is parsed on its own and a malformed one reads
 * as absent (no selection, no cursor, active, no viewport), never as an error.
 *
 * The people in a room from the awareness states: yourself first, then the others by client id;
 * one entry per person even when they have several tabs open; states without a user are skipped
 * (a client that has not announced itself yet). Two people never show in the same color: a
 * clash is resolved with the first palette color nobody in the room uses.
 */
export function presenceFrom(
	states: ReadonlyMap<number, unknown>,
	self: { clientId: number; userId: string }
): Presence[] {
	const entries = [...states.entries()].sort(([a], [b]) =>
		a === self.clientId ? -1 : b === self.clientId ? 1 : a - b
	);
	const people: Presence[] = [];
	const seen = new Set<string>();
	const usedColors = new Set<string>();
	for (const [clientId, state] of entries) {
		if (!isRecord(state)) continue;
		const user = isRecord(state.user) ? (state.user as Partial<AwarenessUser>) : null;
		if (!user || typeof user.name !== 'string' || !user.name.trim()) continue;
		const key = typeof user.id === 'string' ? user.id : `client-${clientId}`;
		if (seen.has(key)) continue;
		seen.add(key);
		let color =
			typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color)
				? user.color
				: colorFor(key);
		if (usedColors.has(color.toLowerCase())) {
			color = PRESENCE_COLORS.find((c) => !usedColors.has(c)) ?? color;
		}
		usedColors.add(color.toLowerCase());
		people.push({
			clientId,
			name: user.name,
			color,
			isSelf: clientId === self.clientId || user.id === self.userId,
			userId: key,
			selection: parseSelection(state.selection),
			cursor: parseCursor(state.cursor),
			activity: parseActivity(state.activity),
			viewport: parseViewport(state.viewport)
		});
	}
	return people;
}

/** Where someone's pointer is: on the graph in flow coordinates, on a canvas view in view pixels. */
export type PresenceCursor =
	| { where: 'graph'; x: number; y: number }
	| { where: 'canvas'; viewId: string; x: number; y: number };

/** 'idle' after {@link IDLE_AFTER_MS} without input in that tab. */
export type Activity = 'active' | 'idle';

export const IDLE_AFTER_MS = 60_000;

/** What someone looks at, so others can follow them: the graph's and the canvas's viewports. */
export interface PresenceViewport {
	/** The graph's pan and zoom, and (when sent) the size of the pane it shows, in pixels. */
	graph?: { x: number; y: number; zoom: number; width?: number; height?: number };
	canvas?: { viewId: string; x: number; y: number; scale: number };
}

const SELECTION_KINDS = new Set<SelectionRef['kind']>([
	'option',
	'choice',
	'layer',
	'view',
	'printArea',
	'rule',
	'group',
	'scenario'
]);
/** More than anyone selects by hand; a longer list from another client is cut, not trusted. */
const MAX_SELECTION = 500;
const MAX_ID_LENGTH = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCoordinate(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e7;
}

function isId(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/** Another client's `selection` field: the well-formed refs, malformed entries skipped. */
export function parseSelection(value: unknown): SelectionRef[] {
	if (!Array.isArray(value)) return [];
	const refs: SelectionRef[] = [];
	for (const entry of value.slice(0, MAX_SELECTION)) {
		if (!isRecord(entry) || !isId(entry.id)) continue;
		const kind = entry.kind as SelectionRef['kind'];
		if (!SELECTION_KINDS.has(kind)) continue;
		const ref: SelectionRef = { kind, id: entry.id };
		if (entry.parentId !== undefined) {
			if (!isId(entry.parentId)) continue;
			ref.parentId = entry.parentId;
		}
		refs.push(ref);
	}
	return refs;
}

/** Another client's `cursor` field, or null when absent or malformed. */
export function parseCursor(value: unknown): PresenceCursor | null {
	if (!isRecord(value) || !isCoordinate(value.x) || !isCoordinate(value.y)) return null;
	if (value.where === 'graph') return { where: 'graph', x: value.x, y: value.y };
	if (value.where === 'canvas' && isId(value.viewId))
		return { where: 'canvas', viewId: value.viewId, x: value.x, y: value.y };
	return null;
}

/** Another client's `activity` field; anything but 'idle' counts as active. */
export function parseActivity(value: unknown): Activity {
	return value === 'idle' ? 'idle' : 'active';
}

function isZoom(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 1000;
}

function isPaneSize(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 1 && value < 100_000;
}

/**
 * Where to put your graph to follow someone: the middle of what they see at the middle of your
 * pane, zoomed so that all they see fits yours (panes differ in size; copying their pan and zoom
 * would show you a different part). Without their pane size, their pan and zoom as they are.
 */
export function followedGraphViewport(
	theirs: NonNullable<PresenceViewport['graph']>,
	mine: { width: number; height: number },
	zoomLimits: { min: number; max: number }
): { x: number; y: number; zoom: number } {
	if (!theirs.width || !theirs.height || mine.width < 1 || mine.height < 1)
		return { x: theirs.x, y: theirs.y, zoom: theirs.zoom };
	// Their visible area in flow coordinates.
	const seenWidth = theirs.width / theirs.zoom;
	const seenHeight = theirs.height / theirs.zoom;
	const centreX = -theirs.x / theirs.zoom + seenWidth / 2;
	const centreY = -theirs.y / theirs.zoom + seenHeight / 2;
	const fit = Math.min(mine.width / seenWidth, mine.height / seenHeight);
	const zoom = Math.min(zoomLimits.max, Math.max(zoomLimits.min, fit));
	return { x: mine.width / 2 - centreX * zoom, y: mine.height / 2 - centreY * zoom, zoom };
}

/** Another client's `viewport` field: the parts that are well formed. */
export function parseViewport(value: unknown): PresenceViewport {
	if (!isRecord(value)) return {};
	const viewport: PresenceViewport = {};
	const { graph, canvas } = value;
	if (isRecord(graph) && isCoordinate(graph.x) && isCoordinate(graph.y) && isZoom(graph.zoom)) {
		viewport.graph = { x: graph.x, y: graph.y, zoom: graph.zoom };
		if (isPaneSize(graph.width) && isPaneSize(graph.height)) {
			viewport.graph.width = graph.width;
			viewport.graph.height = graph.height;
		}
	}
	if (
		isRecord(canvas) &&
		isId(canvas.viewId) &&
		isCoordinate(canvas.x) &&
		isCoordinate(canvas.y) &&
		isZoom(canvas.scale)
	)
		viewport.canvas = { viewId: canvas.viewId, x: canvas.x, y: canvas.y, scale: canvas.scale };
	return viewport;
}
