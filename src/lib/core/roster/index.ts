// Roster mapping: spreadsheet rows (names and numbers…) → one validated configuration per row.
export { mapRoster } from './source.js';
export {
	mapRosterOf,
	mapColumns,
	rosterHeaders,
	rosterTemplate,
	normalizeKey,
	toCsv,
	type RosterRow,
	type RosterColumn,
	type ColumnPart,
	type RosterCellError,
	type RosterRowResult,
	type RosterOptions,
	type RosterResult,
	type RosterTemplateOptions
} from './roster.js';
export {
	BULK_GROUP,
	bulkLinePrices,
	priceBulkOrder,
	type BulkLine,
	type BulkOrder,
	type BulkOrderRow,
	type BulkOrderOptions
} from './bulk.js';
