import { describe, expect, it } from 'vitest';
import { fitView, fontFamilyList, konvaBox, konvaFontStyle, sceneItemIds } from './fit.js';

describe('fitView', () => {
	it('takes the container’s width and keeps the view’s aspect ratio when the height is free', () => {
		expect(fitView({ width: 360, height: 0 }, { width: 600, height: 700 })).toEqual({
			width: 360,
			height: 420,
			scale: 0.6
		});
	});

	it('contains the view in both dimensions when the container has a height', () => {
		const fit = fitView({ width: 800, height: 350 }, { width: 600, height: 700 });
		expect(fit).toEqual({ width: 300, height: 350, scale: 0.5 });
	});

	it('never grows taller than the height cap', () => {
		const fit = fitView({ width: 1200, height: 0 }, { width: 600, height: 700 }, 560);
		expect(fit.height).toBe(560);
		expect(fit.width).toBe(480);
	});

	it('keeps at least one pixel for a collapsed container', () => {
		const fit = fitView({ width: 0, height: 0 }, { width: 600, height: 700 });
		expect(fit.width).toBeGreaterThanOrEqual(1);
		expect(fit.height).toBeGreaterThanOrEqual(1);
	});
});

describe('konvaBox', () => {
	it('places the node at the box center so Konva rotates around it', () => {
		expect(konvaBox({ x: 10, y: 20, width: 100, height: 40, rotation: 90 })).toEqual({
			x: 60,
			y: 40,
			width: 100,
			height: 40,
			offsetX: 50,
			offsetY: 20,
			rotation: 90
		});
	});
});

describe('fonts', () => {
	it('writes the weight and the style the way Konva reads them', () => {
		expect(konvaFontStyle({ weight: 800, style: 'normal' })).toBe('800');
		expect(konvaFontStyle({ weight: 400, style: 'italic' })).toBe('italic 400');
	});

	it('quotes family names with spaces and appends the fallback stack', () => {
		expect(fontFamilyList('Inter', 'system-ui, sans-serif')).toBe('Inter, system-ui, sans-serif');
		expect(fontFamilyList('Playfair Display')).toBe('"Playfair Display"');
	});
});

describe('sceneItemIds', () => {
	it('keys an item by its layer, so a new choice of the same layer keeps its node', () => {
		expect(sceneItemIds([{ layerId: 'body', choiceId: 'red' }, { layerId: 'name' }])).toEqual([
			'body',
			'name'
		]);
	});

	it('keys the several items of one multi-option layer by their choice', () => {
		expect(
			sceneItemIds([
				{ layerId: 'badges', choiceId: 'corner' },
				{ layerId: 'badges', choiceId: 'chaise' },
				{ layerId: 'room' }
			])
		).toEqual(['badges#corner', 'badges#chaise', 'room']);
	});
});
