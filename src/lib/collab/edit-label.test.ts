import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeDefinition, EditOrigin } from './change';
import { readDefinition } from './definition-doc';
import {
	adoptServerEdit,
	cleanEditLabel,
	decodeEditLabel,
	EDIT_LABEL_MESSAGE,
	encodeEditLabel,
	MAX_EDIT_LABEL_LENGTH,
	sendEditLabels,
	trackUndoLabels
} from './edit-label';

function studioDoc() {
	const doc = new Y.Doc();
	const sent: string[] = [];
	const session = {};
	// The label sender first, as the studio registers it before the provider.
	let undoManager: Y.UndoManager | null = null;
	sendEditLabels(
		doc,
		(frame) => {
			const decoder = decoding.createDecoder(frame);
			expect(decoding.readVarUint(decoder)).toBe(EDIT_LABEL_MESSAGE);
			const read = decodeEditLabel(decoder);
			sent.push('label' in read ? read.label : `refused: ${read.reason}`);
		},
		() => undoManager
	);
	undoManager = new Y.UndoManager([doc.getMap('definition')], {
		trackedOrigins: new Set([EditOrigin]),
		captureTimeout: 0
	});
	trackUndoLabels(undoManager);
	const edit = (label: string, mutate: (d: Record<string, unknown>) => void) =>
		changeDefinition(doc, new EditOrigin(label, session), (d) => void mutate(d));
	return { doc, sent, undoManager, edit };
}

describe('edit labels', () => {
	it('sends the label of every own edit, undo and redo, and none for remote updates', () => {
		const { doc, sent, undoManager, edit } = studioDoc();
		edit('Name of product', (d) => (d.name = 'Mug'));
		edit('Base price of Mug', (d) => (d.basePrice = 1200));
		undoManager.undo();
		undoManager.undo();
		undoManager.redo();
		const other = new Y.Doc();
		changeDefinition(other, 'remote', (d) => void (d.currency = 'EUR'));
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'provider');
		expect(sent).toEqual([
			'Name of product',
			'Base price of Mug',
			'Undo Base price of Mug',
			'Undo Name of product',
			'Redo Name of product'
		]);
		// An edit that changes nothing sends nothing (no update follows it).
		edit('Name of product', (d) => (d.name = 'Mug'));
		expect(sent).toHaveLength(5);
	});

	it('keeps labels to one line of at most 200 characters; the decoder refuses anything else', () => {
		expect(cleanEditLabel('  Label\nof   Size ')).toBe('Label of Size');
		const long = cleanEditLabel('x'.repeat(500));
		expect(long).toHaveLength(MAX_EDIT_LABEL_LENGTH);
		expect(long.endsWith('…')).toBe(true);
		const read = (label: string) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarString(encoder, label);
			return decodeEditLabel(decoding.createDecoder(encoding.toUint8Array(encoder)));
		};
		expect(read('Label of Size')).toEqual({ label: 'Label of Size' });
		expect(read('')).toEqual({ reason: 'edit label is empty' });
		expect(read('x'.repeat(201))).toEqual({
			reason: 'edit label is longer than 200 characters'
		});
		expect(read('two\nlines')).toEqual({ reason: 'edit label has control characters' });
		const frame = encodeEditLabel('Label of Size');
		const decoder = decoding.createDecoder(frame);
		decoding.readVarUint(decoder);
		expect(decodeEditLabel(decoder)).toEqual({ label: 'Label of Size' });
	});

	it('makes a server change written with the asked-for client id undoable, labelled, and nothing else', () => {
		const server = new Y.Doc();
		const { doc, sent, undoManager, edit } = studioDoc();
		edit('Name of product', (d) => (d.name = 'Mug'));
		Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));

		const adoption = adoptServerEdit(doc, undoManager, 424242, 'Restored snapshot “A”');
		// A collaborator's update arriving meanwhile is not adopted.
		const collaborator = new Y.Doc();
		Y.applyUpdate(collaborator, Y.encodeStateAsUpdate(server));
		changeDefinition(collaborator, 'them', (d) => void (d.currency = 'EUR'));
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(collaborator, Y.encodeStateVector(doc)), 'provider');
		expect(undoManager.undoStack).toHaveLength(1);

		// The server's change, written with client id 424242, arrives through the provider.
		const scratch = new Y.Doc();
		scratch.clientID = 424242;
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(scratch);
		changeDefinition(scratch, 'server', (d) => void (d.name = 'Restored'));
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch, before), 'provider');
		expect(undoManager.undoStack).toHaveLength(2);

		undoManager.undo();
		expect(readDefinition(doc)).toMatchObject({ name: 'Mug', currency: 'EUR' });
		expect(sent.at(-1)).toBe('Undo Restored snapshot “A”');
		adoption.dispose();
	});
});
