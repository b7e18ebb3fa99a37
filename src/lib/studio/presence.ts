import { colorFor, PRESENCE_COLORS } from './format';

/** What each studio client publishes in its Yjs awareness state. */
export interface AwarenessUser {
	id: string;
	name: string;
	color: string;
}

/** One person in a product's room. */
export interface Presence {
	clientId: number;
	name: string;
	color: string;
	isSelf: boolean;
}

/**
 * The people in a room from the awareness states: yourself first, then the others by client id;
 * one entry per person even when they have several tabs open; states without a user are skipped
 * (a client that has not announced itself yet). Two people never show in the same color: a
 * clash is resolved with the first palette color nobody in the room uses.
 */
export function presenceFrom(
	states: ReadonlyMap<number, unknown>,
	self: { clientId: number; userId: string }
): Presence[] {
	const entries = [...states.entries()].sort(([a], [b]) =>
		a === self.clientId ? -1 : b === self.clientId ? 1 : a - b
	);
	const people: Presence[] = [];
	const seen = new Set<string>();
	const usedColors = new Set<string>();
	for (const [clientId, state] of entries) {
		const user = (state as { user?: Partial<AwarenessUser> } | null)?.user;
		if (!user || typeof user.name !== 'string' || !user.name.trim()) continue;
		const key = typeof user.id === 'string' ? user.id : `client-${clientId}`;
		if (seen.has(key)) continue;
		seen.add(key);
		let color =
			typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color)
				? user.color
				: colorFor(key);
		if (usedColors.has(color.toLowerCase())) {
			color = PRESENCE_COLORS.find((c) => !usedColors.has(c)) ?? color;
		}
		usedColors.add(color.toLowerCase());
		people.push({
			clientId,
			name: user.name,
			color,
			isSelf: clientId === self.clientId || user.id === self.userId
		});
	}
	return people;
}
