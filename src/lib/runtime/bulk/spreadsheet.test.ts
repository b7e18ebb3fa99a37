import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { mapRoster } from '../../core/roster/index.js';
import { engineFor, sample } from '../../core/scene/test-samples.js';
import { csvLine, parseCsv, sniffDelimiter } from './csv';
import { MAX_ROSTER_ROWS, readSpreadsheet } from './spreadsheet';
import { readXlsx, writeXlsx, XLSX_LIMITS } from './xlsx';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** An XLSX whose only worksheet is `sheetXml` (rows/cells written by hand). */
function xlsxWithSheet(sheetXml: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
	return zipSync({
		'xl/worksheets/sheet1.xml': strToU8(
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetXml}</worksheet>`
		),
		...extra
	});
}

describe('CSV', () => {
	it('reads quotes, escaped quotes, line breaks in cells and CRLF', () => {
		const rows = parseCsv('Name,Note\r\n"Okafor, J.","said ""hi""\nthen left"\r\nLee,\r\n');
		expect(rows).toEqual([
			['Name', 'Note'],
			['Okafor, J.', 'said "hi"\nthen left'],
			['Lee', '']
		]);
	});

	it('sniffs semicolons and tabs from the header line', () => {
		expect(sniffDelimiter('Name;Number\nA;1')).toBe(';');
		expect(sniffDelimiter('Name\tNumber')).toBe('\t');
		expect(sniffDelimiter('"a;b",c')).toBe(',');
		expect(parseCsv('Name;Number\nLee;7')).toEqual([
			['Name', 'Number'],
			['Lee', '7']
		]);
	});

	it('writes cells a spreadsheet would run as formulas as text', () => {
		expect(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'plain'])).toBe(
			`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),plain`
		);
	});
});

describe('XLSX', () => {
	it('reads back the template it writes', () => {
		const table = [
			['Name', 'Number', 'Size'],
			['Ünal & Co <3', '10', 'M']
		];
		expect(readXlsx(writeXlsx(table)).rows).toEqual(table);
	});

	it('reads shared strings, numbers, booleans and the saved value of formulas', () => {
		const bytes = xlsxWithSheet(
			'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
				'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><f>5+5</f><v>10</v></c><c r="D2" t="b"><v>1</v></c></row></sheetData>',
			{
				'xl/sharedStrings.xml': strToU8(
					'<sst><si><t>Name</t></si><si><t>Number</t></si><si><r><t>Le</t></r><r><t>e</t></r></si></sst>'
				)
			}
		);
		const sheet = readXlsx(bytes);
		expect(sheet.rows).toEqual([
			['Name', 'Number'],
			['Lee', '10', '', 'TRUE']
		]);
		expect(sheet.formulaCells).toEqual(['B2']);
	});

	it('refuses a formula without a saved value, naming the cell', () => {
		const bytes = xlsxWithSheet(
			'<sheetData><row r="1"><c r="A1"><f>NOW()</f></c></row></sheetData>'
		);
		expect(readSpreadsheet(bytes)).toEqual({
			ok: false,
			message: expect.stringContaining('cell A1 holds a formula without a saved value')
		});
	});

	it('refuses merged cells in the header row', () => {
		const bytes = xlsxWithSheet(
			'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Player</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
		);
		expect(readSpreadsheet(bytes)).toEqual({
			ok: false,
			message: expect.stringContaining('merged cells (A1:B1)')
		});
	});

	it('refuses a compressed bomb without inflating it', () => {
		// Highly compressible: a few hundred kilobytes that claim and hold more than the limit.
		const huge = new Uint8Array(XLSX_LIMITS.partBytes + 1024);
		const bomb = zipSync({ 'xl/worksheets/sheet1.xml': huge }, { level: 9 });
		expect(bomb.length).toBeLessThan(XLSX_LIMITS.partBytes / 100);
		const result = readSpreadsheet(bomb);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/unpack to .* at most/);
	});
});

describe('readSpreadsheet', () => {
	it('maps rows to header → cell text', () => {
		const result = readSpreadsheet(utf8('\uFEFFName,Number\nOkafor,9\nLee,10\n'));
		expect(result).toEqual({
			ok: true,
			sheet: {
				format: 'csv',
				headers: ['Name', 'Number'],
				rows: [
					{ Name: 'Okafor', Number: '9' },
					{ Name: 'Lee', Number: '10' }
				],
				notices: []
			}
		});
	});

	it('reads a Windows-1252 CSV and says so', () => {
		const bytes = new Uint8Array([...utf8('Name\nM'), 0xfc, ...utf8('ller\n')]);
		const result = readSpreadsheet(bytes);
		expect(result.ok && result.sheet.rows).toEqual([{ Name: 'Müller' }]);
		expect(result.ok && result.sheet.notices[0]).toMatch(/not UTF-8/);
	});

	it('reads UTF-16 text with or without its byte-order mark, and says so without one', () => {
		const text = 'Name\tNumber\nMÜLLER\t7\n';
		const le = (s: string) =>
			new Uint8Array(new Uint16Array([...s].map((c) => c.charCodeAt(0))).buffer);
		const be = (s: string) => new Uint8Array([...s].flatMap((c) => [0, c.charCodeAt(0)]));
		for (const bytes of [new Uint8Array([0xff, 0xfe, ...le(text)]), le(text), be(text)]) {
			const result = readSpreadsheet(bytes);
			expect(result.ok && result.sheet.rows).toEqual([{ Name: 'MÜLLER', Number: '7' }]);
		}
		const unmarked = readSpreadsheet(le(text));
		expect(unmarked.ok && unmarked.sheet.notices[0]).toMatch(/UTF-16/);
	});

	it('refuses binary files, old .xls files, empty files and bad headers with a reason', () => {
		const refusal = (bytes: Uint8Array) => {
			const result = readSpreadsheet(bytes);
			return result.ok ? null : result.message;
		};
		expect(refusal(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]))).toMatch(/binary/);
		expect(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toMatch(/old Excel/);
		expect(refusal(new Uint8Array())).toMatch(/empty/);
		expect(refusal(utf8('Name,,Size\nA,B,C'))).toMatch(/column 2 has no header/);
		expect(refusal(utf8('Name,name\nA,B'))).toMatch(/same header "name"/);
		expect(refusal(utf8('Name\nA,extra'))).toMatch(/line 2 has a value in column 2/);
		expect(refusal(utf8('Name\n"open'))).toMatch(/line 2: a quoted cell is never closed/);
	});

	it('refuses 100,000 rows with a message instead of reading them all', () => {
		const text = 'Name\n' + 'A\n'.repeat(100_000);
		const result = readSpreadsheet(utf8(text));
		expect(result).toEqual({
			ok: false,
			message: expect.stringContaining(`at most ${MAX_ROSTER_ROWS}`)
		});
	});

	it('lists exactly the bad rows of a 500-row roster, with reasons', () => {
		const def = sample('team-jersey');
		const lines = ['Name,Number,Size'];
		const bad = new Set([17, 250, 498]);
		for (let i = 0; i < 500; i++) {
			if (i === 17) lines.push('THIS NAME IS FAR TOO LONG,5,M');
			else if (i === 250) lines.push('LEE,-4,L');
			else if (i === 498) lines.push('LEE,7,XXXXL');
			else lines.push(`PLAYER ${String.fromCharCode(65 + (i % 26))},${i % 90},M`);
		}
		const read = readSpreadsheet(utf8(lines.join('\n')));
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		const roster = mapRoster(engineFor(def), read.sheet.rows);
		const failing = roster.rows.filter((row) => !row.ok);
		expect(failing.map((row) => row.index)).toEqual([...bad]);
		for (const row of failing) {
			expect(row.errors.length).toBeGreaterThan(0);
			expect(row.errors[0].message.length).toBeGreaterThan(5);
		}
	});
});
