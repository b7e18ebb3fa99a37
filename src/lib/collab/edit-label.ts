import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { EditOrigin } from './change';

/**
 * Edit labels on the wire: what a person did ("Label of Size", "Undo Price of Large"), sent to
 * the room just before the document update it describes, so the server can record who changed
 * what in the draft's history (`draft_activity`).
 *
 * The frame is Atelier's own y-websocket message type: `[100, varString label]`. y-websocket
 * sends an update from its doc `'update'` handler; the studio registers its label handler on the
 * doc before the provider is created, so on one socket the label always arrives right before its
 * update. The server pairs a label with the next update frame of the same socket and forgets it
 * then; an update without a label is recorded without one (offline edits sent on reconnect).
 */

/** Message type of the edit label frame (y-websocket uses 0–3). */
export const EDIT_LABEL_MESSAGE = 100;

/** Longer labels are cut by the client; the server refuses a frame with a longer one. */
export const MAX_EDIT_LABEL_LENGTH = 200;

/** The label as it is sent: trimmed, single-line, at most {@link MAX_EDIT_LABEL_LENGTH} characters. */
export function cleanEditLabel(label: string): string {
	const line = label.replace(/\s+/g, ' ').trim();
	return line.length <= MAX_EDIT_LABEL_LENGTH
		? line
		: `${line.slice(0, MAX_EDIT_LABEL_LENGTH - 1)}…`;
}

/** `[100, label]`, the label cleaned. */
export function encodeEditLabel(label: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, EDIT_LABEL_MESSAGE);
	encoding.writeVarString(encoder, cleanEditLabel(label));
	return encoding.toUint8Array(encoder);
}

/**
 * Reads the label of a frame whose message type was already read from `decoder`. Returns the
 * label, or the reason it is refused (too long, empty, several lines, trailing bytes).
 */
export function decodeEditLabel(decoder: decoding.Decoder): { label: string } | { reason: string } {
	const label = decoding.readVarString(decoder);
	if (decoding.hasContent(decoder)) return { reason: 'edit label frame has trailing bytes' };
	if (label.length === 0) return { reason: 'edit label is empty' };
	if (label.length > MAX_EDIT_LABEL_LENGTH)
		return { reason: `edit label is longer than ${MAX_EDIT_LABEL_LENGTH} characters` };
	if (/\p{Cc}/u.test(label)) return { reason: 'edit label has control characters' };
	return { label };
}

const LABELS = 'atelier:labels';

function labelsOf(item: { meta: Map<unknown, unknown> } | null | undefined): string[] {
	const labels = item?.meta.get(LABELS);
	return Array.isArray(labels) ? (labels as string[]) : [];
}

/**
 * Keeps on every stack item of `undoManager` the labels of the edits it holds (an item can hold
 * several edits made within the capture timeout), and carries them over when an undo makes the
 * redo item and back. Returns the disposer.
 */
export function trackUndoLabels(undoManager: Y.UndoManager): () => void {
	const onItem = ({
		stackItem,
		origin
	}: {
		stackItem: { meta: Map<unknown, unknown> };
		origin: unknown;
	}) => {
		const own = labelsOf(stackItem);
		const added =
			origin instanceof EditOrigin
				? [origin.label]
				: origin === undoManager
					? labelsOf(undoManager.currStackItem)
					: [];
		const merged = [...own, ...added.filter((label) => !own.includes(label))];
		stackItem.meta.set(LABELS, merged);
	};
	undoManager.on('stack-item-added', onItem);
	undoManager.on('stack-item-updated', onItem);
	return () => {
		undoManager.off('stack-item-added', onItem);
		undoManager.off('stack-item-updated', onItem);
	};
}

/**
 * The label of a local transaction: an edit's own label, "Undo …"/"Redo …" for the undo
 * manager's, null for anything else (remote updates, loading). Call it while the transaction's
 * `'update'` event runs: the undo manager only knows which item it is popping until then.
 */
export function labelOfTransaction(
	origin: unknown,
	undoManager: Y.UndoManager | null
): string | null {
	if (origin instanceof EditOrigin) return cleanEditLabel(origin.label);
	if (undoManager && origin === undoManager) {
		const labels = labelsOf(undoManager.currStackItem);
		const verb = undoManager.redoing ? 'Redo' : 'Undo';
		return cleanEditLabel(labels.length > 0 ? `${verb} ${labels.join(', ')}` : verb);
	}
	return null;
}

/**
 * Sends the label of every local edit (and undo/redo) just before y-websocket sends its update.
 * Register it on `doc` BEFORE the provider is created: observers run in the order they were
 * added, and the label must precede its update on the socket. `send` writes a frame to the
 * socket when it is open and does nothing otherwise (the update is then sent later, unlabelled,
 * in a sync step 2). Returns the disposer.
 */
export function sendEditLabels(
	doc: Y.Doc,
	send: (frame: Uint8Array<ArrayBuffer>) => void,
	undoManager: () => Y.UndoManager | null
): () => void {
	const onUpdate = (_update: Uint8Array, origin: unknown) => {
		const label = labelOfTransaction(origin, undoManager());
		// A copy on a plain ArrayBuffer, as WebSocket.send wants it.
		if (label) send(new Uint8Array(encodeEditLabel(label)));
	};
	doc.on('update', onUpdate);
	return () => doc.off('update', onUpdate);
}

/**
 * Makes a server change this client asked for undoable here, as if it were a local edit.
 *
 * The client picks a fresh Yjs client id and asks the server to write the change with it
 * (`applyServerChange`'s `clientId`). The transaction that brings content of that client id —
 * whichever way it arrives, usually the relayed update before the API's answer — is tracked by
 * `undoManager` (its origin is added to the tracked origins for that one transaction) and its
 * stack item is labelled `label`. Call `dispose` when the change was refused or never came.
 */
export function adoptServerEdit(
	doc: Y.Doc,
	undoManager: Y.UndoManager,
	clientId: number,
	label: string
): { arrived: Promise<void>; dispose: () => void } {
	let adopted: Y.Transaction | null = null;
	let resolve = () => {};
	const arrived = new Promise<void>((done) => (resolve = done));
	const brings = (tr: Y.Transaction) =>
		(tr.afterState.get(clientId) ?? 0) > (tr.beforeState.get(clientId) ?? 0);
	const onBeforeObservers = (tr: Y.Transaction) => {
		if (adopted || !brings(tr) || tr.origin === undoManager || tr.origin instanceof EditOrigin)
			return;
		adopted = tr;
		// Its own stack item: not merged with an edit made just before.
		undoManager.stopCapturing();
		undoManager.trackedOrigins.add(tr.origin);
	};
	const onCleanup = (tr: Y.Transaction) => {
		if (tr !== adopted) return;
		undoManager.trackedOrigins.delete(tr.origin);
		undoManager.undoStack.at(-1)?.meta.set(LABELS, [label]);
		undoManager.stopCapturing();
		dispose();
		resolve();
	};
	const dispose = () => {
		doc.off('beforeObserverCalls', onBeforeObservers);
		doc.off('afterTransactionCleanup', onCleanup);
	};
	doc.on('beforeObserverCalls', onBeforeObservers);
	doc.on('afterTransactionCleanup', onCleanup);
	return { arrived, dispose };
}

/** A fresh random Yjs client id (what Yjs itself picks: a random unsigned 32-bit integer). */
export function freshClientId(): number {
	const [id] = crypto.getRandomValues(new Uint32Array(1));
	return id === 0 ? 1 : id;
}
