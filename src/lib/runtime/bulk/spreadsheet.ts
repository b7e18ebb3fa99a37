import type { RosterRow } from '../../core/roster/index.js';
import { CsvError, parseCsv } from './csv';
import { readXlsx, XlsxError } from './xlsx';

/**
 * A bulk-order spreadsheet (CSV or XLSX) as roster rows: header → cell text, ready for the core's
 * `mapRoster`. Everything a merchant's file can get wrong comes back as a message they can act on;
 * nothing is guessed silently (a non-UTF-8 CSV is read as Windows-1252 and says so).
 */

/** More data rows than this are refused: a roster is a team or a club, not a database. */
export const MAX_ROSTER_ROWS = 10_000;

export interface Spreadsheet {
	format: 'csv' | 'xlsx';
	headers: string[];
	/** Data rows (the header excluded), header → cell text. */
	rows: RosterRow[];
	/** Notices worth showing (encoding guessed, formulas read as their saved values). */
	notices: string[];
}

export type SpreadsheetResult = { ok: true; sheet: Spreadsheet } | { ok: false; message: string };

function decodeText(bytes: Uint8Array): { text: string; notice?: string } | { error: string } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)) };
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
	const utf16 = utf16WithoutMark(bytes);
	if (utf16) {
		return {
			text: new TextDecoder(utf16).decode(bytes),
			notice: 'The file was read as UTF-16 text ("Unicode text" from a spreadsheet).'
		};
	}
	if (bytes.includes(0)) {
		return { error: 'the file is not a CSV or XLSX spreadsheet (it contains binary data)' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return {
			text: new TextDecoder('windows-1252').decode(bytes),
			notice:
				'The file is not UTF-8; it was read as Windows-1252 (Western European). If letters look wrong, export it again as "CSV UTF-8".'
		};
	}
}

/**
 * UTF-16 text without a byte-order mark, told apart from binary data by its zero bytes: Latin
 * text in UTF-16 has a zero in every other byte (the high byte), always on the same side.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
	const sample = Math.min(bytes.length, 4096);
	let zerosEven = 0;
	let zerosOdd = 0;
	for (let i = 0; i < sample; i++) {
		if (bytes[i] !== 0) continue;
		if (i % 2 === 0) zerosEven++;
		else zerosOdd++;
	}
	const pairs = sample / 2;
	if (zerosOdd > pairs * 0.6 && zerosEven === 0) return 'utf-16le';
	if (zerosEven > pairs * 0.6 && zerosOdd === 0) return 'utf-16be';
	return null;
}

function toRows(
	table: string[][],
	format: Spreadsheet['format'],
	notices: string[]
): SpreadsheetResult {
	if (table.length === 0)
		return {
			ok: false,
			message: 'the spreadsheet is empty: add a header row and one row per item'
		};
	const headers = table[0].map((header) => header.trim());
	while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
	if (headers.length === 0)
		return { ok: false, message: 'the first row must hold the column headers' };
	const seen = new Map<string, number>();
	for (const [index, header] of headers.entries()) {
		const column = index + 1;
		if (header === '')
			return { ok: false, message: `column ${column} has no header; name it or delete the column` };
		const key = header.toLowerCase();
		const first = seen.get(key);
		if (first !== undefined) {
			return {
				ok: false,
				message: `columns ${first} and ${column} have the same header "${header}"`
			};
		}
		seen.set(key, column);
	}
	if (table.length - 1 > MAX_ROSTER_ROWS) {
		return {
			ok: false,
			message: `the spreadsheet has ${table.length - 1} rows; at most ${MAX_ROSTER_ROWS} can be ordered at once — split it`
		};
	}
	const rows: RosterRow[] = [];
	for (let r = 1; r < table.length; r++) {
		const cells = table[r];
		const row: RosterRow = {};
		for (const [index, header] of headers.entries()) row[header] = (cells[index] ?? '').trim();
		const extra = cells.slice(headers.length).findIndex((cell) => cell.trim() !== '');
		if (extra >= 0) {
			return {
				ok: false,
				message: `line ${r + 1} has a value in column ${headers.length + extra + 1}, which has no header`
			};
		}
		rows.push(row);
	}
	return { ok: true, sheet: { format, headers, rows, notices } };
}

/** Reads a CSV or XLSX file's bytes (the type comes from the bytes, not the name). */
export function readSpreadsheet(bytes: Uint8Array): SpreadsheetResult {
	if (bytes.length === 0) return { ok: false, message: 'the file is empty' };
	// One header row plus the data rows, plus one to notice a file that is too long.
	const maxRows = MAX_ROSTER_ROWS + 2;
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
		try {
			const sheet = readXlsx(bytes, { maxRows });
			const notices = sheet.formulaCells.length
				? [
						`${sheet.formulaCells.length} cells hold formulas; their saved values were used (first: ${sheet.formulaCells[0]}).`
					]
				: [];
			return toRows(sheet.rows, 'xlsx', notices);
		} catch (error) {
			if (error instanceof XlsxError) return { ok: false, message: error.message };
			throw error;
		}
	}
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
		return { ok: false, message: 'this is an old Excel .xls file; save it as .xlsx or CSV' };
	}
	const decoded = decodeText(bytes);
	if ('error' in decoded) return { ok: false, message: decoded.error };
	try {
		const table = parseCsv(decoded.text, { maxRows });
		return toRows(table, 'csv', decoded.notice ? [decoded.notice] : []);
	} catch (error) {
		if (error instanceof CsvError) {
			const message = /more than/.test(error.message)
				? `the spreadsheet has more than ${MAX_ROSTER_ROWS} rows; at most ${MAX_ROSTER_ROWS} can be ordered at once — split it`
				: `line ${error.line}: ${error.message}`;
			return { ok: false, message };
		}
		throw error;
	}
}
