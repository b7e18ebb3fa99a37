import type { Configuration } from '../definition/configuration.js';
import type { Engine } from '../engine/engine.js';
import { quantityThresholds } from '../engine/inputs.js';
import { divideRounded } from '../money.js';
import { repriceAtQuantity, type PriceBreakdown } from '../pricing/price.js';
import { mapRosterOf, type RosterOptions, type RosterResult, type RosterRow } from './roster.js';

/** A bulk group id: ties the items of one bulk order together in a cart and in order intake. */
export const BULK_GROUP = /^[A-Za-z0-9_-]{1,64}$/;

/** A line of a bulk order: its configuration and, when known, its own price at its quantity. */
export interface BulkLine {
	configuration: Configuration;
	/**
	 * The line's price at its own quantity (its evaluation's): lets the order's price come from it
	 * without evaluating again, when no rule of the product looks at the quantity.
	 */
	price?: PriceBreakdown;
}

/**
 * The price of each line of a bulk order (one line per roster row, all of one product): every
 * line's unit price is the one at the quantity tier of the whole order's pieces, each line pays
 * its own pieces and its share of the rush surcharge, and the product's fees are charged once,
 * on the first line. The lines' totals add up to the order's total. `orderQuantity` defaults to the
 * lines' pieces (a roster still being fixed passes all its rows' pieces, bad ones included).
 *
 * The storefront's bulk mode prices its rows with this and the server's order intake re-prices
 * the items of a bulk group with it, so the price shown, the cart's and the order's agree.
 */
export function bulkLinePrices(
	engine: Engine,
	lines: readonly BulkLine[],
	orderQuantity = lines.reduce((sum, line) => sum + line.configuration.quantity, 0)
): PriceBreakdown[] {
	const def = engine.definition;
	// Without quantity conditions the answers and fired rules are the same at any quantity, so a
	// line's own price re-priced at the order's quantity is its evaluation there (and 2× faster).
	const reprice = quantityThresholds(def).length === 0;
	return lines.map(({ configuration, price }, index) => {
		const atOrderQuantity =
			reprice && price
				? repriceAtQuantity(def, price, orderQuantity)
				: engine.evaluate(
						{ ...configuration, quantity: orderQuantity },
						{ explain: false, alternatives: false }
					).price;
		const quantity = configuration.quantity;
		// The rush surcharge scales with the pieces; this line carries its share of it.
		const rush = divideRounded(
			BigInt(atOrderQuantity.rush) * BigInt(quantity),
			BigInt(Math.max(1, orderQuantity))
		);
		const fees = index === 0 ? atOrderQuantity.fees : 0;
		const goods = atOrderQuantity.unitPrice * quantity;
		return {
			...atOrderQuantity,
			lines: atOrderQuantity.lines.flatMap((line) =>
				line.kind === 'fee'
					? index === 0
						? [line]
						: []
					: line.kind === 'rush'
						? [{ ...line, amount: rush }]
						: [line]
			),
			quantity,
			goods,
			rush,
			fees,
			total: goods + rush + fees
		};
	});
}

/**
 * A bulk order from a roster (a team's names, numbers and sizes): every row validated by the
 * engine through {@link mapRosterOf}, priced as one order — the quantity tier and quantity rules
 * see the whole order's quantity, each row pays its own pieces, the product's fees are charged
 * once. The storefront shows this and the server's order intake recomputes it with the same
 * function, so the price a team manager sees is the price charged.
 *
 * Rows with errors stay in the result; `total` is null until none is left (fixed or removed).
 */
export interface BulkOrderRow {
	index: number;
	/** Spreadsheet line (the header is line 1). */
	line: number;
	ok: boolean;
	errors: RosterResult['rows'][number]['errors'];
	configuration?: RosterResult['rows'][number]['configuration'];
	quantity: number;
	/** Unit price at the order's quantity tier, in minor units (good rows only). */
	unitPrice?: number;
	/** unitPrice × quantity plus this row's share of the rush surcharge (good rows only). */
	amount?: number;
	/** The row's price as a line of the order (`bulkLinePrices`; fees on the first good row). */
	price?: PriceBreakdown;
}

export interface BulkOrder {
	rows: BulkOrderRow[];
	columns: RosterResult['columns'];
	mappingErrors: RosterResult['errors'];
	/** Pieces in the order, over every row (good or bad). */
	totalQuantity: number;
	/** Pieces per choice of the breakdown option (e.g. Size: S 4, M 9), over good rows. */
	breakdown: { option: string; counts: { choice: string; label: string; count: number }[] } | null;
	/** The product's fees, once per order. */
	fees: number;
	/** Sum of the rows' amounts plus the fees, or null while a row or a column is in error. */
	total: number | null;
	currency: string;
	minorUnits: number;
	badRows: number;
}

export interface BulkOrderOptions extends RosterOptions {
	/** The choice option to count in the breakdown (default: the option with id or label "size"). */
	breakdownOption?: string;
}

export function priceBulkOrder(
	engine: Engine,
	rows: readonly RosterRow[],
	options: BulkOrderOptions = {}
): BulkOrder {
	const roster = mapRosterOf(engine, rows, options);
	const def = engine.definition;
	const totalQuantity = roster.rows.reduce(
		(sum, row) => sum + (row.configuration?.quantity ?? 1),
		0
	);
	// Good rows are priced together, as the lines of one order (fees once, on the first line).
	const goodRows = roster.rows.filter((row) => row.ok && row.configuration);
	const linePrices = bulkLinePrices(
		engine,
		goodRows.map((row) => ({
			configuration: row.configuration as Configuration,
			price: row.price
		})),
		totalQuantity
	);
	const priceOfRow = new Map(goodRows.map((row, i) => [row.index, linePrices[i]]));
	const out = roster.rows.map((row): BulkOrderRow => {
		const quantity = row.configuration?.quantity ?? 1;
		const price = priceOfRow.get(row.index);
		return {
			index: row.index,
			line: row.line,
			ok: row.ok,
			errors: row.errors,
			configuration: row.configuration,
			quantity,
			...(price ? { unitPrice: price.unitPrice, amount: price.goods + price.rush, price } : {})
		};
	});

	const breakdownId =
		options.breakdownOption ??
		def.options.find((option) => option.id === 'size' || option.label.toLowerCase() === 'size')?.id;
	const breakdownOption = def.options.find((option) => option.id === breakdownId);
	let breakdown: BulkOrder['breakdown'] = null;
	if (breakdownOption?.kind === 'choice') {
		const counts = new Map<string, number>();
		for (const row of out) {
			const answer = row.configuration?.selections[breakdownOption.id];
			if (row.ok && typeof answer === 'string')
				counts.set(answer, (counts.get(answer) ?? 0) + row.quantity);
		}
		breakdown = {
			option: breakdownOption.label,
			counts: breakdownOption.choices
				.filter((choice) => counts.has(choice.id))
				.map((choice) => ({
					choice: choice.id,
					label: choice.label,
					count: counts.get(choice.id) ?? 0
				}))
		};
	}
	const badRows = out.filter((row) => !row.ok).length;
	const fees = linePrices[0]?.fees ?? def.pricing.fees.reduce((sum, fee) => sum + fee.amount, 0);
	const complete = badRows === 0 && roster.errors.length === 0 && out.length > 0;
	return {
		rows: out,
		columns: roster.columns,
		mappingErrors: roster.errors,
		totalQuantity,
		breakdown,
		fees,
		// The same sum order intake checks: the lines' totals (fees on the first).
		total: complete ? linePrices.reduce((sum, price) => sum + price.total, 0) : null,
		currency: def.currency.code,
		minorUnits: def.currency.minorUnits,
		badRows
	};
}
