// Prints how long the production files of one two-view order item take at 300 DPI (the team
// jersey sample: front and back, a name, a number and a logo upload) and the size of the zip.
// A figure to read, not a test: `npm run measure:print`.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createEngine, parseDefinition, productionSpec } from '../src/lib/core/index.js';
import { productionPackage } from '../src/lib/server/print/package.js';
import { fontsFrom, staticFiles } from '../src/lib/server/print/render.js';

const root = path.resolve(import.meta.dirname, '..');
const parsed = parseDefinition(
	JSON.parse(fs.readFileSync(path.join(root, 'static/samples/team-jersey/definition.json'), 'utf8'))
);
if (!parsed.ok) throw new Error('the team jersey sample does not parse');
const definition = parsed.definition;
const engine = createEngine(definition);
const logo = await sharp({
	create: { width: 1200, height: 1200, channels: 4, background: '#1f6feb' }
})
	.png()
	.toBuffer();
const configuration = {
	selections: {
		size: 'l',
		name: 'OKAFOR',
		number: 9,
		logo: { ref: 'logo', format: 'image/png', width: 1200, height: 1200 }
	}
};
const evaluation = engine.evaluate(configuration);
const spec = productionSpec(engine, 1, configuration, { orderDate: '2026-11-27' });
if (!spec.ok) throw new Error(JSON.stringify(spec.errors));
const statics = staticFiles([path.join(root, 'static')]);

const times: number[] = [];
let zipBytes = 0;
let fileCount = 0;
for (let run = 0; run < 5; run++) {
	const fonts = fontsFrom(statics);
	const start = performance.now();
	const result = await productionPackage({
		orderNumber: '1001',
		storeName: 'Demo Store',
		items: [{ index: 1, definition, evaluation, spec: spec.spec }],
		files: { asset: statics.asset, upload: async () => ({ bytes: logo, mime: 'image/png' }) },
		fonts,
		dpi: 300
	});
	times.push(performance.now() - start);
	zipBytes = result.zip.length;
	fileCount = result.files.length;
}
times.sort((a, b) => a - b);
console.log(
	`two-view item at 300 DPI: median ${times[2].toFixed(0)} ms, best ${times[0].toFixed(0)} ms (5 runs, cold font cache each); ${fileCount} files, zip ${(zipBytes / 1024).toFixed(0)} KiB`
);
