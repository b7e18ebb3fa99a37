/**
 * A small, tolerant XML tokenizer: enough for XCSP 2.1 files (elements, attributes, text,
 * comments, processing instructions, CDATA). No DTD, no namespaces, no entity declarations.
 */

/** Raised for malformed XML or XCSP content; the message names the line and the element. */
export class XcspError extends Error {
	/** 1-based line where the problem was found. */
	readonly line: number;
	/** Element name involved, when known. */
	readonly element: string | undefined;
	constructor(message: string, line: number, element?: string) {
		super(`line ${line}${element ? ` <${element}>` : ''}: ${message}`);
		this.name = 'XcspError';
		this.line = line;
		this.element = element;
	}
}

/** One parsed XML element. */
export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	/** Concatenated character data directly inside this element (entities decoded). */
	text: string;
	/** 1-based line of the opening tag. */
	line: number;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
		if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
		if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
		return ENTITIES[body] ?? whole;
	});
}

function isNameChar(code: number): boolean {
	return (
		(code >= 97 && code <= 122) ||
		(code >= 65 && code <= 90) ||
		(code >= 48 && code <= 57) ||
		code === 95 ||
		code === 45 ||
		code === 46 ||
		code === 58
	);
}

/**
 * Parses an XML document and returns its root element.
 * @throws XcspError with the line number on malformed input.
 */
export function parseXml(text: string): XmlElement {
	let pos = 0;
	let line = 1;
	const n = text.length;
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	const textParts: string[][] = [];

	const advanceTo = (target: number): void => {
		for (let i = pos; i < target; i++) if (text.charCodeAt(i) === 10) line++;
		pos = target;
	};
	const expectEnd = (marker: string, what: string): number => {
		const end = text.indexOf(marker, pos);
		if (end < 0) throw new XcspError(`unterminated ${what}`, line, stack.at(-1)?.name);
		return end;
	};

	while (pos < n) {
		const lt = text.indexOf('<', pos);
		const chunkEnd = lt < 0 ? n : lt;
		if (chunkEnd > pos) {
			const chunk = text.slice(pos, chunkEnd);
			if (stack.length > 0) textParts[stack.length - 1].push(chunk);
			else if (chunk.trim() !== '')
				throw new XcspError('text outside of the root element', line, undefined);
			advanceTo(chunkEnd);
		}
		if (lt < 0) break;
		if (text.startsWith('<!--', pos)) {
			advanceTo(expectEnd('-->', 'comment') + 3);
			continue;
		}
		if (text.startsWith('<?', pos)) {
			advanceTo(expectEnd('?>', 'processing instruction') + 2);
			continue;
		}
		if (text.startsWith('<![CDATA[', pos)) {
			const end = expectEnd(']]>', 'CDATA section');
			if (stack.length > 0) textParts[stack.length - 1].push(text.slice(pos + 9, end));
			advanceTo(end + 3);
			continue;
		}
		if (text.startsWith('<!', pos)) {
			advanceTo(expectEnd('>', 'declaration') + 1);
			continue;
		}
		const tagLine = line;
		if (text.charCodeAt(pos + 1) === 47) {
			// closing tag
			const end = expectEnd('>', 'closing tag');
			const name = text.slice(pos + 2, end).trim();
			const open = stack.pop();
			if (!open) throw new XcspError(`unexpected closing tag </${name}>`, tagLine, name);
			if (open.name !== name)
				throw new XcspError(
					`closing tag </${name}> does not match <${open.name}> opened on line ${open.line}`,
					tagLine,
					open.name
				);
			open.text = decode((textParts.pop() ?? []).join(''));
			advanceTo(end + 1);
			continue;
		}
		// opening tag
		let p = pos + 1;
		while (p < n && isNameChar(text.charCodeAt(p))) p++;
		const name = text.slice(pos + 1, p);
		if (name === '') throw new XcspError("expected an element name after '<'", tagLine);
		const attributes: Record<string, string> = {};
		let selfClosing = false;
		for (;;) {
			while (p < n && /\s/.test(text[p])) p++;
			if (p >= n) throw new XcspError(`unterminated tag <${name}`, tagLine, name);
			const c = text[p];
			if (c === '>') {
				p++;
				break;
			}
			if (c === '/' && text[p + 1] === '>') {
				selfClosing = true;
				p += 2;
				break;
			}
			const start = p;
			while (p < n && isNameChar(text.charCodeAt(p))) p++;
			const attr = text.slice(start, p);
			if (attr === '')
				throw new XcspError(`unexpected character '${c}' in tag <${name}>`, tagLine, name);
			while (p < n && /\s/.test(text[p])) p++;
			if (text[p] !== '=') throw new XcspError(`attribute ${attr} has no value`, tagLine, name);
			p++;
			while (p < n && /\s/.test(text[p])) p++;
			const quote = text[p];
			if (quote !== '"' && quote !== "'")
				throw new XcspError(`attribute ${attr} value must be quoted`, tagLine, name);
			const close = text.indexOf(quote, p + 1);
			if (close < 0) throw new XcspError(`unterminated value of attribute ${attr}`, tagLine, name);
			if (attr in attributes) throw new XcspError(`duplicate attribute ${attr}`, tagLine, name);
			attributes[attr] = decode(text.slice(p + 1, close));
			p = close + 1;
		}
		const element: XmlElement = { name, attributes, children: [], text: '', line: tagLine };
		const parent = stack.at(-1);
		if (parent) parent.children.push(element);
		else if (root) throw new XcspError('more than one root element', tagLine, name);
		else root = element;
		if (!selfClosing) {
			stack.push(element);
			textParts.push([]);
		}
		advanceTo(p);
	}
	const open = stack.at(-1);
	if (open) throw new XcspError(`element <${open.name}> is never closed`, open.line, open.name);
	if (!root) throw new XcspError('no root element', line);
	return root;
}
