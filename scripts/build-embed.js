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

const shared = {
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

/**
 * The rules compiler, for rules that come uncompiled (a plain definition, the search form of
 * dense rules): one self-contained file with its own copy of the solver, loaded by URL. As a lazy
 * chunk of the runtime it would share the solver's files with it, and esbuild would cut the
 * runtime into a shared chunk and an entry (two requests, worse gzip).
 */
const compilerBuild = {
	...shared,
	splitting: false,
	entryPoints: { compiler: 'src/lib/runtime/compiler.ts' },
	entryNames: 'storefront/[name]-[hash]'
};

/**
 * Turns the runtime's `import('./compiler.js')` into an import of the compiler file:
 * a specifier starting with `/` resolves against the importing script's URL, so Atelier's origin
 * whatever page loaded it, and whichever chunk holds the code.
 */
const externalCompiler = (file) => ({
	name: 'atelier-external-compiler',
	setup(b) {
		b.onResolve({ filter: /^\.\/compiler\.js$/ }, (args) =>
			args.kind === 'dynamic-import' ? { path: `/${file}`, external: true } : undefined
		);
	}
});

/**
 * Builds the storefront scripts (also the dev server's in-memory build, src/lib/server/storefront.ts,
 * with `write: false`): the compiler, then /embed.js and /runtime.js — two builds, not one with
 * two entries: a store loads one of them, and an entry that shares no chunk with the other is one
 * file (gzip compresses one file better than several, and the browser makes one request). The
 * embed keeps its own lazy chunks (the Konva preview, the bulk mode). `overrides` go to every
 * build (`write`, `minify`…). Returns esbuild's results, compiler first.
 */
export async function buildStorefront(outdir, overrides = {}) {
	const compiler = await build({ ...compilerBuild, outdir, metafile: true, ...overrides });
	const [compilerFile] = Object.keys(compiler.metafile.outputs).map((f) =>
		path.relative(path.resolve(outdir), path.resolve(f)).split(path.sep).join('/')
	);
	const results = [compiler];
	for (const entryPoints of [
		{ embed: 'src/lib/runtime/embed/embed.ts' },
		{ runtime: 'src/lib/runtime/index.ts' }
	])
		results.push(
			await build({
				...shared,
				entryPoints,
				plugins: [...shared.plugins, externalCompiler(compilerFile)],
				outdir,
				metafile: true,
				...overrides
			})
		);
	return results;
}

/** Gzip -9 size of a string or bytes. */
const gz = (data) => gzipSync(data, { level: 9 }).length;

/** Groups a module path for the analysis: npm packages and src/lib/<area>/<folder>. */
const groupOf = (input) =>
	input
		.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*/, 'npm:$1')
		.replace(/^src\/lib\/([^/]+)\/([^/]+)\/.*/, 'src/lib/$1/$2/')
		.replace(/^src\/lib\/([^/]+)\/[^/]+$/, 'src/lib/$1/*');

/**
 * `--analyze`: what each output is made of. esbuild's metafile gives minified bytes per module
 * but not where they sit, so a second build keeps whitespace (same syntax and identifier
 * minification, so the same code) with esbuild's `// path` marker before each module; each
 * module's gzip share is what it adds to the gzip of everything before it in its file, scaled to
 * the real minified file's gzip. Shares add up to the file's gzip; they are estimates (gzip's
 * window makes a module cheaper when similar code precedes it).
 */
async function analyze(minified, outdir) {
	// Chunk hashes differ between the two builds: match outputs by the modules they hold.
	const keyOf = (o) => o.entryPoint ?? Object.keys(o.inputs).sort().join('|');
	const prettyText = new Map();
	const prettyBuilds = await buildStorefront(outdir, {
		minify: false,
		minifySyntax: true,
		minifyIdentifiers: true,
		write: false
	});
	for (const pretty of prettyBuilds) {
		for (const f of pretty.outputFiles) {
			const rel = path.relative(path.resolve(outdir), f.path).split(path.sep).join('/');
			const meta = pretty.metafile.outputs[`${outdir}/${rel}`];
			if (meta) prettyText.set(keyOf(meta), f.text);
		}
	}
	const rows = [];
	for (const [file, o] of Object.entries(minified.outputs)) {
		const name = file.replace(`${outdir}/`, '');
		const realGzip = gz(readFileSync(file));
		const text = prettyText.get(keyOf(o)) ?? '';
		// Segments between `// src/…` markers; the text before the first marker is the imports.
		const markers = [...text.matchAll(/^\/\/ (\S+)$/gm)];
		const share = new Map();
		let previous = 0;
		const cut = (end, module) => {
			const size = gz(text.slice(0, end));
			share.set(module, (share.get(module) ?? 0) + size - previous);
			previous = size;
		};
		markers.forEach((m, i) => {
			if (i === 0) cut(m.index, '(imports/exports)');
			cut(markers[i + 1]?.index ?? text.length, m[1]);
		});
		if (markers.length === 0 && text) cut(text.length, '(imports/exports)');
		const scale = previous > 0 ? realGzip / previous : 0;
		const modules = Object.entries(o.inputs).map(([input, { bytesInOutput }]) => ({
			input,
			bytes: bytesInOutput,
			gzip: (share.get(input) ?? 0) * scale
		}));
		const glue = (share.get('(imports/exports)') ?? 0) * scale;
		if (glue > 0) modules.push({ input: '(imports/exports)', bytes: 0, gzip: glue });
		rows.push({ name, bytes: o.bytes, gzip: realGzip, modules, imports: o.imports });
	}
	const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)}`;
	for (const r of rows.sort((a, b) => b.gzip - a.gzip)) {
		if (r.bytes === 0) continue;
		const lazy = r.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
		console.log(
			`\n${r.name}  ${kb(r.bytes)} KiB min, ${kb(r.gzip)} KiB gzip${lazy.length ? `  (lazy: ${lazy.map((p) => p.replace(`${outdir}/`, '')).join(', ')})` : ''}`
		);
		const groups = new Map();
		for (const m of r.modules) {
			const g = groups.get(groupOf(m.input)) ?? { bytes: 0, gzip: 0, modules: [] };
			g.bytes += m.bytes;
			g.gzip += m.gzip;
			g.modules.push(m);
			groups.set(groupOf(m.input), g);
		}
		for (const [group, g] of [...groups].sort((a, b) => b[1].gzip - a[1].gzip)) {
			if (g.bytes === 0 && g.gzip < 1) continue;
			console.log(`  ${kb(g.bytes)} min ${kb(g.gzip)} gz  ${group}`);
			if (g.modules.length > 1)
				for (const m of g.modules.sort((a, b) => b.gzip - a.gzip))
					if (m.bytes > 0) console.log(`      ${kb(m.bytes)} min ${kb(m.gzip)} gz  ${m.input}`);
		}
	}
}

const isMain = import.meta.url === new URL(process.argv[1] ?? '', 'file:').href;
if (isMain) {
	const outdir = 'build/storefront';
	rmSync(outdir, { recursive: true, force: true });
	const outputs = {};
	for (const result of await buildStorefront(outdir))
		Object.assign(outputs, result.metafile.outputs);
	// Precompressed copies: the server sends them to clients that accept gzip.
	for (const file of Object.keys(outputs))
		writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
	const files = Object.entries(outputs).map(
		([file, o]) => `${file.replace(`${outdir}/`, '')} ${(o.bytes / 1024).toFixed(1)} KB`
	);
	console.log(`storefront runtime bundled: ${outdir}/ (${files.join(', ')})`);
	if (process.argv.includes('--analyze')) await analyze({ outputs }, outdir);
}
