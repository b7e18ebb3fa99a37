import type { Definition } from '../definition/definition.js';
import type { CharacterPreset, Option } from '../definition/option.js';
import { formatPath } from '../definition/errors.js';
import type { Answer } from './answers.js';
import { textLength } from './answers.js';
import { ENGINE_CODES, type Diagnostic } from './diagnostics.js';

const PRESETS: Record<CharacterPreset, RegExp | undefined> = {
	any: undefined,
	printable: /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u,
	letters: /^[\p{L}\p{M} ]$/u,
	alphanumeric: /^[\p{L}\p{M}\p{N} ]$/u,
	digits: /^[0-9]$/u,
	latin: /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{Zs}]$/u
};

/** A compiled "is this character allowed" test per text option (undefined: everything). */
export function characterTest(o: Option): RegExp | undefined {
	if (o.kind !== 'text') return undefined;
	const a = o.allowedCharacters;
	return 'preset' in a ? PRESETS[a.preset] : new RegExp(`^[${a.characterClass}]$`, 'u');
}

/**
 * Content errors of one visible answer: text too long/short, disallowed characters, too many
 * lines, number out of range or off step, too few/many choices, upload format/pixels/bytes/DPI.
 */
export function validateAnswer(
	def: Definition,
	o: Option,
	a: Answer,
	allowed: RegExp | undefined,
	path = formatPath(['selections', o.id])
): Diagnostic[] {
	const out: Diagnostic[] = [];
	if (o.kind === 'text' && a.kind === 'text') {
		const n = textLength(a.text);
		if (n > o.maxLength)
			pushError(
				out,
				path,
				ENGINE_CODES.textTooLong,
				`${o.label} is too long: ${n} characters, at most ${o.maxLength}`
			);
		if (n > 0 && n < o.minLength)
			pushError(
				out,
				path,
				ENGINE_CODES.textTooShort,
				`${o.label} is too short: ${n} characters, at least ${o.minLength}`
			);
		const lines = a.text.split(/\r\n|\r|\n/).length;
		if (lines > o.lines)
			pushError(
				out,
				path,
				ENGINE_CODES.textLines,
				`${o.label} has ${lines} lines, at most ${o.lines}`
			);
		if (allowed) {
			const bad = new Set<string>();
			for (const ch of a.text) if (ch !== '\n' && ch !== '\r' && !allowed.test(ch)) bad.add(ch);
			if (bad.size > 0)
				pushError(
					out,
					path,
					ENGINE_CODES.textCharacters,
					`${o.label} contains characters that are not allowed: ${[...bad].map((c) => JSON.stringify(c)).join(', ')}`
				);
		}
		if (a.font !== undefined && !o.fonts.includes(a.font))
			pushError(
				out,
				path,
				ENGINE_CODES.textFont,
				`font "${a.font}" is not offered for ${o.label}`,
				'.font'
			);
		if (a.color !== undefined && !o.colors.includes(a.color))
			pushError(
				out,
				path,
				ENGINE_CODES.textColor,
				`color "${a.color}" is not offered for ${o.label}`,
				'.color'
			);
	} else if (o.kind === 'number' && a.kind === 'number') {
		const unit = o.unit ? ` ${o.unit}` : '';
		if ((o.min !== undefined && a.value < o.min) || (o.max !== undefined && a.value > o.max))
			pushError(
				out,
				path,
				ENGINE_CODES.numberRange,
				`${o.label} must be ${o.min !== undefined && o.max !== undefined ? `between ${o.min} and ${o.max}` : o.min !== undefined ? `at least ${o.min}` : `at most ${o.max}`}${unit}`
			);
		if (o.step !== undefined) {
			const k = (a.value - (o.min ?? 0)) / o.step;
			if (Math.abs(k - Math.round(k)) > 1e-9)
				pushError(
					out,
					path,
					ENGINE_CODES.numberStep,
					`${o.label} must be in steps of ${o.step}${unit}${o.min !== undefined ? ` from ${o.min}` : ''}`
				);
		}
	} else if (o.kind === 'multi' && a.kind === 'multi') {
		const n = a.choices.length;
		const max = o.max ?? o.choices.length;
		if (n > 0 && n < o.min)
			pushError(out, path, ENGINE_CODES.multiTooFew, `choose at least ${o.min} for ${o.label}`);
		if (n > max)
			pushError(out, path, ENGINE_CODES.multiTooMany, `choose at most ${max} for ${o.label}`);
	} else if (o.kind === 'image' && a.kind === 'image') {
		const u = a.upload;
		const format = normalizeFormat(u.format ?? u.ref.split('?')[0]?.split('.').pop() ?? '');
		if (format !== undefined && !o.formats.includes(format as (typeof o.formats)[number]))
			pushError(out, path, ENGINE_CODES.uploadFormat, `${o.label} must be ${o.formats.join(', ')}`);
		if (o.maxBytes !== undefined && u.bytes !== undefined && u.bytes > o.maxBytes)
			pushError(
				out,
				path,
				ENGINE_CODES.uploadBytes,
				`${o.label} is too large: ${u.bytes} bytes, at most ${o.maxBytes}`
			);
		if (
			o.minPixels &&
			u.width !== undefined &&
			u.height !== undefined &&
			(u.width < o.minPixels.width || u.height < o.minPixels.height)
		)
			pushError(
				out,
				path,
				ENGINE_CODES.uploadPixels,
				`${o.label} is ${u.width}×${u.height} px, at least ${o.minPixels.width}×${o.minPixels.height} px needed`
			);
		if (
			o.minDpi !== undefined &&
			u.width !== undefined &&
			u.height !== undefined &&
			format !== 'svg' &&
			format !== 'pdf'
		) {
			const dpi = effectiveDpi(def, o.id, u.width, u.height);
			if (dpi !== undefined && dpi < o.minDpi)
				pushError(
					out,
					path,
					ENGINE_CODES.uploadDpi,
					`${o.label} would print at ${Math.floor(dpi)} DPI, at least ${o.minDpi} needed`
				);
		}
	}
	return out;
}

/** Adds an error of an answer (a function of the module: no closure per validated answer). */
function pushError(
	out: Diagnostic[],
	path: string,
	code: Diagnostic['code'],
	message: string,
	sub = ''
): void {
	out.push({ code, severity: 'error', path: path + sub, message });
}

function normalizeFormat(f: string): string | undefined {
	const x = f
		.toLowerCase()
		.replace(/^image\//, '')
		.replace('svg+xml', 'svg')
		.replace('application/pdf', 'pdf');
	if (x === 'jpg') return 'jpeg';
	return ['png', 'jpeg', 'webp', 'svg', 'pdf'].includes(x) ? x : undefined;
}

/** Lowest effective DPI of an upload of `width`×`height` px over the upload layers bound to the option. */
export function effectiveDpi(
	def: Definition,
	optionId: string,
	width: number,
	height: number
): number | undefined {
	let lowest: number | undefined;
	for (const l of def.layers) {
		if (l.kind !== 'upload' || l.option !== optionId) continue;
		const view = def.views.find((v) => v.id === l.view);
		if (!view) continue;
		const toInches = view.physicalSize.unit === 'mm' ? 1 / 25.4 : 1;
		const inchPerPxX = (view.physicalSize.width * toInches) / view.size.width;
		const inchPerPxY = (view.physicalSize.height * toInches) / view.size.height;
		const sx = l.transform.width / width;
		const sy = l.transform.height / height;
		const s =
			l.fit === 'contain' ? Math.min(sx, sy) : l.fit === 'cover' ? Math.max(sx, sy) : undefined;
		const dpi =
			s !== undefined
				? Math.min(1 / (s * inchPerPxX), 1 / (s * inchPerPxY))
				: Math.min(1 / (sx * inchPerPxX), 1 / (sy * inchPerPxY));
		lowest = lowest === undefined ? dpi : Math.min(lowest, dpi);
	}
	return lowest;
}
