// A leaf module (no zod): the engine and the storefront UI look labels up through it without
// pulling in the translations schema.

/** Customer-facing labels per locale: locale → key → text. */
type TranslationTable = Record<string, Record<string, string>>;

/**
 * A lookup of customer-facing labels for `locale`: the exact locale, then its language
 * (`fr-CA` → `fr`), then the given fallback (the definition's own label).
 */
export function translator(
	translations: TranslationTable,
	locale: string | undefined
): (key: string, fallback: string) => string {
	if (locale === undefined) return (_key, fallback) => fallback;
	const exact = translations[locale];
	const language = translations[locale.split('-')[0] ?? locale];
	return (key, fallback) => exact?.[key] ?? language?.[key] ?? fallback;
}
