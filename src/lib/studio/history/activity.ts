/**
 * The history list's grouping, pure: stored changes (newest first) → one group per person and
 * minute, with the distinct labels of what they did in it, oldest first ("Label of Size",
 * "Price of Large"). An unlabelled change (offline edits sent on reconnect) reads as
 * {@link UNLABELLED}.
 */

export interface ActivityInput {
	id: number;
	userId: string | null;
	userName: string | null;
	label: string | null;
	at: string;
}

export interface ActivityGroup {
	/** Stable key: the newest entry's id. */
	key: number;
	userId: string | null;
	userName: string;
	/** The minute, as the ISO time of the group's newest change. */
	at: string;
	/** Distinct labels, in the order they were first done within the minute. */
	labels: string[];
	/** How many stored changes the group holds. */
	count: number;
}

export const UNLABELLED = 'Edited the draft';

/** The minute an ISO timestamp falls in ("2026-11-27T08:24"). */
function minuteOf(iso: string): string {
	return iso.slice(0, 16);
}

/** Groups newest-first entries per person and minute (consecutive in time, newest group first). */
export function groupActivity(entries: readonly ActivityInput[]): ActivityGroup[] {
	const groups: ActivityGroup[] = [];
	let current: (ActivityGroup & { minute: string; reversed: string[] }) | null = null;
	const finish = () => {
		if (!current) return;
		const { minute: _minute, reversed, ...group } = current;
		// Entries came newest first; show the labels in the order they were done.
		const labels: string[] = [];
		for (const label of [...reversed].reverse()) if (!labels.includes(label)) labels.push(label);
		groups.push({ ...group, labels });
	};
	for (const entry of entries) {
		const minute = minuteOf(entry.at);
		if (!current || current.userId !== entry.userId || current.minute !== minute) {
			finish();
			current = {
				key: entry.id,
				userId: entry.userId,
				userName: entry.userName ?? (entry.userId ? 'Someone who left' : 'Atelier'),
				at: entry.at,
				labels: [],
				count: 0,
				minute,
				reversed: []
			};
		}
		current.reversed.push(entry.label ?? UNLABELLED);
		current.count++;
	}
	finish();
	return groups;
}
