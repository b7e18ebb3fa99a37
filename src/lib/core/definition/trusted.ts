// The storefront's loader for *published* definitions: the server validated them with
// `parseDefinition` when they were published, so the runtime does not ship zod (a third of its
// size) to check them again. It checks the format version, runs the format migrations and fills
// the defaults the schema would fill — the same value `parseDefinition` returns for a valid
// definition (a unit test compares both on the samples and on fuzzed definitions, so they cannot
// drift). Anything not yet validated (studio drafts, uploads, API bodies) goes through
// `parseDefinition`.
//
// Imports no zod and no schema module (their top-level schema construction cannot be shaken).

import type { Definition } from './definition.js';
import type { ValidationError } from './errors.js';
import { migrateDefinition, type Migration } from './migrations.js';

/** Result of {@link trustedDefinition}. */
export type TrustedDefinitionResult =
	{ ok: true; definition: Definition } | { ok: false; errors: ValidationError[] };

type Json = Record<string, unknown>;

/**
 * A published (already validated) definition of any known format version, migrated to the latest
 * format with its defaults filled in. Errors only for what a trusted source can still get wrong:
 * not an object, a missing or unknown `formatVersion`, a definition without `currency`/`pricing`.
 * Never throws on bad input.
 */
export function trustedDefinition(
	json: unknown,
	options: { migrations?: readonly Migration[]; latest?: number } = {}
): TrustedDefinitionResult {
	const migrated = migrateDefinition(json, options);
	if (!migrated.ok) return migrated;
	const d = migrated.json;
	const missing = (['currency', 'pricing'] as const).filter((key) => !isObject(d[key]));
	if (missing.length > 0)
		return {
			ok: false,
			errors: missing.map((key) => ({ path: key, message: `expected an object` }))
		};
	const pricing = d.pricing as Json;
	const definition = {
		...fill(d, { defaultLocale: 'en', assets: {}, leadTime: { baseDays: 0 }, translations: {} }),
		currency: fill(d.currency as Json, { minorUnits: 2 }),
		views: list(d.views, (v) => ({
			...v,
			printAreas: list(v.printAreas, (a) => fill(a, { dpi: 300, bleed: 0 }))
		})),
		groups: list(d.groups, (g) => fill(g, { options: [] })),
		options: list(d.options, option),
		fonts: list(d.fonts, (f) => fill(f, { weight: 400, style: 'normal' })),
		colors: list(d.colors, (c) => c),
		layers: list(d.layers, layer),
		rules: list(d.rules, (r) => ({
			...fill(r, { enabled: true }),
			then: list(r.then, (e) =>
				e.type === 'pricePerCharacter' ? fill(e, { countSpaces: false, freeCharacters: 0 }) : e
			)
		})),
		pricing: {
			...fill(pricing, { minQuantity: 1 }),
			quantityTiers: list(pricing.quantityTiers, (t) => t),
			fees: list(pricing.fees, (f) => f),
			rushTiers: list(pricing.rushTiers, (t) => fill(t, { multiplierBasisPoints: 10000 }))
		},
		scenarios: list(d.scenarios, (s) => ({
			...s,
			configuration: fill(s.configuration as Json, { selections: {}, quantity: 1 })
		}))
	};
	return { ok: true, definition: definition as unknown as Definition };
}

const optionDefaults: Record<string, Json> = {
	choice: { display: 'button' },
	multi: { display: 'checkbox', min: 0 },
	text: {
		minLength: 0,
		allowedCharacters: { preset: 'printable' },
		lines: 1,
		fonts: [],
		colors: []
	},
	image: { formats: ['png', 'jpeg', 'svg'] },
	number: {},
	toggle: { default: false, priceDelta: 0, leadTimeDeltaDays: 0 }
};

function option(o: Json): Json {
	const filled = fill(o, { required: false, ...optionDefaults[String(o.kind)] });
	if (o.kind !== 'choice' && o.kind !== 'multi') return filled;
	return {
		...filled,
		choices: list(o.choices, (c) =>
			fill(c, { priceDelta: 0, leadTimeDeltaDays: 0, stock: 'in_stock', assets: {} })
		)
	};
}

function layer(l: Json): Json {
	const filled = {
		...fill(l, {
			blendMode: 'normal',
			opacity: 1,
			...(l.kind === 'upload' ? { fit: 'contain' } : {})
		}),
		transform: fill(l.transform as Json, { rotation: 0 })
	};
	if (l.kind !== 'text') return filled;
	const style = { align: 'center', verticalAlign: 'middle', lineHeight: 1.2, overflow: 'shrink' };
	return { ...filled, style: fill(l.style as Json, style) };
}

/** A copy of `value` with each default set where the value lacks the key (zod's `.default`). */
function fill(value: Json, defaults: Json): Json {
	const out: Json = { ...value };
	for (const [key, fallback] of Object.entries(defaults))
		if (out[key] === undefined) out[key] = fallback;
	return out;
}

/** Maps a list of objects; an absent list is empty (every list of the schema defaults to []). */
function list(value: unknown, each: (item: Json) => unknown): unknown[] {
	return Array.isArray(value) ? value.map((item) => each(item as Json)) : [];
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
