// Prints how long a 10,000-row roster takes to read, validate and price with the runtime's
// spreadsheet reader and the core's bulk pricing (the work the storefront's bulk-order mode does
// when a team manager uploads a file). A figure to read, not a test: `npm run bench:roster`.
import fs from 'node:fs';
import path from 'node:path';
import { createEngine, parseDefinition, priceBulkOrder } from '../src/lib/core/index.js';
import { readSpreadsheet } from '../src/lib/runtime/bulk/spreadsheet.js';
import { writeXlsx } from '../src/lib/runtime/bulk/xlsx.js';

const root = path.resolve(import.meta.dirname, '..');
const json = JSON.parse(
	fs.readFileSync(path.join(root, 'static/samples/team-jersey/definition.json'), 'utf8')
);
const parsed = parseDefinition(json);
if (!parsed.ok) throw new Error('the team jersey sample does not parse');
const engine = createEngine(parsed.definition);

const ROWS = 10_000;
const sizes = ['S', 'M', 'L', 'XL'];
const table = [['Name', 'Number', 'Size']];
for (let i = 0; i < ROWS; i++) {
	const name = `PLAYER ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (((i / 26) | 0) % 26))}`;
	table.push([name, String(i % 100), sizes[i % sizes.length]]);
}
const csv = new TextEncoder().encode(table.map((row) => row.join(',')).join('\n'));
const xlsx = writeXlsx(table);

function measure(label: string, bytes: Uint8Array, runs = 5) {
	const times: number[] = [];
	let summary = '';
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		const sheet = readSpreadsheet(bytes);
		if (!sheet.ok) throw new Error(sheet.message);
		const order = priceBulkOrder(engine, sheet.sheet.rows);
		times.push(performance.now() - start);
		summary = `${order.rows.length} rows, ${order.badRows} bad, total ${order.total} ${order.currency}`;
	}
	times.sort((a, b) => a - b);
	console.log(
		`${label.padEnd(28)} median ${times[Math.floor(runs / 2)].toFixed(0)} ms  best ${times[0].toFixed(0)} ms  (${summary})`
	);
}

console.log(
	`roster of ${ROWS} rows, team jersey sample, ${(csv.length / 1024).toFixed(0)} KiB CSV / ${(xlsx.length / 1024).toFixed(0)} KiB XLSX`
);
measure('CSV read + validate + price', csv);
measure('XLSX read + validate + price', xlsx);
