/** Formatting for the orders screens. Pure functions, no framework. */

export type OrderStatus = 'new' | 'in_production' | 'quality_check' | 'shipped';

export const STATUS_LABELS: Record<OrderStatus, string> = {
	new: 'New',
	in_production: 'In production',
	quality_check: 'Quality check',
	shipped: 'Shipped'
};

export const STATUS_TONES: Record<OrderStatus, 'accent' | 'warning' | 'neutral' | 'success'> = {
	new: 'accent',
	in_production: 'warning',
	quality_check: 'neutral',
	shipped: 'success'
};

/** Integer minor units → "$121.00", with the currency's own number of decimals. */
export function formatMinor(amount: number, currency: string, locale = 'en'): string {
	try {
		const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
		const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
		return format.format(amount / 10 ** digits);
	} catch {
		return `${amount} ${currency}`;
	}
}

/** "2026-12-11" → "Fri, Dec 11" (a calendar date, read in UTC so it never shifts a day). */
export function formatDay(date: string): string {
	const parsed = new Date(`${date}T00:00:00Z`);
	if (Number.isNaN(parsed.getTime())) return date;
	return parsed.toLocaleDateString('en', {
		weekday: 'short',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	});
}
