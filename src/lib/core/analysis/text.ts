import type { Definition } from '../definition/definition.js';
import type { Option } from '../definition/option.js';
import { characterTest } from '../engine/validate.js';
import {
	characterAdvance,
	fittedTextSize,
	textFits,
	type FontMetricsInput
} from '../scene/index.js';
import { diagnostic, type AnalysisDiagnostic } from './codes.js';

/** Characters tried when looking for the widest character a text option allows. */
const CANDIDATES = [
	...'WMmw@%&ŒÆ',
	...'ABCDEFGHIJKLNOPQRSTUVXYZ',
	...'0123456789',
	...'#$+=?/\\*~^_<>',
	...'abcdefghijklnopqrstuvxyz',
	...'ЖЩШ',
	...".,'-!:;| "
];

/** "Inter", "Inter 700 italic". */
function fontName(f: { family: string; weight: number; style: 'normal' | 'italic' }): string {
	return `${f.family}${f.weight !== 400 ? ` ${f.weight}` : ''}${f.style === 'italic' ? ' italic' : ''}`;
}

/** The widest character (by the scene's width estimate) a text option accepts, and its advance. */
export function widestAllowedCharacter(o: Option): string {
	const test = characterTest(o);
	let best: string | undefined;
	for (const ch of CANDIDATES)
		if ((!test || test.test(ch)) && (!best || characterAdvance(ch) > characterAdvance(best)))
			best = ch;
	return best ?? 'X';
}

/**
 * Text layers whose option, at its maximum length in its widest allowed characters, does not
 * fit the layer's box at the style's font size (measured with the scene's `textFits`, so
 * "fits" means what the preview and the print renderer mean). With `overflow: 'shrink'` a text
 * that still fits at a smaller size is an info (`text-shrinks`); one that does not fit even at
 * the smallest size the renderer uses, or that would be clipped, is a warning (`text-overflow`).
 */
export function checkTextFit(def: Definition, out: AnalysisDiagnostic[]): void {
	const optionById = new Map(def.options.map((o) => [o.id, o]));
	const fontById = new Map(def.fonts.map((f) => [f.id, f]));
	const viewLabel = (id: string) => def.views.find((v) => v.id === id)?.label ?? id;
	def.layers.forEach((layer, li) => {
		if (layer.kind !== 'text') return;
		const o = optionById.get(layer.option);
		if (!o) return;
		let samples: { text: string; what: string }[];
		if (o.kind === 'text') {
			const ch = widestAllowedCharacter(o);
			samples = [
				{
					text: ch.repeat(o.maxLength),
					what: `${o.maxLength} characters ("${ch.repeat(Math.min(o.maxLength, 3))}…")`
				}
			];
			if (o.lines > 1)
				samples.push({ text: Array(o.lines).fill(ch).join('\n'), what: `${o.lines} lines` });
		} else if (o.kind === 'number') {
			if (o.min === undefined || o.max === undefined) return;
			const longest = [String(o.min), String(o.max)].sort(
				(a, b) => b.length - a.length
			)[0] as string;
			samples = [
				{
					text: longest.replace(/\d/g, '0'),
					what: `${longest.replace('-', '').length}-digit numbers`
				}
			];
		} else return;
		const fontIds = o.kind === 'text' && o.fonts.length > 0 ? o.fonts : [layer.style.font];
		const box = { width: layer.transform.width, height: layer.transform.height };
		const size = layer.style.size;
		const lh = layer.style.lineHeight;
		const layerName = layer.name ?? layer.id;
		for (const sample of samples) {
			let worst: { font: string; fitted: number | undefined } | undefined;
			for (const fid of fontIds) {
				const f = fontById.get(fid);
				const metrics: FontMetricsInput = f
					? { weight: f.weight, style: f.style }
					: { weight: 400, style: 'normal' };
				if (textFits(sample.text, metrics, size, box, lh)) continue;
				const fitted = fittedTextSize(sample.text, metrics, size, box, lh);
				if (
					!worst ||
					(worst.fitted !== undefined && (fitted === undefined || fitted < worst.fitted))
				)
					worst = { font: f ? fontName(f) : fid, fitted };
			}
			if (!worst) continue;
			const where = `${o.label} in layer '${layerName}' (${viewLabel(layer.view)} view)`;
			const head = `${where}: ${sample.what} in ${worst.font} do not fit the ${Math.round(box.width)}×${Math.round(box.height)} px box at ${size} px`;
			if (layer.style.overflow === 'clip')
				out.push(
					diagnostic(
						'text-overflow',
						`layers[${li}]`,
						`${head}; the text would be cut off. Enlarge the box, lower the font size or the maximum length.`
					)
				);
			else if (worst.fitted === undefined)
				out.push(
					diagnostic(
						'text-overflow',
						`layers[${li}]`,
						`${head}, even shrunk to a quarter of that size. Enlarge the box or lower the maximum length.`
					)
				);
			else
				out.push(
					diagnostic(
						'text-shrinks',
						`layers[${li}]`,
						`${head}; such a text is drawn at ${worst.fitted} px.`
					)
				);
			break;
		}
	});
}
