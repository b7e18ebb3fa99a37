/**
 * Ship-by dates in business days. Dates are calendar dates `YYYY-MM-DD` in UTC (an order's date
 * is the merchant's calendar day; no time zones are involved once it is a date).
 *
 * The rule: production starts the first business day *after* the order date and takes
 * `leadTimeDays` business days; the ship-by date is the last of them. Saturdays, Sundays and the
 * given holidays are not business days. With a lead time of 0 the ship-by date is the order date
 * when it is a business day, else the next business day. Example: ordered Friday 2026-11-27 with
 * 3 days → Mon 30, Tue 1, Wed 2 → ships by 2026-12-02.
 */

const DAY_MS = 86_400_000;

/** Parses a `YYYY-MM-DD` date (or takes the UTC calendar date of a `Date`/ISO timestamp). */
export function toCalendarDate(input: string | Date): string | undefined {
	if (input instanceof Date) {
		return Number.isNaN(input.getTime()) ? undefined : input.toISOString().slice(0, 10);
	}
	const m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(input.trim());
	if (!m) return undefined;
	if (m[4] !== undefined) {
		const d = new Date(input);
		return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
	}
	const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
	// Rejects 2026-02-30 and the like (Date would roll it over).
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === input.trim()
		? input.trim()
		: undefined;
}

/** Whether a calendar date is a business day (not Saturday, Sunday or a holiday). */
export function isBusinessDay(date: string, holidays: ReadonlySet<string> = new Set()): boolean {
	const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
	return wd !== 0 && wd !== 6 && !holidays.has(date);
}

function nextDay(date: string): string {
	return new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The ship-by date of an order placed on `orderDate` (`YYYY-MM-DD`) with `leadTimeDays` business
 * days of production (see the module comment for the exact rule).
 */
export function shipByDate(
	orderDate: string,
	leadTimeDays: number,
	holidays: readonly string[] = []
): string {
	const off = new Set(holidays);
	let d = orderDate;
	if (leadTimeDays <= 0) {
		while (!isBusinessDay(d, off)) d = nextDay(d);
		return d;
	}
	let left = Math.ceil(leadTimeDays);
	while (left > 0) {
		d = nextDay(d);
		if (isBusinessDay(d, off)) left--;
	}
	return d;
}
