/**
 * Prints what the storefront embed costs a store page: gzip sizes of /embed.js and everything it
 * loads (the first paint, the Konva preview chunk, the bulk mode where the page asks for it), of
 * /runtime.js with its imports (no UI, no Konva), the scripts each /demo-store page really loads
 * (their gzip -9 sizes, and the bytes on the wire), and the time from navigation to the first
 * painted preview on each page in headless Chromium (cold and warm cache).
 * Usage: npm run build && npm run measure:embed
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/support/browser';
import { startServer } from '../tests/support/server';

const dir = path.resolve('build/storefront');
const gzipOf = (file: string) =>
	gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The chunks a file imports: statically (`from"./storefront/…"`) and lazily (`import("…")`). */
function importsOf(file: string): { static: string[]; lazy: string[] } {
	const source = fs.readFileSync(path.join(dir, file), 'utf8');
	const base = path.posix.dirname(file);
	const resolve = (spec: string) => path.posix.normalize(path.posix.join(base, spec));
	const lazy = [...source.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) =>
		resolve(m[1] as string)
	);
	const all = [...source.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) =>
		resolve(m[1] as string)
	);
	return { static: [...new Set(all)].filter((f) => !lazy.includes(f)), lazy: [...new Set(lazy)] };
}

/** Every file loaded by `entry` before it runs (static closure), and what it loads later. */
function closure(entry: string): { eager: Set<string>; lazy: Set<string> } {
	const eager = new Set<string>();
	const lazy = new Set<string>();
	const visit = (file: string, into: Set<string>) => {
		if (eager.has(file) || into.has(file)) return;
		into.add(file);
		const { static: s, lazy: l } = importsOf(file);
		for (const f of s) visit(f, into);
		for (const f of l) visit(f, lazy);
	};
	visit(entry, eager);
	for (const f of eager) lazy.delete(f);
	return { eager, lazy };
}

if (!fs.existsSync(path.join(dir, 'embed.js'))) {
	console.error('build/storefront/embed.js is missing: run `npm run build` first.');
	process.exit(1);
}

const sum = (files: Iterable<string>) => [...files].reduce((s, f) => s + gzipOf(f), 0);
const embed = closure('embed.js');
const runtime = closure('runtime.js');
// Lazily loaded chunks by what they hold: the Konva preview (always, once the UI is up), the
// bulk-order mode (`bulk` attribute only). A lazy chunk's own static imports count with it. The
// rules compiler is a file of its own (`/storefront/compiler-*.js`, imported by absolute path),
// loaded only for rules that come uncompiled (a plain definition, the search form of dense rules),
// never for this server's `?include=engine` answers of ordinary products.
const lazyOf = (c: { lazy: Set<string> }, prefix: string) =>
	[...c.lazy].filter((f) => path.posix.basename(f).startsWith(prefix));
const withImports = (files: string[], except: Set<string>) => {
	const all = new Set<string>();
	for (const f of files) for (const g of closure(f).eager) if (!except.has(g)) all.add(g);
	return all;
};
const preview = withImports(lazyOf(embed, 'preview-'), embed.eager);
const bulk = withImports(lazyOf(embed, 'ui-'), new Set([...embed.eager, ...preview]));
const compiler = fs
	.readdirSync(path.join(dir, 'storefront'))
	.filter((f) => /^compiler-.*\.js$/.test(f))
	.map((f) => `storefront/${f}`);
const list = (files: Iterable<string>) => `[${[...files].join(', ')}]`;
console.log('Storefront scripts (gzip -9 of build/storefront):');
console.log(`  /embed.js alone                          ${kib(gzipOf('embed.js'))}`);
console.log(
	`  /embed.js + static imports (first paint) ${kib(sum(embed.eager))}  ${list(embed.eager)}`
);
console.log(`  + the preview (Konva), loaded lazily     ${kib(sum(preview))}  ${list(preview)}`);
console.log(`  + the bulk mode (\`bulk\` attribute only)  ${kib(sum(bulk))}  ${list(bulk)}`);
console.log(
	`  everything /embed.js loads, no bulk      ${kib(sum(embed.eager) + sum(preview))}  (target < 90 KiB)`
);
console.log(
	`  everything /embed.js loads, with bulk    ${kib(sum(embed.eager) + sum(preview) + sum(bulk))}  (target < 90 KiB)`
);
console.log(
	`  (not loaded: the rules compiler, only for rules that come uncompiled ${kib(sum(compiler))}  ${list(compiler)})`
);
console.log(
	`  /runtime.js + its imports (no UI/Konva)  ${kib(sum(runtime.eager))}  ${list(runtime.eager)}  (target < 25 KiB)`
);

const server = await startServer({ env: { ATELIER_SEED: '1' } });
const browser = await launchChromium();
try {
	const handles = ['team-jersey', 'engraved-pendant', 'modular-sofa'];
	console.log('\nDemo store pages in headless Chromium (this machine, 2 shared cores):');
	for (const handle of handles) {
		const url = `${server.url}/demo-store/${handle}`;
		const cold: number[] = [];
		const warm: number[] = [];
		let scriptBytes = 0;
		let loaded: string[] = [];
		for (let run = 0; run < 5; run++) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const page = await context.newPage();
			await page.addInitScript(() => {
				document.addEventListener('atelier:preview-painted', () => {
					const w = window as unknown as { __paintedAt?: number };
					w.__paintedAt ??= performance.now();
				});
			});
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			const types = new Map<string, string>();
			const scripts = new Set<string>();
			let bytes = 0;
			cdp.on('Network.responseReceived', (e) => {
				types.set(e.requestId, e.type);
				const { pathname } = new URL(e.response.url);
				if (e.type === 'Script' && fs.existsSync(path.join(dir, pathname)))
					scripts.add(pathname.slice(1));
			});
			cdp.on('Network.loadingFinished', (e) => {
				if (types.get(e.requestId) === 'Script') bytes += e.encodedDataLength;
			});
			const paintedAt = async () => {
				await page.waitForFunction(
					() => (window as unknown as { __paintedAt?: number }).__paintedAt !== undefined,
					undefined,
					{ timeout: 30_000 }
				);
				return page.evaluate(() => (window as unknown as { __paintedAt: number }).__paintedAt);
			};
			await page.goto(url);
			cold.push(await paintedAt());
			if (run === 0) {
				await page.waitForLoadState('networkidle');
				scriptBytes = bytes;
				loaded = [...scripts];
			}
			// Same context: the scripts now come from the HTTP cache.
			await page.reload();
			warm.push(await paintedAt());
			await context.close();
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
		console.log(
			`  ${handle.padEnd(18)} scripts loaded ${kib(sum(loaded)).padStart(9)} gzip -9 (${loaded.length} files; ${kib(scriptBytes)} on the wire with headers) · first painted preview: cold median ${median(cold).toFixed(0)} ms (min ${Math.min(...cold).toFixed(0)}, max ${Math.max(...cold).toFixed(0)}), warm median ${median(warm).toFixed(0)} ms`
		);
	}
} finally {
	await browser.close();
	await server.stop();
}
