// The studio canvas as a plain Konva object, wired to Svelte by CanvasPanel.svelte. It draws the
// core's scene of one view with the storefront's renderer (so the studio shows exactly what the
// storefront shows), and on top of it the editing overlay: hit boxes, a Transformer, print areas,
// text boxes, placeholders, snapping guides and rulers. It never writes to the document itself:
// moves, resizes and nudges are reported through `onCommit` once, at their end.

import Konva from 'konva';
import type { Scene } from '$lib/core/scene';
import { createSceneRenderer, loadImageElement, type SceneRenderer } from '$lib/runtime/preview';
import { studioAssetUrl } from '../assets/urls';
import {
	boundsOf,
	fitViewport,
	pixelsPerUnit,
	rulerTicks,
	rulerUnitOf,
	zoomAt,
	type Box,
	type BoxTransform,
	type PhysicalSize,
	type Viewport
} from './geometry';
import type { CanvasCommit, CanvasTargetRef } from './commit';
import type { CanvasOverlay, OverlayTarget } from './overlay';
import { nudgeFor, snapMove, snapTargets, snapValue, type SnapTargets } from './snapping';

export type { CanvasCommit, CanvasTargetRef };

export type CanvasAction = 'move' | 'transform' | 'nudge';

/** Colors of the current theme, read from the CSS tokens (Konva cannot read CSS variables). */
export interface CanvasColors {
	canvas: string;
	surface: string;
	line: string;
	lineStrong: string;
	ink: string;
	muted: string;
	faint: string;
	accent: string;
	accentInk: string;
	danger: string;
	warning: string;
}

export interface CanvasModel {
	/** Changes when another view is shown (the canvas refits then). */
	viewId: string;
	size: { width: number; height: number };
	physical: PhysicalSize;
	scene: Scene;
	overlay: CanvasOverlay;
}

export interface CanvasStageOptions {
	colors: CanvasColors;
	onSelect(target: CanvasTargetRef | null, additive: boolean): void;
	onCommit(changes: CanvasCommit[], action: CanvasAction): void;
	onViewport?(viewport: Viewport): void;
	/** The user panned or zoomed (wheel, drag, {@link CanvasStage.zoomBy}), not a fit or a follow. */
	onUserViewport?(): void;
	/** Called after every draw of the scene layer with the time the draw took (ms). */
	onDraw?(milliseconds: number): void;
}

/** Ruler thickness in CSS px. */
export const RULER_SIZE = 20;
/** How close (screen px) an edge must come to a line to snap to it. */
const SNAP_DISTANCE = 6;
const FONT = 'Inter, ui-sans-serif, system-ui, sans-serif';
/** Marks drawn on the (always white) art board: placeholders, empty text boxes. */
const BOARD_MARK = '#71717a';
const keyOf = (ref: CanvasTargetRef) => `${ref.kind}:${ref.id}`;

export class CanvasStage {
	readonly #container: HTMLElement;
	readonly #options: CanvasStageOptions;
	readonly #stage: Konva.Stage;
	readonly #contentLayer: Konva.Layer;
	readonly #contentWorld: Konva.Group;
	readonly #board: Konva.Rect;
	readonly #sceneGroup: Konva.Group;
	readonly #renderer: SceneRenderer;
	readonly #overlayLayer: Konva.Layer;
	readonly #overlayWorld: Konva.Group;
	readonly #decorGroup: Konva.Group;
	readonly #targetGroup: Konva.Group;
	readonly #printGroup: Konva.Group;
	readonly #guideGroup: Konva.Group;
	readonly #transformer: Konva.Transformer;
	readonly #rulerLayer: Konva.Layer;

	#colors: CanvasColors;
	#viewport: Viewport = { scale: 1, x: RULER_SIZE, y: RULER_SIZE };
	#size = { width: 1, height: 1 };
	#model: CanvasModel | null = null;
	/** A model that arrived during a drag: applied when the drag ends. */
	#pendingModel: CanvasModel | null = null;
	#fittedView: string | null = null;
	/** The overlay the nodes show now, serialized (to skip rebuilding an unchanged one). */
	#overlayKey = '';
	/** Until the user zooms or pans, the view stays fitted as the panel resizes. */
	#autoFit = true;
	#selection: CanvasTargetRef[] = [];
	#editable = false;
	#proxies = new Map<string, Konva.Rect>();
	#targets = new Map<string, OverlayTarget>();
	/** Labels and tags kept at a constant screen size (counter-scaled on zoom). */
	#screenSized: Konva.Node[] = [];
	#snap: SnapTargets | null = null;
	#dragStart = new Map<string, { x: number; y: number }>();
	#interacting = false;
	#spaceDown = false;
	#pan: { pointerId: number; x: number; y: number; from: Viewport } | null = null;
	#disposers: (() => void)[] = [];

	constructor(container: HTMLElement, options: CanvasStageOptions) {
		this.#container = container;
		this.#options = options;
		this.#colors = options.colors;
		const bounds = container.getBoundingClientRect();
		this.#size = { width: Math.max(1, bounds.width), height: Math.max(1, bounds.height) };
		this.#stage = new Konva.Stage({ container: container as HTMLDivElement, ...this.#size });

		this.#contentLayer = new Konva.Layer({ listening: false });
		this.#contentWorld = new Konva.Group();
		this.#board = new Konva.Rect({ x: 0, y: 0, width: 1, height: 1, fill: '#ffffff' });
		this.#sceneGroup = new Konva.Group();
		this.#contentWorld.add(this.#board, this.#sceneGroup);
		this.#contentLayer.add(this.#contentWorld);
		let drawStart = 0;
		this.#contentLayer.on('beforeDraw', () => (drawStart = performance.now()));
		this.#contentLayer.on('draw', () => this.#options.onDraw?.(performance.now() - drawStart));
		this.#renderer = createSceneRenderer(this.#sceneGroup, {
			loadImage: loadImageElement,
			fontFamily: 'system-ui, sans-serif',
			// A draft's uploaded fonts and art are not public yet.
			assetUrl: studioAssetUrl
		});

		this.#overlayLayer = new Konva.Layer();
		this.#overlayWorld = new Konva.Group();
		this.#decorGroup = new Konva.Group({ listening: false });
		this.#targetGroup = new Konva.Group();
		this.#printGroup = new Konva.Group();
		this.#guideGroup = new Konva.Group({ listening: false });
		this.#overlayWorld.add(this.#decorGroup, this.#targetGroup, this.#printGroup, this.#guideGroup);
		this.#transformer = new Konva.Transformer({
			flipEnabled: false,
			ignoreStroke: true,
			rotationSnaps: [0, 45, 90, 135, 180, 225, 270, 315],
			rotationSnapTolerance: 4,
			anchorSize: 8,
			anchorCornerRadius: 2,
			borderStrokeWidth: 1.5,
			boundBoxFunc: (oldBox, newBox) =>
				Math.abs(newBox.width) < 4 || Math.abs(newBox.height) < 4 ? oldBox : newBox,
			anchorDragBoundFunc: (_old, next) => this.#snapAnchor(next)
		});
		this.#overlayLayer.add(this.#overlayWorld, this.#transformer);

		this.#rulerLayer = new Konva.Layer({ listening: false });
		this.#rulerLayer.add(new Konva.Shape({ sceneFunc: (ctx) => this.#drawRulers(ctx) }));
		this.#stage.add(this.#contentLayer, this.#overlayLayer, this.#rulerLayer);

		this.#wireStageEvents();
		this.#wireDomEvents();
		this.#applyColors();
		this.#applyViewport();
	}

	/** The zoom and pan now. */
	get viewport(): Viewport {
		return { ...this.#viewport };
	}

	/** The renderer's promise that every image and font of the last scene is drawn. */
	ready(): Promise<void> {
		return this.#renderer.ready();
	}

	/** Follows the container's size (call from a ResizeObserver) and the device pixel ratio. */
	resize(width: number, height: number): void {
		const ratio =
			typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
		if (Konva.pixelRatio !== ratio) {
			Konva.pixelRatio = ratio;
			for (const layer of [this.#contentLayer, this.#overlayLayer, this.#rulerLayer])
				layer.getCanvas().setPixelRatio(ratio);
		}
		this.#size = { width: Math.max(1, width), height: Math.max(1, height) };
		this.#stage.size(this.#size);
		if (this.#model && (this.#autoFit || this.#fittedView !== this.#model.viewId)) this.fit();
		else this.#applyViewport();
	}

	/** Shows a scene and its editing overlay; refits when the view changes. */
	setModel(model: CanvasModel): void {
		if (this.#interacting) {
			// Rebuilding the hit boxes would drop the one being dragged: wait for the drag's end.
			this.#pendingModel = model;
			this.#renderer.render(model.scene);
			return;
		}
		const viewChanged = this.#model?.viewId !== model.viewId;
		this.#model = model;
		this.#board.size(model.size);
		this.#renderer.render(model.scene);
		// Most edits (a price, a rule) leave the overlay as it was: keep its nodes then.
		const overlayKey = JSON.stringify(model.overlay);
		if (overlayKey !== this.#overlayKey) {
			this.#overlayKey = overlayKey;
			this.#buildOverlay(model);
		}
		if (viewChanged || this.#fittedView !== model.viewId) this.fit();
		else this.#applyViewport();
	}

	/** Attaches the Transformer to the selected layers and print areas of this view. */
	setSelection(selection: CanvasTargetRef[]): void {
		this.#selection = selection;
		this.#attachTransformer();
	}

	/** Viewers see the selection outline only: no handles, nothing draggable. */
	setEditable(editable: boolean): void {
		if (this.#editable === editable) return;
		this.#editable = editable;
		for (const proxy of this.#proxies.values()) proxy.draggable(editable);
		this.#attachTransformer();
	}

	setColors(colors: CanvasColors): void {
		this.#colors = colors;
		this.#applyColors();
		this.#overlayKey = '';
		if (this.#model) this.#buildOverlay(this.#model);
		this.#applyViewport();
	}

	/** Shows the whole view. */
	fit(): void {
		if (!this.#model) return;
		this.#fittedView = this.#model.viewId;
		this.#autoFit = true;
		this.#viewport = fitViewport(this.#workArea(), this.#model.size);
		this.#applyViewport();
	}

	/** Shows exactly `viewport` (someone else's, when following them); stays until changed. */
	setViewport(viewport: Viewport): void {
		this.#autoFit = false;
		this.#viewport = { ...viewport };
		this.#applyViewport();
	}

	/** Zooms by `factor` around the centre of the visible area. */
	zoomBy(factor: number): void {
		this.#autoFit = false;
		const area = this.#workArea();
		this.#viewport = zoomAt(
			this.#viewport,
			{ x: area.x + area.width / 2, y: area.y + area.height / 2 },
			factor
		);
		this.#applyViewport();
		this.#options.onUserViewport?.();
	}

	/** Zooms to `scale` (1 = one view pixel per CSS pixel) around the visible centre. */
	zoomTo(scale: number): void {
		this.zoomBy(scale / this.#viewport.scale);
	}

	/** Pans (zooming out when needed) so a layer or print area is in sight. */
	reveal(ref: CanvasTargetRef): void {
		const box = this.#boxOf(ref);
		if (!box || !this.#model) return;
		const area = this.#workArea();
		const bounds = boundsOf(box);
		const fits =
			bounds.width * this.#viewport.scale <= area.width - 48 &&
			bounds.height * this.#viewport.scale <= area.height - 48;
		const scale = fits
			? this.#viewport.scale
			: fitViewport(area, { width: bounds.width, height: bounds.height }, 48).scale;
		this.#autoFit = false;
		this.#viewport = {
			scale,
			x: area.x + area.width / 2 - (bounds.x + bounds.width / 2) * scale,
			y: area.y + area.height / 2 - (bounds.y + bounds.height / 2) * scale
		};
		this.#applyViewport();
	}

	/** Moves the selection by an arrow key; returns whether the key was used. */
	nudge(key: string, shift: boolean): boolean {
		const step = nudgeFor(key, shift);
		if (!step || !this.#editable) return false;
		const changes: CanvasCommit[] = [];
		for (const ref of this.#selection) {
			const box = this.#boxOf(ref);
			if (box)
				changes.push({ target: ref, box: { ...box, x: box.x + step.dx, y: box.y + step.dy } });
		}
		if (changes.length === 0) return false;
		this.#options.onCommit(changes, 'nudge');
		return true;
	}

	/** Space held: dragging pans instead of moving layers. */
	setSpaceDown(down: boolean): void {
		if (this.#spaceDown === down) return;
		this.#spaceDown = down;
		this.#overlayLayer.listening(!down);
		this.#container.style.cursor = down ? 'grab' : '';
	}

	destroy(): void {
		for (const dispose of this.#disposers.reverse()) dispose();
		this.#disposers = [];
		this.#renderer.destroy();
		this.#stage.destroy();
	}

	// --- Overlay -------------------------------------------------------------------------------

	#buildOverlay(model: CanvasModel): void {
		const c = this.#colors;
		this.#decorGroup.destroyChildren();
		this.#targetGroup.destroyChildren();
		this.#printGroup.destroyChildren();
		this.#guideGroup.destroyChildren();
		this.#screenSized = [];
		this.#proxies.clear();
		this.#targets.clear();

		// Placeholders sit on the art board, which is white in both themes: board colors, not theme.
		for (const placeholder of model.overlay.placeholders) {
			const frame = this.#boxGroup(placeholder.box);
			const { width, height } = placeholder.box;
			const line = { stroke: BOARD_MARK, strokeWidth: 1, strokeScaleEnabled: false, opacity: 0.5 };
			frame.add(
				new Konva.Rect({ width, height, fill: '#ffffff', opacity: 0.55 }),
				new Konva.Line({ points: [0, 0, width, height], ...line }),
				new Konva.Line({ points: [width, 0, 0, height], ...line }),
				new Konva.Rect({ width, height, ...line, opacity: 1, dash: [6, 4] })
			);
			// In the box's top-left corner: its centre is where text boxes usually sit.
			const label = this.#tag([placeholder.title, placeholder.detail].filter(Boolean).join('\n'), {
				fill: '#ffffff',
				text: '#3f3f46',
				align: 'insideTopLeft'
			});
			label.position({ x: 0, y: 0 });
			frame.add(label);
			this.#decorGroup.add(frame);
		}

		// Alternative text layers often share one box (one per font): name an empty box once, and
		// not at all when one of them draws its text there.
		const boxKey = (b: BoxTransform) => [b.x, b.y, b.width, b.height, b.rotation].join(' ');
		const hinted = new Set(
			model.overlay.textBoxes.filter((t) => t.drawn).map((t) => boxKey(t.box))
		);
		for (const textBox of model.overlay.textBoxes) {
			const frame = this.#boxGroup(textBox.box);
			const { width, height } = textBox.box;
			const problem = textBox.overflow || textBox.outsidePrintArea;
			frame.add(
				new Konva.Rect({
					width,
					height,
					stroke: problem ? c.danger : BOARD_MARK,
					strokeWidth: problem ? 1.5 : 1,
					strokeScaleEnabled: false,
					dash: problem ? undefined : [4, 3]
				})
			);
			const hintKey = boxKey(textBox.box);
			if (!textBox.drawn && !hinted.has(hintKey)) {
				hinted.add(hintKey);
				const hint = this.#tag(textBox.placeholder, { text: BOARD_MARK, align: 'center' });
				hint.position({ x: width / 2, y: height / 2 });
				frame.add(hint);
			}
			// A shrunk text is fine: the status line mentions it when the layer is selected.
			const note = textBox.overflow
				? this.#tag('Text overflows its box', {
						fill: c.danger,
						text: '#ffffff',
						align: 'aboveRight'
					})
				: textBox.outsidePrintArea
					? this.#tag('Outside its print area: cut off', {
							fill: c.danger,
							text: '#ffffff',
							align: 'aboveRight'
						})
					: null;
			if (note) {
				// Above the box's right end: print-area labels sit under the left end.
				note.position({ x: width, y: 0 });
				frame.add(note);
			}
			this.#decorGroup.add(frame);
		}

		for (const target of model.overlay.targets) {
			const ref: CanvasTargetRef = { kind: 'layer', id: target.id };
			const proxy = this.#proxy(ref, target.box);
			proxy.fill('rgba(0,0,0,0)');
			this.#targets.set(keyOf(ref), target);
			this.#targetGroup.add(proxy);
		}

		for (const area of model.overlay.printAreas) {
			const ref: CanvasTargetRef = { kind: 'printArea', id: area.id };
			if (area.bleedRect.width !== area.rect.width) {
				this.#decorGroup.add(
					new Konva.Rect({
						...area.bleedRect,
						stroke: c.accent,
						opacity: 0.45,
						strokeWidth: 1,
						strokeScaleEnabled: false,
						dash: [2, 3]
					})
				);
			}
			// The outline is also the hit box (its stroke only: clicks inside reach the layers).
			const proxy = this.#proxy(ref, { ...area.rect, rotation: 0 });
			proxy.setAttrs({
				// Konva's hit canvas fills every shape with fill enabled, even without a fill.
				fillEnabled: false,
				stroke: c.accent,
				strokeWidth: 1.5,
				dash: [6, 4],
				hitStrokeWidth: 10
			});
			this.#printGroup.add(proxy);
			// Under the bottom-left corner: inside, it would cover the text it holds (centred texts
			// leave the space under an area free more often than the space above it). Not a hit
			// target, so it never steals a click from the layer under it.
			const label = this.#tag(`${area.label} · ${area.dpi} DPI`, {
				fill: c.accent,
				text: c.accentInk,
				align: 'below'
			});
			label.position({ x: area.rect.x, y: area.rect.y + area.rect.height });
			this.#printGroup.add(label);
		}

		this.#attachTransformer();
	}

	/** A group at a box's center, rotated like the box, whose origin is the box's top-left corner. */
	#boxGroup(box: BoxTransform): Konva.Group {
		return new Konva.Group({
			x: box.x + box.width / 2,
			y: box.y + box.height / 2,
			offsetX: box.width / 2,
			offsetY: box.height / 2,
			rotation: box.rotation
		});
	}

	/** A hit box for a layer or print area: placed at its center so rotation turns around it. */
	#proxy(ref: CanvasTargetRef, box: BoxTransform): Konva.Rect {
		const proxy = new Konva.Rect({
			x: box.x + box.width / 2,
			y: box.y + box.height / 2,
			width: box.width,
			height: box.height,
			offsetX: box.width / 2,
			offsetY: box.height / 2,
			rotation: box.rotation,
			strokeScaleEnabled: false,
			draggable: this.#editable,
			name: ref.kind,
			id: keyOf(ref)
		});
		proxy.setAttr('atelierRef', ref);
		this.#proxies.set(keyOf(ref), proxy);
		return proxy;
	}

	/** A small label that keeps its screen size at every zoom. */
	#tag(
		text: string,
		style: {
			fill?: string;
			text: string;
			align: 'center' | 'below' | 'aboveRight' | 'insideTopLeft';
		}
	): Konva.Label {
		const label = new Konva.Label({ listening: false });
		label.add(
			new Konva.Tag({
				fill: style.fill,
				cornerRadius: 3,
				opacity: style.fill ? 0.95 : 0
			}),
			new Konva.Text({
				text,
				fontFamily: FONT,
				fontSize: 11,
				fontStyle: '500',
				lineHeight: 1.3,
				padding: 4,
				align: style.align === 'insideTopLeft' ? 'left' : 'center',
				fill: style.text
			})
		);
		const width = label.width();
		const height = label.height();
		if (style.align === 'center') label.offset({ x: width / 2, y: height / 2 });
		else if (style.align === 'aboveRight') label.offset({ x: width, y: height + 3 });
		else if (style.align === 'insideTopLeft') label.offset({ x: -4, y: -4 });
		else label.offset({ x: 0, y: -3 });
		this.#screenSized.push(label);
		return label;
	}

	#attachTransformer(): void {
		this.#syncSelectedProxies();
		const nodes = this.#selection
			.map((ref) => this.#proxies.get(keyOf(ref)))
			.filter((n): n is Konva.Rect => !!n);
		const editable = this.#editable;
		const hasPrintArea = this.#selection.some((s) => s.kind === 'printArea');
		this.#transformer.setAttrs({
			resizeEnabled: editable,
			rotateEnabled: editable && !hasPrintArea,
			borderStroke: this.#colors.accent,
			anchorStroke: this.#colors.accent,
			anchorFill: this.#colors.surface
		});
		this.#transformer.nodes(nodes);
		this.#transformer.moveToTop();
		this.#overlayLayer.batchDraw();
		this.#rulerLayer.batchDraw();
	}

	/**
	 * A layer selected elsewhere that has no hit box (hidden for the tested choices, or inside a
	 * group) gets one on top while it is selected, so its handles can be grabbed.
	 */
	#syncSelectedProxies(): void {
		if (!this.#model) return;
		const wanted = new Set(this.#selection.map(keyOf));
		for (const [key, proxy] of this.#proxies) {
			if (proxy.getAttr('atelierExtra') && !wanted.has(key)) {
				proxy.destroy();
				this.#proxies.delete(key);
				this.#targets.delete(key);
			}
		}
		for (const ref of this.#selection) {
			if (ref.kind !== 'layer' || this.#proxies.has(keyOf(ref))) continue;
			const layer = this.#model.overlay.layers.find((l) => l.id === ref.id);
			if (!layer) continue;
			const proxy = this.#proxy(ref, layer.box);
			proxy.setAttrs({ fill: 'rgba(0,0,0,0)', atelierExtra: true });
			this.#targets.set(keyOf(ref), layer);
			this.#targetGroup.add(proxy);
		}
	}

	// --- Interaction ---------------------------------------------------------------------------

	#wireStageEvents(): void {
		const stage = this.#stage;
		const refOf = (node: Konva.Node | null): CanvasTargetRef | null =>
			(node?.getAttr('atelierRef') as CanvasTargetRef | undefined) ?? null;

		stage.on('mousedown touchstart', (e) => {
			if (e.evt instanceof MouseEvent && e.evt.button !== 0) return;
			const ref = refOf(e.target);
			if (!ref) {
				// The transformer's own anchors are not targets; empty space clears the selection.
				if (e.target === stage) this.#options.onSelect(null, false);
				return;
			}
			const selected = this.#selection.some((s) => keyOf(s) === keyOf(ref));
			const additive = 'shiftKey' in e.evt && e.evt.shiftKey;
			if (!selected || additive) this.#options.onSelect(ref, additive);
		});

		stage.on('mouseover', (e) => {
			const ref = refOf(e.target);
			if (ref?.kind === 'layer') {
				(e.target as Konva.Rect).setAttrs({ stroke: this.#colors.accent, strokeWidth: 1 });
				this.#overlayLayer.batchDraw();
			}
			if (ref && !this.#spaceDown)
				this.#container.style.cursor = this.#editable ? 'move' : 'pointer';
		});
		stage.on('mouseout', (e) => {
			const ref = refOf(e.target);
			if (ref?.kind === 'layer') {
				(e.target as Konva.Rect).setAttrs({ stroke: undefined });
				this.#overlayLayer.batchDraw();
			}
			if (!this.#spaceDown) this.#container.style.cursor = '';
		});

		this.#targetGroup.on('dragstart', () => this.#startInteraction());
		this.#printGroup.on('dragstart', () => this.#startInteraction());
		const onDragMove = (e: Konva.KonvaEventObject<DragEvent>) => this.#dragMove(e.target);
		this.#targetGroup.on('dragmove', onDragMove);
		this.#printGroup.on('dragmove', onDragMove);
		const onDragEnd = () => this.#endInteraction('move');
		this.#targetGroup.on('dragend', onDragEnd);
		this.#printGroup.on('dragend', onDragEnd);
		this.#transformer.on('transformstart', () => this.#startInteraction());
		this.#transformer.on('transformend', () => this.#endInteraction('transform'));
	}

	#startInteraction(): void {
		if (this.#interacting) return;
		this.#interacting = true;
		this.#dragStart.clear();
		const moving = new Set([...this.#transformer.nodes()]);
		for (const proxy of this.#proxies.values()) {
			this.#dragStart.set(proxy.id(), { x: proxy.x(), y: proxy.y() });
		}
		// Snap to everything that is not moving.
		const others: Box[] = [];
		for (const proxy of this.#proxies.values()) {
			if (moving.has(proxy) || proxy.isDragging()) continue;
			others.push(this.#proxyBounds(proxy));
		}
		if (this.#model) this.#snap = snapTargets(this.#model.size, others);
	}

	#dragMove(node: Konva.Node): void {
		if (!this.#model || !this.#snap) return;
		const single = this.#transformer.nodes().length <= 1;
		if (single) {
			const threshold = SNAP_DISTANCE / this.#viewport.scale;
			const result = snapMove(this.#proxyBounds(node), this.#snap, threshold, this.#model.size);
			if (result.dx || result.dy)
				node.position({ x: node.x() + result.dx, y: node.y() + result.dy });
			this.#drawGuides(result.guides);
		}
		// Move the drawn scene items with their hit boxes, so the picture follows the hand.
		const moved = new Set([node, ...this.#transformer.nodes()]);
		for (const proxy of moved) {
			const start = this.#dragStart.get(proxy.id());
			const target = this.#targets.get(proxy.id());
			if (!start || !target) continue;
			for (const itemId of target.itemIds) {
				this.#renderer
					.nodeFor(itemId)
					?.position({ x: proxy.x() - start.x, y: proxy.y() - start.y });
			}
		}
		this.#contentLayer.batchDraw();
	}

	#endInteraction(action: CanvasAction): void {
		if (!this.#interacting) return;
		this.#interacting = false;
		this.#snap = null;
		this.#guideGroup.destroyChildren();
		const changes: CanvasCommit[] = [];
		for (const proxy of this.#proxies.values()) {
			const start = this.#dragStart.get(proxy.id());
			const transformed = proxy.scaleX() !== 1 || proxy.scaleY() !== 1;
			const moved = start && (start.x !== proxy.x() || start.y !== proxy.y());
			const ref = proxy.getAttr('atelierRef') as CanvasTargetRef;
			const original = this.#boxOf(ref);
			if (!moved && !transformed && original?.rotation === proxy.rotation()) continue;
			changes.push({ target: ref, box: this.#proxyBox(proxy) });
			for (const itemId of this.#targets.get(proxy.id())?.itemIds ?? [])
				this.#renderer.nodeFor(itemId)?.position({ x: 0, y: 0 });
		}
		this.#dragStart.clear();
		const pending = this.#pendingModel;
		this.#pendingModel = null;
		if (changes.length > 0) this.#options.onCommit(changes, action);
		// Rebuild from the latest model: hit boxes return to what the document says until the
		// commit's own change arrives (in the same tick), and a refused edit snaps back.
		const latest = pending ?? this.#model;
		this.#overlayKey = '';
		if (latest) this.setModel(latest);
	}

	/** A proxy's box in view pixels, scale folded into its size. */
	#proxyBox(proxy: Konva.Node): BoxTransform {
		const width = proxy.width() * Math.abs(proxy.scaleX());
		const height = proxy.height() * Math.abs(proxy.scaleY());
		return {
			x: proxy.x() - width / 2,
			y: proxy.y() - height / 2,
			width,
			height,
			rotation: proxy.rotation()
		};
	}

	#proxyBounds(proxy: Konva.Node): Box {
		return boundsOf(this.#proxyBox(proxy));
	}

	#boxOf(ref: CanvasTargetRef): BoxTransform | undefined {
		if (!this.#model) return undefined;
		if (ref.kind === 'printArea') {
			const area = this.#model.overlay.printAreas.find((p) => p.id === ref.id);
			return area ? { ...area.rect, rotation: 0 } : undefined;
		}
		return this.#model.overlay.layers.find((t) => t.id === ref.id)?.box;
	}

	/** Snaps a dragged resize handle to the lines around (unrotated single selections only). */
	#snapAnchor(position: { x: number; y: number }): { x: number; y: number } {
		const nodes = this.#transformer.nodes();
		if (!this.#snap || !this.#model || nodes.length !== 1 || nodes[0]?.rotation() !== 0) {
			this.#guideGroup.destroyChildren();
			return position;
		}
		const toView = this.#overlayWorld.getAbsoluteTransform().copy().invert();
		const point = toView.point(position);
		const threshold = SNAP_DISTANCE / this.#viewport.scale;
		const x = snapValue(point.x, this.#snap.x, threshold);
		const y = snapValue(point.y, this.#snap.y, threshold);
		const { width, height } = this.#model.size;
		this.#drawGuides([
			...(x.at !== undefined ? [{ axis: 'x' as const, at: x.at, from: 0, to: height }] : []),
			...(y.at !== undefined ? [{ axis: 'y' as const, at: y.at, from: 0, to: width }] : [])
		]);
		return this.#overlayWorld.getAbsoluteTransform().point({ x: x.value, y: y.value });
	}

	#drawGuides(guides: { axis: 'x' | 'y'; at: number; from: number; to: number }[]): void {
		this.#guideGroup.destroyChildren();
		for (const guide of guides) {
			this.#guideGroup.add(
				new Konva.Line({
					points:
						guide.axis === 'x'
							? [guide.at, guide.from, guide.at, guide.to]
							: [guide.from, guide.at, guide.to, guide.at],
					stroke: this.#colors.danger,
					strokeWidth: 1,
					strokeScaleEnabled: false
				})
			);
		}
		this.#overlayLayer.batchDraw();
	}

	#wireDomEvents(): void {
		const el = this.#container;
		const local = (e: { clientX: number; clientY: number }) => {
			const rect = el.getBoundingClientRect();
			return { x: e.clientX - rect.left, y: e.clientY - rect.top };
		};
		const onWheel = (e: WheelEvent) => {
			e.preventDefault();
			this.#autoFit = false;
			const scaleLines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.#size.height : 1;
			const dx = e.deltaX * scaleLines;
			const dy = e.deltaY * scaleLines;
			if (e.ctrlKey || e.metaKey) {
				// Trackpad pinches arrive as ctrl+wheel with small deltas; mouse wheels with ~100.
				this.#viewport = zoomAt(this.#viewport, local(e), Math.exp(-dy * 0.01));
			} else if (e.shiftKey && dx === 0) {
				this.#viewport = { ...this.#viewport, x: this.#viewport.x - dy };
			} else {
				this.#viewport = { ...this.#viewport, x: this.#viewport.x - dx, y: this.#viewport.y - dy };
			}
			this.#applyViewport();
			this.#options.onUserViewport?.();
		};
		const onPointerDown = (e: PointerEvent) => {
			if (!(e.button === 1 || (e.button === 0 && this.#spaceDown))) return;
			e.preventDefault();
			this.#autoFit = false;
			this.#pan = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, from: this.#viewport };
			this.#options.onUserViewport?.();
			el.setPointerCapture(e.pointerId);
			el.style.cursor = 'grabbing';
		};
		const onPointerMove = (e: PointerEvent) => {
			if (!this.#pan || e.pointerId !== this.#pan.pointerId) return;
			const { from } = this.#pan;
			this.#viewport = {
				...from,
				x: from.x + e.clientX - this.#pan.x,
				y: from.y + e.clientY - this.#pan.y
			};
			this.#applyViewport();
		};
		const onPointerUp = (e: PointerEvent) => {
			if (!this.#pan || e.pointerId !== this.#pan.pointerId) return;
			this.#pan = null;
			el.releasePointerCapture(e.pointerId);
			el.style.cursor = this.#spaceDown ? 'grab' : '';
		};
		// Middle-click would start the browser's autoscroll.
		const onMouseDown = (e: MouseEvent) => {
			if (e.button === 1) e.preventDefault();
		};
		el.addEventListener('wheel', onWheel, { passive: false });
		el.addEventListener('pointerdown', onPointerDown, { capture: true });
		el.addEventListener('pointermove', onPointerMove);
		el.addEventListener('pointerup', onPointerUp);
		el.addEventListener('pointercancel', onPointerUp);
		el.addEventListener('mousedown', onMouseDown);
		this.#disposers.push(() => {
			el.removeEventListener('wheel', onWheel);
			el.removeEventListener('pointerdown', onPointerDown, { capture: true });
			el.removeEventListener('pointermove', onPointerMove);
			el.removeEventListener('pointerup', onPointerUp);
			el.removeEventListener('pointercancel', onPointerUp);
			el.removeEventListener('mousedown', onMouseDown);
		});
	}

	// --- Viewport and rulers -------------------------------------------------------------------

	/** The stage area not covered by the rulers. */
	#workArea(): Box {
		return {
			x: RULER_SIZE,
			y: RULER_SIZE,
			width: Math.max(1, this.#size.width - RULER_SIZE),
			height: Math.max(1, this.#size.height - RULER_SIZE)
		};
	}

	#applyViewport(): void {
		const { scale, x, y } = this.#viewport;
		for (const world of [this.#contentWorld, this.#overlayWorld]) {
			world.position({ x, y });
			world.scale({ x: scale, y: scale });
		}
		for (const node of this.#screenSized) node.scale({ x: 1 / scale, y: 1 / scale });
		this.#board.shadowBlur(12 / scale);
		this.#board.shadowOffsetY(2 / scale);
		this.#contentLayer.batchDraw();
		this.#overlayLayer.batchDraw();
		this.#rulerLayer.batchDraw();
		this.#options.onViewport?.({ ...this.#viewport });
	}

	#applyColors(): void {
		const c = this.#colors;
		this.#board.setAttrs({
			fill: '#ffffff',
			shadowColor: '#000000',
			shadowOpacity: 0.12,
			stroke: c.line,
			strokeWidth: 1,
			strokeScaleEnabled: false
		});
		this.#container.style.background = c.canvas;
		this.#attachTransformer();
	}

	#drawRulers(ctx: Konva.Context): void {
		const c = this.#colors;
		const { width, height } = this.#size;
		const { scale, x: ox, y: oy } = this.#viewport;
		ctx.fillStyle = c.surface;
		ctx.fillRect(0, 0, width, RULER_SIZE);
		ctx.fillRect(0, 0, RULER_SIZE, height);
		const model = this.#model;
		if (model) {
			const unit = rulerUnitOf(model.physical);
			const perUnit = pixelsPerUnit(model.size, model.physical, unit);
			// The selection's extent, shaded on both rulers.
			const selected = this.#transformer.nodes().map((n) => this.#proxyBounds(n));
			if (selected.length > 0) {
				const minX = Math.min(...selected.map((b) => b.x));
				const maxX = Math.max(...selected.map((b) => b.x + b.width));
				const minY = Math.min(...selected.map((b) => b.y));
				const maxY = Math.max(...selected.map((b) => b.y + b.height));
				ctx.fillStyle = c.accent;
				ctx.globalAlpha = 0.16;
				ctx.fillRect(minX * scale + ox, 0, (maxX - minX) * scale, RULER_SIZE);
				ctx.fillRect(0, minY * scale + oy, RULER_SIZE, (maxY - minY) * scale);
				ctx.globalAlpha = 1;
			}
			ctx.font = `500 9px ${FONT}`;
			ctx.textBaseline = 'top';
			ctx.strokeStyle = c.faint;
			ctx.lineWidth = 1;
			ctx.beginPath();
			const top = rulerTicks((RULER_SIZE - ox) / scale, (width - ox) / scale, perUnit.x, scale);
			for (const tick of top) {
				const sx = Math.round(tick.at * scale + ox) + 0.5;
				const length = tick.major ? 8 : 4;
				ctx.moveTo(sx, RULER_SIZE - length);
				ctx.lineTo(sx, RULER_SIZE);
			}
			const left = rulerTicks((RULER_SIZE - oy) / scale, (height - oy) / scale, perUnit.y, scale);
			for (const tick of left) {
				const sy = Math.round(tick.at * scale + oy) + 0.5;
				const length = tick.major ? 8 : 4;
				ctx.moveTo(RULER_SIZE - length, sy);
				ctx.lineTo(RULER_SIZE, sy);
			}
			ctx.stroke();
			ctx.fillStyle = c.muted;
			for (const tick of top) {
				if (!tick.label) continue;
				ctx.fillText(tick.label, Math.round(tick.at * scale + ox) + 3, 3);
			}
			for (const tick of left) {
				if (!tick.label) continue;
				const sy = Math.round(tick.at * scale + oy);
				ctx.save();
				ctx.translate(3, sy - 3);
				ctx.rotate(-Math.PI / 2);
				ctx.fillText(tick.label, 0, 0);
				ctx.restore();
			}
			// The corner names the unit.
			ctx.fillStyle = c.surface;
			ctx.fillRect(0, 0, RULER_SIZE, RULER_SIZE);
			ctx.fillStyle = c.muted;
			ctx.textBaseline = 'middle';
			ctx.textAlign = 'center';
			ctx.fillText(unit, RULER_SIZE / 2, RULER_SIZE / 2);
			ctx.textAlign = 'left';
		}
		ctx.strokeStyle = c.line;
		ctx.beginPath();
		ctx.moveTo(0, RULER_SIZE - 0.5);
		ctx.lineTo(width, RULER_SIZE - 0.5);
		ctx.moveTo(RULER_SIZE - 0.5, 0);
		ctx.lineTo(RULER_SIZE - 0.5, height);
		ctx.stroke();
	}
}

/** Reads the theme's colors from the CSS tokens on `element`. */
export function canvasColorsOf(element: Element): CanvasColors {
	const style = getComputedStyle(element);
	const token = (name: string, fallback: string) =>
		style.getPropertyValue(`--color-${name}`).trim() || fallback;
	return {
		canvas: token('canvas', '#f7f7f8'),
		surface: token('surface', '#ffffff'),
		line: token('line', '#e4e4e7'),
		lineStrong: token('line-strong', '#d4d4d8'),
		ink: token('ink', '#18181b'),
		muted: token('muted', '#63636b'),
		faint: token('faint', '#9a9aa3'),
		accent: token('accent', '#4f46e5'),
		accentInk: token('accent-ink', '#ffffff'),
		danger: token('danger', '#dc2626'),
		warning: token('warning', '#b45309')
	};
}
