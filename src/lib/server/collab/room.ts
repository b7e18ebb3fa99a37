import type { Logger } from 'pino';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
	Awareness,
	applyAwarenessUpdate,
	encodeAwarenessUpdate,
	removeAwarenessStates
} from 'y-protocols/awareness';
import { roleAllows, type Role } from '../access';
import { CloseCodes, type CloseCode } from './closeCodes';
import type { Fanout, RoomListener } from './fanout';
import type { DraftStore } from './persistence';
import {
	type AwarenessEntry,
	decodeClientMessage,
	docContainsUpdate,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
	errorMessage
} from './protocol';
import { SerialQueue } from './queue';
import { cleanEditLabel } from '../../collab/edit-label';
import type { CollabUser } from './types';

/** Transaction origin of the updates read from the database when a room loads. */
export const LOAD_ORIGIN = Symbol('collab.load');

/**
 * Transaction origin of what another instance stored and relayed through the fan-out: applied and
 * relayed to this instance's sockets, never stored again nor published again.
 */
export const REMOTE_ORIGIN = Symbol('collab.remote');

/** Default transaction origin of an edit made by the server itself (`applyServerChange`). */
export const SERVER_CHANGE_ORIGIN = Symbol('collab.server-change');

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** The author recorded for a server change: the `userId` of an origin object that has one. */
function authorOf(origin: unknown): string | null {
	if (typeof origin !== 'object' || origin === null || !('userId' in origin)) return null;
	return typeof origin.userId === 'string' ? origin.userId : null;
}

/**
 * The Yjs client id a server change should write with: the `clientId` of an origin object (a
 * client asks for one so it can recognise the change when it arrives and make it undoable),
 * unless the draft already has content of that client.
 */
function clientIdOf(origin: unknown, doc: Y.Doc): number | null {
	if (typeof origin !== 'object' || origin === null || !('clientId' in origin)) return null;
	const id = origin.clientId;
	if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 0xffffffff) return null;
	return doc.store.clients.has(id) ? null : id;
}

/** The history label of a server change: the `label` of an origin object that has one. */
function labelOf(origin: unknown): string | null {
	if (typeof origin !== 'object' || origin === null || !('label' in origin)) return null;
	return typeof origin.label === 'string' ? cleanEditLabel(origin.label) || null : null;
}

/**
 * One client socket in a room. The connection object itself is the transaction origin of every
 * update it sends, so the room never echoes an update back to its sender.
 */
export class CollabConnection {
	/** Awareness client ids this socket has announced; removed from the room when it closes. */
	readonly awarenessClients = new Set<number>();
	/** Cleared on each keepalive ping, set again by the pong. */
	alive = true;
	/** Set once the room gave up on this socket; its later (and still queued) frames are ignored. */
	rejected = false;
	/** The edit label this socket sent for its next update (recorded in the draft's history). */
	pendingLabel: string | null = null;

	constructor(
		readonly socket: WebSocket,
		readonly user: CollabUser,
		/** Changes when the user's role does (`Room.applyAccess`); checked on every update. */
		public role: Role
	) {}

	get canEdit(): boolean {
		return roleAllows(this.role, 'editor');
	}

	get open(): boolean {
		return this.socket.readyState === WebSocket.OPEN;
	}

	send(frame: Uint8Array): void {
		// A send error means the socket is going away; its 'close' event does the cleanup.
		if (this.open) this.socket.send(frame, () => undefined);
	}

	close(code: CloseCode, reason: string): void {
		this.rejected = true;
		if (
			this.socket.readyState === WebSocket.OPEN ||
			this.socket.readyState === WebSocket.CONNECTING
		) {
			this.socket.close(code, reason);
		}
	}
}

export interface RoomOptions {
	productId: string;
	store: DraftStore;
	log: Logger;
	compactAfterUpdates: number;
	touchThrottleMs: number;
	/** Other instances' rooms of the same product (Redis); null for a single instance. */
	fanout: Fanout | null;
	/** Called when the last connection left (the server decides when to unload). */
	onVacant(room: Room): void;
}

/**
 * The live draft of one product: its Y.Doc, its awareness, and the sockets editing it.
 *
 * Invariant: the doc only ever contains updates that are committed to the database. An incoming
 * update is appended first (in a per-room serial queue, so the stored order is the applied
 * order), then applied with its connection as origin; relaying happens in the doc's 'update'
 * handler. So anything a client can receive — a relayed update or a sync step 2 — is durable.
 */
export class Room {
	readonly productId: string;
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	readonly connections = new Set<CollabConnection>();
	/** Upgrades that were authorized for this room and are waiting for it to load. */
	pendingJoins = 0;

	readonly #options: RoomOptions;
	readonly #log: Logger;
	readonly #queue = new SerialQueue();
	readonly #background = new Set<Promise<void>>();
	#storedSinceSnapshot = 0;
	#hasStoredState = false;
	#compacting = false;
	#lastTouch = 0;
	#touchTimer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;
	/** Set once loaded; until then messages of other instances wait in `#early`. */
	#live = false;
	#early: Array<() => void> = [];
	readonly #listener: RoomListener = {
		update: (update) => this.#whenLive(() => this.#applyRemote(update)),
		awareness: (update) => this.#whenLive(() => this.#applyRemoteAwareness(update)),
		hello: () =>
			this.#whenLive(() => {
				this.#announceLocalAwareness();
				// An instance that (re)loaded this room may have been killed between storing an
				// update and publishing it; what it stored is in the database.
				this.#track(
					this.catchUp().catch((error: unknown) => {
						this.#log.error({ err: errorMessage(error) }, 'collab room could not catch up');
					})
				);
			})
	};

	constructor(options: RoomOptions) {
		this.#options = options;
		this.productId = options.productId;
		this.#log = options.log.child({ productId: options.productId });
		// The server is not a participant: no awareness state of its own.
		this.awareness.setLocalState(null);
	}

	/**
	 * Reads the snapshot and the later updates into the doc, then starts relaying. With a fan-out
	 * the room subscribes first and holds what other instances send until the load is done, so an
	 * update committed after the read (or allocated before it but committed after) still arrives.
	 */
	async load(): Promise<void> {
		const started = performance.now();
		const fanout = this.#options.fanout;
		if (fanout) await fanout.join(this.productId, this.#listener);
		const { snapshot, updates } = await this.#options.store.load(this.productId);
		Y.transact(
			this.doc,
			() => {
				if (snapshot) this.#applyStored(snapshot, 'snapshot');
				for (const { id, update } of updates) this.#applyStored(update, id);
			},
			LOAD_ORIGIN
		);
		this.#hasStoredState = snapshot !== null || updates.length > 0;
		this.#storedSinceSnapshot = updates.length;
		this.doc.on('update', this.#relayUpdate);
		this.awareness.on('update', this.#relayAwareness);
		this.#live = true;
		for (const held of this.#early.splice(0)) held();
		// Ask the other instances who is there, so the first local client sees them at once.
		fanout?.publishHello(this.productId);
		this.#log.info(
			{
				updates: updates.length,
				snapshot: snapshot !== null,
				ms: Math.round(performance.now() - started)
			},
			'collab room loaded'
		);
		this.#maybeCompact();
	}

	#whenLive(handle: () => void): void {
		if (this.#destroyed) return;
		if (this.#live) handle();
		else this.#early.push(handle);
	}

	/** An update another instance committed: applied and relayed here, not stored nor published. */
	#applyRemote(update: Uint8Array): void {
		try {
			Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
			this.#hasStoredState = true;
		} catch (error) {
			this.#log.error({ err: errorMessage(error) }, 'collab remote update rejected by Yjs');
		}
	}

	#applyRemoteAwareness(update: Uint8Array): void {
		try {
			applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
		} catch (error) {
			this.#log.warn({ err: errorMessage(error) }, 'collab remote awareness update rejected');
		}
	}

	/** Publishes the awareness of this instance's own clients (the answer to another's hello). */
	#announceLocalAwareness(): void {
		const states = this.awareness.getStates();
		const local = [...this.connections].flatMap((c) =>
			[...c.awarenessClients].filter((id) => states.has(id))
		);
		if (local.length === 0) return;
		this.#options.fanout?.publishAwareness(
			this.productId,
			encodeAwarenessUpdate(this.awareness, local)
		);
	}

	/**
	 * Reads the stored draft again and applies what this room lacks (relayed to the local sockets).
	 * After the fan-out lost messages (Redis reconnected), what other instances stored meanwhile
	 * is only in the database.
	 */
	async catchUp(): Promise<void> {
		if (this.#destroyed || !this.#live) return;
		const { snapshot, updates } = await this.#options.store.load(this.productId);
		if (this.#destroyed) return;
		const before = Y.encodeStateVector(this.doc);
		Y.transact(
			this.doc,
			() => {
				for (const update of [...(snapshot ? [snapshot] : []), ...updates.map((u) => u.update)]) {
					this.#applyRemote(update);
				}
			},
			REMOTE_ORIGIN
		);
		const caughtUp = !equalBytes(before, Y.encodeStateVector(this.doc));
		// Usually there is nothing new; only a real gap is worth an info line.
		this.#log[caughtUp ? 'info' : 'debug']({ caughtUp }, 'collab room caught up from the database');
	}

	#applyStored(update: Uint8Array, which: number | 'snapshot'): void {
		try {
			Y.applyUpdate(this.doc, update, LOAD_ORIGIN);
		} catch (error) {
			// The same bytes failed the same way when they were first applied; keep loading the rest.
			this.#log.error(
				{ update: which, err: errorMessage(error) },
				'collab stored update rejected by Yjs'
			);
		}
	}

	join(connection: CollabConnection): void {
		this.connections.add(connection);
		// Ask editors for what they have and we lack (offline edits). Viewers could only answer
		// with updates we would drop, so they are not asked.
		if (connection.canEdit) connection.send(encodeSyncStep1(this.doc));
		const present = [...this.awareness.getStates().keys()];
		if (present.length > 0) connection.send(encodeAwareness(this.awareness, present));
	}

	leave(connection: CollabConnection): void {
		if (!this.connections.delete(connection)) return;
		if (connection.awarenessClients.size > 0 && !this.#destroyed) {
			removeAwarenessStates(this.awareness, [...connection.awarenessClients], connection);
		}
		if (this.connections.size === 0) this.#options.onVacant(this);
	}

	/** Handles one frame from a connection of this room. */
	receive(connection: CollabConnection, frame: Uint8Array): void {
		if (connection.rejected || this.#destroyed) return;
		const decoded = decodeClientMessage(frame);
		if (!decoded.ok) return this.reject(connection, decoded.reason);
		const message = decoded.message;
		switch (message.type) {
			case 'sync-step1':
				connection.send(encodeSyncStep2(this.doc, message.stateVector));
				return;
			case 'sync-step2':
			case 'sync-update': {
				if (!connection.canEdit) {
					if (!message.empty && !docContainsUpdate(this.doc, message.update)) {
						this.#log.warn(
							{
								userId: connection.user.userId,
								role: connection.role,
								bytes: message.update.byteLength
							},
							'collab dropped a document update from a viewer'
						);
					}
					return;
				}
				// A label belongs to the update that follows it, never to a later one.
				const label = message.type === 'sync-update' ? connection.pendingLabel : null;
				if (message.type === 'sync-update') connection.pendingLabel = null;
				if (message.empty) return;
				// A step 2 answers our step 1 and usually repeats what we have (e.g. every deletion).
				// So does an unlabelled update: the studio labels every edit, and what it sends
				// without a label is a replay (the browser's IndexedDB copy applied on open).
				const skipIfKnown = message.type === 'sync-step2' || label === null;
				void this.#queue.run(() =>
					this.#persistAndApply(connection, message.update, skipIfKnown, label)
				);
				return;
			}
			case 'edit-label':
				if (connection.canEdit) connection.pendingLabel = message.label;
				return;
			case 'awareness':
				if (!this.#mayAnnounce(connection, message.entries)) return;
				try {
					applyAwarenessUpdate(this.awareness, message.update, connection);
				} catch (error) {
					this.reject(connection, `bad awareness update: ${errorMessage(error)}`);
				}
				return;
			case 'query-awareness':
				connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
				return;
		}
	}

	/**
	 * A socket speaks for the awareness client ids it introduced. An id another local socket of
	 * the same user holds moves over (a client reconnected before its old socket was noticed
	 * gone); an id held by another user's socket is not theirs to change: the frame is dropped
	 * and logged. Entries Yjs would ignore are no claim: y-websocket clients echo every awareness
	 * change they receive, with the clock they received. (Ids of other instances' clients are not
	 * checked: a client that moved from one instance to another keeps its id.)
	 */
	#mayAnnounce(connection: CollabConnection, entries: AwarenessEntry[]): boolean {
		for (const { client, clock, removal } of entries) {
			if (connection.awarenessClients.has(client)) continue;
			const current = this.awareness.meta.get(client)?.clock;
			const changes =
				current === undefined ||
				current < clock ||
				(current === clock && removal && this.awareness.states.has(client));
			if (!changes) continue;
			for (const other of this.connections) {
				if (other === connection || !other.awarenessClients.has(client)) continue;
				if (other.user.userId !== connection.user.userId) {
					this.#log.warn(
						{ userId: connection.user.userId, client, ownerUserId: other.user.userId },
						"collab dropped an awareness update for another user's client"
					);
					return false;
				}
				other.awarenessClients.delete(client);
			}
		}
		return true;
	}

	/**
	 * Applies a user's current role to their connections here: null closes them with
	 * `accessRevoked`, another role takes effect for the next frame (and for updates still queued).
	 * A viewer promoted to editor is asked for what it has, as an editor is on join.
	 */
	applyAccess(userId: string, role: Role | null): { closed: number; changed: number } {
		let closed = 0;
		let changed = 0;
		for (const connection of this.connections) {
			if (connection.user.userId !== userId || connection.rejected) continue;
			if (role === null) {
				connection.close(CloseCodes.accessRevoked, 'access revoked');
				closed++;
				continue;
			}
			if (connection.role === role) continue;
			const couldEdit = connection.canEdit;
			connection.role = role;
			changed++;
			if (!couldEdit && connection.canEdit) connection.send(encodeSyncStep1(this.doc));
		}
		if (closed > 0 || changed > 0) {
			this.#log.info({ userId, role, closed, changed }, 'collab access changed on open sockets');
		}
		return { closed, changed };
	}

	/** Closes one connection for a malformed frame; the room and the other sockets carry on. */
	reject(connection: CollabConnection, reason: string): void {
		if (connection.rejected) return;
		this.#log.warn(
			{ userId: connection.user.userId, reason },
			'collab malformed message, closing the connection'
		);
		connection.close(CloseCodes.malformedMessage, 'malformed message');
	}

	async #persistAndApply(
		connection: CollabConnection,
		update: Uint8Array,
		skipIfKnown: boolean,
		label: string | null
	): Promise<void> {
		// A socket that lost access or the editor role while this waited: not stored.
		if (this.#destroyed || connection.rejected || !connection.canEdit) return;
		if (skipIfKnown && docContainsUpdate(this.doc, update)) return;
		try {
			await this.#options.store.append(this.productId, update, connection.user.userId, label);
			this.#options.fanout?.publishUpdate(this.productId, update);
		} catch (error) {
			// Not stored, so not applied nor relayed. The client still has the update and sends it
			// again in its sync step 2 after reconnecting.
			this.#log.error(
				{ userId: connection.user.userId, err: errorMessage(error) },
				'collab could not store an update'
			);
			connection.close(CloseCodes.internalError, 'could not store the update');
			return;
		}
		this.#hasStoredState = true;
		this.#storedSinceSnapshot++;
		try {
			Y.applyUpdate(this.doc, update, connection);
		} catch (error) {
			// The row stays: loading replays it and Yjs fails the same way, so memory and database agree.
			this.reject(connection, `update rejected by Yjs: ${errorMessage(error)}`);
		}
		this.#noteEdit();
		this.#maybeCompact();
	}

	/**
	 * Runs `change` on a copy of the draft inside the room's queue, then stores the update it made
	 * and applies it (relaying it to every connection): the same durable-before-relayed path as a
	 * client's update. A copy, because the room's doc may only ever hold stored updates.
	 */
	applyServerChange(
		change: (doc: Y.Doc) => void,
		origin: unknown = SERVER_CHANGE_ORIGIN
	): Promise<Uint8Array | null> {
		return this.#queue.run(async () => {
			if (this.#destroyed) throw new Error('the collaboration room was closed');
			// A fresh client id per change: two instances must never write with the same one.
			const scratch = new Y.Doc({ gc: this.doc.gc });
			const asked = clientIdOf(origin, this.doc);
			if (asked !== null) scratch.clientID = asked;
			const made: Uint8Array[] = [];
			try {
				Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc), LOAD_ORIGIN);
				scratch.on('update', (update: Uint8Array) => void made.push(update));
				scratch.transact(() => change(scratch), origin);
			} finally {
				scratch.destroy();
			}
			if (made.length === 0) return null;
			const update = made.length === 1 ? made[0] : Y.mergeUpdates(made);
			await this.#options.store.append(this.productId, update, authorOf(origin), labelOf(origin));
			this.#options.fanout?.publishUpdate(this.productId, update);
			this.#hasStoredState = true;
			this.#storedSinceSnapshot++;
			Y.applyUpdate(this.doc, update, origin);
			this.#log.info(
				{ userId: authorOf(origin), bytes: update.byteLength },
				'collab applied a server change'
			);
			this.#noteEdit();
			this.#maybeCompact();
			return update;
		});
	}

	readonly #relayUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === LOAD_ORIGIN) return;
		const frame = encodeSyncUpdate(update);
		for (const connection of this.connections) if (connection !== origin) connection.send(frame);
	};

	readonly #relayAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...added, ...updated, ...removed];
		if (origin instanceof CollabConnection) {
			for (const client of [...added, ...updated]) origin.awarenessClients.add(client);
			for (const client of removed) origin.awarenessClients.delete(client);
			// Only our own clients' awareness goes to the other instances (each times out the
			// others' on its own), so nothing loops.
			this.#options.fanout?.publishAwareness(
				this.productId,
				encodeAwarenessUpdate(this.awareness, changed)
			);
		}
		const frame = encodeAwareness(this.awareness, changed);
		// To everyone, the sender included: y-websocket drops a connection that received nothing for
		// 30 s, and the echo of its own awareness renewal (every 15 s) is what keeps a lone client on.
		for (const connection of this.connections) connection.send(frame);
	};

	#maybeCompact(): void {
		if (
			this.#compacting ||
			this.#destroyed ||
			this.#storedSinceSnapshot <= this.#options.compactAfterUpdates
		)
			return;
		this.#compacting = true;
		this.#track(this.#compact());
	}

	async #compact(): Promise<void> {
		const started = performance.now();
		try {
			const result = await this.#options.store.compact(this.productId);
			if (!result) return;
			this.#storedSinceSnapshot = Math.max(0, this.#storedSinceSnapshot - result.merged);
			this.#log.info(
				{
					merged: result.merged,
					upToUpdateId: result.upToUpdateId,
					ms: Math.round(performance.now() - started)
				},
				'collab draft compacted'
			);
			if (result.rejected.length > 0) {
				this.#log.error(
					{ rejected: result.rejected },
					'collab compaction met updates Yjs rejected'
				);
			}
		} catch (error) {
			this.#log.error(
				{ err: errorMessage(error) },
				'collab compaction failed; updates kept as they were'
			);
		} finally {
			this.#compacting = false;
		}
	}

	/** `product.updated_at` at most once per `touchThrottleMs`, and once more after the last edit. */
	#noteEdit(): void {
		if (this.#touchTimer) return;
		const wait = this.#lastTouch + this.#options.touchThrottleMs - Date.now();
		if (wait <= 0) return this.#touchNow();
		this.#touchTimer = setTimeout(() => {
			this.#touchTimer = undefined;
			this.#touchNow();
		}, wait);
		this.#touchTimer.unref();
	}

	#touchNow(): void {
		this.#lastTouch = Date.now();
		this.#track(
			this.#options.store.touch(this.productId).catch((error: unknown) => {
				this.#log.warn({ err: errorMessage(error) }, 'collab could not mark the product as edited');
			})
		);
	}

	#track(task: Promise<void>): void {
		this.#background.add(task);
		const done = () => void this.#background.delete(task);
		task.then(done, done);
	}

	/** Resolves once every update received so far is stored (and compactions and touches are done). */
	async flush(): Promise<void> {
		for (;;) {
			await this.#queue.idle();
			if (this.#touchTimer) {
				clearTimeout(this.#touchTimer);
				this.#touchTimer = undefined;
				this.#touchNow();
			}
			if (this.#background.size === 0) return;
			await Promise.all(this.#background);
		}
	}

	/** The draft as one update, or null when nothing was ever stored for it. */
	readState(): Uint8Array | null {
		return this.#hasStoredState ? Y.encodeStateAsUpdate(this.doc) : null;
	}

	/** Frees the doc and its timers. Call after `flush()` with no connections left. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#early.length = 0;
		void this.#options.fanout?.leave(this.productId, this.#listener);
		if (this.#touchTimer) clearTimeout(this.#touchTimer);
		this.doc.off('update', this.#relayUpdate);
		this.awareness.off('update', this.#relayAwareness);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
