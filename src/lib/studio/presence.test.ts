import { describe, expect, it } from 'vitest';
import { followedGraphViewport, parseViewport, presenceFrom } from './presence';

const user = (id: string, name: string, color = '#112233') => ({ user: { id, name, color } });

describe('presenceFrom', () => {
	it('lists yourself first, then the others by client id', () => {
		const states = new Map<number, unknown>([
			[30, user('u3', 'Cleo')],
			[10, user('u1', 'Ada')],
			[20, user('u2', 'Bo')]
		]);
		const people = presenceFrom(states, { clientId: 20, userId: 'u2' });
		expect(people.map((p) => [p.name, p.isSelf])).toEqual([
			['Bo', true],
			['Ada', false],
			['Cleo', false]
		]);
	});

	it('shows one avatar per person even with several tabs open', () => {
		const states = new Map<number, unknown>([
			[1, user('u1', 'Ada')],
			[2, user('u1', 'Ada')],
			[3, user('u2', 'Bo')]
		]);
		expect(presenceFrom(states, { clientId: 1, userId: 'u1' })).toHaveLength(2);
	});

	it('skips clients that have not announced a user and replaces colors that are not hex', () => {
		const states = new Map<number, unknown>([
			[1, {}],
			[2, null],
			[3, { user: { name: 'Bo', color: 'url(javascript:alert(1))' } }]
		]);
		const people = presenceFrom(states, { clientId: 9, userId: 'u9' });
		expect(people).toHaveLength(1);
		expect(people[0].color).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('never shows two people in the same color', () => {
		const states = new Map<number, unknown>([
			[1, user('u1', 'Ada', '#4f46e5')],
			[2, user('u2', 'Bo', '#4f46e5')]
		]);
		const [ada, bo] = presenceFrom(states, { clientId: 1, userId: 'u1' });
		expect(ada.color).toBe('#4f46e5');
		expect(bo.color).not.toBe('#4f46e5');
	});
});

describe('parsing other clients’ presence fields', () => {
	const self = { clientId: 1, userId: 'u1' };
	const other = (fields: Record<string, unknown>) =>
		presenceFrom(new Map<number, unknown>([[2, { ...user('u2', 'Bo'), ...fields }]]), self)[0];

	it('reads well-formed selection, cursor, activity and viewport', () => {
		const bo = other({
			selection: [{ kind: 'choice', id: 'red', parentId: 'color' }],
			cursor: { where: 'canvas', viewId: 'front', x: 10, y: 20 },
			activity: 'idle',
			viewport: {
				graph: { x: 1, y: 2, zoom: 0.5 },
				canvas: { viewId: 'front', x: 3, y: 4, scale: 2 }
			}
		});
		expect(bo.selection).toEqual([{ kind: 'choice', id: 'red', parentId: 'color' }]);
		expect(bo.cursor).toEqual({ where: 'canvas', viewId: 'front', x: 10, y: 20 });
		expect(bo.activity).toBe('idle');
		expect(bo.viewport).toEqual({
			graph: { x: 1, y: 2, zoom: 0.5 },
			canvas: { viewId: 'front', x: 3, y: 4, scale: 2 }
		});
	});

	it('keeps the well-formed selection entries and skips the malformed ones', () => {
		const bo = other({
			selection: [
				{ kind: 'option', id: 'color' },
				{ kind: 'weapon', id: 'x' },
				{ kind: 'layer', id: 42 },
				{ kind: 'layer', id: 'base', parentId: { evil: true } },
				null,
				'option'
			]
		});
		expect(bo.selection).toEqual([{ kind: 'option', id: 'color' }]);
		expect(other({ selection: 'everything' }).selection).toEqual([]);
	});

	it('reads malformed cursors, activities and viewports as absent', () => {
		for (const cursor of [
			{ where: 'graph', x: Number.NaN, y: 0 },
			{ where: 'graph', x: '1', y: 2 },
			{ where: 'canvas', x: 1, y: 2 },
			{ where: 'elsewhere', x: 1, y: 2 },
			[1, 2]
		])
			expect(other({ cursor }).cursor).toBeNull();
		expect(other({ activity: 'asleep' }).activity).toBe('active');
		expect(
			other({ viewport: { graph: { x: 0, y: 0, zoom: -1 }, canvas: 'front' } }).viewport
		).toEqual({});
	});

	it('skips a state that is not an object, and a user that is not one', () => {
		const states = new Map<number, unknown>([
			[2, 'hello'],
			[3, { user: ['Bo'] }],
			[4, user('u4', 'Cleo')]
		]);
		expect(presenceFrom(states, self).map((p) => p.name)).toEqual(['Cleo']);
	});
});

describe('followedGraphViewport', () => {
	const limits = { min: 0.05, max: 2 };

	it('puts the middle of what they see in the middle of your pane, all of it in view', () => {
		// They see flow x 100..900, y 50..650 (800×600 px at zoom 1).
		const theirs = { x: -100, y: -50, zoom: 1, width: 800, height: 600 };
		const mine = followedGraphViewport(theirs, { width: 400, height: 600 }, limits);
		expect(mine.zoom).toBe(0.5);
		// Flow (500, 350), their centre, lands at the centre of a 400×600 pane.
		expect(500 * mine.zoom + mine.x).toBe(200);
		expect(350 * mine.zoom + mine.y).toBe(300);
	});

	it('keeps within the zoom limits, and copies the viewport when their pane size is unknown', () => {
		const tiny = followedGraphViewport(
			{ x: 0, y: 0, zoom: 0.1, width: 2000, height: 2000 },
			{ width: 100, height: 100 },
			limits
		);
		expect(tiny.zoom).toBe(0.05);
		expect(
			followedGraphViewport({ x: 7, y: 8, zoom: 1.5 }, { width: 500, height: 500 }, limits)
		).toEqual({
			x: 7,
			y: 8,
			zoom: 1.5
		});
	});

	it('reads the pane size only when it is well formed', () => {
		expect(
			parseViewport({ graph: { x: 1, y: 2, zoom: 1, width: 640, height: 480 } }).graph
		).toEqual({
			x: 1,
			y: 2,
			zoom: 1,
			width: 640,
			height: 480
		});
		expect(
			parseViewport({ graph: { x: 1, y: 2, zoom: 1, width: -5, height: 'tall' } }).graph
		).toEqual({
			x: 1,
			y: 2,
			zoom: 1
		});
	});
});
