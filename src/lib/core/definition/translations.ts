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

export { translator } from './translate.js';
