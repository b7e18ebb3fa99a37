import { z } from 'zod';
import { localeSchema } from './common.js';

/**
 * Customer-facing labels per locale: locale → key → text. Keys: `product.name`,
 * `option.<optionId>.label`, `option.<optionId>.description`, `option.<optionId>.placeholder`,
 * `choice.<optionId>.<choiceId>.label`, `group.<groupId>.label`, `view.<viewId>.label`,
 * `rush.<tierId>.label`, `fee.<feeId>.label`, `rule.<ruleId>.name`. A missing key falls back to
 * the definition's own label.
 */
export const translationsSchema = z.record(localeSchema, z.record(z.string().min(1), z.string()));
/** Customer-facing labels per locale. */
export type Translations = z.infer<typeof translationsSchema>;

/**
 * A lookup of customer-facing labels for `locale`: the exact locale, then its language
 * (`fr-CA` → `fr`), then the given fallback (the definition's own label).
 */
export function translator(
	translations: Translations,
	locale: string | undefined
): (key: string, fallback: string) => string {
	if (locale === undefined) return (_key, fallback) => fallback;
	const exact = translations[locale];
	const language = translations[locale.split('-')[0] ?? locale];
	return (key, fallback) => exact?.[key] ?? language?.[key] ?? fallback;
}
