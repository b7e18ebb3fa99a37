import { Unzip, UnzipInflate, zipSync, strToU8 } from 'fflate';

/**
 * The first worksheet of an XLSX file as rows of cell text, read with bounded memory: an XLSX is
 * a zip of XML parts, and a "zip bomb" (a few kilobytes inflating to gigabytes) must be refused
 * before it fills the page's memory. Each part we read is inflated as a stream and stopped as
 * soon as it passes {@link XLSX_LIMITS}.partBytes, whatever its header claims.
 *
 * Only what a roster needs is read: shared strings, inline strings, numbers, booleans, and the
 * cached value of formula cells (a formula without a cached value is reported, never evaluated).
 * Merged cells in the header row are refused: a merged header has no column to map.
 */

export const XLSX_LIMITS = {
	/** Largest inflated size of one XML part we read. */
	partBytes: 64 * 1024 * 1024,
	/** Largest file accepted at all. */
	fileBytes: 20 * 1024 * 1024
};

export class XlsxError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'XlsxError';
	}
}

export interface XlsxSheet {
	rows: string[][];
	/** Cells that hold a formula, by A1 reference: their cached values were used. */
	formulaCells: string[];
}

const NEEDED =
	/^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/[^/]+\.xml)$/;

/** Inflates the parts we need, each capped at `limit` bytes. */
function readParts(bytes: Uint8Array, limit: number): Map<string, string> {
	const chunks = new Map<string, Uint8Array[]>();
	let failure: XlsxError | null = null;
	const unzip = new Unzip((file) => {
		if (!NEEDED.test(file.name)) return;
		if (file.originalSize !== undefined && file.originalSize > limit) {
			failure = new XlsxError(
				`the spreadsheet part ${file.name} would unpack to ${file.originalSize} bytes; at most ${limit} are read`
			);
			return;
		}
		const parts: Uint8Array[] = [];
		let total = 0;
		chunks.set(file.name, parts);
		file.ondata = (error, data) => {
			if (error) {
				failure ??= new XlsxError(`the spreadsheet is damaged (${file.name}: ${error.message})`);
				return;
			}
			total += data.length;
			if (total > limit) {
				failure ??= new XlsxError(
					`the spreadsheet part ${file.name} unpacks to more than ${limit} bytes (a compressed bomb?)`
				);
				file.terminate();
				return;
			}
			parts.push(data);
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	try {
		unzip.push(bytes, true);
	} catch (error) {
		throw new XlsxError(`this is not a readable XLSX file (${(error as Error).message})`);
	}
	if (failure) throw failure;
	const decoder = new TextDecoder();
	const out = new Map<string, string>();
	for (const [name, parts] of chunks) {
		const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
		let offset = 0;
		for (const part of parts) {
			joined.set(part, offset);
			offset += part.length;
		}
		out.set(name, decoder.decode(joined));
	}
	return out;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
		if (entity[0] === '#') {
			const code =
				entity[1] === 'x' || entity[1] === 'X'
					? parseInt(entity.slice(2), 16)
					: Number(entity.slice(1));
			return String.fromCodePoint(code);
		}
		return ENTITY[entity.toLowerCase()] ?? '';
	});
}

/** The text of every `<t>` in a fragment (rich text runs joined), unescaped. */
function textOf(fragment: string): string {
	let text = '';
	for (const match of fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += match[1];
	return unescapeXml(text);
}

function attribute(tag: string, name: string): string | undefined {
	const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return match ? unescapeXml(match[1]) : undefined;
}

/** "C7" → [row 6, column 2] (0-based). */
function parseReference(reference: string): [number, number] | null {
	const match = /^([A-Z]{1,3})(\d+)$/.exec(reference);
	if (!match) return null;
	let column = 0;
	for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
	return [Number(match[2]) - 1, column - 1];
}

function firstSheetPath(parts: Map<string, string>): string {
	const workbook = parts.get('xl/workbook.xml');
	const relations = parts.get('xl/_rels/workbook.xml.rels');
	if (workbook && relations) {
		const sheet = /<sheet\s[^>]*>/.exec(workbook)?.[0];
		const relationId = sheet && (attribute(sheet, 'r:id') ?? attribute(sheet, 'id'));
		for (const match of relations.matchAll(/<Relationship\s[^>]*>/g)) {
			if (attribute(match[0], 'Id') !== relationId) continue;
			const target = attribute(match[0], 'Target') ?? '';
			const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
			if (parts.has(path)) return path;
		}
	}
	const fallback = [...parts.keys()].filter((name) => name.startsWith('xl/worksheets/')).sort()[0];
	if (!fallback) throw new XlsxError('the spreadsheet has no worksheet');
	return fallback;
}

/** Reads the first worksheet. `maxRows` bounds the rows read (the header included). */
export function readXlsx(bytes: Uint8Array, options: { maxRows?: number } = {}): XlsxSheet {
	if (bytes.length > XLSX_LIMITS.fileBytes) {
		throw new XlsxError(
			`the file is ${bytes.length} bytes; at most ${XLSX_LIMITS.fileBytes} are accepted`
		);
	}
	if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
		throw new XlsxError('this is not an XLSX file (not a zip archive)');
	const parts = readParts(bytes, XLSX_LIMITS.partBytes);
	const sheetXml = parts.get(firstSheetPath(parts));
	if (sheetXml === undefined) throw new XlsxError('the spreadsheet has no worksheet');

	const shared: string[] = [];
	for (const match of (parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)) {
		shared.push(textOf(match[1]));
	}

	for (const match of sheetXml.matchAll(/<mergeCell\s[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
		if (match[2] === '1' || match[4] === '1') {
			throw new XlsxError(
				`the header row has merged cells (${match[1]}${match[2]}:${match[3]}${match[4]}); unmerge them so each column has its own header`
			);
		}
	}

	const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
	const rows: string[][] = [];
	const formulaCells: string[] = [];
	for (const rowMatch of sheetXml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
		const rowNumber = Number(attribute(` ${rowMatch[1]}`, 'r') ?? rows.length + 1);
		if (rowNumber > maxRows) throw new XlsxError(`the spreadsheet has more than ${maxRows} rows`);
		const cells: string[] = [];
		for (const cellMatch of rowMatch[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const tag = cellMatch[1];
			const body = cellMatch[2] ?? '';
			const reference = attribute(` ${tag}`, 'r');
			const position = reference ? parseReference(reference) : null;
			const column = position ? position[1] : cells.length;
			const type = attribute(` ${tag}`, 't');
			const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
			if (/<f[\s>/]/.test(body)) {
				const where = reference ?? `row ${rowNumber}`;
				if (value === undefined) {
					throw new XlsxError(
						`cell ${where} holds a formula without a saved value; save the file in a spreadsheet app or paste values`
					);
				}
				formulaCells.push(where);
			}
			let text = '';
			if (type === 's') text = shared[Number(value)] ?? '';
			else if (type === 'inlineStr') text = textOf(body);
			else if (type === 'b') text = value === '1' ? 'TRUE' : 'FALSE';
			else if (value !== undefined) text = unescapeXml(value);
			while (cells.length < column) cells.push('');
			cells[column] = text;
		}
		while (rows.length < rowNumber - 1) rows.push([]);
		rows[rowNumber - 1] = cells;
	}
	// Blank rows at the end are no rows.
	while (rows.length > 0 && rows[rows.length - 1].every((cell) => cell === '')) rows.pop();
	return { rows, formulaCells };
}

function escapeXml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}

function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** A minimal XLSX with one sheet of text cells (the bulk-order template). */
export function writeXlsx(rows: readonly (readonly string[])[], sheetName = 'Roster'): Uint8Array {
	const sheetRows = rows
		.map(
			(cells, r) =>
				`<row r="${r + 1}">${cells
					.map(
						(cell, c) =>
							`<c r="${columnName(c)}${r + 1}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`
					)
					.join('')}</row>`
		)
		.join('');
	const files: Record<string, Uint8Array> = {
		'[Content_Types].xml': strToU8(
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
		),
		'_rels/.rels': strToU8(
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
		),
		'xl/workbook.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`
		),
		'xl/_rels/workbook.xml.rels': strToU8(
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
		),
		'xl/worksheets/sheet1.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`
		)
	};
	return zipSync(files, { level: 6 });
}
