// Finds a Chromium for the end-to-end tests: CHROMIUM_PATH, else /usr/bin/chromium, else (as root
// with apt) installs Debian's `chromium` package, else stops with a one-line instruction.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export function ensureChromium() {
	const configured = process.env.CHROMIUM_PATH;
	if (configured) {
		if (!fs.existsSync(configured)) {
			throw new Error(`CHROMIUM_PATH points at ${configured}, which does not exist.`);
		}
		return configured;
	}
	for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
		if (fs.existsSync(candidate)) return candidate;
	}
	const isRoot = process.getuid?.() === 0;
	const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
	if (isRoot && hasApt) {
		console.log("Chromium is missing: installing Debian's chromium package (one time)…");
		execSync(
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
			{
				stdio: 'inherit'
			}
		);
		if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
	}
	throw new Error(
		'End-to-end tests need Chromium: install it (e.g. `sudo apt-get install chromium`) or set CHROMIUM_PATH.'
	);
}
