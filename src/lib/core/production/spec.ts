import type { Rect } from '../definition/common.js';
import type { ConfigurationInput, Selection, UploadAnswer } from '../definition/configuration.js';
import type { Definition } from '../definition/definition.js';
import type { Option } from '../definition/option.js';
import type { Evaluation, EvaluateOptions, SelectionSource } from '../engine/engine.js';
import type { PriceBreakdown } from '../pricing/price.js';
import { colorOf, computeScene, fontOf, type SceneFont } from '../scene/scene.js';
import { shipByDate, toCalendarDate } from './ship-by.js';

/** What production needs of an engine (any `Engine` is one). */
export interface EngineLike {
	readonly definition: Definition;
	evaluate(configuration?: ConfigurationInput, options?: EvaluateOptions): Evaluation;
}

/** Options of {@link productionSpec}. */
export interface ProductionOptions {
	/** The order's calendar date, `YYYY-MM-DD` (or a `Date`, whose UTC date is taken). */
	orderDate: string | Date;
	/** The rush tier id; overrides the configuration's. */
	rushTier?: string;
	/** Non-business days besides weekends, `YYYY-MM-DD`. */
	holidays?: readonly string[];
	/** First SKU segment; default: the last word of the product handle, upper-cased (`team-jersey` → `JERSEY`). */
	skuPrefix?: string;
}

/** A choice in a production answer. */
export interface SpecChoice {
	id: string;
	label: string;
	/** The choice's code, or its id when it has none. */
	code: string;
}

/** The text of a text answer with the font and color it is produced in. */
export interface SpecText {
	text: string;
	font?: SceneFont;
	color: { id?: string; label?: string; hex: string };
}

/** One option's answer, as production reads it. */
export interface SpecAnswer {
	optionId: string;
	label: string;
	kind: Option['kind'];
	/** The answer in configuration form. */
	value: Selection;
	/** Readable value: choice labels, the text, the number with its unit, Yes/No, the upload ref. */
	display: string;
	/** Where the answer comes from (the customer, an auto-select rule, a default). */
	source: SelectionSource;
	/** Choice and multi options (and toggles that are on, with their code). */
	choices?: SpecChoice[];
	text?: SpecText;
	number?: { value: number; unit?: string };
	upload?: UploadAnswer;
}

/**
 * Whether an answer is personal (a text or a number: a player's name and number), the part that
 * tells a team order's items apart, as opposed to its choices.
 */
export function isPersonalAnswer(answer: Pick<SpecAnswer, 'kind'>): boolean {
	return answer.kind === 'text' || answer.kind === 'number';
}

/** An upload to fetch for production. */
export interface SpecUpload {
	optionId: string;
	label: string;
	ref: string;
	upload: UploadAnswer;
	/** The print areas it is drawn in (`viewId/areaId`). */
	printAreas: string[];
}

/** A print area of a view, with its physical size and the print file's pixel size. */
export interface SpecPrintArea {
	viewId: string;
	viewLabel: string;
	areaId: string;
	label: string;
	/** In view pixels. */
	rect: Rect;
	dpi: number;
	/** In the view's physical unit. */
	bleed: number;
	unit: 'mm' | 'in';
	/** The area's physical size (without bleed) in `unit`. */
	physicalSize: { width: number; height: number };
	/** Pixel size of the print file at `dpi`, bleed included. */
	filePixels: { width: number; height: number };
	/** Layers drawn in this area for this configuration (empty: nothing to print there). */
	layers: string[];
}

/** The production spec of one order item. Plain JSON. */
export interface ProductionSpec {
	product: { id: string; name: string; handle: string };
	version: number;
	sku: string;
	answers: SpecAnswer[];
	uploads: SpecUpload[];
	quantity: number;
	price: PriceBreakdown;
	/**
	 * For a line of a bulk order (a roster): its group and the whole order's pieces, whose quantity
	 * tier `price` is at (`bulkLinePrices`; the product's fees are on the group's first line).
	 */
	bulk?: { group: string; orderQuantity: number };
	rushTier?: { id: string; label: string };
	leadTimeDays: number;
	orderDate: string;
	shipBy: string;
	printAreas: SpecPrintArea[];
}

/** A reason the spec could not be built. */
export interface ProductionError {
	code: string;
	path: string;
	message: string;
}

/** Result of {@link productionSpec}. */
export type ProductionResult =
	{ ok: true; spec: ProductionSpec } | { ok: false; errors: ProductionError[] };

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * `productionSpec` (`source.ts`) of an engine only: never compiles, so a bundle that calls it
 * (the storefront's) carries no compiler.
 */
export function productionSpecOf(
	engine: EngineLike,
	version: number,
	configuration: ConfigurationInput,
	options: ProductionOptions
): ProductionResult {
	const def = engine.definition;
	const errors: ProductionError[] = [];
	const orderDate = toCalendarDate(options.orderDate);
	if (!orderDate)
		errors.push({
			code: 'order-date',
			path: 'orderDate',
			message: 'expected the order date as YYYY-MM-DD'
		});
	const rushTier = options.rushTier ?? configuration.rushTier;
	if (rushTier !== undefined && !def.pricing.rushTiers.some((t) => t.id === rushTier))
		errors.push({
			code: 'unknown-rush-tier',
			path: 'rushTier',
			message: `unknown rush tier "${rushTier}"${def.pricing.rushTiers.length > 0 ? `; expected one of ${def.pricing.rushTiers.map((t) => t.id).join(', ')}` : ''}`
		});
	if (errors.length > 0) return { ok: false, errors };

	const config: ConfigurationInput = {
		...configuration,
		...(rushTier !== undefined ? { rushTier } : {})
	};
	const ev = engine.evaluate(config, { explain: true });
	if (!ev.valid || !ev.complete) {
		const blocking: ProductionError[] = ev.errors
			.filter((e) => e.severity === 'error')
			.map((e) => ({ code: e.code, path: e.path, message: e.message }));
		if (blocking.length === 0)
			blocking.push({
				code: 'incomplete',
				path: 'selections',
				message: 'the configuration is not complete'
			});
		return { ok: false, errors: blocking };
	}

	const scenes = def.views.map((v) => computeScene(def, ev, v.id));
	const answers: SpecAnswer[] = [];
	for (const o of def.options) {
		const st = ev.options.find((s) => s.id === o.id);
		const value = ev.configuration.selections[o.id];
		if (!st?.visible || value === undefined || !st.answered) continue;
		const a = answerOf(def, o, value, ev.sources[o.id] ?? 'customer', scenes);
		if (a) answers.push(a);
	}

	const printAreas: SpecPrintArea[] = [];
	for (const [i, view] of def.views.entries()) {
		const scene = scenes[i];
		const unitPerPx = view.physicalSize.width / view.size.width;
		const unitPerPxY = view.physicalSize.height / view.size.height;
		const inches = view.physicalSize.unit === 'mm' ? 1 / 25.4 : 1;
		for (const pa of view.printAreas) {
			const w = pa.rect.width * unitPerPx;
			const h = pa.rect.height * unitPerPxY;
			printAreas.push({
				viewId: view.id,
				viewLabel: view.label,
				areaId: pa.id,
				label: pa.label,
				rect: { ...pa.rect },
				dpi: pa.dpi,
				bleed: pa.bleed,
				unit: view.physicalSize.unit,
				physicalSize: { width: round(w), height: round(h) },
				filePixels: {
					width: Math.round((w + 2 * pa.bleed) * inches * pa.dpi),
					height: Math.round((h + 2 * pa.bleed) * inches * pa.dpi)
				},
				layers: (scene?.items ?? [])
					.filter((it) => it.clip?.printArea === pa.id)
					.map((it) => it.layerId)
			});
		}
	}

	const uploads: SpecUpload[] = answers
		.filter((a) => a.upload !== undefined)
		.map((a) => ({
			optionId: a.optionId,
			label: a.label,
			ref: (a.upload as UploadAnswer).ref,
			upload: a.upload as UploadAnswer,
			printAreas: scenes.flatMap((s) =>
				s.items
					.filter((it) => it.kind === 'upload' && it.optionId === a.optionId && it.clip)
					.map((it) => `${s.viewId}/${it.clip?.printArea ?? ''}`)
			)
		}));

	const tier = def.pricing.rushTiers.find((t) => t.id === ev.leadTime.rushTierId);
	const spec: ProductionSpec = {
		product: { id: def.id, name: def.name, handle: def.handle },
		version,
		sku: skuOf(def, answers, options.skuPrefix),
		answers,
		uploads,
		quantity: ev.configuration.quantity,
		price: ev.price,
		...(tier ? { rushTier: { id: tier.id, label: tier.label } } : {}),
		leadTimeDays: ev.leadTime.days,
		orderDate: orderDate as string,
		shipBy: shipByDate(orderDate as string, ev.leadTime.days, options.holidays),
		printAreas
	};
	return { ok: true, spec };
}

/** The SKU of a spec's answers (see {@link productionSpec}). */
export function skuOf(def: Definition, answers: readonly SpecAnswer[], prefix?: string): string {
	const head = prefix ?? (def.handle.split('-').pop() ?? def.handle).toUpperCase();
	const parts = [head];
	for (const a of answers) {
		if (a.kind === 'choice' || a.kind === 'multi' || a.kind === 'toggle') {
			const codes = (a.choices ?? []).map((c) => c.code.replace(/\s+/g, '_'));
			if (codes.length > 0) parts.push(codes.join('+'));
		}
	}
	return parts.join('-');
}

function answerOf(
	def: Definition,
	o: Option,
	value: Selection,
	source: SelectionSource,
	scenes: ReturnType<typeof computeScene>[]
): SpecAnswer | undefined {
	const base = { optionId: o.id, label: o.label, kind: o.kind, value, source };
	const code = (c: { id: string; code?: string | undefined }) => c.code ?? c.id.toUpperCase();
	switch (o.kind) {
		case 'choice':
		case 'multi': {
			const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
			const choices = o.choices
				.filter((c) => ids.includes(c.id))
				.map((c) => ({ id: c.id, label: c.label, code: code(c) }));
			return { ...base, display: choices.map((c) => c.label).join(', '), choices };
		}
		case 'toggle': {
			const on = value === true;
			return {
				...base,
				display: on ? 'Yes' : 'No',
				choices: on && o.code !== undefined ? [{ id: 'true', label: o.label, code: o.code }] : []
			};
		}
		case 'number': {
			if (typeof value !== 'number') return undefined;
			return {
				...base,
				display: o.unit ? `${value} ${o.unit}` : String(value),
				number: { value, ...(o.unit !== undefined ? { unit: o.unit } : {}) }
			};
		}
		case 'text': {
			const t = typeof value === 'string' ? { text: value } : (value as { text?: unknown });
			if (typeof t.text !== 'string') return undefined;
			return { ...base, display: t.text, text: textOf(def, o, value, scenes) };
		}
		case 'image': {
			const upload: UploadAnswer =
				typeof value === 'string' ? { ref: value } : { ...(value as UploadAnswer) };
			return { ...base, display: upload.ref, upload };
		}
	}
}

/** The font and color a text is produced in: as drawn in the scenes, else as the option offers. */
function textOf(
	def: Definition,
	o: Extract<Option, { kind: 'text' }>,
	value: Selection,
	scenes: ReturnType<typeof computeScene>[]
): SpecText {
	const t =
		typeof value === 'string'
			? { text: value }
			: (value as { text: string; font?: string; color?: string });
	for (const s of scenes)
		for (const it of s.items)
			if (it.kind === 'text' && it.optionId === o.id)
				return {
					text: t.text,
					font: it.font,
					color: colorInfo(def, it.color, t.color ?? o.colors[0])
				};
	const layer = def.layers.find((l) => l.kind === 'text' && l.option === o.id);
	const fontId =
		(t.font !== undefined && (o.fonts.length === 0 || o.fonts.includes(t.font))
			? t.font
			: undefined) ??
		o.fonts[0] ??
		(layer?.kind === 'text' ? layer.style.font : undefined);
	const colorRef =
		t.color ?? o.colors[0] ?? (layer?.kind === 'text' ? layer.style.color : '#000000');
	const font = fontId !== undefined ? fontOf(def, fontId) : undefined;
	return {
		text: t.text,
		...(font ? { font } : {}),
		color: colorInfo(def, colorOf(def, colorRef), colorRef)
	};
}

function colorInfo(def: Definition, hex: string, ref: string | undefined): SpecText['color'] {
	const byRef =
		ref !== undefined ? def.colors.find((c) => c.id === ref && c.hex === hex) : undefined;
	const c = byRef ?? def.colors.find((x) => x.hex.toLowerCase() === hex.toLowerCase());
	return c ? { id: c.id, label: c.label, hex } : { hex };
}
