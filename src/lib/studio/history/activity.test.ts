import { describe, expect, it } from 'vitest';
import { groupActivity, UNLABELLED, type ActivityInput } from './activity';

let nextId = 100;
function entry(userId: string | null, at: string, label: string | null): ActivityInput {
	return { id: nextId--, userId, userName: userId ? userId.toUpperCase() : null, label, at };
}

describe('groupActivity', () => {
	it('groups per person and minute, newest group first, labels in the order they were done', () => {
		const groups = groupActivity([
			entry('eve', '2026-11-27T08:25:40.000Z', 'Price of Large'),
			entry('eve', '2026-11-27T08:25:10.000Z', 'Label of Size'),
			entry('eve', '2026-11-27T08:25:05.000Z', 'Price of Large'),
			entry('olivia', '2026-11-27T08:25:01.000Z', 'Add option'),
			entry('eve', '2026-11-27T08:24:59.000Z', null)
		]);
		expect(groups.map((g) => [g.userName, g.at, g.labels, g.count])).toEqual([
			['EVE', '2026-11-27T08:25:40.000Z', ['Price of Large', 'Label of Size'], 3],
			['OLIVIA', '2026-11-27T08:25:01.000Z', ['Add option'], 1],
			['EVE', '2026-11-27T08:24:59.000Z', [UNLABELLED], 1]
		]);
	});

	it('keeps groups of one person apart when someone else edited in between, and names server changes', () => {
		const groups = groupActivity([
			entry('eve', '2026-11-27T08:25:40.000Z', 'A'),
			entry(null, '2026-11-27T08:25:30.000Z', 'Draft from version 3'),
			entry('eve', '2026-11-27T08:25:20.000Z', 'B')
		]);
		expect(groups.map((g) => [g.userName, g.labels])).toEqual([
			['EVE', ['A']],
			['Atelier', ['Draft from version 3']],
			['EVE', ['B']]
		]);
		expect(groupActivity([])).toEqual([]);
	});
});
