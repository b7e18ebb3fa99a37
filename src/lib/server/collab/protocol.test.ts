import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
	decodeClientMessage,
	docContainsUpdate,
	encodeSyncStep1,
	encodeSyncUpdate
} from './protocol';

function frame(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) part(encoder);
	return encoding.toUint8Array(encoder);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);

describe('decodeClientMessage', () => {
	const doc = new Y.Doc();
	doc.getMap('options').set('color', 'red');
	const update = Y.encodeStateAsUpdate(doc);

	it('reads the frames the y-websocket client sends', () => {
		expect(decodeClientMessage(encodeSyncStep1(doc))).toMatchObject({
			ok: true,
			message: { type: 'sync-step1' }
		});
		expect(decodeClientMessage(frame(uint(0), uint(1), bytes(update)))).toMatchObject({
			ok: true,
			message: { type: 'sync-step2', empty: false }
		});
		expect(decodeClientMessage(encodeSyncUpdate(update))).toMatchObject({
			ok: true,
			message: { type: 'sync-update', empty: false, update }
		});
		const awareness = new Awareness(doc);
		awareness.setLocalState({ user: { name: 'Ada' } });
		const awarenessFrame = frame(uint(1), bytes(encodeAwarenessUpdate(awareness, [doc.clientID])));
		expect(decodeClientMessage(awarenessFrame)).toMatchObject({
			ok: true,
			message: { type: 'awareness' }
		});
		expect(decodeClientMessage(frame(uint(3)))).toEqual({
			ok: true,
			message: { type: 'query-awareness' }
		});
		awareness.destroy();
	});

	it('marks an update without structs or deletions as empty', () => {
		const empty = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
		expect(decodeClientMessage(frame(uint(0), uint(1), bytes(empty)))).toMatchObject({
			ok: true,
			message: { type: 'sync-step2', empty: true }
		});
	});

	it('gives a reason, never an exception, for frames that are not the protocol', () => {
		const bad = [
			new Uint8Array([]),
			new Uint8Array([0xff, 0xff, 0xff]),
			new Uint8Array([2, 0]),
			new Uint8Array([9]),
			frame(uint(0), uint(5), bytes(update)),
			frame(uint(0), uint(2), bytes(new Uint8Array([5, 200, 1, 7]))),
			frame(uint(0), uint(0), bytes(new Uint8Array([3, 1]))),
			frame(uint(1), bytes(new Uint8Array([1, 1, 1, 1, 0x7b]))),
			frame(
				uint(1),
				bytes(frame(uint(1), uint(1), uint(0), (e) => encoding.writeVarString(e, '[1,2]')))
			)
		];
		for (const data of bad) {
			const result = decodeClientMessage(data);
			expect(result.ok, `frame ${Array.from(data)}`).toBe(false);
			if (!result.ok) expect(result.reason).toMatch(/\w/);
		}
	});

	it('copies the update out of the frame, whose buffer the socket layer may reuse', () => {
		const data = encodeSyncUpdate(update);
		const result = decodeClientMessage(data);
		data.fill(0);
		expect(result.ok && result.message.type === 'sync-update' && result.message.update).toEqual(
			update
		);
	});
});

describe('docContainsUpdate', () => {
	it('is true for what the doc already has and false for anything new, deletions included', () => {
		const doc = new Y.Doc();
		const layers = doc.getArray<string>('layers');
		layers.push(['a', 'b']);
		const known = Y.encodeStateAsUpdate(doc);
		expect(docContainsUpdate(doc, known)).toBe(true);

		const other = new Y.Doc();
		Y.applyUpdate(other, known);
		other.getArray<string>('layers').delete(0, 1);
		const withDeletion = Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc));
		expect(docContainsUpdate(doc, withDeletion)).toBe(false);
		Y.applyUpdate(doc, withDeletion);
		expect(docContainsUpdate(doc, withDeletion)).toBe(true);

		other.getArray<string>('layers').push(['c']);
		expect(docContainsUpdate(doc, Y.encodeStateAsUpdate(other))).toBe(false);
	});
});
