/** Small formatting helpers shared by the studio's screens. Pure functions, no framework. */

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 86_400_000],
	['month', 30 * 86_400_000],
	['week', 7 * 86_400_000],
	['day', 86_400_000],
	['hour', 3_600_000],
	['minute', 60_000]
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function timeAgo(iso: string, now: number = Date.now()): string {
	const elapsed = now - new Date(iso).getTime();
	if (!Number.isFinite(elapsed) || elapsed < 45_000) return 'just now';
	for (const [unit, ms] of STEPS) {
		if (elapsed >= ms) return relative.format(-Math.floor(elapsed / ms), unit);
	}
	return relative.format(-1, 'minute');
}

/** A full date and time for tooltips. */
export function fullDate(iso: string): string {
	return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Ada Lovelace" → "AL", "ada" → "AD". */
export function initials(name: string): string {
	const words = name.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return '?';
	if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
	return (words[0][0] + words[words.length - 1][0]).toUpperCase();
}

/** Presence colors: distinct, readable with white initials in both themes. */
export const PRESENCE_COLORS = [
	'#4f46e5',
	'#0891b2',
	'#059669',
	'#d97706',
	'#db2777',
	'#7c3aed',
	'#dc2626',
	'#2563eb'
] as const;

/** A stable color for a user id (or any string). */
export function colorFor(key: string): string {
	let hash = 0;
	for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
	return PRESENCE_COLORS[Math.abs(hash) % PRESENCE_COLORS.length];
}

/** A handle derived from a product name: lowercase letters, digits and single dashes. */
export function handleFrom(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
}

/** Why a handle is not valid, or null. Mirrors the server's rule (the server decides). */
export function handleProblem(handle: string): string | null {
	if (!handle) return 'Enter a handle.';
	if (handle.length > 60) return 'Use at most 60 characters.';
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(handle)) {
		return 'Use lowercase letters, digits and single dashes (no dash at the start or end).';
	}
	return null;
}

/** Why a product name is not valid, or null. */
export function nameProblem(name: string): string | null {
	if (!name.trim()) return 'Enter a name.';
	if (name.trim().length > 120) return 'Use at most 120 characters.';
	return null;
}

export const ROLE_LABELS = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' } as const;

export const ROLE_DESCRIPTIONS = {
	owner: 'Edits products, manages members and publishes',
	editor: 'Edits products',
	viewer: 'Sees products, changes nothing'
} as const;
