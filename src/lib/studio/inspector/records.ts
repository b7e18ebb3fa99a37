/**
 * Reading and changing records of the definition JSON the editor holds (`editor.definition`, and
 * the plain copy an `editor.edit` mutation receives). The draft may be invalid while people edit,
 * so every reader tolerates missing or mistyped fields instead of trusting the schema.
 */
import type { Json } from '$lib/collab/definition-doc';
import type { JsonObject } from '../editor.svelte';
import type { OptionInfo } from './condition-model';
import type { CurrencyInfo } from './money-input';

export function isObject(value: unknown): value is JsonObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The objects of a list field (`options`, `choices`...), skipping anything malformed. */
export function listOf(record: JsonObject | undefined, key: string): JsonObject[] {
	const value = record?.[key];
	return Array.isArray(value) ? value.filter(isObject) : [];
}

export function byId(list: JsonObject[], id: string): JsonObject | undefined {
	return list.find((item) => item.id === id);
}

export const optionOf = (d: JsonObject, id: string) => byId(listOf(d, 'options'), id);
export const layerOf = (d: JsonObject, id: string) => byId(listOf(d, 'layers'), id);
export const viewOf = (d: JsonObject, id: string) => byId(listOf(d, 'views'), id);
export const ruleOf = (d: JsonObject, id: string) => byId(listOf(d, 'rules'), id);
export const groupOf = (d: JsonObject, id: string) => byId(listOf(d, 'groups'), id);
export const scenarioOf = (d: JsonObject, id: string) => byId(listOf(d, 'scenarios'), id);

export function choiceOf(d: JsonObject, optionId: string, choiceId: string) {
	return byId(listOf(optionOf(d, optionId), 'choices'), choiceId);
}

export function printAreaOf(d: JsonObject, viewId: string, areaId: string) {
	return byId(listOf(viewOf(d, viewId), 'printAreas'), areaId);
}

/** The object under `key`, created when missing (inside a mutation). */
export function objectAt(record: JsonObject, key: string): JsonObject {
	const value = record[key];
	if (isObject(value)) return value;
	const created: JsonObject = {};
	record[key] = created;
	return created;
}

/** Sets `key`, or removes it when `value` is undefined (optional fields stay absent, not null). */
export function setField(record: JsonObject, key: string, value: Json | undefined): void {
	if (value === undefined) delete record[key];
	else record[key] = value;
}

export const text = (value: Json | undefined): string | undefined =>
	typeof value === 'string' ? value : undefined;
export const numberOr = (value: Json | undefined): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The product's currency, EUR with 2 decimals while the field is missing or broken. */
export function currencyOf(d: JsonObject): CurrencyInfo {
	const currency = isObject(d.currency) ? d.currency : {};
	const code = typeof currency.code === 'string' ? currency.code : 'EUR';
	const minorUnits =
		typeof currency.minorUnits === 'number' && Number.isInteger(currency.minorUnits)
			? currency.minorUnits
			: 2;
	return { code, minorUnits };
}

/** What pickers need to know about each option. */
export function optionInfos(d: JsonObject): OptionInfo[] {
	return listOf(d, 'options').map((o) => ({
		id: String(o.id ?? ''),
		label: text(o.label) || String(o.id ?? ''),
		kind: String(o.kind ?? ''),
		choices: listOf(o, 'choices').map((c) => ({
			id: String(c.id ?? ''),
			label: text(c.label) || String(c.id ?? '')
		}))
	}));
}

/** The locales that have translations, besides the default one. */
export function translationLocales(d: JsonObject): string[] {
	const translations = isObject(d.translations) ? d.translations : {};
	const defaultLocale = text(d.defaultLocale) ?? 'en';
	return Object.keys(translations)
		.filter((locale) => locale !== defaultLocale)
		.sort();
}

/** The translation of `key` in `locale`, if any. */
export function translationOf(d: JsonObject, locale: string, key: string): string | undefined {
	const translations = isObject(d.translations) ? d.translations : {};
	const table = translations[locale];
	return isObject(table) ? text(table[key]) : undefined;
}

/** Sets (or, with empty text, removes) a translation inside a mutation. */
export function setTranslation(d: JsonObject, locale: string, key: string, value: string): void {
	const table = objectAt(objectAt(d, 'translations'), locale);
	if (value.trim() === '') delete table[key];
	else table[key] = value;
}

/** A label for people: the record's label or name, else its id. */
export function nameOf(record: JsonObject | undefined, fallback = ''): string {
	if (!record) return fallback;
	return text(record.label) || text(record.name) || text(record.id) || fallback;
}

/** A font as people tell fonts apart: "Inter 700 italic" (several entries share a family). */
export function fontName(font: JsonObject): string {
	const family = text(font.family) ?? String(font.id ?? '');
	const weight =
		typeof font.weight === 'number' || typeof font.weight === 'string' ? ` ${font.weight}` : '';
	const style = font.style === 'italic' ? ' italic' : '';
	return `${family}${weight}${style}`;
}
