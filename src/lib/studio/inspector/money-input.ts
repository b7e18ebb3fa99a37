/**
 * Money as people type it → integer minor units, for the inspector's money fields.
 *
 * Accepts "5", "5.5", "5,50", "-2.25", "1 234,50", "1,234.50", "€ 5" and "5 EUR": one decimal
 * separator (the last "." or ","; with both present the other one groups thousands), spaces,
 * apostrophes and underscores as thousands separators, and the currency's symbol or code.
 * Refuses anything else with a message that says what to type. Never uses floating point: the
 * digits are joined as text, so "0.1" is exactly 10 cents.
 */

/** The product's currency as the definition stores it. */
export interface CurrencyInfo {
	code: string;
	minorUnits: number;
}

export type MoneyParse = { ok: true; amount: number } | { ok: false; message: string };

const SYMBOLS = /[€$£¥₹₩₽₺₪฿₫]|CHF|kr|zł/g;

/** Parses `text` as an amount of `currency` in minor units. */
export function parseMoneyInput(text: string, currency: CurrencyInfo): MoneyParse {
	const example = exampleFor(currency);
	let s = text.trim().replace(/\u00a0|\u202f/g, ' ');
	if (s === '') return { ok: false, message: `Enter an amount, such as ${example}` };
	// The currency may be written around the number.
	s = s
		.replace(new RegExp(`\\b${currency.code}\\b`, 'gi'), '')
		.replace(SYMBOLS, '')
		.trim();
	let negative = false;
	if (/^[-−+]/.test(s)) {
		negative = s[0] !== '+';
		s = s.slice(1).trim();
	}
	if (!/^[0-9][0-9 '_.,]*$/.test(s) || /[ '_.,]$/.test(s))
		return { ok: false, message: `“${text.trim()}” is not an amount: write it like ${example}` };

	const lastDot = s.lastIndexOf('.');
	const lastComma = s.lastIndexOf(',');
	const decimalAt = Math.max(lastDot, lastComma);
	let whole = s;
	let fraction = '';
	if (decimalAt >= 0) {
		const separator = s[decimalAt];
		const other = separator === '.' ? ',' : '.';
		// "1,000,000": one separator used several times groups thousands; it is no decimal point.
		const repeated = s.indexOf(separator) !== decimalAt;
		if (repeated && !s.includes(other)) {
			whole = s;
		} else if (repeated) {
			return { ok: false, message: `“${text.trim()}” has more than one decimal separator` };
		} else {
			whole = s.slice(0, decimalAt);
			fraction = s.slice(decimalAt + 1);
			if (whole.includes(separator) || /[.,]/.test(fraction))
				return { ok: false, message: `“${text.trim()}” has more than one decimal separator` };
		}
	}
	// Thousands separators must group by three ("1 234", "1,000,000"); "5.5.5" is a typo.
	if (/[ '_.,]/.test(whole) && !/^[0-9]{1,3}([ '_.,][0-9]{3})*$/.test(whole))
		return { ok: false, message: `“${text.trim()}” is not an amount: write it like ${example}` };
	const wholeDigits = whole.replace(/[ '_.,]/g, '');
	if (!/^[0-9]+$/.test(wholeDigits) || !/^[0-9]*$/.test(fraction))
		return { ok: false, message: `“${text.trim()}” is not an amount: write it like ${example}` };
	if (fraction.length > currency.minorUnits) {
		return {
			ok: false,
			message:
				currency.minorUnits === 0
					? `${currency.code} has no decimals: write a whole amount such as ${example}`
					: `${currency.code} has ${currency.minorUnits} decimals at most: write it like ${example}`
		};
	}
	const minor = Number(wholeDigits + fraction.padEnd(currency.minorUnits, '0'));
	if (!Number.isSafeInteger(minor)) return { ok: false, message: 'That amount is too large' };
	return { ok: true, amount: negative && minor !== 0 ? -minor : minor };
}

/** Minor units → the plain text a money field shows for editing ("5.50", "-3", "1200"). */
export function formatMoneyInput(amount: number, currency: CurrencyInfo): string {
	const negative = amount < 0;
	const digits = String(Math.abs(amount)).padStart(currency.minorUnits + 1, '0');
	const whole = currency.minorUnits === 0 ? digits : digits.slice(0, -currency.minorUnits);
	const fraction = currency.minorUnits === 0 ? '' : `.${digits.slice(-currency.minorUnits)}`;
	return `${negative ? '-' : ''}${whole}${fraction}`;
}

function exampleFor(currency: CurrencyInfo): string {
	return currency.minorUnits === 0 ? '500' : `12.${'5'.padEnd(currency.minorUnits, '0')}`;
}
