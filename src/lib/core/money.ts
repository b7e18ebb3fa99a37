/**
 * Money helpers. Amounts are integer minor units (cents); percentages are integer basis points
 * (100 = 1 %). All arithmetic is exact; the only rounding is half away from zero, once per
 * computed line.
 */

/** An amount with its currency. */
export interface Money {
	/** Integer minor units. */
	amount: number;
	/** ISO 4217 code. */
	currency: string;
}

/** Throws when `amount` is not a safe integer (a programmer error: money never comes from floats). */
export function assertMinorUnits(amount: number, what = 'amount'): void {
	if (!Number.isSafeInteger(amount))
		throw new RangeError(`${what} must be an integer number of minor units, got ${amount}`);
}

/** `numerator / denominator` rounded half away from zero, exactly (BigInt). */
export function divideRounded(numerator: bigint, denominator: bigint): number {
	if (denominator === 0n) throw new RangeError('division by zero');
	const negative = numerator < 0n !== denominator < 0n;
	const n = numerator < 0n ? -numerator : numerator;
	const d = denominator < 0n ? -denominator : denominator;
	const q = (2n * n + d) / (2n * d);
	return Number(negative ? -q : q);
}

/** `amount × basisPoints / 10000`, rounded half away from zero. */
export function applyBasisPoints(amount: number, basisPoints: number): number {
	return divideRounded(BigInt(amount) * BigInt(basisPoints), 10000n);
}

/** `amount × factor` for a decimal factor (e.g. 2.5 units), rounded half away from zero, exactly for factors with up to 9 decimals. */
export function multiplyRounded(amount: number, factor: number): number {
	const scale = 1_000_000_000n;
	const scaled = BigInt(Math.round(factor * 1e9));
	return divideRounded(BigInt(amount) * scaled, scale);
}

/** Formats minor units for people, e.g. `formatMoney(4900, 'EUR', 2, 'fr')` → "49,00 €". */
export function formatMoney(
	amount: number,
	currency: string,
	minorUnits: number,
	locale = 'en'
): string {
	const value = amount / 10 ** minorUnits;
	try {
		return new Intl.NumberFormat(locale, {
			style: 'currency',
			currency,
			minimumFractionDigits: minorUnits,
			maximumFractionDigits: minorUnits
		}).format(value);
	} catch {
		return `${value.toFixed(minorUnits)} ${currency}`;
	}
}
