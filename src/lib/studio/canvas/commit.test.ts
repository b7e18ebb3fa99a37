import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeDefinition } from '$lib/collab/change';
import { readDefinition, writeDefinition, type Json } from '$lib/collab/definition-doc';
import { sampleJson } from '$lib/core/scene/test-samples';
import { applyCanvasChanges } from './commit';

type LayerJson = { id: string; transform: Record<string, number> };
const layer = (def: { [key: string]: Json }, id: string) =>
	(def.layers as unknown as LayerJson[]).find((l) => l.id === id)!;

describe('applyCanvasChanges', () => {
	it('rewrites a moved layer’s transform and a moved print area’s rect, nothing else', () => {
		const draft = sampleJson('team-jersey') as { [key: string]: Json };
		const before = structuredClone(draft);
		const { rotated } = applyCanvasChanges(draft, 'back', [
			{
				target: { kind: 'layer', id: 'name' },
				box: { x: 170.004, y: 99, width: 270, height: 66, rotation: 0 }
			},
			{
				target: { kind: 'printArea', id: 'number' },
				box: { x: 160.4, y: 190.6, width: 270, height: 230, rotation: 0 }
			}
		]);
		expect(rotated).toBe(false);
		// No rotation key is added to a layer that had none.
		expect(layer(draft, 'name').transform).toEqual({ x: 170, y: 99, width: 270, height: 66 });
		const back = (
			draft.views as unknown as { id: string; printAreas: { id: string; rect: unknown }[] }[]
		).find((v) => v.id === 'back')!;
		expect(back.printAreas.find((p) => p.id === 'number')?.rect).toEqual({
			x: 160,
			y: 191,
			width: 270,
			height: 230
		});
		// Everything else is as it was.
		layer(before, 'name').transform = layer(draft, 'name').transform;
		const beforeBack = (before.views as unknown as (typeof back)[]).find((v) => v.id === 'back')!;
		beforeBack.printAreas.find((p) => p.id === 'number')!.rect = back.printAreas.find(
			(p) => p.id === 'number'
		)!.rect;
		expect(draft).toEqual(before);
	});

	it('stores a layer inside a group relative to the group, and reports a rotation', () => {
		const draft = sampleJson('modular-sofa') as { [key: string]: Json };
		// The chaise group sits at (620, 250); its legs at (0, 190) inside it.
		const { rotated } = applyCanvasChanges(draft, 'front', [
			{
				target: { kind: 'layer', id: 'module-chaise-legs' },
				box: { x: 630, y: 445, width: 320, height: 30, rotation: 15 }
			}
		]);
		expect(rotated).toBe(true);
		expect(layer(draft, 'module-chaise-legs').transform).toEqual({
			x: 10,
			y: 195,
			width: 320,
			height: 30,
			rotation: 15
		});
	});

	it('lets two people move different layers at the same time and keeps both moves', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		writeDefinition(a, sampleJson('team-jersey') as { [key: string]: Json });
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		// Concurrent: neither has seen the other's edit.
		changeDefinition(a, 'a', (d) => {
			applyCanvasChanges(d, 'back', [
				{
					target: { kind: 'layer', id: 'name' },
					box: { x: 150, y: 100, width: 270, height: 66, rotation: 0 }
				}
			]);
		});
		changeDefinition(b, 'b', (d) => {
			applyCanvasChanges(d, 'back', [
				{
					target: { kind: 'layer', id: 'number' },
					box: { x: 180, y: 200, width: 240, height: 220, rotation: 0 }
				}
			]);
		});
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		for (const doc of [a, b]) {
			const def = readDefinition(doc);
			expect(layer(def, 'name').transform).toEqual({ x: 150, y: 100, width: 270, height: 66 });
			expect(layer(def, 'number').transform).toEqual({ x: 180, y: 200, width: 240, height: 220 });
		}
	});
});
