import { describe, expect, it } from 'vitest';
import { engineFor, parsed, sample, sampleJson } from '../scene/test-samples.js';
import { mapColumns, rosterTemplate, toCsv, type RosterRow } from './roster.js';
import { mapRoster } from './source.js';

const def = sample('team-jersey');
const engine = engineFor(def);
const team = { selections: { color: 'navy', sleeves: 'short', league: 'recreational' } };

describe('mapRoster', () => {
	it('maps headers to options by label or id, ignoring case and spaces', () => {
		const { columns } = mapColumns(def, [
			'PLAYER NAME',
			'number',
			' Size ',
			'sleeves',
			'Qty',
			'Notes'
		]);
		expect(columns).toEqual([
			{ header: 'PLAYER NAME', option: 'name', part: 'value', matchedBy: 'label' },
			{ header: 'number', option: 'number', part: 'value', matchedBy: 'id' },
			{ header: ' Size ', option: 'size', part: 'value', matchedBy: 'id' },
			{ header: 'sleeves', option: 'sleeves', part: 'value', matchedBy: 'id' },
			{ header: 'Qty', option: null, part: 'quantity', matchedBy: 'quantity' },
			{ header: 'Notes', option: null, part: null, matchedBy: null }
		]);
	});

	it('maps "<label> color" and "<label> font" headers to a text option’s color and font', () => {
		const rows: RosterRow[] = [
			{ Name: 'ANA', 'Player name color': 'Gold', Size: 'S', Number: '8' }
		];
		const r = mapRoster(engine, rows, { base: team, explain: false });
		expect(r.columns[1]).toEqual({
			header: 'Player name color',
			option: 'name',
			part: 'color',
			matchedBy: 'label'
		});
		expect(r.rows[0]?.configuration?.selections.name).toEqual({ text: 'ANA', color: 'gold' });
	});

	it('lets manual overrides of the mapping win over the automatic match', () => {
		const rows: RosterRow[] = [{ 'Jersey #': '23', Player: 'LEE', Size: 'L', Notes: 'captain' }];
		const r = mapRoster(engine, rows, {
			base: team,
			mapping: { 'Jersey #': 'number', Player: 'name', Notes: null, Size: 'size' },
			explain: false
		});
		expect(r.columns.map((c) => [c.header, c.option, c.matchedBy])).toEqual([
			['Jersey #', 'number', 'override'],
			['Player', 'name', 'override'],
			['Size', 'size', 'override'],
			['Notes', null, 'override']
		]);
		expect(r.rows[0]).toMatchObject({ ok: true, errors: [] });
		expect(r.rows[0]?.configuration?.selections).toMatchObject({
			number: 23,
			name: 'LEE',
			size: 'l'
		});
	});

	it('reports an override naming an unknown option', () => {
		const r = mapRoster(engine, [{ Jersey: '1' }], { mapping: { Jersey: 'shirtNumber' } });
		expect(r.errors).toEqual([
			{ column: 'Jersey', message: '"shirtNumber" is not an option of Team jersey' }
		]);
	});

	it('reads values by choice label, code or id', () => {
		const rows: RosterRow[] = [
			{ Color: 'Navy', Size: 'XL', Sleeves: 'long sleeves' },
			{ Color: 'NAV', Size: 'xxl', Sleeves: 'LS' },
			{ Color: 'navy', Size: ' s ', Sleeves: 'short' }
		];
		const r = mapRoster(engine, rows, { explain: false });
		expect(r.rows.map((row) => row.configuration?.selections)).toEqual([
			{ color: 'navy', size: 'xl', sleeves: 'long', league: 'recreational' },
			{ color: 'navy', size: 'xxl', sleeves: 'long', league: 'recreational' },
			{ color: 'navy', size: 's', sleeves: 'short', league: 'recreational' }
		]);
		expect(r.rows.every((row) => row.ok)).toBe(true);
	});

	it('reports per-cell errors with their column, and keeps every bad row', () => {
		const rows: RosterRow[] = [
			{ Name: 'R2D2', Number: '7', Size: 'M' },
			{ Name: 'ALEXANDRA MARIA', Number: '8', Size: 'M' },
			{ Name: 'BO', Number: '120', Size: 'M' },
			{ Name: 'CY', Number: 'ten', Size: 'M' },
			{ Name: 'DI', Number: '9', Size: 'XXXL' },
			{ Name: 'ED', Number: '11', Size: '' },
			{ Name: 'FAY', Number: '12', Size: 'S' }
		];
		const r = mapRoster(engine, rows, { base: team, explain: false });
		expect(r.rows).toHaveLength(rows.length);
		expect(r.rows.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		const first = (i: number) => r.rows[i]?.errors[0];
		expect(first(0)).toMatchObject({
			column: 'Name',
			option: 'name',
			message: expect.stringMatching(/not allowed: "2"/)
		});
		expect(first(1)).toMatchObject({
			column: 'Name',
			message: expect.stringMatching(/too long: 15 characters, at most 12/)
		});
		expect(r.rows[2]?.errors).toContainEqual(
			expect.objectContaining({
				column: 'Number',
				option: 'number',
				message: expect.stringMatching(/Number/)
			})
		);
		expect(first(3)).toEqual({
			column: 'Number',
			option: 'number',
			message: '"ten" is not a number (Number)'
		});
		expect(first(4)).toMatchObject({
			column: 'Size',
			message: expect.stringMatching(/"XXXL" is not a choice of Size/)
		});
		expect(first(5)).toEqual({ column: 'Size', option: 'size', message: 'Size is required' });
		expect(r.rows[6]).toMatchObject({ ok: true, errors: [], line: 8 });
		// A bad row still carries what could be read.
		expect(r.rows[3]?.configuration?.selections.name).toBe('CY');
	});

	it('reports a league rule broken by one row against the column that breaks it', () => {
		const r = mapRoster(engine, [{ Name: 'ZED', Number: '77', Size: 'L' }], { base: team });
		const errors = r.rows[0]?.errors ?? [];
		expect(r.rows[0]?.ok).toBe(false);
		expect(errors.some((e) => /reserved for the pro league/.test(e.message))).toBe(true);
		expect(errors.every((e) => e.column === 'Number' || e.column === null)).toBe(true);
	});

	it('reports duplicate numbers on every row involved when numbers must be unique', () => {
		const rows: RosterRow[] = [
			{ Name: 'ANA', Number: '10', Size: 'S' },
			{ Name: 'BEN', Number: '7', Size: 'M' },
			{ Name: 'CAL', Number: '10', Size: 'L' },
			{ Name: 'DOT', Number: '010', Size: 'L' }
		];
		const r = mapRoster(engine, rows, { base: team, unique: ['number'], explain: false });
		expect(r.rows.map((row) => row.ok)).toEqual([false, true, false, false]);
		expect(r.rows[0]?.errors).toEqual([
			{
				column: 'Number',
				option: 'number',
				message: 'Number 10 is also on lines 4, 5; each must be different'
			}
		]);
		const free = mapRoster(engine, rows, { base: team, explain: false });
		expect(free.rows.every((row) => row.ok)).toBe(true);
	});

	it('names the spreadsheet lines given for rows that remain after others were removed', () => {
		// Lines 3 and 5 of the file were removed: the rows left came from lines 2, 4 and 6.
		const rows: RosterRow[] = [
			{ Name: 'ANA', Number: '10', Size: 'S' },
			{ Name: 'B3N', Number: '7', Size: 'M' },
			{ Name: 'CAL', Number: '10', Size: 'L' }
		];
		const r = mapRoster(engine, rows, {
			base: team,
			unique: ['number'],
			explain: false,
			lines: [2, 4, 6]
		});
		expect(r.rows.map((row) => [row.index, row.line])).toEqual([
			[0, 2],
			[1, 4],
			[2, 6]
		]);
		expect(r.rows[0]?.errors.map((e) => e.message)).toEqual([
			'Number 10 is also on line 6; each must be different'
		]);
		expect(r.rows[1]?.ok).toBe(false);
	});

	it('keeps the shared base selection where a cell is empty, and lets a cell override it', () => {
		const r = mapRoster(
			engine,
			[
				{ Name: 'ANA', Number: '1', Size: 'S', Sleeves: '' },
				{ Name: 'BEN', Number: '2', Size: 'S', Sleeves: 'Long sleeves' }
			],
			{ base: team, explain: false }
		);
		expect(r.rows.map((row) => row.configuration?.selections.sleeves)).toEqual(['short', 'long']);
		expect(r.rows.every((row) => row.ok)).toBe(true);
	});

	it('reads a quantity column and reports a bad quantity', () => {
		const r = mapRoster(
			engine,
			[
				{ Name: 'ANA', Number: '1', Size: 'S', Quantity: '2' },
				{ Name: 'BEN', Number: '2', Size: 'S', Quantity: 'two' }
			],
			{ base: team, explain: false }
		);
		expect(r.rows[0]?.configuration?.quantity).toBe(2);
		expect(r.rows[1]?.errors).toEqual([
			{
				column: 'Quantity',
				option: null,
				message: '"two" is not a quantity (a whole number of at least 1)'
			}
		]);
	});
});

describe('mapRoster: texts that must fit their box', () => {
	/** The jersey with its name printed at a fixed size (clipped, never shrunk). */
	function clippedNames() {
		const json = sampleJson('team-jersey') as {
			layers: { id: string; style?: Record<string, unknown> }[];
		};
		for (const layer of json.layers) {
			if (layer.style && 'overflow' in layer.style) layer.style.overflow = 'clip';
		}
		return engineFor(parsed(json));
	}

	it('refuses a name within its character limit that is too wide for its box, naming the cell', () => {
		const engine = clippedNames();
		const result = mapRoster(engine, [
			{ 'Player name': 'WWWWWWWWWWWW', Number: '9', Size: 'M' },
			{ 'Player name': 'LI', Number: '10', Size: 'M' }
		]);
		expect(result.rows.map((row) => row.ok)).toEqual([false, true]);
		expect(result.rows[0].errors).toEqual([
			expect.objectContaining({
				column: 'Player name',
				option: 'name',
				message: expect.stringMatching(/"WWWWWWWWWWWW" does not fit its box on the Back view/)
			})
		]);
	});

	it('accepts a wide name where the layer shrinks text to fit', () => {
		const result = mapRoster(engineFor(def), [
			{ 'Player name': 'WWWWWWWWWWWW', Number: '9', Size: 'M' }
		]);
		expect(result.rows[0].ok).toBe(true);
	});
});

describe('rosterTemplate', () => {
	it('gives a header row and an example row that maps back without errors', () => {
		const [headers, example] = rosterTemplate(def);
		expect(headers).toEqual([
			'Color',
			'Size',
			'Sleeves',
			'League',
			'Player name',
			'Player name color',
			'Number',
			'Quantity'
		]);
		expect(example).toEqual([
			'Red',
			'XS',
			'Short sleeves',
			'Recreational',
			'NAME',
			'White',
			'10',
			'1'
		]);
		const row = Object.fromEntries((headers ?? []).map((h, i) => [h, example?.[i] ?? '']));
		const r = mapRoster(engine, [row], { explain: false });
		expect(r.rows[0]).toMatchObject({ ok: true, errors: [] });
		expect(r.columns.every((c) => c.option !== null || c.part === 'quantity')).toBe(true);
	});

	it('limits the columns to the given options, in that order', () => {
		expect(
			rosterTemplate(def, { options: ['name', 'number', 'size'], quantity: false })[0]
		).toEqual(['Player name', 'Player name color', 'Number', 'Size']);
	});

	it('writes CSV with quoting where needed', () => {
		expect(
			toCsv([
				['Name', 'Note'],
				["O'NEIL", 'says "hi", twice']
			])
		).toBe('Name,Note\r\nO\'NEIL,"says ""hi"", twice"\r\n');
	});
});

describe('mapRoster: rows checked together as alone', () => {
	it('gives every row, bad ones among good ones, the result it gets alone on a fresh engine', () => {
		// Rows repeat sizes and sleeves (the engine's memoized solver queries are shared between
		// them); a bad row sits among good ones with the same choices.
		const rows: RosterRow[] = [
			{ 'Player name': 'GARCIA', Number: '10', Size: 'M', Sleeves: 'long' },
			{ 'Player name': 'LI', Number: '0', Size: 'M', Sleeves: 'long' },
			{ 'Player name': 'NOVAK', Number: '11', Size: 'M', Sleeves: 'long' },
			{ 'Player name': 'KEEPER', Number: '51', Size: 'XS', Sleeves: 'short' },
			{ 'Player name': 'OK', Number: '12', Size: 'XS', Sleeves: 'short' },
			{ 'Player name': 'BAD1', Number: '13', Size: 'M', Sleeves: 'long' },
			{ 'Player name': 'ROSSI', Number: '14', Size: 'M', Sleeves: 'long' },
			{ 'Player name': 'SMALL', Number: '15', Size: 'XS', Sleeves: 'long' },
			{ 'Player name': 'WWWWWWWWWWWW', Number: '16', Size: 'L', Sleeves: 'short' }
		];
		const together = mapRoster(engine, rows, { base: team });
		const alone = rows.map(
			(row) => mapRoster(engineFor(sample('team-jersey')), [row], { base: team }).rows[0]
		);
		expect(together.rows).toEqual(alone.map((row, index) => ({ ...row, index, line: index + 2 })));
		expect(together.rows.map((row) => row.ok)).toEqual([
			true,
			false,
			true,
			false,
			true,
			false,
			true,
			false,
			true
		]);
	});
});
