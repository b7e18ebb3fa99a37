import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDefinition } from '$lib/core';
import { changeDefinition, EditOrigin } from '$lib/collab/change';
import {
	blankDefinition,
	readDefinition,
	writeDefinition,
	type Json
} from '$lib/collab/definition-doc';
import {
	addChoice,
	addLayer,
	addOption,
	addRule,
	addView,
	connect,
	copyNodes,
	deleteNodes,
	disconnect,
	duplicateNodes,
	endpointOf,
	graphFromDefinition,
	pasteNodes,
	readClipboard,
	referencesTo,
	rename,
	type CommandResult,
	type DefinitionJson,
	type NodeRef
} from './index';

/**
 * The studio harness: editor commands run as the studio runs them — through `changeDefinition`
 * on a real Y.Doc, synced to a second doc (a collaborator), with a Y.UndoManager set up like
 * EditorState's — and every resulting definition must pass the core's `parseDefinition`.
 */

type JsonObject = { [key: string]: Json };

class TestEditor {
	readonly doc = new Y.Doc();
	readonly session = {};
	readonly undoManager: Y.UndoManager;

	constructor(definition: DefinitionJson) {
		writeDefinition(this.doc, definition as JsonObject);
		this.undoManager = new Y.UndoManager(
			[this.doc.getMap('definition'), this.doc.getMap('layout')],
			{
				trackedOrigins: new Set([EditOrigin]),
				captureTimeout: 0
			}
		);
	}

	get definition(): DefinitionJson {
		return readDefinition(this.doc) as DefinitionJson;
	}

	/** Runs a command inside one labelled edit; returns its result (a refusal writes nothing). */
	run(label: string, command: (definition: DefinitionJson) => CommandResult): CommandResult {
		let result: CommandResult = { ok: false, reason: 'not run' };
		changeDefinition(this.doc, new EditOrigin(label, this.session), (draft) => {
			result = command(draft as DefinitionJson);
			return result.ok ? (result.definition as JsonObject) : undefined;
		});
		return result;
	}

	/** Like {@link run}, for commands that must succeed; returns what they created. */
	ok(label: string, command: (definition: DefinitionJson) => CommandResult): NodeRef[] {
		const result = this.run(label, command);
		if (!result.ok) throw new Error(`${label} was refused: ${result.reason}`);
		return result.created;
	}
}

/** Two editors whose docs exchange every update, as the room relays them. */
function syncedPair(definition: DefinitionJson): [TestEditor, TestEditor] {
	const a = new TestEditor(definition);
	const b = new TestEditor({});
	Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
	a.doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(b.doc, update, 'remote');
	});
	b.doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(a.doc, update, 'remote');
	});
	return [a, b];
}

function expectParses(definition: DefinitionJson) {
	const parsed = parseDefinition(definition);
	if (!parsed.ok) expect.fail(JSON.stringify(parsed.errors, null, 1));
	return parsed.definition;
}

const blank = () => blankDefinition({ id: 'mug', name: 'Mug', handle: 'mug' }) as DefinitionJson;
const sample = (handle: string): DefinitionJson =>
	JSON.parse(readFileSync(`static/samples/${handle}/definition.json`, 'utf8'));

describe('studio harness: commands through a Y.Doc', () => {
	it('builds a product from blank: options, choices, a bound layer, a rule — and it parses', () => {
		const [editor, collaborator] = syncedPair(blank());
		const [color] = editor.ok('Add option', (d) =>
			addOption(d, { kind: 'choice', label: 'Color' })
		);
		editor.ok('Rename choice', (d) =>
			rename(d, { kind: 'choice', id: 'choice-1', parentId: color.id }, 'Red')
		);
		const [blue] = editor.ok('Add choice', (d) =>
			addChoice(d, color.id, { label: 'Blue', priceDelta: 250 })
		);
		const [size] = editor.ok('Add option', (d) => addOption(d, { kind: 'choice', label: 'Size' }));
		editor.ok('Add choice', (d) => addChoice(d, size.id, { label: 'Large', priceDelta: 500 }));
		const created = editor.ok('Add layer', (d) =>
			addLayer(d, { kind: 'image', bindTo: { kind: 'option', id: color.id } })
		);
		expect(created.map((c) => c.kind)).toEqual(['view', 'layer']);
		const [rule] = editor.ok('Add rule', (d) =>
			addRule(d, {
				kind: 'exclude',
				when: blue,
				target: { kind: 'choice', id: 'large', parentId: size.id }
			})
		);

		const parsed = expectParses(editor.definition);
		expect(parsed.options.map((o) => o.label)).toEqual(['Color', 'Size']);
		expect(parsed.options[0].kind === 'choice' && parsed.options[0].choices).toMatchObject([
			{ id: 'choice-1', label: 'Red', priceDelta: 0 },
			{ id: 'blue', label: 'Blue', priceDelta: 250 }
		]);
		expect(parsed.layers[0]).toMatchObject({ kind: 'image', option: 'color', view: 'front' });
		expect(parsed.rules.find((r) => r.id === rule.id)).toMatchObject({
			when: { type: 'is', option: 'color', value: 'blue' },
			then: [{ type: 'exclude', option: 'size', value: 'large' }]
		});
		// The collaborator's doc holds the same definition.
		expect(collaborator.definition).toEqual(editor.definition);
	});

	it('refuses incompatible connections with a reason and changes nothing', () => {
		const editor = new TestEditor(blank());
		const [text] = editor.ok('Add option', (d) => addOption(d, { kind: 'text', label: 'Name' }));
		const [color] = editor.ok('Add option', (d) =>
			addOption(d, { kind: 'choice', label: 'Color' })
		);
		const [, layer] = editor.ok('Add layer', (d) => addLayer(d, { kind: 'image', bindTo: color }));
		const before = editor.definition;
		const refused = editor.run('Connect', (d) => connect(d, text, layer));
		expect(refused).toEqual({
			ok: false,
			reason:
				"a text option cannot drive an image layer's choice assets — connect it to a text layer."
		});
		expect(editor.run('Connect', (d) => connect(d, color, text)).ok).toBe(false);
		expect(editor.run('Connect', (d) => connect(d, layer, color)).ok).toBe(false);
		expect(editor.definition).toEqual(before);
	});

	it('connects options and choices to rules as conditions and rules to targets as effects', () => {
		const editor = new TestEditor(blank());
		const [material] = editor.ok('Add', (d) => addOption(d, { kind: 'choice', label: 'Material' }));
		editor.ok('Add', (d) => addChoice(d, material.id, { label: 'Suede' }));
		const [engraving] = editor.ok('Add', (d) =>
			addOption(d, { kind: 'toggle', label: 'Engraving' })
		);
		const [rule] = editor.ok('Add rule', (d) => addRule(d, { kind: 'exclude', target: engraving }));
		editor.ok('Connect', (d) =>
			connect(d, { kind: 'choice', id: 'suede', parentId: material.id }, rule)
		);
		editor.ok('Connect', (d) =>
			connect(d, { kind: 'choice', id: 'choice-1', parentId: material.id }, rule)
		);
		const parsed = expectParses(editor.definition);
		expect(parsed.rules[0].when).toEqual({
			type: 'in',
			option: 'material',
			values: ['suede', 'choice-1']
		});
		// Retargeting to a choice makes the effect about that choice.
		editor.ok('Connect', (d) =>
			connect(d, rule, { kind: 'choice', id: 'suede', parentId: material.id })
		);
		expect(expectParses(editor.definition).rules[0].then).toEqual([
			{ type: 'exclude', option: 'material', value: 'suede' }
		]);
	});

	it('lists the references of a node before deleting it, and deleting leaves none dangling', () => {
		const editor = new TestEditor(blank());
		const [color] = editor.ok('Add', (d) => addOption(d, { kind: 'choice', label: 'Color' }));
		const [red] = editor.ok('Add', (d) => addChoice(d, color.id, { label: 'Red' }));
		const [size] = editor.ok('Add', (d) => addOption(d, { kind: 'choice', label: 'Size' }));
		const [, layer] = editor.ok('Add layer', (d) => addLayer(d, { kind: 'image', bindTo: color }));
		const [rule] = editor.ok('Add rule', (d) =>
			addRule(d, { kind: 'require', when: red, target: size })
		);

		expect(referencesTo(editor.definition, [color])).toEqual([
			{ kind: 'rule', id: rule.id, label: 'Require Size', consequence: 'deleted' },
			{ kind: 'layer', id: layer.id, label: 'Image', consequence: 'deleted' }
		]);
		expect(referencesTo(editor.definition, [size])).toEqual([
			{ kind: 'rule', id: rule.id, label: 'Require Size', consequence: 'deleted' }
		]);
		editor.ok('Delete', (d) => deleteNodes(d, [color]));
		const parsed = expectParses(editor.definition);
		expect(parsed.options.map((o) => o.id)).toEqual(['size']);
		expect(parsed.rules).toEqual([]);
		expect(parsed.layers).toEqual([]);
	});

	it('undoes and redoes only its own edits, while a collaborator edits too', () => {
		const [editor, collaborator] = syncedPair(blank());
		const [color] = editor.ok('Add', (d) => addOption(d, { kind: 'choice', label: 'Color' }));
		collaborator.ok('Add', (d) => addOption(d, { kind: 'text', label: 'Name' }));
		const [rule] = editor.ok('Add rule', (d) => addRule(d, { target: color }));
		editor.ok('Delete', (d) => deleteNodes(d, [color]));
		expect(editor.definition.options?.map((o) => o.id)).toEqual(['name']);
		expect(editor.definition.rules).toEqual([]);

		editor.undoManager.undo();
		expect(expectParses(editor.definition).options.map((o) => o.id)).toEqual(['color', 'name']);
		expect(editor.definition.rules?.map((r) => r.id)).toEqual([rule.id]);
		expect(collaborator.definition).toEqual(editor.definition);

		editor.undoManager.redo();
		expect(expectParses(editor.definition).options.map((o) => o.id)).toEqual(['name']);
		editor.undoManager.undo();
		editor.undoManager.undo();
		editor.undoManager.undo();
		// The collaborator's option stays: undo never reverts someone else's edit.
		expect(expectParses(editor.definition).options.map((o) => o.id)).toEqual(['name']);
	});

	it('duplicates nodes with fresh ids and names', () => {
		const editor = new TestEditor(blank());
		const [color] = editor.ok('Add', (d) => addOption(d, { kind: 'choice', label: 'Color' }));
		const [rule] = editor.ok('Add rule', (d) => addRule(d, { target: color }));
		const copies = editor.ok('Duplicate', (d) => duplicateNodes(d, [color, rule]));
		expect(copies).toEqual([
			{ kind: 'option', id: 'color-2' },
			{ kind: 'rule', id: `${rule.id}-2` }
		]);
		const parsed = expectParses(editor.definition);
		expect(parsed.options.map((o) => o.label)).toEqual(['Color', 'Color 2']);
		// The duplicated rule follows the duplicated option, not the original.
		expect(parsed.rules[1].then).toEqual([{ type: 'exclude', option: 'color-2' }]);
	});

	it('pastes nodes between products through the clipboard payload, remapping ids', () => {
		const jersey = new TestEditor(sample('team-jersey'));
		const mug = new TestEditor(blank());
		mug.ok('Add view', (d) => addView(d, { label: 'Front' }));
		const source = jersey.definition;
		const nodes: NodeRef[] = [
			{ kind: 'option', id: 'color' },
			{ kind: 'option', id: 'sleeves' },
			{ kind: 'rule', id: 'no-zero-long' },
			{ kind: 'layer', id: 'long-sleeves-front-red' },
			{ kind: 'group', id: 'garment' }
		];
		const text = JSON.stringify(copyNodes(source, nodes, 'jersey'));
		const payload = readClipboard(text);
		expect(payload).not.toBeNull();
		expect(readClipboard('{"options": []}')).toBeNull();
		expect(readClipboard('not json')).toBeNull();

		const pasted = mug.ok('Paste', (d) => pasteNodes(d, payload!));
		const parsed = expectParses(mug.definition);
		expect(parsed.options.map((o) => o.id)).toEqual(['color', 'sleeves']);
		expect(parsed.groups).toEqual([
			{ id: 'garment', label: 'Jersey', options: ['color', 'sleeves'] }
		]);
		// The rule needed the number option, which was not copied: it is pruned, not left dangling.
		expect(pasted.some((n) => n.kind === 'rule')).toBe(false);
		// The layer (without its view or group parent) lands in the mug's view with its asset.
		expect(parsed.layers).toMatchObject([{ id: 'long-sleeves-front-red', view: 'front' }]);
		expect(Object.keys(parsed.assets)).toContain('sleeves-long-red-front');

		// Pasting again into the same product gives fresh ids and names.
		mug.ok('Paste', (d) => pasteNodes(d, payload!));
		const twice = expectParses(mug.definition);
		expect(twice.options.map((o) => o.id)).toEqual(['color', 'sleeves', 'color-2', 'sleeves-2']);
		expect(twice.groups.map((g) => g.options)).toEqual([
			['color', 'sleeves'],
			['color-2', 'sleeves-2']
		]);
	});

	it('deletes from the samples without breaking them', () => {
		for (const handle of ['team-jersey', 'engraved-pendant', 'modular-sofa']) {
			const editor = new TestEditor(sample(handle));
			for (const option of editor.definition.options ?? []) {
				const result = deleteNodes(editor.definition, [{ kind: 'option', id: option.id }]);
				expect(result.ok).toBe(true);
				if (result.ok) expectParses(result.definition);
			}
			for (const view of editor.definition.views ?? []) {
				const result = deleteNodes(editor.definition, [{ kind: 'view', id: view.id }]);
				if (result.ok) expectParses(result.definition);
			}
		}
	});
});

/** A random command against whatever the definition holds now. */
type Step =
	| { op: 'addOption'; kind: 'choice' | 'multi' | 'text' | 'image' | 'number' | 'toggle' }
	| {
			op:
				| 'addChoice'
				| 'addLayer'
				| 'addRule'
				| 'connect'
				| 'delete'
				| 'duplicate'
				| 'paste'
				| 'disconnect'
				| 'undo'
				| 'redo'
				| 'view';
			a: number;
			b: number;
			c: number;
	  };

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		op: fc.constant('addOption' as const),
		kind: fc.constantFrom('choice', 'multi', 'text', 'image', 'number', 'toggle')
	}),
	fc.record({
		op: fc.constantFrom(
			'addChoice',
			'addLayer',
			'addRule',
			'connect',
			'connect',
			'delete',
			'duplicate',
			'paste',
			'disconnect',
			'undo',
			'redo',
			'view'
		) as fc.Arbitrary<Exclude<Step['op'], 'addOption'>>,
		a: fc.nat(50),
		b: fc.nat(50),
		c: fc.nat(50)
	})
);

/** Every node and choice of a definition, as refs to pick from. */
function refsOf(d: DefinitionJson): NodeRef[] {
	return [
		...(d.options ?? []).flatMap((o) => [
			{ kind: 'option' as const, id: o.id },
			...(o.choices ?? []).map((c) => ({ kind: 'choice' as const, id: c.id, parentId: o.id }))
		]),
		...(d.layers ?? []).map((l) => ({ kind: 'layer' as const, id: l.id })),
		...(d.views ?? []).map((v) => ({ kind: 'view' as const, id: v.id })),
		...(d.rules ?? []).map((r) => ({ kind: 'rule' as const, id: r.id })),
		...(d.groups ?? []).map((g) => ({ kind: 'group' as const, id: g.id }))
	];
}

describe('studio harness: random command sequences', () => {
	it('always leave a definition that parses (no dangling references), in both synced docs', () => {
		const seed = process.env.ATELIER_FC_SEED ? Number(process.env.ATELIER_FC_SEED) : undefined;
		// Counts edits that went through, so the test cannot pass by refusing everything.
		const applied = new Map<string, number>();
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
				const start = sample('engraved-pendant');
				const [editor, collaborator] = syncedPair(start);
				const other = sample('team-jersey');
				for (const s of steps) {
					const d = editor.definition;
					const refs = refsOf(d);
					const pick = (n: number) => refs[n % Math.max(refs.length, 1)];
					switch (s.op) {
						case 'addOption':
							editor.run(s.op, (x) => addOption(x, { kind: s.kind }));
							break;
						case 'addChoice': {
							const option = (d.options ?? [])[s.a % Math.max(d.options?.length ?? 1, 1)];
							if (option)
								editor.run(s.op, (x) => addChoice(x, option.id, { priceDelta: s.b * 10 }));
							break;
						}
						case 'addLayer':
							editor.run(s.op, (x) =>
								addLayer(x, {
									kind: (['image', 'text', 'upload'] as const)[s.a % 3],
									bindTo: pick(s.b)
								})
							);
							break;
						case 'addRule':
							editor.run(s.op, (x) =>
								addRule(x, {
									kind: (['exclude', 'require', 'hide', 'show'] as const)[s.a % 4],
									target: pick(s.b),
									when: s.c % 2 ? pick(s.c) : undefined
								})
							);
							break;
						case 'connect':
							if (pick(s.a) && pick(s.b)) editor.run(s.op, (x) => connect(x, pick(s.a), pick(s.b)));
							break;
						case 'delete':
							if (pick(s.a)) editor.run(s.op, (x) => deleteNodes(x, [pick(s.a), pick(s.b)]));
							break;
						case 'duplicate':
							if (pick(s.a)) editor.run(s.op, (x) => duplicateNodes(x, [pick(s.a)]));
							break;
						case 'paste': {
							const theirs = refsOf(other);
							const payload = copyNodes(other, [
								theirs[s.a % theirs.length],
								theirs[s.b % theirs.length]
							]);
							editor.run(s.op, (x) => pasteNodes(x, payload));
							break;
						}
						case 'view':
							editor.run(s.op, (x) => addView(x));
							break;
						case 'disconnect': {
							const { edges } = graphFromDefinition(d);
							const edge = edges[s.a % Math.max(edges.length, 1)];
							const source = edge && endpointOf(edge.source, edge.sourceHandle);
							const target = edge && endpointOf(edge.target, edge.targetHandle);
							if (source && target)
								editor.run(s.op, (x) => disconnect(x, edge.data.kind, source, target));
							break;
						}
						case 'undo':
							editor.undoManager.undo();
							break;
						case 'redo':
							editor.undoManager.redo();
							break;
					}
					const after = editor.definition;
					if (JSON.stringify(after) !== JSON.stringify(d))
						applied.set(s.op, (applied.get(s.op) ?? 0) + 1);
					expectParses(after);
				}
				expect(collaborator.definition).toEqual(editor.definition);
			}),
			{ numRuns: 60, seed }
		);
		// Commands that random arguments make often enough to succeed in every seed's 60 runs
		// (layers and disconnects are refused more often than not; the tests above cover them).
		for (const op of ['addOption', 'addChoice', 'connect', 'delete', 'duplicate', 'paste', 'undo'])
			expect(applied.get(op) ?? 0, op).toBeGreaterThan(0);
	});
});
