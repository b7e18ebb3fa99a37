import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startServer, type RunningServer } from './server';

/**
 * What every end-to-end test file starts with: the real server (on the demo seed unless told
 * otherwise) and one headless Chromium, started together, and the folder screenshots go to.
 */

/** Screenshots people look at after a run (test-results/ is not committed). */
export const SCREENS = path.resolve(import.meta.dirname, '../../test-results/screens');

export async function startServerAndBrowser(
	options: { seed?: boolean } = {}
): Promise<{ server: RunningServer; browser: Browser }> {
	fs.mkdirSync(SCREENS, { recursive: true });
	const [server, browser] = await Promise.all([
		startServer(options.seed === false ? {} : { env: { ATELIER_SEED: '1' } }),
		launchChromium()
	]);
	return { server, browser };
}

/** Closes what {@link startServerAndBrowser} started (either may be missing if it failed). */
export async function stopServerAndBrowser(
	server: RunningServer | undefined,
	browser: Browser | undefined
): Promise<void> {
	await browser?.close();
	await server?.stop();
}
