/**
 * The engine's messages are data: a code from this table, a severity, a path and a message.
 * Exceptions are reserved for programmer errors.
 */
export const ENGINE_CODES = {
	/** A selection that no valid configuration allows together with the others. */
	conflict: 'conflict',
	/** A visible required option without an answer. */
	required: 'required',
	textTooLong: 'text-too-long',
	textTooShort: 'text-too-short',
	textCharacters: 'text-characters',
	textLines: 'text-lines',
	textFont: 'text-font',
	textColor: 'text-color',
	numberRange: 'number-range',
	numberStep: 'number-step',
	multiTooFew: 'multi-too-few',
	multiTooMany: 'multi-too-many',
	uploadFormat: 'upload-format',
	uploadPixels: 'upload-pixels',
	uploadBytes: 'upload-bytes',
	uploadDpi: 'upload-dpi',
	/** An answer to an option or a choice that is hidden: ignored. */
	hiddenAnswer: 'hidden-answer',
	unknownOption: 'unknown-option',
	unknownChoice: 'unknown-choice',
	invalidAnswer: 'invalid-answer',
	unknownRushTier: 'unknown-rush-tier',
	quantityRange: 'quantity-range',
	/** Rules whose show/hide/auto-select/default effects depend on each other in a cycle. */
	ruleCycle: 'rule-cycle'
} as const;

/** An engine message code. */
export type EngineCode = (typeof ENGINE_CODES)[keyof typeof ENGINE_CODES];

/** A diagnostic or an evaluation message. */
export interface Diagnostic {
	code: EngineCode;
	severity: 'error' | 'warning';
	/** Where: `selections.engraving`, `quantity`, `rules[2]`… */
	path: string;
	message: string;
}
