/**
 * Random edits of a product definition as the studio makes them, on the Y.Doc layout of
 * src/lib/collab/definition-doc.ts (the definition under the map `definition`, objects as Y.Map,
 * arrays as Y.Array): add / delete / rename options, add choices, add / remove rules between two
 * options (the graph's edges, which reference options and choices), move layers on the canvas and
 * in the z-order. Used by the convergence test and the soak and benchmark scripts.
 */
import * as Y from 'yjs';
import { changeDefinition } from '../../src/lib/collab/change';
import { DEFINITION_KEY, readDefinition, type Json } from '../../src/lib/collab/definition-doc';
import { parseDefinition } from '../../src/lib/core';

/** A small valid definition every run starts from: two choice options, a layer, one rule. */
export function baseDefinition(): { [key: string]: Json } {
	return {
		formatVersion: 1,
		id: 'soak',
		name: 'Soak product',
		handle: 'soak-product',
		currency: { code: 'EUR', minorUnits: 2 },
		views: [
			{
				id: 'front',
				label: 'Front',
				size: { width: 800, height: 800 },
				physicalSize: { width: 80, height: 80, unit: 'mm' }
			}
		],
		options: [
			choiceOption('metal', 'Metal', ['silver', 'gold']),
			choiceOption('shape', 'Shape', ['round', 'star'])
		],
		assets: { art: { path: 'art/body.svg', mime: 'image/svg+xml', width: 800, height: 800 } },
		layers: [layer('body', 'metal', 0)],
		rules: [rule('star-gold', 'shape', 'star', 'metal', 'gold')],
		pricing: { base: 4900 }
	};
}

function choiceOption(id: string, label: string, choices: string[]): { [key: string]: Json } {
	return { id, kind: 'choice', label, choices: choices.map((c) => ({ id: c, label: c })) };
}

function layer(id: string, option: string | null, x: number): { [key: string]: Json } {
	return {
		id,
		kind: 'image',
		view: 'front',
		// The asset keeps a layer valid when the option it showed is deleted.
		asset: 'art',
		...(option ? { option } : {}),
		transform: { x, y: 0, width: 100, height: 100 }
	};
}

function rule(
	id: string,
	whenOption: string,
	whenChoice: string,
	thenOption: string,
	thenChoice: string
): { [key: string]: Json } {
	return {
		id,
		name: `${whenOption} → ${thenOption}`,
		when: { type: 'is', option: whenOption, value: whenChoice },
		then: [{ type: 'exclude', option: thenOption, value: thenChoice }]
	};
}

/** JSON → the Y types of definition-doc.ts (a fresh Y value to insert). */
function toY(value: Json): unknown {
	if (Array.isArray(value)) {
		const array = new Y.Array<unknown>();
		array.push(value.map(toY));
		return array;
	}
	if (value !== null && typeof value === 'object') {
		const map = new Y.Map<unknown>();
		for (const [key, entry] of Object.entries(value)) map.set(key, toY(entry));
		return map;
	}
	return value;
}

type YRecord = Y.Map<unknown>;

function list(doc: Y.Doc, key: 'options' | 'layers' | 'rules'): Y.Array<YRecord> {
	return doc.getMap<unknown>(DEFINITION_KEY).get(key) as Y.Array<YRecord>;
}

function pick<T>(items: readonly T[], random: () => number): T | undefined {
	return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

/** The options a rule refers to (its condition's and its effects'). */
function ruleOptions(record: YRecord): string[] {
	const json = record.toJSON() as { when: { option: string }; then: Array<{ option: string }> };
	return [json.when.option, ...json.then.map((effect) => effect.option)];
}

/** Writes the base definition (one client, before the others join). */
export function seedDefinition(doc: Y.Doc): void {
	// Reconciled into the draft the server created with the product (a blank definition), as the
	// studio edits it: replacing its top-level values would race the server's own and lose.
	changeDefinition(doc, 'seed', () => baseDefinition());
}

/** True once the draft holds the soak product (seeded by a first client, or by a former run). */
export function isSeeded(doc: Y.Doc): boolean {
	return readDefinition(doc).id === baseDefinition().id;
}

/**
 * One random studio edit, in one transaction. `tag` makes new ids unique per client (as the
 * studio's ids are), so concurrent additions never collide.
 */
export function randomDefinitionEdit(doc: Y.Doc, random: () => number, tag: string): string {
	const options = list(doc, 'options');
	const layers = list(doc, 'layers');
	const rules = list(doc, 'rules');
	const unique = `${tag}-${Math.floor(random() * 1e9).toString(36)}`;
	const roll = random();
	let done = 'nothing';
	doc.transact(() => {
		if (roll < 0.14) {
			options.push([
				toY(choiceOption(`o-${unique}`, `Option ${unique}`, [`c-${unique}`])) as YRecord
			]);
			done = 'add option';
		} else if (roll < 0.22 && options.length > 2) {
			// Deleting an option deletes the rules and layers that use it, as the studio does.
			const index = Math.floor(random() * options.length);
			const id = options.get(index).get('id');
			options.delete(index, 1);
			for (let i = rules.length - 1; i >= 0; i--) {
				if (ruleOptions(rules.get(i)).includes(String(id))) rules.delete(i, 1);
			}
			for (let i = layers.length - 1; i >= 0; i--) {
				if (layers.get(i).get('option') === id) layers.get(i).delete('option');
			}
			done = 'delete option';
		} else if (roll < 0.34 && options.length > 0) {
			pick(options.toArray(), random)!.set('label', `Renamed ${unique}`);
			done = 'rename option';
		} else if (roll < 0.42 && options.length > 0) {
			const choices = pick(options.toArray(), random)!.get('choices') as Y.Array<YRecord>;
			choices.push([toY({ id: `c-${unique}`, label: `Choice ${unique}` }) as YRecord]);
			done = 'add choice';
		} else if (roll < 0.58 && options.length > 1) {
			const from = pick(options.toArray(), random)!;
			const to = pick(
				options.toArray().filter((o) => o !== from),
				random
			)!;
			const choiceOf = (o: YRecord) =>
				String(pick((o.get('choices') as Y.Array<YRecord>).toArray(), random)!.get('id'));
			rules.push([
				toY(
					rule(
						`r-${unique}`,
						String(from.get('id')),
						choiceOf(from),
						String(to.get('id')),
						choiceOf(to)
					)
				) as YRecord
			]);
			done = 'add edge';
		} else if (roll < 0.68 && rules.length > 0) {
			rules.delete(Math.floor(random() * rules.length), 1);
			done = 'remove edge';
		} else if (roll < 0.76) {
			const option = pick(options.toArray(), random);
			layers.insert(Math.floor(random() * (layers.length + 1)), [
				toY(layer(`l-${unique}`, option ? String(option.get('id')) : null, 0)) as YRecord
			]);
			done = 'add layer';
		} else if (roll < 0.9 && layers.length > 0) {
			const transform = pick(layers.toArray(), random)!.get('transform') as YRecord;
			transform.set('x', Math.floor(random() * 700));
			transform.set('y', Math.floor(random() * 700));
			done = 'move layer';
		} else if (layers.length > 1) {
			// Reordering is delete + insert of a copy (Y.Array has no move).
			const from = Math.floor(random() * layers.length);
			const copy = layers.get(from).toJSON() as { [key: string]: Json };
			layers.delete(from, 1);
			layers.insert(Math.floor(random() * (layers.length + 1)), [toY(copy) as YRecord]);
			done = 'reorder layer';
		}
	}, 'studio');
	return done;
}

/**
 * What concurrent edits can leave behind and the studio tidies when it sees it: a rule added to
 * an option that someone deleted at the same time, a layer of a deleted option, and two copies of
 * a layer two people reordered at once (the later copies go). One transaction; a no-op when
 * nothing needs tidying. Returns how many records it changed.
 */
export function tidyDefinition(doc: Y.Doc): number {
	const options = list(doc, 'options');
	const layers = list(doc, 'layers');
	const rules = list(doc, 'rules');
	let changed = 0;
	doc.transact(() => {
		const choicesByOption = new Map<string, Set<string>>();
		for (const option of options.toArray()) {
			const choices = (option.get('choices') as Y.Array<YRecord>)
				.toArray()
				.map((c) => String(c.get('id')));
			choicesByOption.set(String(option.get('id')), new Set(choices));
		}
		for (let i = rules.length - 1; i >= 0; i--) {
			const json = rules.get(i).toJSON() as {
				when: { option: string; value: string };
				then: Array<{ option: string; value: string }>;
			};
			const refs = [json.when, ...json.then];
			if (refs.some((r) => !choicesByOption.get(r.option)?.has(r.value))) {
				rules.delete(i, 1);
				changed++;
			}
		}
		const seen = new Set<string>();
		for (let i = 0; i < layers.length; i++) {
			const item = layers.get(i);
			const id = String(item.get('id'));
			if (seen.has(id)) {
				layers.delete(i--, 1);
				changed++;
				continue;
			}
			seen.add(id);
			const option = item.get('option');
			if (typeof option === 'string' && !choicesByOption.has(option)) {
				item.delete('option');
				changed++;
			}
		}
	}, 'studio-tidy');
	return changed;
}

/** Canonical JSON of a value: object keys sorted (Y.Map key order differs between replicas). */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, entry: unknown) =>
		entry !== null && typeof entry === 'object' && !Array.isArray(entry)
			? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: entry
	);
}

/** The definition a doc holds, canonical, for comparing replicas. */
export function definitionOf(doc: Y.Doc): string {
	return canonicalJson(readDefinition(doc));
}

/** The schema's verdict on the doc's definition: null when it parses, else the errors. */
export function definitionProblems(doc: Y.Doc): string[] | null {
	const parsed = parseDefinition(readDefinition(doc));
	return parsed.ok ? null : parsed.errors.map((e) => `${e.path}: ${e.message}`);
}
