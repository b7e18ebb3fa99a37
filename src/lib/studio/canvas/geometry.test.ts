import { describe, expect, it } from 'vitest';
import { computeScene } from '$lib/core';
import { parsed, sampleJson } from '$lib/core/scene/test-samples';
import {
	boundsOf,
	fitViewport,
	formatLength,
	layerTransformFor,
	niceStep,
	pixelsPerUnit,
	rulerTicks,
	rulerUnitOf,
	viewTransformOf,
	zoomAt,
	type LayerFrame
} from './geometry';

describe('units', () => {
	it('measures millimetre views in mm, metre-wide ones in cm, inch views in inches', () => {
		expect(rulerUnitOf({ width: 40, height: 40, unit: 'mm' })).toBe('mm');
		expect(rulerUnitOf({ width: 3200, height: 1920, unit: 'mm' })).toBe('cm');
		expect(rulerUnitOf({ width: 12, height: 14, unit: 'in' })).toBe('in');
	});

	it('converts view pixels to the ruler unit from the view’s physical size', () => {
		// The pendant: 800 px for 40 mm → 20 px per mm.
		expect(
			pixelsPerUnit({ width: 800, height: 800 }, { width: 40, height: 40, unit: 'mm' })
		).toEqual({ x: 20, y: 20 });
		// The sofa: 1000 px for 3200 mm → 3.125 px per cm.
		const sofa = pixelsPerUnit(
			{ width: 1000, height: 600 },
			{ width: 3200, height: 1920, unit: 'mm' }
		);
		expect(sofa.x).toBeCloseTo(3.125);
		expect(formatLength(380, 20, 'mm')).toBe('19 mm');
		expect(formatLength(100, 3.125, 'cm')).toBe('32 cm');
		expect(formatLength(150, 100, 'in')).toBe('1.5 in');
	});
});

describe('rulers', () => {
	it('picks 1-2-5 steps at least the wanted distance apart on screen', () => {
		expect(niceStep(1, 56)).toBe(100);
		expect(niceStep(20, 56)).toBe(5);
		expect(niceStep(3.125, 56)).toBe(20);
		expect(niceStep(300, 56)).toBe(0.2);
	});

	it('labels major ticks in units and puts minor ticks between them', () => {
		// 1 px per mm at scale 1: majors every 100 mm, minors every 10 mm.
		const ticks = rulerTicks(0, 300, 1, 1);
		expect(ticks.filter((t) => t.major).map((t) => [t.at, t.label])).toEqual([
			[0, '0'],
			[100, '100'],
			[200, '200'],
			[300, '300']
		]);
		expect(
			ticks
				.filter((t) => !t.major)
				.slice(0, 3)
				.map((t) => t.at)
		).toEqual([10, 20, 30]);
	});

	it('covers negative positions (the pasteboard left of the view)', () => {
		const ticks = rulerTicks(-150, 0, 1, 1);
		expect(ticks.find((t) => t.major)?.label).toBe('-100');
	});
});

describe('zoom and pan', () => {
	it('keeps the point under the pointer in place when zooming', () => {
		const next = zoomAt({ scale: 1, x: 10, y: 20 }, { x: 110, y: 220 }, 2);
		expect(next.scale).toBe(2);
		// View point (100, 200) stays at screen (110, 220).
		expect(100 * next.scale + next.x).toBe(110);
		expect(200 * next.scale + next.y).toBe(220);
	});

	it('clamps the zoom between 5% and 1600%', () => {
		expect(zoomAt({ scale: 10, x: 0, y: 0 }, { x: 0, y: 0 }, 4).scale).toBe(16);
		expect(zoomAt({ scale: 0.1, x: 0, y: 0 }, { x: 0, y: 0 }, 0.1).scale).toBe(0.05);
	});

	it('fits the whole view centred in the area with padding', () => {
		const fit = fitViewport(
			{ x: 20, y: 20, width: 640, height: 740 },
			{ width: 600, height: 700 },
			20
		);
		expect(fit.scale).toBe(1);
		expect(fit).toEqual({ scale: 1, x: 40, y: 40 });
	});
});

describe('layer transforms', () => {
	const frames = (json: Record<string, unknown>) =>
		new Map((json.layers as LayerFrame[]).map((l) => [l.id, l]));

	it('composes group transforms exactly as the core’s scene does (rotated group)', () => {
		const json = sampleJson('modular-sofa');
		const group = (json.layers as LayerFrame[]).find((l) => l.id === 'module-chaise')!;
		group.transform.rotation = 90;
		const scene = computeScene(
			parsed(json),
			{ selections: { modules: ['chaise'], fabric: 'linen', fabricColor: 'sage', legs: 'oak' } },
			'front'
		);
		const byId = frames(json);
		for (const item of scene.items) {
			const t = viewTransformOf(byId.get(item.layerId)!, byId)!;
			expect(t.x).toBeCloseTo(item.transform.x, 3);
			expect(t.y).toBeCloseTo(item.transform.y, 3);
			expect(t.rotation).toBeCloseTo(item.transform.rotation, 3);
		}
	});

	it('turns a view transform back into the layer’s own frame (inverse of the composition)', () => {
		const json = sampleJson('modular-sofa');
		const group = (json.layers as LayerFrame[]).find((l) => l.id === 'module-chaise')!;
		group.transform.rotation = 30;
		const byId = frames(json);
		const legs = byId.get('module-chaise-legs')!;
		const inView = viewTransformOf(legs, byId)!;
		const moved = { ...inView, x: inView.x + 12, y: inView.y - 7 };
		const stored = layerTransformFor(legs, byId, moved)!;
		const back = viewTransformOf({ ...legs, transform: stored }, byId)!;
		expect(back.x).toBeCloseTo(moved.x, 1);
		expect(back.y).toBeCloseTo(moved.y, 1);
		// Unmoved, the stored transform is what the layer already has.
		expect(layerTransformFor(legs, byId, inView)).toEqual({ ...legs.transform, rotation: 0 });
	});

	it('refuses a broken group chain', () => {
		const orphan: LayerFrame = {
			id: 'a',
			kind: 'image',
			parent: 'missing',
			transform: { x: 0, y: 0, width: 1, height: 1 }
		};
		expect(viewTransformOf(orphan, new Map([['a', orphan]]))).toBeUndefined();
	});

	it('bounds a rotated box', () => {
		const b = boundsOf({ x: 0, y: 0, width: 100, height: 50, rotation: 90 });
		expect(b.x).toBeCloseTo(25);
		expect(b.y).toBeCloseTo(-25);
		expect(b.width).toBeCloseTo(50);
		expect(b.height).toBeCloseTo(100);
	});
});
