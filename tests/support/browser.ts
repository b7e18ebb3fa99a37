import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium as every browser test here runs it: Debian's build (or CHROMIUM_PATH),
 * no sandbox (tests run as root), and no background networking — this machine has no internet,
 * and Chromium's own update and sync calls would only fail and slow it down.
 */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}
