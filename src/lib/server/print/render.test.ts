import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { computeScene } from '$lib/core';
import { engineFor, sample, SAMPLE_HANDLES } from '$lib/core/scene/test-samples';
import {
	renderPrintArea,
	renderPrintFiles,
	renderViewPng,
	fontsFrom,
	staticFiles,
	type PrintFiles
} from './render';

const root = path.resolve(import.meta.dirname, '../../../..');
const statics = staticFiles([path.join(root, 'static')]);
const files: PrintFiles = { asset: statics.asset, upload: async () => null };
const fonts = () => fontsFrom(statics);

/** How many pixels of two same-sized PNGs differ by more than `tolerance` in any channel. */
async function differingPixels(a: Buffer, b: Buffer, tolerance = 8): Promise<number> {
	const [left, right] = await Promise.all(
		[a, b].map((png) => sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true }))
	);
	expect(left.info.width).toBe(right.info.width);
	let count = 0;
	for (let i = 0; i < left.data.length; i += 4) {
		for (let c = 0; c < 4; c++) {
			if (Math.abs(left.data[i + c] - right.data[i + c]) > tolerance) {
				count++;
				break;
			}
		}
	}
	return count;
}

describe('print renderer', () => {
	it('renders every print area of every sample with all its art and fonts', async () => {
		for (const handle of SAMPLE_HANDLES) {
			const def = sample(handle);
			const engine = engineFor(def);
			const evaluation = engine.evaluate({ selections: {} });
			const rendered = await renderPrintFiles(def, evaluation, files, fonts());
			const areas = def.views.flatMap((view) => view.printAreas.map((area) => area.id));
			expect(rendered.map((file) => file.areaId).sort()).toEqual([...areas].sort());
			for (const file of rendered) {
				const meta = await sharp(file.png).metadata();
				expect([meta.width, meta.height]).toEqual([file.region.width, file.region.height]);
				expect(file.svg.startsWith('<svg')).toBe(true);
				expect(file.warnings.filter((w) => /could not be read|missing/.test(w.message))).toEqual(
					[]
				);
			}
		}
	});

	it('draws the customer text as outlines that change the printed pixels', async () => {
		const def = sample('team-jersey');
		const engine = engineFor(def);
		const named = computeScene(def, engine.evaluate({ selections: { name: 'OKAFOR' } }), 'back');
		const unnamed = computeScene(def, engine.evaluate({ selections: {} }), 'back');
		const area = named.printAreas[0].id;
		const withName = await renderPrintArea(named, area, files, fonts());
		const without = await renderPrintArea(unnamed, area, files, fonts());
		expect(withName.svg).not.toContain('<text');
		expect(withName.svg).toMatch(/<path d="M[-\d.]+/);
		// The garment is mockup, not print: without a name the name's print file is empty.
		const { data } = await sharp(without.png)
			.ensureAlpha()
			.raw()
			.toBuffer({ resolveWithObject: true });
		expect(data.some((value, index) => index % 4 === 3 && value !== 0)).toBe(false);
		const changed = await differingPixels(withName.png, without.png);
		// The name covers a real share of its area, not a few stray pixels.
		expect(changed / (withName.region.width * withName.region.height)).toBeGreaterThan(0.02);
	});

	it('renders a whole view for previews at the width asked', async () => {
		const def = sample('engraved-pendant');
		const scene = computeScene(def, engineFor(def).evaluate({ selections: {} }), def.views[0].id);
		const { png } = await renderViewPng(scene, files, fonts(), 400);
		const meta = await sharp(png).metadata();
		expect(meta.width).toBe(400);
		expect(meta.height).toBe(Math.round((400 * scene.size.height) / scene.size.width));
	});
});
