/**
 * CSV as merchants' spreadsheets export it: RFC 4180 quoting, CRLF or LF, and the delimiter of
 * the exporting locale (comma, semicolon — Excel in most of Europe — or tab), sniffed from the
 * header line. No dependency: the format is small and the runtime must stay small.
 */

export type Delimiter = ',' | ';' | '\t';

/** The delimiter that splits the first line into the most fields outside quotes. */
export function sniffDelimiter(text: string): Delimiter {
	const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && char in counts) counts[char as Delimiter]++;
	}
	const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) =>
		counts[b] > counts[a] ? b : a
	);
	return counts[best] > 0 ? best : ',';
}

export class CsvError extends Error {
	constructor(
		message: string,
		/** 1-based line of the problem. */
		readonly line: number
	) {
		super(message);
		this.name = 'CsvError';
	}
}

/**
 * Parses CSV text into rows of cells. Stops with {@link CsvError} past `maxRows` rows (bounded
 * memory for a 100,000-row file) or on a quote left open at the end of the file.
 */
export function parseCsv(
	text: string,
	options: { delimiter?: Delimiter; maxRows?: number } = {}
): string[][] {
	const delimiter = options.delimiter ?? sniffDelimiter(text);
	const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let rowStartLine = 1;
	let i = 0;
	const endRow = () => {
		row.push(cell);
		cell = '';
		// A blank line is no row (spreadsheets often end with one).
		if (!(row.length === 1 && row[0] === '')) {
			if (rows.length >= maxRows) {
				throw new CsvError(`the file has more than ${maxRows} rows`, rowStartLine);
			}
			rows.push(row);
		}
		row = [];
	};
	while (i < text.length) {
		const char = text[i];
		if (quoted) {
			if (char === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i += 2;
					continue;
				}
				quoted = false;
			} else {
				if (char === '\n') line++;
				cell += char;
			}
			i++;
			continue;
		}
		if (char === '"' && cell === '') quoted = true;
		else if (char === delimiter) {
			row.push(cell);
			cell = '';
		} else if (char === '\r' || char === '\n') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			endRow();
			line++;
			rowStartLine = line;
		} else cell += char;
		i++;
	}
	if (quoted) throw new CsvError('a quoted cell is never closed', rowStartLine);
	if (cell !== '' || row.length > 0) endRow();
	return rows;
}

/** Characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV line; cells that a spreadsheet would run as formulas are quoted with a leading `'`. */
export function csvLine(cells: readonly string[], delimiter: Delimiter = ','): string {
	return cells
		.map((raw) => {
			const value = FORMULA_START.test(raw) ? `'${raw}` : raw;
			return /["\r\n]/.test(value) || value.includes(delimiter)
				? `"${value.replaceAll('"', '""')}"`
				: value;
		})
		.join(delimiter);
}
