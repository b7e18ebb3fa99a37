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
 *
 * A text item's fit depends only on its layer, its text and the font asked for (the color does
 * not matter): answers found to fit are remembered, so a roster's repeated names and numbers are
 * measured once. At most `remember` of them (the first seen) are kept.
 * @throws UnknownViewError when `viewId` is not a view of the definition.
 */
export function textOverflowCheck(
	definition: Definition,
	viewId: string,
	remember = 4096
): (source: EvaluationLike) => SceneTextItem[] {
	const layers = prepareView(definition, viewId).layers.filter(
		(l): l is PreparedLayer & { layer: TextLayer; all: Layer[]; base: ItemBase } =>
			l.layer.kind === 'text' && l.all !== undefined
	);
	const fitting = new Set<string>();
	return (source) => {
		const state = stateOfEvaluation(definition, source);
		const out: SceneTextItem[] = [];
		layers.forEach(({ layer, all, base }, i) => {
			if (!shown(all, state)) return;
			const a = state.answers.get(layer.option);
			const key =
				a?.kind === 'text'
					? JSON.stringify([i, a.text, a.font ?? null])
					: a?.kind === 'number'
						? JSON.stringify([i, a.value])
						: undefined;
			if (key !== undefined && fitting.has(key)) return;
			const items = itemsOf(definition, layer, base, state, []) as SceneTextItem[];
			const over = items.filter((item) => item.overflow);
			// Only a drawn text that fits is remembered (a hidden or empty one draws nothing).
			if (key !== undefined && items.length > 0 && over.length === 0 && fitting.size < remember)
				fitting.add(key);
			out.push(...over);
		});
		return out;
	};
}
