/**
 * A small strict SVG tokenizer and allowlist. It parses the whole document itself (no DOM, no
 * general XML library), refuses what must never be stored (scripts, DOCTYPE/ENTITY declarations,
 * undefined entities, malformed markup) and rebuilds the document from what it parsed, leaving
 * out event handlers, `<foreignObject>`, unknown elements and external references. What it left
 * out is reported, so the studio can tell the designer.
 */

export type SvgSanitized =
	| {
			ok: true;
			/** The rebuilt document: only parsed, allowed markup. */
			svg: string;
			/** One line per thing left out, e.g. `onload attribute on <svg>`. */
			removed: string[];
			/** From the root's width/height (px or unitless), else its viewBox; null when neither. */
			width: number | null;
			height: number | null;
	  }
	| { ok: false; message: string };

/** Deepest element nesting accepted (real art stays far below; deeper is an attack or a bug). */
const MAX_DEPTH = 256;

/** Elements kept (case-sensitive, as in SVG). Anything else is removed with its content. */
const ALLOWED_ELEMENTS = new Set([
	'svg',
	'g',
	'defs',
	'symbol',
	'use',
	'title',
	'desc',
	'metadata',
	'a',
	'switch',
	'path',
	'rect',
	'circle',
	'ellipse',
	'line',
	'polyline',
	'polygon',
	'text',
	'tspan',
	'textPath',
	'image',
	'style',
	'marker',
	'pattern',
	'clipPath',
	'mask',
	'linearGradient',
	'radialGradient',
	'stop',
	'filter',
	'feBlend',
	'feColorMatrix',
	'feComponentTransfer',
	'feComposite',
	'feConvolveMatrix',
	'feDiffuseLighting',
	'feDisplacementMap',
	'feDistantLight',
	'feDropShadow',
	'feFlood',
	'feFuncA',
	'feFuncB',
	'feFuncG',
	'feFuncR',
	'feGaussianBlur',
	'feImage',
	'feMerge',
	'feMergeNode',
	'feMorphology',
	'feOffset',
	'fePointLight',
	'feSpecularLighting',
	'feSpotLight',
	'feTile',
	'feTurbulence'
]);

const NAME = /^[A-Za-z_][-A-Za-z0-9_.]*(:[A-Za-z_][-A-Za-z0-9_.]*)?$/;
const PREDEFINED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'"
};

// Sticky patterns: matched at `lastIndex` in the whole source, without copying slices of it.
const TAG_NAME = /<([^\s/>]+)/y;
const WHITESPACE = /\s*/y;
const ATTRIBUTE_START = /([^\s=/>]+)\s*=\s*(["'])/y;

class SvgRefusal extends Error {}

/** A reference stays inside the document (`#id`) or is inline image data. */
function isSafeReference(target: string): boolean {
	const t = target.trim();
	return t.startsWith('#') || /^data:image\//i.test(t);
}

/** Replaces `&…;` references by their characters; refuses anything XML does not define. */
function decodeEntities(raw: string, where: string): string {
	return raw.replace(/&([^;&\s<]*)(;?)/g, (_match, body: string, semicolon: string) => {
		if (semicolon === ';') {
			if (body in PREDEFINED_ENTITIES) return PREDEFINED_ENTITIES[body];
			const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
			if (numeric) {
				const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
				if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
			}
		}
		throw new SvgRefusal(
			`the SVG uses "&${body}${semicolon}" in ${where}, which XML does not define: only &amp; &lt; &gt; &quot; &apos; and numeric references are allowed`
		);
	});
}

function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** The `url(...)` targets in a CSS or attribute value. */
function urlTargets(value: string): string[] {
	const targets: string[] = [];
	for (const m of value.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) targets.push(m[2]);
	return targets;
}

/** CSS without `@import` rules and with external `url(...)`s replaced by `none`. */
function sanitizeCss(css: string, removed: string[], where: string): string {
	let out = css.replace(/@import[^;]*;?/gi, (rule) => {
		removed.push(`@import rule in ${where} (${rule.trim().slice(0, 80)})`);
		return '';
	});
	out = out.replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi, (whole, _q, target: string) => {
		if (isSafeReference(target)) return whole;
		removed.push(`external reference url(${target.slice(0, 80)}) in ${where}`);
		return 'none';
	});
	return out;
}

function parseLength(value: string | undefined): number | null {
	if (value === undefined) return null;
	const m = /^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$/.exec(value);
	if (!m) return null;
	const n = Math.round(Number(m[1]));
	return n > 0 ? n : null;
}

interface OpenElement {
	name: string;
	/** False when the element (and so its content) is left out. */
	kept: boolean;
	line: number;
}

/**
 * Parses and rebuilds an SVG document. Refuses scripts, DOCTYPE and ENTITY declarations,
 * undefined entities and malformed markup; removes event handlers (`on*`), `<foreignObject>`,
 * unknown or prefixed elements, and references (`href`, `xlink:href`, `url()`, `@import`) that
 * do not start with `#` or `data:image/`.
 */
export function sanitizeSvg(input: string): SvgSanitized {
	try {
		return parse(input.replace(/^\uFEFF/, ''));
	} catch (error) {
		if (error instanceof SvgRefusal) return { ok: false, message: error.message };
		throw error;
	}
}

function parse(src: string): SvgSanitized {
	const removed: string[] = [];
	const out: string[] = [];
	const stack: OpenElement[] = [];
	let i = 0;
	let rootSeen = false;
	let rootClosed = false;
	let rootAttributes: Record<string, string> = {};

	// Line numbers for messages, counted incrementally: the parser only moves forward, and
	// counting from the start each time would make large files quadratic.
	let lineCursor = 0;
	let lineCount = 1;
	const lineAt = (index: number) => {
		if (index < lineCursor) return src.slice(0, index).split('\n').length;
		for (let k = src.indexOf('\n', lineCursor); k !== -1 && k < index; k = src.indexOf('\n', k + 1))
			lineCount++;
		lineCursor = index;
		return lineCount;
	};
	const refuse = (message: string): never => {
		throw new SvgRefusal(message);
	};
	const keptNow = () => stack.every((e) => e.kept);

	while (i < src.length) {
		const lt = src.indexOf('<', i);
		const textEnd = lt === -1 ? src.length : lt;
		if (textEnd > i) {
			const text = src.slice(i, textEnd);
			if (stack.length === 0) {
				if (text.trim() !== '')
					refuse(`the SVG has text outside its <svg> element (line ${lineAt(i)})`);
			} else {
				decodeEntities(text, `text on line ${lineAt(i)}`);
				if (text.includes(']]>')) refuse(`the SVG has a stray "]]>" (line ${lineAt(i)})`);
				if (keptNow()) {
					const parent = stack[stack.length - 1].name;
					out.push(parent === 'style' ? sanitizeCss(text, removed, '<style>') : text);
				}
			}
			i = textEnd;
			continue;
		}
		// src[i] === '<'
		if (src.startsWith('<!--', i)) {
			const end = src.indexOf('-->', i + 4);
			if (end === -1) refuse(`the SVG has a comment that never ends (line ${lineAt(i)})`);
			i = end + 3; // comments are dropped: they may hide conditional markup for old browsers
			continue;
		}
		if (src.startsWith('<![CDATA[', i)) {
			const end = src.indexOf(']]>', i + 9);
			if (end === -1) refuse(`the SVG has a CDATA section that never ends (line ${lineAt(i)})`);
			if (stack.length === 0)
				refuse(`the SVG has a CDATA section outside its <svg> element (line ${lineAt(i)})`);
			const content = src.slice(i + 9, end);
			if (keptNow()) {
				const parent = stack[stack.length - 1].name;
				const safe = parent === 'style' ? sanitizeCss(content, removed, '<style>') : content;
				out.push(`<![CDATA[${safe}]]>`);
			}
			i = end + 3;
			continue;
		}
		if (/^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(src.slice(i, i + 10))) {
			refuse(
				'the SVG has a DOCTYPE or ENTITY declaration, which can expand into a huge document or read other files: export it again without a DOCTYPE'
			);
		}
		if (src.startsWith('<!', i))
			refuse(`the SVG has an unknown "<!" declaration (line ${lineAt(i)})`);
		if (src.startsWith('<?', i)) {
			const end = src.indexOf('?>', i + 2);
			if (end === -1)
				refuse(`the SVG has a processing instruction that never ends (line ${lineAt(i)})`);
			const pi = src.slice(i, end + 2);
			if (/^<\?xml\s/.test(pi) && out.length === 0 && !rootSeen) out.push(pi);
			else removed.push(`processing instruction ${pi.slice(0, 60)}`);
			i = end + 2;
			continue;
		}
		if (src.startsWith('</', i)) {
			const end = src.indexOf('>', i);
			if (end === -1) refuse(`the SVG has an end tag that never closes (line ${lineAt(i)})`);
			const name = src.slice(i + 2, end).trim();
			const open = stack.pop();
			if (!open) refuse(`the SVG closes </${name}> that was never opened (line ${lineAt(i)})`);
			if (open!.name !== name)
				refuse(
					`the SVG closes </${name}> on line ${lineAt(i)} but <${open!.name}> (line ${open!.line}) is still open`
				);
			if (open!.kept && stack.every((e) => e.kept)) out.push(`</${name}>`);
			if (stack.length === 0) rootClosed = true;
			i = end + 1;
			continue;
		}
		// A start tag.
		const line = lineAt(i);
		TAG_NAME.lastIndex = i;
		const nameMatch = TAG_NAME.exec(src);
		if (!nameMatch || !NAME.test(nameMatch[1]))
			refuse(`the SVG has a malformed tag (line ${line}): expected an element name after "<"`);
		const name = nameMatch![1];
		const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
		if (local.toLowerCase() === 'script') {
			refuse(
				`the SVG contains a <script> element (line ${line}); scripts are never accepted in images: remove it and upload again`
			);
		}
		if (rootClosed) refuse(`the SVG has a second root element <${name}> (line ${line})`);
		let j = i + 1 + name.length;
		const attributes: [string, string][] = [];
		const seen = new Set<string>();
		let selfClosing = false;
		for (;;) {
			WHITESPACE.lastIndex = j;
			const ws = WHITESPACE.exec(src)![0].length;
			j += ws;
			if (j >= src.length) refuse(`the SVG tag <${name}> on line ${line} never closes`);
			if (src.startsWith('/>', j)) {
				selfClosing = true;
				j += 2;
				break;
			}
			if (src[j] === '>') {
				j += 1;
				break;
			}
			if (ws === 0 && attributes.length > 0)
				refuse(`the SVG tag <${name}> on line ${line} needs a space between attributes`);
			ATTRIBUTE_START.lastIndex = j;
			const attr = ATTRIBUTE_START.exec(src);
			if (!attr || !NAME.test(attr[1]))
				refuse(
					`the SVG tag <${name}> on line ${line} has a malformed attribute: expected name="value"`
				);
			const attrName = attr![1];
			if (seen.has(attrName))
				refuse(`the SVG tag <${name}> on line ${line} repeats the attribute ${attrName}`);
			seen.add(attrName);
			const valueStart = j + attr![0].length;
			const valueEnd = src.indexOf(attr![2], valueStart);
			if (valueEnd === -1)
				refuse(`the SVG attribute ${attrName} on line ${line} has a value that never ends`);
			const raw = src.slice(valueStart, valueEnd);
			if (raw.includes('<'))
				refuse(`the SVG attribute ${attrName} on line ${line} contains "<", which XML forbids`);
			attributes.push([attrName, decodeEntities(raw, `the attribute ${attrName} on line ${line}`)]);
			j = valueEnd + 1;
		}
		i = j;

		if (stack.length === 0) {
			if (name !== 'svg') refuse(`the root element is <${name}>: expected <svg>`);
			rootSeen = true;
			rootAttributes = Object.fromEntries(attributes);
		}
		if (stack.length >= MAX_DEPTH) refuse(`the SVG nests elements deeper than ${MAX_DEPTH} levels`);

		const parentKept = keptNow();
		let kept = parentKept;
		if (parentKept && !ALLOWED_ELEMENTS.has(name)) {
			kept = false;
			removed.push(`<${name}> element with its content (line ${line})`);
		}
		if (kept) {
			const parts: string[] = [name];
			for (const [attrName, value] of attributes) {
				const attrLocal = attrName.includes(':')
					? attrName.slice(attrName.indexOf(':') + 1)
					: attrName;
				if (/^on/i.test(attrLocal)) {
					removed.push(`${attrName} event handler on <${name}> (line ${line})`);
					continue;
				}
				if (attrLocal === 'href' && !isSafeReference(value)) {
					removed.push(
						`external reference ${attrName}="${value.slice(0, 80)}" on <${name}> (line ${line})`
					);
					continue;
				}
				const badUrl = urlTargets(value).find((t) => !isSafeReference(t));
				if (badUrl !== undefined) {
					removed.push(
						`${attrName} on <${name}> (line ${line}): external reference url(${badUrl.slice(0, 80)})`
					);
					continue;
				}
				if (/@import/i.test(value)) {
					removed.push(`${attrName} on <${name}> (line ${line}): @import`);
					continue;
				}
				parts.push(`${attrName}="${escapeAttribute(value)}"`);
			}
			out.push(`<${parts.join(' ')}${selfClosing ? '/>' : '>'}`);
		}
		if (!selfClosing) stack.push({ name, kept, line });
		else if (stack.length === 0) rootClosed = true;
	}

	if (stack.length > 0) {
		const open = stack[stack.length - 1];
		refuse(`the SVG ends while <${open.name}> (line ${open.line}) is still open`);
	}
	if (!rootSeen) refuse('the file has no <svg> element');

	let width = parseLength(rootAttributes.width);
	let height = parseLength(rootAttributes.height);
	const viewBox = rootAttributes.viewBox
		?.trim()
		.split(/[\s,]+/)
		.map(Number);
	if (viewBox?.length === 4 && viewBox.every(Number.isFinite)) {
		width ??= viewBox[2] > 0 ? Math.round(viewBox[2]) : null;
		height ??= viewBox[3] > 0 ? Math.round(viewBox[3]) : null;
	}
	return { ok: true, svg: out.join(''), removed, width, height };
}
