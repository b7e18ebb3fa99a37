/** How serious a diagnostic is: errors block publishing, warnings and infos do not. */
export type AnalysisSeverity = 'error' | 'warning' | 'info';

/**
 * Every analysis code, its severity and what it means. One table: the studio's diagnostics
 * drawer, the CLI (`atelier check`) and the publish gate all read it.
 */
export const ANALYSIS_CODES = {
	'schema-error': {
		severity: 'error',
		title: 'The definition does not match the format (wrong type, missing field, bad value)'
	},
	'duplicate-id': {
		severity: 'error',
		title: 'Two records of one list share an id'
	},
	'missing-reference': {
		severity: 'error',
		title: 'A reference to an option, choice, layer, asset, view, font or color that does not exist'
	},
	'no-valid-configuration': {
		severity: 'error',
		title: 'No configuration satisfies every rule; names a minimal set of conflicting rules'
	},
	'negative-price': {
		severity: 'error',
		title: 'Some valid configuration has a negative price'
	},
	'dead-choice': {
		severity: 'warning',
		title: 'A choice that is never available, whatever the customer picks'
	},
	'never-visible-option': {
		severity: 'warning',
		title: 'An option that is hidden in every valid configuration'
	},
	'rule-never-fires': {
		severity: 'warning',
		title: 'A rule whose condition holds in no valid configuration'
	},
	'rule-no-effect': {
		severity: 'warning',
		title: 'A rule that changes nothing: without it the configurations and visibility are the same'
	},
	'missing-layer-asset': {
		severity: 'warning',
		title: 'A choice drawn by an image layer has no art for that layer’s view'
	},
	'price-missing': {
		severity: 'warning',
		title: 'The product has no price: base 0 and nothing adds to it'
	},
	'text-overflow': {
		severity: 'warning',
		title: 'A text at its maximum length does not fit its box, even shrunk (or it would be cut off)'
	},
	'rule-cycle': {
		severity: 'warning',
		title: 'Show/hide/auto-select/default rules that depend on each other in a cycle'
	},
	'text-shrinks': {
		severity: 'info',
		title: 'A text at its maximum length is drawn smaller than its design size to fit its box'
	},
	'analysis-skipped': {
		severity: 'info',
		title: 'A check was skipped (the product is too large for it within the time budget)'
	}
} as const satisfies Record<string, { severity: AnalysisSeverity; title: string }>;

/** An analysis code (a key of {@link ANALYSIS_CODES}). */
export type AnalysisCode = keyof typeof ANALYSIS_CODES;

/** One finding of {@link analyze}: data, never an exception. */
export interface AnalysisDiagnostic {
	code: AnalysisCode;
	severity: AnalysisSeverity;
	/** Where in the definition: `options[3].choices[0].priceDelta`, `rules[2]`, `layers[4]`. */
	path: string;
	/** In the merchant's words, naming the rule, option and choice labels. */
	message: string;
	/** Other paths involved (e.g. every rule of a conflicting set). */
	related?: string[];
}

/** A diagnostic of `code` with the code's severity. */
export function diagnostic(
	code: AnalysisCode,
	path: string,
	message: string,
	related?: string[]
): AnalysisDiagnostic {
	const d: AnalysisDiagnostic = { code, severity: ANALYSIS_CODES[code].severity, path, message };
	if (related && related.length > 0) d.related = related;
	return d;
}
