#!/usr/bin/env node
// The `atelier` CLI: product definitions as code (check, configure, count, test, import, schema).
// Runs the TypeScript sources directly through tsx, so `npx atelier …` works without a build.
import { register } from 'tsx/esm/api';

// `atelier schema | head`: a closed pipe ends the output quietly.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

// The app's tsconfig extends SvelteKit's generated one, which may not exist yet; the CLI needs none.
register({ tsconfig: false });
const { run } = await import('../src/lib/cli/main.ts');
process.exitCode = run(process.argv.slice(2));
