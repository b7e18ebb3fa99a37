// The storefront's bulk-order mode: a team manager downloads a template, fills in one row per
// person (name, number, size…), uploads it, fixes what the engine refuses row by row and cell by
// cell, checks the size breakdown and the price at the team's quantity tier, and orders all rows
// at once. Plain DOM like the rest of the runtime; the reading is `spreadsheet.ts`, the checking
// and pricing the core's `priceBulkOrder`, so the server re-checks the same way.

import type { Definition } from '../../core/definition/definition.js';
import type { ConfigurationInput } from '../../core/definition/configuration.js';
import type { Engine } from '../../core/engine/index.js';
import { formatMoney } from '../../core/money.js';
// The modules, not the roster's index: its `mapRoster` (source.ts) would bring the compiler.
import { priceBulkOrder, type BulkOrder } from '../../core/roster/bulk.js';
import { rosterTemplate, toCsv, type RosterRow } from '../../core/roster/roster.js';
import { ensureStyles } from '../ui/styles.js';
import { MAX_ROSTER_ROWS, readSpreadsheet } from './spreadsheet.js';
import { writeXlsx } from './xlsx.js';
import { h } from '../ui/dom.js';

/** Rows drawn in the table at once; the rest are reachable with "Show more" (10,000 rows fit). */
const PAGE_ROWS = 100;

export interface BulkSubmission {
	/** Every row, priced as a line of one order (`bulkLinePrices`: fees on the first line). */
	items: {
		line: number;
		configuration: NonNullable<BulkOrder['rows'][number]['configuration']>;
		price: NonNullable<BulkOrder['rows'][number]['price']>;
	}[];
	/** A new bulk group id: ties the lines together so order intake prices them as one order. */
	group: string;
	order: BulkOrder;
	/** The engine the rows were checked with (for production specs of the items). */
	engine: Engine;
	/** Reports progress of a long submission (e.g. saving designs) under the order button. */
	progress(message: string): void;
}

export interface BulkOrderUIOptions {
	definition: Definition;
	/** The team-wide answers (color, sleeves…) the rows share; read at every check. */
	base?(): ConfigurationInput;
	locale?: string;
	/** Called with every row's configuration when the customer orders; may be async. */
	onSubmit?(submission: BulkSubmission): unknown;
	/** Shows one row in the main preview (the customer clicked "Preview" on it). */
	onPreviewRow?(configuration: ConfigurationInput): void;
	/** The engine of `definition` (the configurator's: the storefront bundle has no compiler). */
	engine: Engine;
}

export interface MountedBulkOrderUI {
	readonly root: HTMLElement;
	/** Loads spreadsheet bytes as if the customer had picked the file. */
	load(bytes: Uint8Array, fileName: string): void;
	/** The current check of the rows (null before a file is loaded). */
	readonly order: BulkOrder | null;
	destroy(): void;
}

const BULK_STYLES = `
.atelier-bulk{display:flex;flex-direction:column;gap:14px}
.atelier-bulk h3{margin:0;font-size:1.05em}
.atelier-bulk-drop{border:1px dashed var(--_line);border-radius:var(--_radius);padding:16px;display:flex;flex-direction:column;gap:8px;align-items:flex-start;background:var(--_surface)}
.atelier-bulk-drop[data-over]{border-color:var(--_accent)}
.atelier-bulk-mapping{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:8px}
.atelier-bulk-mapping label{display:flex;flex-direction:column;gap:4px;font-size:.85em}
.atelier-bulk-stats{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:.9em}
.atelier-bulk-stats b{font-weight:600}
.atelier-bulk-stats .atelier-error{font-size:inherit}
.atelier-bulk-table-wrap{overflow:auto;max-height:480px;border:1px solid var(--_line);border-radius:var(--_radius)}
.atelier-bulk-table{border-collapse:collapse;width:100%;font-size:.88em}
.atelier-bulk-table th,.atelier-bulk-table td{padding:4px 6px;border-bottom:1px solid var(--_line);text-align:left;vertical-align:top}
.atelier-bulk-table th{position:sticky;top:0;background:var(--_surface);font-weight:600;z-index:1}
.atelier-bulk-table input{font:inherit;color:inherit;border:1px solid var(--_line);border-radius:4px;padding:3px 6px;width:100%;min-width:64px;background:var(--_surface)}
.atelier-bulk-table input[aria-invalid=true]{border-color:var(--_danger);background:color-mix(in srgb,var(--_danger) 7%,var(--_surface))}
.atelier-bulk-table tr[data-bad] td:first-child{box-shadow:inset 3px 0 0 var(--_danger)}
.atelier-bulk-table td:not(:has(input)){padding-top:8px}
.atelier-bulk-cell-error{color:var(--_danger);font-size:.8em;margin:2px 0 0}
.atelier-bulk-filter{display:inline-flex;gap:6px;align-items:center;font-size:.9em;align-self:flex-start}
.atelier-bulk-submit{font:inherit;font-weight:600;border:0;border-radius:var(--_radius);padding:12px 16px;min-height:44px;background:var(--_accent);color:var(--_on-accent);cursor:pointer;width:100%}
.atelier-bulk-submit[aria-disabled=true]{background:var(--_line);color:var(--_muted);cursor:not-allowed}
.atelier-bulk-status{font-size:.88em;margin:0;color:var(--_muted)}
.atelier-bulk-actions{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
`;

/**
 * Mounts the bulk-order mode into `container`. Every row stays visible until it is fixed or
 * removed; ordering is refused (with the reason on the button) while any row is in error.
 */
export function mountBulkOrderUI(
	container: HTMLElement,
	options: BulkOrderUIOptions
): MountedBulkOrderUI {
	const def = options.definition;
	const engine = options.engine;
	const locale = options.locale || 'en';
	const money = (amount: number) =>
		formatMoney(amount, def.currency.code, def.currency.minorUnits, locale);
	// Personal columns only: what differs per person. Team-wide answers come from `base`.
	const personal = def.options
		.filter(
			(option) =>
				option.kind === 'text' ||
				option.kind === 'number' ||
				(option.kind === 'choice' &&
					(option.id === 'size' || option.label.toLowerCase() === 'size'))
		)
		.map((option) => option.id);
	const template = rosterTemplate(def, personal.length ? { options: personal } : {});

	ensureStyles(container);
	const style = h('style', {}, BULK_STYLES);
	const root = h('section', { class: 'atelier atelier-bulk', 'aria-label': 'Bulk order' });
	container.replaceChildren(style, root);

	let rows: RosterRow[] = [];
	/** The spreadsheet line of each row: kept when rows above are removed. */
	let lines: number[] = [];
	let headers: string[] = [];
	let mapping: Record<string, string | null> = {};
	let order: BulkOrder | null = null;
	let shown = PAGE_ROWS;
	let onlyProblems = false;
	const urls: string[] = [];

	// Templates.
	const download = (label: string, bytes: BlobPart, type: string, name: string) => {
		const url = URL.createObjectURL(new Blob([bytes], { type }));
		urls.push(url);
		return h('a', { class: 'atelier-link', href: url, download: name }, label);
	};
	const fileBase = def.handle;
	root.append(
		h('h3', {}, 'Order for a team'),
		h(
			'p',
			{ class: 'atelier-desc' },
			`One row per person. Download the template, fill it in, and upload it (CSV or XLSX, up to ${MAX_ROSTER_ROWS.toLocaleString(locale)} rows). The team's other choices are taken from the configurator above.`
		),
		h(
			'div',
			{ class: 'atelier-bulk-actions' },
			download(
				'Template (CSV)',
				toCsv(template),
				'text/csv;charset=utf-8',
				`${fileBase}-roster.csv`
			),
			download(
				'Template (XLSX)',
				writeXlsx(template) as BlobPart,
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				`${fileBase}-roster.xlsx`
			)
		)
	);

	// The file.
	const fileInput = h('input', {
		type: 'file',
		accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'aria-label': 'Roster spreadsheet (CSV or XLSX)'
	});
	const drop = h(
		'div',
		{ class: 'atelier-bulk-drop' },
		h('span', { class: 'atelier-label' }, 'Roster spreadsheet'),
		fileInput
	);
	const problem = h('p', { class: 'atelier-error', role: 'alert' });
	const notices = h('p', { class: 'atelier-hint', role: 'status' });
	root.append(drop, problem, notices);

	const mappingBox = h('div', { class: 'atelier-bulk-mapping', hidden: true });
	const stats = h('div', { class: 'atelier-bulk-stats', role: 'status', 'aria-live': 'polite' });
	const filterToggle = h('input', { type: 'checkbox' });
	const filterLabel = h(
		'label',
		{ class: 'atelier-bulk-filter' },
		filterToggle,
		' Only rows with problems'
	);
	const table = h('table', { class: 'atelier-bulk-table' });
	const tableWrap = h('div', { class: 'atelier-bulk-table-wrap', hidden: true }, table);
	const more = h(
		'button',
		{ type: 'button', class: 'atelier-link', hidden: true },
		'Show more rows'
	);
	// Own class names: the page may hold the configurator's add-to-cart button and status too.
	const submit = h('button', {
		type: 'button',
		class: 'atelier-bulk-submit',
		'aria-disabled': 'true'
	});
	const submitStatus = h('p', { class: 'atelier-bulk-status', role: 'status' });
	const results = h('div', { class: 'atelier-bulk', hidden: true });
	results.append(
		h('h3', {}, 'Columns'),
		mappingBox,
		stats,
		filterLabel,
		tableWrap,
		more,
		submit,
		submitStatus
	);
	root.append(results);

	/** The team-wide answers without the personal options (an empty cell must stay empty). */
	function teamBase(): ConfigurationInput | undefined {
		const base = options.base?.();
		if (!base) return undefined;
		const selections = Object.fromEntries(
			Object.entries(base.selections ?? {}).filter(([id]) => !personal.includes(id))
		);
		return { ...base, selections };
	}

	function check() {
		order = priceBulkOrder(engine, rows, { mapping, base: teamBase(), lines });
		render();
	}

	function renderMapping(current: BulkOrder) {
		mappingBox.hidden = false;
		mappingBox.replaceChildren();
		for (const header of headers) {
			const column = current.columns.find((candidate) => candidate.header === header);
			const select = h('select', { class: 'atelier-select' });
			select.append(h('option', { value: '' }, 'Ignore this column'));
			select.append(h('option', { value: 'quantity' }, 'Quantity'));
			for (const option of def.options) {
				if (option.kind === 'image') continue;
				select.append(h('option', { value: option.id }, option.label));
			}
			const target =
				column?.part === 'quantity'
					? 'quantity'
					: column?.option
						? column.part === 'font' || column.part === 'color'
							? `${column.option}.${column.part}`
							: column.option
						: '';
			if (target.includes('.')) select.append(h('option', { value: target }, target));
			select.value = target;
			select.addEventListener('change', () => {
				mapping = { ...mapping, [header]: select.value === '' ? null : select.value };
				check();
			});
			mappingBox.append(h('label', {}, header, select));
		}
		for (const error of current.mappingErrors) {
			mappingBox.append(h('p', { class: 'atelier-error' }, `${error.column}: ${error.message}`));
		}
	}

	function renderStats(current: BulkOrder) {
		const parts: (string | Node)[] = [
			h('span', {}, h('b', {}, String(current.rows.length)), ' rows'),
			h('span', {}, h('b', {}, String(current.totalQuantity)), ' pieces')
		];
		if (current.badRows > 0) {
			parts.push(
				h('span', { class: 'atelier-error' }, h('b', {}, String(current.badRows)), ' with problems')
			);
		}
		for (const count of current.breakdown?.counts ?? []) {
			parts.push(
				h(
					'span',
					{},
					`${current.breakdown?.option} ${count.label}: `,
					h('b', {}, String(count.count))
				)
			);
		}
		if (current.total !== null) {
			const unit = current.rows.find((row) => row.unitPrice !== undefined)?.unitPrice;
			parts.push(
				h(
					'span',
					{},
					'Total ',
					h('b', { 'data-testid': 'bulk-total' }, money(current.total)),
					unit !== undefined ? ` (from ${money(unit)} each)` : ''
				)
			);
		}
		stats.replaceChildren(...parts);
	}

	function cellInput(rowIndex: number, header: string, errors: string[]) {
		const input = h('input', {
			value: String(rows[rowIndex][header] ?? ''),
			'aria-label': `${header}, line ${lines[rowIndex]}`,
			'aria-invalid': errors.length > 0 ? 'true' : undefined
		});
		// Edit inline: the row is re-checked when the customer leaves the cell.
		input.addEventListener('change', () => {
			rows = rows.map((row, index) =>
				index === rowIndex ? { ...row, [header]: input.value } : row
			);
			check();
		});
		const cell = h('td', {}, input);
		for (const message of errors)
			cell.append(h('p', { class: 'atelier-bulk-cell-error' }, message));
		return cell;
	}

	function renderTable(current: BulkOrder) {
		tableWrap.hidden = false;
		const head = h('tr', {}, h('th', { scope: 'col' }, 'Line'));
		for (const header of headers) head.append(h('th', { scope: 'col' }, header));
		head.append(
			h('th', { scope: 'col' }, 'Price'),
			h('th', { scope: 'col' }, h('span', { class: 'atelier-sr' }, 'Actions'))
		);
		const body = h('tbody');
		const visible = current.rows.filter((row) => !onlyProblems || !row.ok);
		for (const row of visible.slice(0, shown)) {
			const tr = h('tr', { 'data-line': row.line, 'data-bad': !row.ok || undefined });
			tr.append(h('td', {}, String(row.line)));
			for (const header of headers) {
				const messages = row.errors
					.filter((error) => error.column === header)
					.map((error) => error.message);
				tr.append(cellInput(row.index, header, messages));
			}
			const rowErrors = row.errors.filter(
				(error) => error.column === null || !headers.includes(error.column)
			);
			const priceCell = h('td', {}, row.amount !== undefined ? money(row.amount) : '—');
			for (const error of rowErrors)
				priceCell.append(h('p', { class: 'atelier-bulk-cell-error' }, error.message));
			const remove = h(
				'button',
				{ type: 'button', class: 'atelier-link', 'aria-label': `Remove line ${row.line}` },
				'Remove'
			);
			remove.addEventListener('click', () => {
				rows = rows.filter((_, index) => index !== row.index);
				lines = lines.filter((_, index) => index !== row.index);
				check();
			});
			const actions = h('td', {}, remove);
			if (row.ok && row.configuration && options.onPreviewRow) {
				const preview = h(
					'button',
					{ type: 'button', class: 'atelier-link', 'aria-label': `Preview line ${row.line}` },
					'Preview'
				);
				const configuration = row.configuration;
				preview.addEventListener('click', () => options.onPreviewRow?.(configuration));
				actions.prepend(preview, ' ');
			}
			tr.append(priceCell, actions);
			body.append(tr);
		}
		table.replaceChildren(h('thead', {}, head), body);
		more.hidden = visible.length <= shown;
	}

	function render() {
		if (!order) return;
		results.hidden = false;
		renderMapping(order);
		renderStats(order);
		renderTable(order);
		const blocked =
			order.rows.length === 0
				? 'Add at least one row'
				: order.badRows > 0
					? `Fix or remove the ${order.badRows} ${order.badRows === 1 ? 'row' : 'rows'} with problems to order`
					: order.mappingErrors.length > 0
						? 'Fix the column mapping to order'
						: undefined;
		submit.textContent =
			order.total !== null
				? `Order ${order.totalQuantity} pieces · ${money(order.total)}`
				: 'Order all rows';
		submit.setAttribute('aria-disabled', blocked ? 'true' : 'false');
		submitStatus.textContent = blocked ?? '';
	}

	function load(bytes: Uint8Array, fileName: string) {
		const result = readSpreadsheet(bytes);
		problem.textContent = '';
		notices.textContent = '';
		if (!result.ok) {
			problem.textContent = `${fileName}: ${result.message}`;
			return;
		}
		headers = result.sheet.headers;
		rows = result.sheet.rows;
		lines = rows.map((_, index) => index + 2);
		mapping = {};
		shown = PAGE_ROWS;
		notices.textContent = result.sheet.notices.join(' ');
		check();
	}

	fileInput.addEventListener('change', async () => {
		const file = fileInput.files?.[0];
		if (file) load(new Uint8Array(await file.arrayBuffer()), file.name);
	});
	drop.addEventListener('dragover', (event) => {
		event.preventDefault();
		drop.setAttribute('data-over', '');
	});
	drop.addEventListener('dragleave', () => drop.removeAttribute('data-over'));
	drop.addEventListener('drop', async (event) => {
		event.preventDefault();
		drop.removeAttribute('data-over');
		const file = event.dataTransfer?.files[0];
		if (file) load(new Uint8Array(await file.arrayBuffer()), file.name);
	});
	filterToggle.addEventListener('change', () => {
		onlyProblems = filterToggle.checked;
		shown = PAGE_ROWS;
		render();
	});
	more.addEventListener('click', () => {
		shown += PAGE_ROWS;
		render();
	});
	submit.addEventListener('click', async () => {
		if (!order || submit.getAttribute('aria-disabled') === 'true') return;
		const items = order.rows.flatMap((row) =>
			row.configuration && row.price
				? [{ line: row.line, configuration: row.configuration, price: row.price }]
				: []
		);
		submitStatus.textContent = 'Sending the order…';
		try {
			await options.onSubmit?.({
				items,
				group: newBulkGroup(),
				order,
				engine,
				progress: (message) => (submitStatus.textContent = message)
			});
			submitStatus.textContent = `${items.length} rows added.`;
		} catch (error) {
			submitStatus.textContent = `The order could not be sent: ${(error as Error).message}`;
		}
	});

	return {
		root,
		load,
		get order() {
			return order;
		},
		destroy() {
			for (const url of urls) URL.revokeObjectURL(url);
			container.replaceChildren();
		}
	};
}

/** 22 random URL-safe characters (`crypto.randomUUID` needs a secure context; this does not). */
function newBulkGroup(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
	return Array.from(crypto.getRandomValues(new Uint8Array(22)), (byte) => alphabet[byte & 63]).join(
		''
	);
}
