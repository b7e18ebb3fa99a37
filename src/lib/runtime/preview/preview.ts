// A Konva stage fitted to a container, showing one view's scene at a time (the storefront's
// preview and the studio's "test as a customer" panel).

import Konva from 'konva/lib/Core';
import { Group } from 'konva/lib/Group';
import type { Scene } from '../../core/scene/index.js';
import { fitView, type ViewFit } from './fit.js';
import {
	createSceneRenderer,
	type SceneRenderer,
	type SceneRendererOptions
} from './scene-renderer.js';

/** Options of {@link createPreview}: the renderer's, plus a height cap. */
export interface PreviewOptions extends SceneRendererOptions {
	/** Never taller than this many CSS pixels (default: the container's height, or unbounded). */
	maxHeight?: number;
	/** Accessible name of the canvas (default "Product preview"). */
	label?: string;
}

/** A responsive preview of one view at a time. */
export interface Preview {
	/** Shows `scene` (one view), refitting when its view size differs from the last one. */
	render(scene: Scene): void;
	/** Resolves when the last scene is fully drawn (images and fonts loaded). */
	ready(): Promise<void>;
	/** The current fit (stage size and scale). */
	fit(): ViewFit | undefined;
	/** The renderer (e.g. to find an item's node). */
	readonly renderer: SceneRenderer;
	destroy(): void;
}

/**
 * Makes a Konva stage inside `container`, as wide as the container, keeping the view's aspect
 * ratio, redrawn at the device's pixel ratio; refits when the container resizes.
 */
export function createPreview(container: HTMLElement, options: PreviewOptions): Preview {
	const host = document.createElement('div');
	host.setAttribute('role', 'img');
	host.setAttribute('aria-label', options.label ?? 'Product preview');
	host.style.cssText = 'width:100%;display:flex;justify-content:center;line-height:0';
	container.append(host);
	const stage = new Konva.Stage({ container: host, width: 1, height: 1, listening: false });
	const layer = new Konva.Layer({ listening: false });
	const view = new Group();
	layer.add(view);
	stage.add(layer);
	const renderer = createSceneRenderer(view, options);
	let size: Scene['size'] | undefined;
	let current: ViewFit | undefined;

	const refit = () => {
		if (!size) return;
		const bounds = container.getBoundingClientRect();
		const next = fitView(
			{ width: bounds.width || container.clientWidth, height: 0 },
			size,
			options.maxHeight
		);
		if (
			current &&
			current.width === next.width &&
			current.height === next.height &&
			Konva.pixelRatio === devicePixelRatio
		)
			return;
		current = next;
		// Zooming or moving to another screen changes the ratio: keep the canvas sharp.
		if (typeof devicePixelRatio === 'number' && devicePixelRatio > 0) {
			Konva.pixelRatio = devicePixelRatio;
			layer.getCanvas().setPixelRatio(devicePixelRatio);
		}
		stage.size({ width: next.width, height: next.height });
		view.scale({ x: next.scale, y: next.scale });
		layer.batchDraw();
	};

	const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(refit);
	observer?.observe(container);

	return {
		render(scene) {
			if (!size || size.width !== scene.size.width || size.height !== scene.size.height) {
				size = { ...scene.size };
				current = undefined;
				refit();
			}
			renderer.render(scene);
		},
		ready: () => renderer.ready(),
		fit: () => current,
		renderer,
		destroy() {
			observer?.disconnect();
			renderer.destroy();
			stage.destroy();
			host.remove();
		}
	};
}

/** The browser's image loader (CORS-enabled so canvases stay readable). */
export function loadImageElement(url: string): Promise<HTMLImageElement> {
	return new Promise((resolve, reject) => {
		const img = new Image();
		img.crossOrigin = 'anonymous';
		img.decoding = 'async';
		img.onload = () => resolve(img);
		img.onerror = () => reject(new Error(`could not load the image ${url}`));
		img.src = url;
	});
}
