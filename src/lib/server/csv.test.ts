import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
	it('prefixes cells that a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
		expect(csvCell('+1+2')).toBe("'+1+2");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tcmd')).toBe("'\tcmd");
		expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
	});

	it('leaves ordinary text and our own numbers alone', () => {
		expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
		expect(csvCell('a=b')).toBe('a=b');
		expect(csvCell(-4500)).toBe('-4500');
		expect(csvCell(12)).toBe('12');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});

	it('quotes commas, quotes and line breaks', () => {
		expect(csvCell('Smith, John')).toBe('"Smith, John"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
	});
});

describe('toCsv', () => {
	it('writes a BOM, CRLF rows and escaped cells', () => {
		expect(
			toCsv([
				['number', 'customer'],
				[1, '=cmd|calc']
			])
		).toBe("\uFEFFnumber,customer\r\n1,'=cmd|calc\r\n");
	});
});
