// Bundles the storefront runtime for stores: /embed.js (the <atelier-configurator> element with
// the customer UI; Konva in a chunk loaded when the preview starts, so the pickers paint first)
// and /runtime.js (createConfigurator and the cart adapters, no UI, no Konva). Minified ESM with
// code splitting; shared code and Konva go to content-hashed chunks under /storefront/ that are
// cached forever, while the two entry names stay stable (short cache) for the merchant's snippet.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const zodNamespace = path.resolve('node_modules/zod/v4/classic/external.js');

/**
 * The core writes `import { z } from 'zod'`; through zod's index that binding is a namespace
 * esbuild cannot shake, so every zod locale (~65 KB gzip) would ship. Importing the same module
 * as a namespace (`import * as z`, what zod's index re-exports) lets esbuild keep only what the
 * core calls. Same module, same objects: only the bundle changes.
 */
const shakeableZod = {
	name: 'atelier-shakeable-zod',
	setup(b) {
		b.onLoad({ filter: /[\\/]src[\\/]lib[\\/]core[\\/].*\.ts$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			return {
				contents: source.replace(
					/^import \{ z \} from 'zod';$/m,
					`import * as z from ${JSON.stringify(zodNamespace)};`
				),
				loader: 'ts'
			};
		});
	}
};

/** esbuild options shared with the dev server's in-memory build (src/lib/server/storefront.ts). */
export const storefrontBuildOptions = {
	entryPoints: {
		embed: 'src/lib/runtime/embed/embed.ts',
		runtime: 'src/lib/runtime/index.ts'
	},
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'browser',
	target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
	minify: true,
	legalComments: 'none',
	entryNames: '[name]',
	chunkNames: 'storefront/[name]-[hash]',
	define: { 'process.env.NODE_ENV': '"production"' },
	plugins: [shakeableZod],
	logLevel: 'warning'
};

const isMain = import.meta.url === new URL(process.argv[1] ?? '', 'file:').href;
if (isMain) {
	const outdir = 'build/storefront';
	rmSync(outdir, { recursive: true, force: true });
	const result = await build({ ...storefrontBuildOptions, outdir, metafile: true });
	// Precompressed copies: the server sends them to clients that accept gzip.
	for (const file of Object.keys(result.metafile.outputs))
		writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
	const files = Object.entries(result.metafile.outputs).map(
		([file, o]) => `${file.replace(`${outdir}/`, '')} ${(o.bytes / 1024).toFixed(1)} KB`
	);
	console.log(`storefront runtime bundled: ${outdir}/ (${files.join(', ')})`);
}
