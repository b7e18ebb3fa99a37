import { getContext, setContext } from 'svelte';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { ConfigurationInput } from '$lib/core';
import { changeDefinition, changeLayout, EditOrigin, readLayout } from '$lib/collab/change';
import { DEFINITION_KEY, LAYOUT_KEY, readDefinition, type Json } from '$lib/collab/definition-doc';
import { colorFor } from './format';
import {
	IDLE_AFTER_MS,
	presenceFrom,
	type Activity,
	type AwarenessUser,
	type Presence,
	type PresenceCursor,
	type PresenceViewport
} from './presence';
import { api, describeError, type ApiProblem, type ProductSummary, type Role } from './trpc';

/**
 * The product editor's state: one instance per open product page, shared with the editor's
 * components through context ({@link provideEditor} / {@link useEditor}).
 *
 * State is sorted the STYLE.md way: the document (the draft's Y.Doc, synced and persisted), the
 * presence (Yjs awareness: synced, never persisted) and the session (this tab only: connection).
 */

/** How the collaboration socket is doing, as the top bar shows it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type { Activity, AwarenessUser, Presence, PresenceCursor, PresenceViewport };

/** Plain JSON object, as the definition and the layout are read from the doc. */
export type JsonObject = { [key: string]: Json };

/** Something the user selected in the graph, on the canvas or in a list. */
export interface SelectionRef {
	kind: 'option' | 'choice' | 'layer' | 'view' | 'printArea' | 'rule' | 'group' | 'scenario';
	id: string;
	/** The option of a choice, the view of a print area. */
	parentId?: string;
}

export interface EditorOptions {
	product: ProductSummary;
	role: Role;
	user: { id: string; name: string };
}

/** Failed connection attempts in a row after which the badge says "offline" (it keeps retrying). */
const OFFLINE_AFTER_FAILURES = 3;
/** Cursor and viewport updates are sent at most this often (~20 Hz): enough to look live. */
const PRESENCE_THROTTLE_MS = 50;

export class EditorState {
	/** The product's record (name, handle, status) as the server last told us. */
	product = $state<ProductSummary>() as ProductSummary;
	readonly role: Role;
	readonly user: AwarenessUser;

	// Session state.
	connection = $state<ConnectionState>('connecting');
	/** True once the first sync with the room is complete. */
	synced = $state(false);
	/** True once the copy kept in this browser (IndexedDB) is loaded: the draft works offline. */
	loadedLocally = $state(false);
	/**
	 * Your edits made since the connection was last in sync: kept in this browser and sent when
	 * the room is reachable again (0 while connected).
	 */
	unsyncedChanges = $state(0);

	// Presence state: everyone in the room, yourself first.
	people = $state.raw<Presence[]>([]);
	/** This tab's activity as published: idle after a minute without input. */
	activity = $state<Activity>('active');
	/**
	 * The person whose viewport the graph and the canvas follow (by client id), or null. Any pan
	 * or zoom of your own stops following ({@link stopFollowing}).
	 */
	followingClientId = $state<number | null>(null);

	/** The draft document; null until {@link connect}. */
	doc = $state.raw<Y.Doc | null>(null);

	/**
	 * The definition as the doc holds it now, re-read after every change of the doc (local or
	 * remote). A read model for rendering, never written to: edits go through {@link edit}.
	 */
	definition = $state.raw<JsonObject>({});
	/** Studio-only state beside the definition (graph positions, view state), read the same way. */
	layout = $state.raw<JsonObject>({});

	// Per-user undo: only this editor's own transactions (EditOrigin) are tracked.
	canUndo = $state(false);
	canRedo = $state(false);

	/** What is selected, shared by the graph, the canvas and the inspector. */
	selection = $state.raw<SelectionRef[]>([]);
	/** The view the canvas shows. */
	activeViewId = $state<string | null>(null);
	/** The configuration the canvas draws and the test panel tries, as a customer would. */
	testConfiguration = $state.raw<ConfigurationInput>({ selections: {} });
	/**
	 * Asks the graph/canvas to bring a selection into sight (a diagnostic was clicked). The
	 * counter changes on every request so asking twice for the same thing still moves.
	 */
	focusRequest = $state.raw<{ target: SelectionRef; serial: number } | null>(null);

	/** Identifies this editor's transactions (see {@link EditOrigin}). */
	readonly session = {};
	#undoManager: Y.UndoManager | null = null;

	// Not reactive on purpose: teardown bookkeeping, never rendered.
	#disposers: (() => void)[] = [];

	constructor({ product, role, user }: EditorOptions) {
		this.product = product;
		this.role = role;
		this.user = { id: user.id, name: user.name, color: colorFor(user.id) };
	}

	/** Viewers read; editors and owners edit. The server enforces the same in every room. */
	get canEdit(): boolean {
		return this.role !== 'viewer';
	}

	/** The person being followed while they are still in the room. */
	get followed(): Presence | null {
		const id = this.followingClientId;
		if (id === null) return null;
		return this.people.find((p) => p.clientId === id && !p.isSelf) ?? null;
	}

	/** Follows `person`'s viewport, or stops when they are already followed. */
	toggleFollow(person: Presence): void {
		this.followingClientId =
			person.isSelf || this.followingClientId === person.clientId ? null : person.clientId;
	}

	stopFollowing(): void {
		if (this.followingClientId !== null) this.followingClientId = null;
	}

	/** Others whose selection includes `ref` (the inspector's "X is editing this"). */
	othersSelecting(ref: SelectionRef): Presence[] {
		return this.others.filter((p) =>
			p.selection.some(
				(r) =>
					r.kind === ref.kind && r.id === ref.id && (r.parentId ?? null) === (ref.parentId ?? null)
			)
		);
	}

	/** Publishes where this user's pointer is (null when it left the graph or canvas). */
	setCursor(cursor: PresenceCursor | null): void {
		this.#publishThrottled('cursor', cursor);
	}

	/** Publishes one part of this user's viewport, for others to follow. */
	setViewport(part: PresenceViewport): void {
		this.#localViewport = { ...this.#localViewport, ...part };
		this.#publishThrottled('viewport', this.#localViewport);
	}

	#awareness: WebsocketProvider['awareness'] | null = null;
	#localViewport: PresenceViewport = {};
	// Send-queue bookkeeping, never rendered: no reactivity needed.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pendingFields = new Map<string, unknown>();
	#flushTimer: ReturnType<typeof setTimeout> | null = null;
	#lastFlush = 0;

	/** Sends `field` now if the last send is older than the throttle, else once it is. */
	#publishThrottled(field: string, value: unknown): void {
		if (!this.#awareness) return;
		this.#pendingFields.set(field, value);
		if (this.#flushTimer) return;
		const wait = Math.max(0, this.#lastFlush + PRESENCE_THROTTLE_MS - Date.now());
		const flush = () => {
			this.#flushTimer = null;
			this.#lastFlush = Date.now();
			const awareness = this.#awareness;
			if (!awareness) return;
			const state = awareness.getLocalState() ?? {};
			awareness.setLocalState({ ...state, ...Object.fromEntries(this.#pendingFields) });
			this.#pendingFields.clear();
		};
		if (wait === 0) flush();
		else this.#flushTimer = setTimeout(flush, wait);
	}

	/** Other people in the room (not this tab). */
	get others(): Presence[] {
		return this.people.filter((p) => !p.isSelf);
	}

	/**
	 * Opens the product's room at `/collab/<productId>` on this origin (the session cookie goes
	 * along) and starts tracking connection and presence. Returns the disposer that closes it all.
	 */
	connect(origin: { protocol: string; host: string } = window.location): () => void {
		const doc = new Y.Doc();
		const serverUrl = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}/collab`;
		const provider = new WebsocketProvider(serverUrl, this.product.id, doc, {
			// The server is the one path between tabs: it checks roles; a BroadcastChannel would not.
			disableBc: true,
			maxBackoffTime: 5_000
		});
		this.doc = doc;
		this.#disposers.push(this.#trackDocument(doc));
		this.#disposers.push(this.#keepLocalCopy(doc));

		let everConnected = false;
		let failures = 0;
		const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
			if (status === 'connected') {
				everConnected = true;
				failures = 0;
				this.connection = 'connected';
			} else if (this.connection !== 'offline' || status === 'connecting') {
				if (failures >= OFFLINE_AFTER_FAILURES || !navigator.onLine) this.connection = 'offline';
				else this.connection = everConnected ? 'reconnecting' : 'connecting';
			}
		};
		const onClose = () => {
			failures++;
			if (failures >= OFFLINE_AFTER_FAILURES || !navigator.onLine) this.connection = 'offline';
			else if (everConnected) this.connection = 'reconnecting';
		};
		const onClosed = () => {
			// A permanent refusal (close codes 4400–4499): the provider stops retrying.
			this.connection = 'offline';
		};
		const onSync = (isSynced: boolean) => {
			this.synced = isSynced;
			// The room answered our state vector: everything we had is now on the server.
			if (isSynced) this.unsyncedChanges = 0;
		};
		provider.on('status', onStatus);
		provider.on('connection-close', onClose);
		provider.on('closed', onClosed);
		provider.on('sync', onSync);
		this.#disposers.push(() => {
			provider.off('status', onStatus);
			provider.off('connection-close', onClose);
			provider.off('closed', onClosed);
			provider.off('sync', onSync);
		});

		const onOffline = () => (this.connection = 'offline');
		const onOnline = () => {
			failures = 0;
			if (provider.wsconnected) {
				// The socket survived the blip.
				this.connection = 'connected';
			} else {
				this.connection = everConnected ? 'reconnecting' : 'connecting';
				provider.connect();
			}
		};
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#disposers.push(() => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		});

		this.#disposers.push(this.#trackPresence(provider));

		this.#disposers.push(() => {
			// destroy() also tells the room we left (our awareness state becomes null).
			provider.destroy();
			doc.destroy();
			this.doc = null;
			this.people = [];
			this.synced = false;
			this.connection = 'connecting';
		});
		return () => this.destroy();
	}

	/**
	 * Keeps the draft in this browser's IndexedDB (y-indexeddb), so it opens without a network
	 * and edits made offline survive a closed tab; Yjs merges them with the room on reconnect.
	 * Also counts this user's edits made while the room is not in sync.
	 */
	#keepLocalCopy(doc: Y.Doc): () => void {
		const local =
			typeof indexedDB === 'undefined'
				? null
				: new IndexeddbPersistence(`atelier-draft-${this.product.id}`, doc);
		local?.whenSynced.then(() => (this.loadedLocally = true));
		const countOffline = (_update: Uint8Array, origin: unknown) => {
			if (origin instanceof EditOrigin && (this.connection !== 'connected' || !this.synced))
				this.unsyncedChanges++;
		};
		doc.on('update', countOffline);
		return () => {
			doc.off('update', countOffline);
			void local?.destroy();
			this.loadedLocally = false;
			this.unsyncedChanges = 0;
		};
	}

	/** Keeps {@link definition}, {@link layout} and the undo state in step with the doc. */
	#trackDocument(doc: Y.Doc): () => void {
		const definitionMap = doc.getMap(DEFINITION_KEY);
		const layoutMap = doc.getMap(LAYOUT_KEY);
		const undoManager = new Y.UndoManager([definitionMap, layoutMap], {
			// Yjs needs a plain Set here; it is never rendered, so it needs no reactivity.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			trackedOrigins: new Set([EditOrigin]),
			captureTimeout: 400
		});
		this.#undoManager = undoManager;
		const refreshUndo = () => {
			this.canUndo = undoManager.canUndo();
			this.canRedo = undoManager.canRedo();
		};
		undoManager.on('stack-item-added', refreshUndo);
		undoManager.on('stack-item-popped', refreshUndo);
		undoManager.on('stack-cleared', refreshUndo);

		const onDefinition = () => (this.definition = readDefinition(doc));
		const onLayout = () => (this.layout = readLayout(doc));
		definitionMap.observeDeep(onDefinition);
		layoutMap.observeDeep(onLayout);
		onDefinition();
		onLayout();
		return () => {
			definitionMap.unobserveDeep(onDefinition);
			layoutMap.unobserveDeep(onLayout);
			undoManager.destroy();
			this.#undoManager = null;
			this.canUndo = this.canRedo = false;
		};
	}

	/**
	 * Edits the definition: `mutate` changes a plain copy (or returns a replacement) and the doc is
	 * reconciled with it in one transaction labelled `label`. Viewers cannot edit (the server would
	 * drop their updates anyway). Returns whether anything changed.
	 */
	edit(label: string, mutate: (definition: JsonObject) => JsonObject | void): boolean {
		if (!this.doc || !this.canEdit) return false;
		return changeDefinition(this.doc, new EditOrigin(label, this.session), mutate);
	}

	/** Edits the layout (positions, view state) the same way, undoable with the same stack. */
	editLayout(label: string, mutate: (layout: JsonObject) => JsonObject | void): boolean {
		if (!this.doc || !this.canEdit) return false;
		return changeLayout(this.doc, new EditOrigin(label, this.session), mutate);
	}

	/** Reverts this user's last edit (never a collaborator's). */
	undo(): void {
		this.#undoManager?.undo();
	}

	redo(): void {
		this.#undoManager?.redo();
	}

	/** Selects and asks the panels to bring `target` into sight. */
	focus(target: SelectionRef): void {
		this.selection = [target];
		this.focusRequest = { target, serial: (this.focusRequest?.serial ?? 0) + 1 };
	}

	#trackPresence(provider: WebsocketProvider): () => void {
		const awareness = provider.awareness;
		awareness.setLocalStateField('user', {
			id: this.user.id,
			name: this.user.name,
			color: this.user.color
		} satisfies AwarenessUser);
		const update = () => {
			this.people = presenceFrom(awareness.getStates(), {
				clientId: awareness.clientID,
				userId: this.user.id
			});
		};
		awareness.on('change', update);
		update();
		this.#awareness = awareness;

		// The selection is published as it changes (rare enough to need no throttle).
		const stopSelection = $effect.root(() => {
			$effect(() => {
				awareness.setLocalStateField('selection', this.selection);
			});
		});

		// Idle after a minute without input in this tab; any input makes it active again.
		let idleTimer: ReturnType<typeof setTimeout> | undefined;
		const setActivity = (activity: Activity) => {
			if (this.activity === activity) return;
			this.activity = activity;
			awareness.setLocalStateField('activity', activity);
		};
		const onInput = () => {
			setActivity('active');
			clearTimeout(idleTimer);
			idleTimer = setTimeout(() => setActivity('idle'), IDLE_AFTER_MS);
		};
		awareness.setLocalStateField('activity', this.activity);
		onInput();
		const events = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
		for (const name of events) window.addEventListener(name, onInput, { passive: true });

		return () => {
			awareness.off('change', update);
			stopSelection();
			clearTimeout(idleTimer);
			for (const name of events) window.removeEventListener(name, onInput);
			if (this.#flushTimer) clearTimeout(this.#flushTimer);
			this.#flushTimer = null;
			this.#pendingFields.clear();
			this.#awareness = null;
			this.followingClientId = null;
		};
	}

	/** Renames the product (editors). Returns a problem to show next to the field, or null. */
	async rename(name: string): Promise<ApiProblem | null> {
		const trimmed = name.trim();
		if (trimmed === this.product.name) return null;
		try {
			await api.product.rename.mutate({ productId: this.product.id, name: trimmed });
			this.product = { ...this.product, name: trimmed };
			return null;
		} catch (error) {
			return describeError(error, ['name']);
		}
	}

	/** Runs every disposer: closes the socket, leaves the room, destroys the document. */
	destroy(): void {
		const disposers = this.#disposers.reverse();
		this.#disposers = [];
		for (const dispose of disposers) dispose();
	}
}

const EDITOR_KEY = Symbol('atelier.editor');

/** Makes `editor` available to the components below the calling one. */
export function provideEditor(editor: EditorState): EditorState {
	setContext(EDITOR_KEY, editor);
	return editor;
}

/** The editor of the product page this component is in; throws outside of one. */
export function useEditor(): EditorState {
	const editor = getContext<EditorState | undefined>(EDITOR_KEY);
	if (!editor) {
		throw new Error(
			'useEditor() was called outside the product editor: render this component under a page that calls provideEditor()'
		);
	}
	return editor;
}
