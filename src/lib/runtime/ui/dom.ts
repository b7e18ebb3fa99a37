// The runtime's one DOM helper: an element with attributes and children, in one expression.
// `undefined`/`false` attributes are left out, `true` ones are present and empty.

export function h<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Record<string, string | number | boolean | undefined> = {},
	...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	for (const [key, value] of Object.entries(attrs)) {
		if (value === undefined || value === false) continue;
		if (key === 'class') el.className = String(value);
		else el.setAttribute(key, value === true ? '' : String(value));
	}
	for (const child of children) if (child !== undefined) el.append(child);
	return el;
}
