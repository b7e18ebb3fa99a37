import { describe, expect, it } from 'vitest';
import { linesOf, nudgeFor, snapMove, snapTargets, snapValue } from './snapping';

const view = { width: 600, height: 700 };

describe('snapTargets', () => {
	it('offers the view’s edges and centre and every other box’s edges and centres, once each', () => {
		const targets = snapTargets(view, [
			{ x: 100, y: 50, width: 200, height: 100 },
			{ x: 0, y: 0, width: 600, height: 700 }
		]);
		expect(targets.x).toEqual([0, 100, 200, 300, 600]);
		expect(targets.y).toEqual([0, 50, 100, 150, 350, 700]);
	});
});

describe('snapMove', () => {
	const targets = snapTargets(view, [{ x: 100, y: 50, width: 200, height: 100 }]);

	it('moves a box whose left edge is near another box’s right edge onto it, with a guide', () => {
		const result = snapMove({ x: 303, y: 400, width: 50, height: 50 }, targets, 5, view);
		expect(result.dx).toBe(-3);
		expect(result.dy).toBe(0);
		expect(result.guides).toEqual([{ axis: 'x', at: 300, from: 0, to: 700 }]);
	});

	it('snaps a box’s centre to the view’s centre on both axes', () => {
		const result = snapMove({ x: 248, y: 322, width: 100, height: 60 }, targets, 4, view);
		expect(result).toMatchObject({ dx: 2, dy: -2 });
		expect(result.guides.map((g) => [g.axis, g.at])).toEqual([
			['x', 300],
			['y', 350]
		]);
	});

	it('prefers the nearest line when several are within the threshold', () => {
		// Left edge 97 is 3 from 100; right edge 299 is 1 from 300: the right edge wins.
		const result = snapMove({ x: 97, y: 500, width: 202, height: 10 }, targets, 5, view);
		expect(result.dx).toBe(1);
	});

	it('leaves a box alone when nothing is within the threshold', () => {
		expect(snapMove({ x: 420, y: 520, width: 30, height: 30 }, targets, 5, view)).toEqual({
			dx: 0,
			dy: 0,
			guides: []
		});
	});

	it('draws one guide per touching line after snapping (edge and centre aligned at once)', () => {
		// Same width as the other box: left, centre and right all line up after the snap.
		const result = snapMove({ x: 102, y: 400, width: 200, height: 10 }, targets, 5, view);
		expect(result.dx).toBe(-2);
		expect(result.guides.filter((g) => g.axis === 'x').map((g) => g.at)).toEqual([100, 200, 300]);
	});
});

describe('snapValue and linesOf', () => {
	it('snaps a handle coordinate to the nearest target within the threshold', () => {
		expect(snapValue(597, [0, 300, 600], 4)).toEqual({ value: 600, at: 600 });
		expect(snapValue(590, [0, 300, 600], 4)).toEqual({ value: 590 });
	});

	it('lists a box’s left/centre/right and top/middle/bottom', () => {
		expect(linesOf({ x: 10, y: 20, width: 30, height: 40 })).toEqual({
			x: [10, 25, 40],
			y: [20, 40, 60]
		});
	});
});

describe('nudgeFor', () => {
	it('moves 1 px per arrow key and 10 px with Shift; other keys do nothing', () => {
		expect(nudgeFor('ArrowLeft', false)).toEqual({ dx: -1, dy: 0 });
		expect(nudgeFor('ArrowDown', true)).toEqual({ dx: 0, dy: 10 });
		expect(nudgeFor('a', false)).toBeUndefined();
	});
});
