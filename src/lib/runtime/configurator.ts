// createConfigurator: the storefront's state machine over the core. It owns the customer's
// configuration and, after every action, asks the core for everything a page shows — visibility,
// availability with reasons, price, lead time, the scene of the current view — as one immutable
// snapshot. It decides nothing itself: engine, pricing, scene and cart payloads are the core's.

// Leaf modules only, never the zod schemas: published definitions are trusted (the server
// validated them at publish time) and configurations are checked by hand (CONTEXT.md).
import { isLocale, parseConfiguration } from '../core/definition/configuration-check.js';
import { trustedDefinition } from '../core/definition/trusted.js';
import type {
	Configuration,
	Selection,
	TextAnswer,
	UploadAnswer
} from '../core/definition/configuration.js';
import type { Definition } from '../core/definition/definition.js';
import type { ValidationError } from '../core/definition/errors.js';
// The engine module, not the engine's index: the index also exports `createEngine`, which would
// bring the solver's compiler into the storefront bundle (it loads it only on demand).
import {
	createEngineWith,
	type CompileModel,
	type Engine,
	type Evaluation
} from '../core/engine/engine.js';
import type { EngineModel } from '../core/engine/model.js';
import { loadCompiledDiagram } from '../core/solver/compiled.js';
import type { CompiledModel } from '../core/solver/types.js';
import { computeScene, type Scene } from '../core/scene/index.js';
import { productionSpecOf, type ProductionSpec } from '../core/production/spec.js';

/** Why a configurator could not be made or an input was refused. */
export type ConfiguratorErrorCode =
	| 'invalid-json'
	| 'unknown-format-version'
	| 'invalid-definition'
	| 'invalid-design'
	| 'incomplete'
	| 'destroyed'
	| 'needs-compiler';

/** A refused definition, design or cart request; `errors` name the path of each problem. */
export class ConfiguratorError extends Error {
	readonly code: ConfiguratorErrorCode;
	readonly errors: readonly ValidationError[];
	constructor(code: ConfiguratorErrorCode, summary: string, errors: readonly ValidationError[]) {
		const detail = errors
			.slice(0, 3)
			.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
			.join('; ');
		super(detail ? `${summary} — ${detail}` : summary);
		this.name = 'ConfiguratorError';
		this.code = code;
		this.errors = errors;
	}
}

/** One snapshot of everything a storefront shows. Never mutated: each change makes a new one. */
export interface ConfiguratorState {
	readonly definition: Definition;
	/** The published version this configuration is pinned to (when known). */
	readonly version: number | undefined;
	/** The customer's own answers (what `serialize` keeps). */
	readonly configuration: Configuration;
	/** The engine's evaluation: per option and choice visibility, availability, reasons, errors. */
	readonly evaluation: Evaluation;
	readonly price: Evaluation['price'];
	readonly leadTime: Evaluation['leadTime'];
	readonly rushTiers: Evaluation['rushTiers'];
	/** The view shown, and the scene of it (what the preview draws). */
	readonly view: string;
	readonly scene: Scene | undefined;
	readonly valid: boolean;
	readonly complete: boolean;
	/** Why the configuration cannot go to the cart yet (undefined when it can). */
	readonly blockedBy: string | undefined;
}

/** What a cart adapter turns a production spec into. */
export interface CartAdapter<Payload> {
	readonly name: string;
	payload(spec: ProductionSpec, designId: string): Payload;
}

/** A design as saved on the server: the pinned version and the configuration. */
export interface DesignInput {
	product: string;
	version: number | undefined;
	configuration: Configuration;
}

/**
 * What the public API answers with `?include=engine`: the published definition, its version
 * number and its compiled rules (the core's `serialize({ explanations: true })` form), so the
 * storefront loads the rules instead of compiling them (and carries no compiler).
 */
export interface PublishedProduct {
	version: number;
	definition: unknown;
	engine: unknown;
}

/** The published answer with its engine, when `json` is one (a definition has `formatVersion`). */
function publishedProductOf(json: unknown): PublishedProduct | undefined {
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
	const p = json as Partial<PublishedProduct> & { formatVersion?: unknown };
	if (p.formatVersion !== undefined || p.definition === undefined || p.engine === undefined)
		return undefined;
	return p as PublishedProduct;
}

/** Options of {@link createConfigurator}. */
export interface ConfiguratorOptions {
	/** The published version number of the definition (pins carts and designs; default: the one the published answer names). */
	version?: number;
	/** The definition's compiled rules (the core's `CompiledModel`): nothing is compiled. */
	compiled?: CompiledModel;
	/**
	 * Compiles the rules when no compiled form came with the definition (the studio passes a
	 * compile cache over the core's `defaultCompile`, so re-creating the configurator after an
	 * edit that leaves options and rules alone compiles nothing; {@link loadConfigurator} loads
	 * the compiler on demand).
	 */
	compile?: CompileModel;
	/** The core's `buildEngineModel`, which compiling needs (it comes with the compiler). */
	buildModel?: (definition: Definition) => EngineModel;
	/** A locale for labels and messages (`en`, `fr-CA`); ignored when malformed. */
	locale?: string;
	/** The first view shown (default: the definition's first view). */
	view?: string;
	/** Explain unavailable choices (default true; large products may turn it off). */
	explain?: boolean;
	/** A serialized design (`serialize()`) to start from. */
	restore?: string;
	/** Saves a design and returns its id; `toCart` calls it first (default: a local, serialized id). */
	saveDesign?(design: DesignInput): Promise<string>;
	/** The clock for order dates (tests). */
	now?(): Date;
}

/** A configurator over one definition. */
export interface Configurator {
	/** The current snapshot. */
	readonly state: ConfiguratorState;
	/** The rules engine of the definition (the bulk-order mode prices rows with it). */
	readonly engine: Engine;
	/** Selects a choice (choice option), or adds/removes it (multi option); `null` clears the option. */
	select(optionId: string, choiceId: string | null): void;
	/** Turns a toggle option on or off. */
	setToggle(optionId: string, on: boolean): void;
	/** Sets a text option's text, with an optional font and color pick; empty text clears it. */
	setText(optionId: string, text: string, style?: { font?: string; color?: string }): void;
	/** Sets an image option's upload (`null` removes it). */
	setUpload(optionId: string, upload: UploadAnswer | null): void;
	/** Sets a number option (`null` clears it). */
	setNumber(optionId: string, value: number | null): void;
	setQuantity(quantity: number): void;
	/** Picks a rush tier (`null`: the default, standard). */
	setRush(tierId: string | null): void;
	/** Shows another view. */
	setView(viewId: string): void;
	/** Calls `listener` after every change; returns the disposer. */
	subscribe(listener: (state: ConfiguratorState) => void): () => void;
	/** The production spec of the complete configuration (throws `ConfiguratorError` otherwise). */
	spec(): ProductionSpec;
	/** Saves the design (see `saveDesign`) and builds the cart payload with `adapter`. */
	toCart<Payload>(adapter: CartAdapter<Payload>): Promise<{ designId: string; payload: Payload }>;
	/** A compact, URL-safe string of the customer's answers (and the pinned version). */
	serialize(): string;
	/** Replaces the answers by a serialized design; throws `ConfiguratorError` when it does not fit. */
	restore(serialized: string): void;
	/** Replaces the answers by a configuration object (validated like `restore`). */
	load(configuration: unknown): void;
	destroy(): void;
}

/** JSON text parsed (a parsed value passes through); invalid JSON is a {@link ConfiguratorError}. */
export function definitionJsonOf(definitionJson: unknown): unknown {
	if (typeof definitionJson !== 'string') return definitionJson;
	try {
		return JSON.parse(definitionJson);
	} catch (e) {
		throw new ConfiguratorError('invalid-json', 'The product definition is not valid JSON', [
			{ path: '', message: e instanceof Error ? e.message : String(e) }
		]);
	}
}

/** The {@link ConfiguratorError} for a definition's errors (an unknown version has its own code). */
export function definitionError(errors: readonly ValidationError[]): ConfiguratorError {
	const version = errors.find((e) => e.path === 'formatVersion');
	if (version)
		return new ConfiguratorError(
			'unknown-format-version',
			'This product was published in a format this configurator does not understand',
			[version]
		);
	return new ConfiguratorError('invalid-definition', 'The product definition is not valid', errors);
}

/**
 * Loads a *published* definition (JSON text or a parsed object, any known format version): the
 * server validated it at publish time, so it is trusted — migrated and given its defaults, not
 * validated again (that would ship zod). Throws a {@link ConfiguratorError} for invalid JSON, an
 * unknown `formatVersion` or a definition without currency/pricing. Drafts and other unvalidated
 * definitions go through `parseRuntimeDefinition` (`./validate.ts`) first.
 */
export function loadPublishedDefinition(definitionJson: unknown): Definition {
	const loaded = trustedDefinition(definitionJsonOf(definitionJson));
	if (loaded.ok) return loaded.definition;
	throw definitionError(loaded.errors);
}

/** URL-safe base64 of UTF-8 text, without padding. */
export function encodeDesign(value: unknown): string {
	const bytes = new TextEncoder().encode(JSON.stringify(value));
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of {@link encodeDesign}; undefined when the text is not one. */
export function decodeDesign(text: string): unknown {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length > 200_000) return undefined;
	try {
		const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
		const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
		const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return undefined;
	}
}

/**
 * The engine of `definition`: from `options.compiled`, else the compiled form shipped with it
 * (loaded without the compiler), else compiled with `options.compile`.
 */
function engineFor(definition: Definition, shipped: unknown, options: ConfiguratorOptions): Engine {
	if (options.compiled) return createEngineWith(definition, options.compiled);
	if (shipped !== undefined) {
		try {
			return createEngineWith(definition, loadCompiledDiagram(shipped));
		} catch {
			// The search form (dense rules), a damaged form or another definition's: compile instead.
		}
	}
	if (options.compile && options.buildModel)
		return createEngineWith(definition, options.compile, options.buildModel);
	throw new ConfiguratorError('needs-compiler', 'This product came without its compiled rules', [
		{
			path: 'engine',
			message:
				'fetch the product with ?include=engine, or use loadConfigurator (it compiles the rules)'
		}
	]);
}

/**
 * A configurator over a published definition — JSON text or object, any known format version,
 * or the public API's answer with its compiled rules ({@link PublishedProduct},
 * `?include=engine`) — loaded by {@link loadPublishedDefinition}: trusted, not validated again.
 * Nothing is compiled when the rules come compiled (`options.compiled` or the published
 * answer); otherwise `options.compile` compiles them. Throws a {@link ConfiguratorError} for
 * invalid JSON, an unknown `formatVersion`, or (`needs-compiler`) rules that came uncompiled
 * without `compile` — {@link loadConfigurator} handles every case.
 */
export function createConfigurator(
	definitionJson: unknown,
	options: ConfiguratorOptions = {}
): Configurator {
	const json = definitionJsonOf(definitionJson);
	const published = publishedProductOf(json);
	const definition = loadPublishedDefinition(published ? published.definition : json);
	const version: number | undefined =
		options.version ?? (Number.isInteger(published?.version) ? published?.version : undefined);
	const engine: Engine = engineFor(definition, published?.engine, options);
	const explain = options.explain ?? true;
	const now = options.now ?? (() => new Date());
	const locale = isLocale(options.locale) ? options.locale : undefined;
	const listeners = new Set<(state: ConfiguratorState) => void>();
	let destroyed = false;
	let view = definition.views.some((v) => v.id === options.view)
		? (options.view as string)
		: definition.views[0]?.id;

	let configuration: Configuration = {
		selections: {},
		quantity: definition.pricing.minQuantity,
		...(locale ? { locale } : {})
	};
	if (options.restore !== undefined) configuration = decodeConfiguration(options.restore);
	let state = snapshot();

	function decodeConfiguration(serialized: string): Configuration {
		const decoded = decodeDesign(serialized);
		if (typeof decoded !== 'object' || decoded === null)
			throw new ConfiguratorError('invalid-design', 'This design link is damaged', [
				{ path: '', message: 'expected a design string made by serialize()' }
			]);
		const d = decoded as { v?: unknown; s?: unknown; q?: unknown; r?: unknown };
		return validConfiguration({
			selections: d.s ?? {},
			...(d.q !== undefined ? { quantity: d.q } : {}),
			...(d.r !== undefined ? { rushTier: d.r } : {})
		});
	}

	function validConfiguration(input: unknown): Configuration {
		const parsed = parseConfiguration(definition, input);
		if (!parsed.ok)
			throw new ConfiguratorError(
				'invalid-design',
				'This design does not fit this product',
				parsed.errors
			);
		return { ...parsed.configuration, ...(locale ? { locale } : {}) };
	}

	function snapshot(): ConfiguratorState {
		const evaluation = engine.evaluate(configuration, { explain });
		const scene = view !== undefined ? computeScene(definition, evaluation, view) : undefined;
		const firstError = evaluation.errors.find((e) => e.severity === 'error');
		const blockedBy = evaluation.complete
			? undefined
			: (firstError?.message ?? 'the configuration is not complete');
		return Object.freeze({
			definition,
			version: version,
			configuration,
			evaluation,
			price: evaluation.price,
			leadTime: evaluation.leadTime,
			rushTiers: evaluation.rushTiers,
			view: view ?? '',
			scene,
			valid: evaluation.valid,
			complete: evaluation.complete,
			blockedBy
		});
	}

	function commit(next: Configuration) {
		if (destroyed) return;
		configuration = next;
		state = snapshot();
		for (const l of [...listeners]) l(state);
	}

	function withSelection(optionId: string, value: Selection | undefined): Configuration {
		const selections = { ...configuration.selections };
		if (value === undefined) delete selections[optionId];
		else selections[optionId] = value;
		return { ...configuration, selections };
	}

	const optionOf = (id: string) => definition.options.find((o) => o.id === id);

	return {
		get state() {
			return state;
		},
		engine,
		select(optionId, choiceId) {
			const option = optionOf(optionId);
			if (choiceId === null) return commit(withSelection(optionId, undefined));
			if (option?.kind === 'multi') {
				const current = configuration.selections[optionId];
				const list = Array.isArray(current) ? current : [];
				const next = list.includes(choiceId)
					? list.filter((c) => c !== choiceId)
					: [...list, choiceId];
				return commit(withSelection(optionId, next.length > 0 ? next : undefined));
			}
			// Unknown options and choices are kept: the engine reports them as errors with a path.
			commit(withSelection(optionId, choiceId));
		},
		setToggle(optionId, on) {
			commit(withSelection(optionId, on));
		},
		setText(optionId, text, style) {
			if (text === '') return commit(withSelection(optionId, undefined));
			const answer: TextAnswer | string =
				style && (style.font !== undefined || style.color !== undefined)
					? {
							text,
							...(style.font !== undefined ? { font: style.font } : {}),
							...(style.color !== undefined ? { color: style.color } : {})
						}
					: text;
			commit(withSelection(optionId, answer));
		},
		setUpload(optionId, upload) {
			commit(withSelection(optionId, upload ?? undefined));
		},
		setNumber(optionId, value) {
			commit(
				withSelection(optionId, value === null || !Number.isFinite(value) ? undefined : value)
			);
		},
		setQuantity(quantity) {
			// Out-of-range quantities are kept: the engine explains the allowed range.
			if (Number.isInteger(quantity) && quantity > 0) commit({ ...configuration, quantity });
		},
		setRush(tierId) {
			const next: Configuration = { ...configuration };
			if (tierId === null) delete next.rushTier;
			else next.rushTier = tierId;
			commit(next);
		},
		setView(viewId) {
			if (!definition.views.some((v) => v.id === viewId) || viewId === view) return;
			view = viewId;
			commit(configuration);
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		spec() {
			const result = productionSpecOf(engine, version ?? 0, configuration, {
				orderDate: now()
			});
			if (!result.ok)
				throw new ConfiguratorError(
					'incomplete',
					'The configuration cannot be ordered yet',
					result.errors
				);
			return result.spec;
		},
		async toCart(adapter) {
			if (destroyed) throw new ConfiguratorError('destroyed', 'The configurator was closed', []);
			const spec = this.spec();
			const design: DesignInput = {
				product: definition.id,
				version: version,
				configuration
			};
			const designId = options.saveDesign
				? await options.saveDesign(design)
				: `local:${this.serialize()}`;
			return { designId, payload: adapter.payload(spec, designId) };
		},
		serialize() {
			return encodeDesign({
				...(version !== undefined ? { v: version } : {}),
				s: configuration.selections,
				...(configuration.quantity !== definition.pricing.minQuantity
					? { q: configuration.quantity }
					: {}),
				...(configuration.rushTier !== undefined ? { r: configuration.rushTier } : {})
			});
		},
		restore(serialized) {
			commit(decodeConfiguration(serialized));
		},
		load(input) {
			commit(validConfiguration(input));
		},
		destroy() {
			destroyed = true;
			listeners.clear();
		}
	};
}

/**
 * {@link createConfigurator} for any published answer: when the rules did not come compiled in
 * a form the runtime loads without its compiler (a plain definition, the search form of dense
 * rules, a damaged form), loads the core's compiler on demand and compiles them in place — same
 * answers, only slower to start.
 */
export async function loadConfigurator(
	definitionJson: unknown,
	options: ConfiguratorOptions = {}
): Promise<Configurator> {
	const json = definitionJsonOf(definitionJson);
	try {
		return createConfigurator(json, options);
	} catch (e) {
		if (!(e instanceof ConfiguratorError) || e.code !== 'needs-compiler') throw e;
	}
	const { buildEngineModel, defaultCompile, loadCompiledModel } = await import('./compiler.js');
	const shipped = publishedProductOf(json)?.engine;
	if (shipped !== undefined)
		try {
			return createConfigurator(json, { ...options, compiled: loadCompiledModel(shipped) });
		} catch {
			// Not loadable or not this definition's: compile below.
		}
	return createConfigurator(json, {
		...options,
		compile: defaultCompile,
		buildModel: buildEngineModel
	});
}
