import { z } from 'zod';

/** The product's currency: ISO 4217 code and its number of minor-unit digits (2 for EUR, 0 for JPY). */
export const currencySchema = z.strictObject({
	code: z
		.string({ error: 'expected an ISO 4217 currency code such as "EUR"' })
		.regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 currency code such as "EUR"' }),
	minorUnits: z.int().min(0).max(4).default(2)
});
/** The product's currency. */
export type Currency = z.infer<typeof currencySchema>;
