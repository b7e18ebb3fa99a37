import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The secret that signs session cookies: the configured one, else one generated on first start
 * and kept in the data folder so sessions survive restarts.
 */
export function loadAuthSecret(dataDir: string, configured: string | undefined): string {
	if (configured) return configured;
	const file = path.join(dataDir, 'auth-secret');
	try {
		const existing = fs.readFileSync(file, 'utf8').trim();
		if (existing.length >= 32) return existing;
	} catch {
		// first start: fall through and create one
	}
	fs.mkdirSync(dataDir, { recursive: true });
	const secret = randomBytes(32).toString('hex');
	fs.writeFileSync(file, secret, { mode: 0o600 });
	return secret;
}
