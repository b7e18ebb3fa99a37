// The roster's "does every text fit" check: the text items of a view, exactly as computeScene
// computes them, without the rest of the scene. A file of its own so that the storefront's
// first script (which draws scenes) does not carry it; only the bulk-order mode does.
import type { Definition } from '../definition/definition.js';
import type { Layer, TextLayer } from '../definition/layer.js';
import type { EvaluationLike } from './resolve.js';
import { stateOfEvaluation } from './resolve.js';
import {
	itemsOf,
	prepareView,
	shown,
	type ItemBase,
	type PreparedLayer,
	type SceneTextItem
} from './scene.js';

/**
 * The text items of `viewId` that overflow their box, exactly as {@link computeScene} computes
 * them (same layers, visibility and fitting), without the rest of the scene: the roster checks
 * that every row's texts fit. The view's layers are prepared once; call the returned function
 * per evaluation. Its items share their transform, box and clip objects between calls.
 * @throws UnknownViewError when `viewId` is not a view of the definition.
 */
export function textOverflowCheck(
	definition: Definition,
	viewId: string
): (source: EvaluationLike) => SceneTextItem[] {
	const layers = prepareView(definition, viewId).layers.filter(
		(l): l is PreparedLayer & { layer: TextLayer; all: Layer[]; base: ItemBase } =>
			l.layer.kind === 'text' && l.all !== undefined
	);
	return (source) => {
		const state = stateOfEvaluation(definition, source);
		const out: SceneTextItem[] = [];
		for (const { layer, all, base } of layers) {
			if (!shown(all, state)) continue;
			const items = itemsOf(definition, layer, base, state, []) as SceneTextItem[];
			for (const item of items) if (item.overflow) out.push(item);
		}
		return out;
	};
}
