// `npm test`: the whole quality gate, the same locally and in CI. Stops at the first failing step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './chromium.js';

const root = path.resolve(import.meta.dirname, '..');

function step(title, command, args, env = {}) {
	const started = Date.now();
	console.log(`\n▶ ${title}`);
	const result = spawnSync(command, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`✖ ${title} failed after ${seconds}s`);
		process.exit(result.status ?? 1);
	}
	console.log(`✔ ${title} (${seconds}s)`);
}

let chromium;
try {
	chromium = ensureChromium();
} catch (error) {
	console.error(error.message);
	process.exit(1);
}

step('format check (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
step('lint (eslint, zero warnings)', 'npx', ['eslint', '.', '--max-warnings', '0']);
step('svelte-check and type check', 'npm', ['run', '--silent', 'check']);
step('build', 'npm', ['run', '--silent', 'build']);
const summaryFile = path.join(root, 'test-results', 'vitest-summary.json');
fs.rmSync(summaryFile, { force: true });
step(
	'unit, integration and end-to-end tests (vitest)',
	'npx',
	['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${summaryFile}`],
	{ CHROMIUM_PATH: chromium }
);

// One plain closing line with the totals, whatever the runner's own format.
const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
const skipped = summary.numPendingTests + summary.numTodoTests;
console.log(
	`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`
);
