import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, graphFromDefinition, tidyLayout, type DefinitionJson } from './index';

const sample = (handle: string): DefinitionJson =>
	JSON.parse(readFileSync(`static/samples/${handle}/definition.json`, 'utf8'));
const SAMPLES = ['team-jersey', 'engraved-pendant', 'modular-sofa'];

describe('graph model', () => {
	it('has a node per option, layer, view, rule and step, with stable ids', () => {
		const definition = sample('team-jersey');
		const { nodes } = graphFromDefinition(definition);
		const count = (type: string) => nodes.filter((n) => n.type === type).length;
		expect(count('option')).toBe(definition.options?.length);
		expect(count('layer')).toBe(definition.layers?.length);
		expect(count('view')).toBe(definition.views?.length);
		expect(count('rule')).toBe(definition.rules?.length);
		expect(count('step')).toBe(definition.groups?.length);
		expect(nodes.map((n) => n.id)).toContain('option:color');
	});

	it('draws the meaning of references as edges between existing handles', () => {
		const { nodes, edges } = graphFromDefinition(sample('team-jersey'));
		const ids = new Set(nodes.map((n) => n.id));
		for (const edge of edges) {
			expect(ids.has(edge.source), edge.id).toBe(true);
			expect(ids.has(edge.target), edge.id).toBe(true);
		}
		// "No number 0 on long-sleeve keeper jerseys": number → rule, rule → Sleeves = Long.
		expect(edges.map((e) => e.id)).toEqual(
			expect.arrayContaining([
				'condition:option:number/out->rule:no-zero-long/in',
				'effect:rule:no-zero-long/out->option:sleeves/choice-in:long',
				'visibility:option:sleeves/choice:long->layer:long-sleeves-front/in'
			])
		);
	});

	it('reads rules as sentences', () => {
		const { nodes } = graphFromDefinition(sample('team-jersey'));
		const rule = nodes.find((n) => n.id === 'rule:no-zero-long');
		expect(rule?.data.sentence).toBe('When Number is 0, exclude Sleeves = Long sleeves.');
	});

	it('hands back the same node objects when nothing they show changed', () => {
		const definition = sample('engraved-pendant');
		const builder = new GraphBuilder();
		const first = builder.build(definition, {});
		const renamed = structuredClone(definition);
		renamed.options![0].label = 'Renamed';
		const second = builder.build(renamed, {});
		const changed = second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
		// The renamed option, and the rules and layers whose text names it.
		expect(changed).toContain(`option:${definition.options![0].id}`);
		expect(changed.length).toBeLessThan(first.nodes.length / 2);
		expect(second.edges.every((e, i) => e === first.edges[i])).toBe(true);
	});

	it('gives nodes Svelte Flow has not drawn a size and every handle their edges use', () => {
		for (const handle of SAMPLES) {
			const { nodes, edges } = graphFromDefinition(sample(handle));
			const byId = new Map(nodes.map((n) => [n.id, n]));
			for (const node of nodes) {
				expect(node.measured, node.id).toEqual({
					width: node.initialWidth,
					height: Math.round(node.initialHeight)
				});
				// Source handles on the right edge, targets on the left, inside the node's height.
				for (const h of node.handles ?? []) {
					expect(h.x, `${node.id} ${h.id}`).toBe(
						h.type === 'source' ? node.initialWidth - 5.5 : -3.5
					);
					expect(h.y + h.height / 2).toBeGreaterThan(0);
					expect(h.y + h.height / 2).toBeLessThan(node.initialHeight);
				}
			}
			for (const edge of edges) {
				const from = byId.get(edge.source)?.handles ?? [];
				const to = byId.get(edge.target)?.handles ?? [];
				expect(
					from.some((h) => h.type === 'source' && h.id === edge.sourceHandle),
					edge.id
				).toBe(true);
				expect(
					to.some((h) => h.type === 'target' && h.id === edge.targetHandle),
					edge.id
				).toBe(true);
			}
		}
	});

	it('keeps the size Svelte Flow measured, without stand-in handles, when a node changes', () => {
		const definition = sample('engraved-pendant');
		const builder = new GraphBuilder();
		const first = builder.build(definition, {});
		const id = `option:${definition.options![0].id}`;
		// Svelte Flow drew the option and replaced its object with the measured one.
		const current = first.nodes.map((n) =>
			n.id === id ? { ...n, handles: undefined, measured: { width: 240, height: 301 } } : n
		);
		const renamed = structuredClone(definition);
		renamed.options![0].label = 'Renamed';
		const second = builder.build(renamed, {}, { current });
		const option = second.nodes.find((n) => n.id === id);
		expect(option?.measured).toEqual({ width: 240, height: 301 });
		expect(option?.handles).toBeUndefined();
		// Had Svelte Flow not drawn it, the changed node would get its size and handles computed.
		const undrawn = new GraphBuilder();
		const before = undrawn.build(definition, {});
		const after = undrawn.build(renamed, {}, { current: before.nodes });
		expect(after.nodes.find((n) => n.id === id)?.handles?.length).toBeGreaterThan(0);
	});

	it('lays the samples and a big product out tidily: no two nodes overlap', () => {
		// Past 150 nodes the layout switches from dagre to the linear column heuristic.
		const big: DefinitionJson = {
			views: [{ id: 'front', label: 'Front' }],
			options: Array.from({ length: 120 }, (_, i) => ({
				id: `o${i}`,
				kind: 'choice' as const,
				label: `Option ${i}`,
				choices: [{ id: 'a', label: 'A' }]
			})),
			layers: Array.from({ length: 60 }, (_, i) => ({
				id: `l${i}`,
				kind: 'image' as const,
				view: 'front',
				option: `o${(i * 7) % 120}`
			})),
			rules: Array.from({ length: 40 }, (_, i) => ({
				id: `r${i}`,
				name: `Rule ${i}`,
				when: { type: 'answered' as const, option: `o${i}` },
				then: [{ type: 'exclude' as const, option: `o${i + 1}` }]
			}))
		};
		const definitions: [string, DefinitionJson][] = [
			...SAMPLES.map((handle): [string, DefinitionJson] => [handle, sample(handle)]),
			['big', big]
		];
		for (const [handle, definition] of definitions) {
			const { nodes, edges } = graphFromDefinition(definition);
			const positions = tidyLayout(nodes, edges);
			const boxes = nodes.map((n) => ({
				id: n.id,
				...positions[n.id],
				w: n.initialWidth,
				h: n.initialHeight
			}));
			for (const a of boxes)
				for (const b of boxes) {
					if (a.id >= b.id) continue;
					const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
					expect(overlap, `${handle}: ${a.id} overlaps ${b.id}`).toBe(false);
				}
		}
	});
});
