// Bundles the thin Node entry (server/index.ts) into build/server.js next to SvelteKit's
// adapter-node output, so production starts with plain `node` in well under a second.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'build/server.js',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
console.log('server entry bundled: build/server.js');
