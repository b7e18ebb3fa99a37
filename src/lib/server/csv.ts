/**
 * CSV for spreadsheets, safe from formula injection: a cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is prefixed with `'`, so Excel, LibreOffice and Google Sheets show
 * it as text instead of running it (OWASP "CSV injection"). Numbers written by us are passed as
 * numbers and never prefixed, so a negative amount stays a number.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralized when it could start a formula, quoted when it holds `,`, `"` or a newline. */
export function csvCell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text: CRLF line ends (RFC 4180) and a BOM so Excel reads UTF-8. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
