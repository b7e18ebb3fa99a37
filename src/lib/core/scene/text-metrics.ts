/**
 * Text measurement without a font engine: an estimate, the same in the browser, on the server
 * and in the CLI, so the preview, the print renderer and analysis agree on "does it fit".
 *
 * The estimate: every character has an *advance* (its width in em) from a small table of
 * character classes measured on Inter at weight 400 — narrow (`i l . , ' | ! :` …) 0.28 em,
 * space 0.28 em, lowercase 0.55 em, digits 0.62 em, uppercase 0.70 em, wide (`M W m w @ %`…)
 * 0.90 em, anything else (symbols, non-Latin) 0.75 em. A per-font factor scales the table:
 * `1 + (weight − 400) × 0.00025` (Inter 800 ≈ ×1.10), +2 % for italics. Line height is
 * `size × lineHeight`. The estimate errs on the wide side (real Inter is 3–8 % narrower on
 * typical names) so a text that "fits" never overflows when drawn. Lines are the text's own
 * line breaks: there is no automatic word wrap.
 */

/** What the estimate needs to know of a font. */
export interface FontMetricsInput {
	weight: number;
	style: 'normal' | 'italic';
}

/** A box in view pixels. */
export interface TextBox {
	width: number;
	height: number;
}

const NARROW = new Set([...`il.,;:'!|Ijft()[]{}"\`ı`]);
const WIDE = new Set([...'MWmw@%&ŒœÆæ']);

/** Advance of one character in em at weight 400, upright. */
export function characterAdvance(ch: string): number {
	if (ch === ' ' || ch === '\u00a0') return 0.28;
	if (NARROW.has(ch)) return 0.28;
	if (WIDE.has(ch)) return 0.9;
	if (ch >= '0' && ch <= '9') return 0.62;
	if (/^\p{Lu}$/u.test(ch)) return 0.7;
	if (/^\p{Ll}$/u.test(ch)) return 0.55;
	if (/^[\p{P}\p{S}]$/u.test(ch)) return 0.6;
	return 0.75;
}

/** The per-font factor applied to the advance table (see the module comment). */
export function fontWidthFactor(font: FontMetricsInput): number {
	return (1 + (font.weight - 400) * 0.00025) * (font.style === 'italic' ? 1.02 : 1);
}

/** The lines of a text (its own line breaks; no automatic wrapping). */
export function textLines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}

// Advances already looked up (Unicode property tests are slow, names repeat their letters).
// Bounded: characters beyond the first 1024 distinct ones are looked up every time.
const advances = new Map<string, number>();

/** Estimated width in pixels of one line at `size` px. */
export function estimateLineWidth(line: string, font: FontMetricsInput, size: number): number {
	let em = 0;
	for (const ch of line) {
		let advance = advances.get(ch);
		if (advance === undefined) {
			advance = characterAdvance(ch);
			if (advances.size < 1024) advances.set(ch, advance);
		}
		em += advance;
	}
	return em * size * fontWidthFactor(font);
}

/** Estimated size in pixels of a (possibly multi-line) text at `size` px. */
export function estimateTextSize(
	text: string,
	font: FontMetricsInput,
	size: number,
	lineHeight = 1.2
): TextBox {
	const lines = textLines(text);
	const width = Math.max(0, ...lines.map((l) => estimateLineWidth(l, font, size)));
	return { width, height: lines.length * size * lineHeight };
}

/** Whether `text` at `size` px fits `box` by the estimate above (the widest line and all lines). */
export function textFits(
	text: string,
	font: FontMetricsInput,
	size: number,
	box: TextBox,
	lineHeight = 1.2
): boolean {
	const m = estimateTextSize(text, font, size, lineHeight);
	// A hair of tolerance so that exact fits are not reported as overflow by float noise.
	return m.width <= box.width + 1e-6 && m.height <= box.height + 1e-6;
}

/**
 * The largest size ≤ `size` at which `text` fits `box`, in steps of 0.5 px, or undefined when
 * it does not fit even at `minSize`.
 */
export function fittedTextSize(
	text: string,
	font: FontMetricsInput,
	size: number,
	box: TextBox,
	lineHeight = 1.2,
	minSize = Math.max(1, size / 4)
): number | undefined {
	if (textFits(text, font, size, box, lineHeight)) return size;
	const m = estimateTextSize(text, font, size, lineHeight);
	const scale = Math.min(
		m.width > 0 ? box.width / m.width : Infinity,
		m.height > 0 ? box.height / m.height : Infinity
	);
	let s = Math.floor(size * scale * 2) / 2;
	while (s >= minSize && !textFits(text, font, s, box, lineHeight)) s -= 0.5;
	return s >= minSize ? s : undefined;
}
