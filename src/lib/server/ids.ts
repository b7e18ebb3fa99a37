import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random, URL-safe identifier of `length` lowercase letters and digits (~5.2 bits each). */
export function newId(length = 16): string {
	const bytes = randomBytes(length);
	let id = '';
	for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
	return id;
}

/** The current time as an ISO-8601 string, the format of every Atelier timestamp column. */
export function nowIso(): string {
	return new Date().toISOString();
}
