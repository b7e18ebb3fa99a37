import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { EDIT_LABEL_MESSAGE, decodeEditLabel } from '../../collab/edit-label';

/**
 * The y-websocket wire protocol, as plain functions: decode what a client sent into data (or a
 * reason why it is malformed), encode what the server sends. No sockets, no rooms — the room
 * decides what a message means for whom.
 *
 * A frame is `[messageType varUint, …]`:
 * - 0 sync: `[0, 0, stateVector]` step 1, `[0, 1, update]` step 2, `[0, 2, update]` update
 * - 1 awareness: `[1, awarenessUpdate]`
 * - 3 query awareness: `[3]`
 * - 100 edit label (Atelier's own): `[100, label]`, the label of the sender's next update
 *   (`src/lib/collab/edit-label.ts`)
 */
export const MessageType = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3,
	editLabel: EDIT_LABEL_MESSAGE
} as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** A decoded client frame. `empty` updates carry neither structs nor deletions. */
export type ClientMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2' | 'sync-update'; update: Uint8Array; empty: boolean }
	| { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
	| { type: 'query-awareness' }
	| { type: 'edit-label'; label: string };

/** One client's part of an awareness update: its id, clock, and whether the state is null (gone). */
export interface AwarenessEntry {
	client: number;
	clock: number;
	removal: boolean;
}

export type DecodeResult = { ok: true; message: ClientMessage } | { ok: false; reason: string };

function fail(reason: string): DecodeResult {
	return { ok: false, reason };
}

/** Checks that an update is well-formed Yjs (v1) and says whether it is empty. */
function inspectUpdate(
	update: Uint8Array
): { ok: true; empty: boolean } | { ok: false; reason: string } {
	try {
		const { structs, ds } = Y.decodeUpdate(update);
		return { ok: true, empty: structs.length === 0 && ds.clients.size === 0 };
	} catch (error) {
		return { ok: false, reason: `undecodable Yjs update: ${errorMessage(error)}` };
	}
}

/**
 * Checks an awareness update: `[count, (clientID, clock, JSON state)…]`, states JSON objects or
 * null. Returns its entries, or the reason it is malformed.
 */
function inspectAwareness(update: Uint8Array): AwarenessEntry[] | string {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const client = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
			return 'awareness state must be an object or null';
		}
		entries.push({ client, clock, removal: state === null });
	}
	return entries;
}

/** Decodes one binary frame from a client. Never throws: a bad frame is a reason, not an exception. */
export function decodeClientMessage(frame: Uint8Array): DecodeResult {
	try {
		const decoder = decoding.createDecoder(frame);
		const messageType = decoding.readVarUint(decoder);
		switch (messageType) {
			case MessageType.sync: {
				const syncType = decoding.readVarUint(decoder);
				const payload = decoding.readVarUint8Array(decoder);
				if (syncType === SyncType.step1) {
					Y.decodeStateVector(payload);
					return { ok: true, message: { type: 'sync-step1', stateVector: payload } };
				}
				if (syncType === SyncType.step2 || syncType === SyncType.update) {
					const inspected = inspectUpdate(payload);
					if (!inspected.ok) return inspected;
					return {
						ok: true,
						message: {
							type: syncType === SyncType.step2 ? 'sync-step2' : 'sync-update',
							// A copy: the frame's buffer belongs to the socket layer, the update outlives it.
							update: payload.slice(),
							empty: inspected.empty
						}
					};
				}
				return fail(`unknown sync message type ${syncType}`);
			}
			case MessageType.awareness: {
				const update = decoding.readVarUint8Array(decoder);
				const inspected = inspectAwareness(update);
				if (typeof inspected === 'string') return fail(inspected);
				return { ok: true, message: { type: 'awareness', update, entries: inspected } };
			}
			case MessageType.queryAwareness:
				return { ok: true, message: { type: 'query-awareness' } };
			case MessageType.editLabel: {
				const read = decodeEditLabel(decoder);
				if ('reason' in read) return fail(read.reason);
				return { ok: true, message: { type: 'edit-label', label: read.label } };
			}
			default:
				return fail(`unknown message type ${messageType}`);
		}
	} catch (error) {
		return fail(`undecodable frame: ${errorMessage(error)}`);
	}
}

/** `[0, 0, stateVector]`: asks the client for everything the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncType.step1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

/** `[0, 1, update]`: everything in `doc` that a client with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncType.step2);
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
	return encoding.toUint8Array(encoder);
}

/** `[0, 2, update]`: one document update, relayed to the other clients. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncType.update);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** `[1, awarenessUpdate]` for the given clients (their current states, or null when removed). */
export function encodeAwareness(awareness: Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/** True when applying `update` to `doc` would change nothing (every struct and deletion is known). */
export function docContainsUpdate(doc: Y.Doc, update: Uint8Array): boolean {
	return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
