import { untrack } from 'svelte';
import type { AnalysisDiagnostic } from '$lib/core';
import type { EditorState, JsonObject, SelectionRef } from '../editor.svelte';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';
import { selectionForPath } from './path-target';

/** Quiet time after the last edit before the draft is analyzed again. */
const DEBOUNCE_MS = 250;
/**
 * The first analysis waits for the page to be idle (the graph and the canvas drawn), at most this
 * long: the worker's start and a big product's first run would compete with the opening for the
 * machine's cores.
 */
const FIRST_RUN_WAIT_MS = 2_000;

/** Runs `run` after `ms`, or when the page is next idle (at most FIRST_RUN_WAIT_MS) when `ms` is null. */
function later(run: () => void, ms: number | null): () => void {
	if (ms === null && typeof requestIdleCallback === 'function') {
		const id = requestIdleCallback(run, { timeout: FIRST_RUN_WAIT_MS });
		return () => cancelIdleCallback(id);
	}
	const id = setTimeout(run, ms ?? 0);
	return () => clearTimeout(id);
}

/**
 * Live diagnostics of one editor's draft: the core's `analyze` in a Web Worker, re-run
 * (debounced) whenever the definition changes, one job at a time (edits that arrive while a job
 * runs are folded into the next one). Shared by the diagnostics tab and the header badge through
 * {@link draftDiagnostics}; the worker lives while at least one of them is mounted.
 */
export class DraftDiagnostics {
	/** Findings of the last finished analysis: errors, then warnings, then infos. */
	diagnostics = $state.raw<AnalysisDiagnostic[]>([]);
	/** Valid variants of the last analysis (null while unknown or when the draft does not parse). */
	variants = $state<bigint | null>(null);
	/** True from an edit until its analysis is back. */
	checking = $state(false);
	/** The compiled rules of a big draft, from the worker, and the draft they belong to. */
	compiled = $state.raw<{ definition: JsonObject; form: unknown } | null>(null);
	/** Milliseconds the last analysis took in the worker. */
	lastMs = $state<number | null>(null);
	/** The worker failed (a bug in the analysis): what it said. */
	failure = $state<string | null>(null);
	/** True once a first analysis has come back. */
	ready = $state(false);

	readonly errors = $derived(this.diagnostics.filter((d) => d.severity === 'error').length);
	readonly warnings = $derived(this.diagnostics.filter((d) => d.severity === 'warning').length);

	#editor: EditorState;
	/** The definition JSON the shown findings were computed on (their paths index into it). */
	#analyzed: JsonObject = {};
	#worker: Worker | null = null;
	#stopped = true;
	#users = 0;
	#stopTracking: (() => void) | null = null;
	/** Cancels the scheduled analysis (null when none is). */
	#timer: (() => void) | null = null;
	#serial = 0;
	#inFlight: { serial: number; definition: JsonObject } | null = null;
	#pending: JsonObject | null = null;

	constructor(editor: EditorState) {
		this.#editor = editor;
	}

	/** Starts analyzing (browser only); returns the release. The worker stops with the last user. */
	acquire(): () => void {
		if (this.#users++ === 0) this.#start();
		return () => {
			if (--this.#users === 0) this.#stop();
		};
	}

	/** What to select for a finding: the record its path names, or null for product settings. */
	targetOf(diagnostic: AnalysisDiagnostic): SelectionRef | null {
		return selectionForPath(this.#analyzed, diagnostic.path);
	}

	/** The worker, started with the first analysis (not with the page: it would slow the opening). */
	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		// Vite bundles the worker from this exact `new URL(..., import.meta.url)` form; never rendered.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
			type: 'module'
		});
		worker.onmessage = (event: MessageEvent<AnalysisResponse>) => this.#receive(event.data);
		worker.onerror = (event) => {
			this.failure = `The checks stopped: ${event.message || 'the analysis worker failed'}. Reload the page to restart them.`;
			this.checking = false;
		};
		this.#worker = worker;
		return worker;
	}

	#start() {
		this.#stopped = false;
		this.#stopTracking = $effect.root(() => {
			$effect(() => {
				const definition = this.#editor.definition;
				untrack(() => this.#schedule(definition));
			});
		});
	}

	#stop() {
		this.#stopTracking?.();
		this.#stopTracking = null;
		this.#stopped = true;
		this.#timer?.();
		this.#timer = null;
		this.#worker?.terminate();
		this.#worker = null;
		this.#inFlight = null;
		this.#pending = null;
		this.checking = false;
	}

	#schedule(definition: JsonObject) {
		// An empty object is the doc before its first sync: nothing to analyze yet.
		if (Object.keys(definition).length === 0) return;
		this.checking = true;
		this.#timer?.();
		// The first analysis runs once the page is idle; later ones wait for a pause in the edits.
		const delay = this.ready || this.#inFlight ? DEBOUNCE_MS : null;
		this.#timer = later(() => {
			this.#timer = null;
			if (this.#inFlight) this.#pending = definition;
			else this.#send(definition);
		}, delay);
	}

	#send(definition: JsonObject) {
		if (this.#stopped) return;
		const job = { serial: ++this.#serial, definition };
		this.#inFlight = job;
		this.#ensureWorker().postMessage({ serial: job.serial, definition } satisfies AnalysisRequest);
	}

	#receive(response: AnalysisResponse) {
		const job = this.#inFlight;
		if (!job || response.serial !== job.serial) return;
		this.#inFlight = null;
		this.lastMs = response.ms;
		if ('error' in response) {
			this.failure = `The checks failed: ${response.error}`;
		} else {
			this.failure = null;
			this.#analyzed = job.definition;
			this.diagnostics = response.diagnostics;
			this.variants = response.count === null ? null : BigInt(response.count);
			if (response.compiled !== null)
				this.compiled = { definition: job.definition, form: response.compiled };
			this.ready = true;
		}
		const next = this.#pending;
		this.#pending = null;
		if (next) this.#send(next);
		else this.checking = this.#timer !== null;
	}
}

// Keyed by the editor (one per open product), so the header badge and the drawer tab share one
// worker without a module-level singleton: an editor's entry goes when the editor goes.
const byEditor = new WeakMap<EditorState, DraftDiagnostics>();

/** The live diagnostics of `editor`'s draft (created on first use). */
export function draftDiagnostics(editor: EditorState): DraftDiagnostics {
	let diagnostics = byEditor.get(editor);
	if (!diagnostics) {
		diagnostics = new DraftDiagnostics(editor);
		byEditor.set(editor, diagnostics);
	}
	return diagnostics;
}
