// `npm start`: builds the studio when the build is missing or older than the sources, then runs
// the one server process (migrations and the demo seed happen inside it, at start-up).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtServer = path.join(root, 'build', 'server.js');
const sources = ['src', 'server', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(target) {
	let stat;
	try {
		stat = fs.statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) {
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}
	return newest;
}

function buildIsCurrent() {
	if (!fs.existsSync(builtServer)) return false;
	const builtAt = fs.statSync(builtServer).mtimeMs;
	return sources.every((source) => newestMtime(path.join(root, source)) <= builtAt);
}

if (!buildIsCurrent()) {
	console.log('Building the studio (first start or sources changed)…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, ['--enable-source-maps', builtServer], {
	cwd: root,
	stdio: 'inherit',
	env: process.env
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
