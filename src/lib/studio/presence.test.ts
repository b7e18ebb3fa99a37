import { describe, expect, it } from 'vitest';
import { presenceFrom } from './presence';

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
