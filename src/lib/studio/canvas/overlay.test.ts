import { describe, expect, it } from 'vitest';
import { computeScene } from '$lib/core/scene';
import { parsed, sample, sampleJson } from '$lib/core/scene/test-samples';
import { canvasOverlay } from './overlay';

const jersey = sample('team-jersey');

describe('canvasOverlay', () => {
	it('makes drawn layers and every text box selectable, in z-order', () => {
		const scene = computeScene(jersey, { selections: { color: 'navy' } }, 'back');
		const overlay = canvasOverlay(jersey, scene);
		expect(overlay.targets.map((t) => t.id)).toEqual([
			'body-back',
			'shading-back',
			'name',
			'number'
		]);
		expect(overlay.textBoxes.map((t) => [t.layerId, t.drawn, t.placeholder])).toEqual([
			['name', false, 'Player name'],
			['number', false, 'Number']
		]);
		expect(overlay.printAreas.map((p) => [p.id, p.label, p.dpi])).toEqual([
			['name', 'Name', 150],
			['number', 'Number', 150]
		]);
	});

	it('reaches a layer inside a group through the group, unless the layer itself is selected', () => {
		const scene = computeScene(jersey, { selections: { color: 'red', sleeves: 'long' } }, 'front');
		const overlay = canvasOverlay(jersey, scene);
		const sleeves = overlay.targets.find((t) => t.id === 'long-sleeves-front');
		expect(sleeves).toMatchObject({ kind: 'group', itemIds: ['long-sleeves-front-red'] });
		expect(overlay.targets.some((t) => t.id === 'long-sleeves-front-red')).toBe(false);
		// A layer that is not drawn still has its box, for when it is selected in the graph.
		expect(overlay.layers.find((l) => l.id === 'long-sleeves-front-navy')).toMatchObject({
			box: { x: 0, y: 0, width: 600, height: 700, rotation: 0 },
			itemIds: []
		});
	});

	it('shows a placeholder for an upload nobody made yet and for a layer without art', () => {
		const json = sampleJson('team-jersey');
		(json.layers as unknown[]).push({
			id: 'patch',
			name: 'Sleeve patch',
			kind: 'image',
			view: 'front',
			transform: { x: 10, y: 10, width: 50, height: 50 },
			// League choices have no art: the scene leaves the layer out with a warning.
			option: 'league'
		});
		const def = parsed(json);
		const scene = computeScene(def, { selections: { league: 'pro' } }, 'front');
		const overlay = canvasOverlay(def, scene);
		expect(overlay.placeholders.map((p) => [p.layerId, p.title])).toEqual([
			['logo', 'Customer upload'],
			['patch', 'Sleeve patch']
		]);
		expect(overlay.placeholders[0]?.detail).toBe('Team logo');
		expect(overlay.placeholders[1]?.detail).toMatch(/has no art for view "front"/);
		expect(overlay.targets.map((t) => t.id)).toContain('patch');
	});

	it('reports a text that overflows its box, and one that was shrunk to fit', () => {
		const shrunk = computeScene(jersey, { selections: { name: 'MAXIMILIANOS' } }, 'back');
		const box = canvasOverlay(jersey, shrunk).textBoxes.find((t) => t.layerId === 'name');
		expect(box).toMatchObject({ drawn: true, overflow: false });
		expect(box?.shrunkTo).toBeLessThan(46);

		const json = sampleJson('team-jersey');
		const layers = json.layers as { id: string; style?: { overflow?: string } }[];
		layers.find((l) => l.id === 'name')!.style!.overflow = 'clip';
		const def = parsed(json);
		const clipped = computeScene(def, { selections: { name: 'MAXIMILIANOS' } }, 'back');
		expect(canvasOverlay(def, clipped).textBoxes.find((t) => t.layerId === 'name')).toMatchObject({
			drawn: true,
			overflow: true
		});
	});

	it('flags a text box that reaches outside the print area clipping it', () => {
		const scene = computeScene(jersey, { selections: { name: 'LEE' } }, 'back');
		expect(canvasOverlay(jersey, scene).textBoxes[0]?.outsidePrintArea).toBe(false);
		const json = sampleJson('team-jersey');
		const layers = json.layers as { id: string; transform: { y: number } }[];
		layers.find((l) => l.id === 'name')!.transform.y = 140;
		const def = parsed(json);
		const moved = canvasOverlay(def, computeScene(def, { selections: { name: 'LEE' } }, 'back'));
		expect(moved.textBoxes.find((t) => t.layerId === 'name')?.outsidePrintArea).toBe(true);
	});
});
