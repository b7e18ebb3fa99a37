import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { productionSpec } from '$lib/core';
import { engineFor, sample } from '$lib/core/scene/test-samples';
import {
	fileNamePart,
	printFileName,
	productionPackage,
	workOrderSummary,
	type PackageItem
} from './package';
import { fontsFrom, staticFiles, type PrintFiles } from './render';

const root = path.resolve(import.meta.dirname, '../../../..');
const statics = staticFiles([path.join(root, 'static')]);
let logo: Buffer;
const files: PrintFiles = {
	asset: statics.asset,
	upload: async (ref) => (ref === 'upload-logo' ? { bytes: logo, mime: 'image/png' } : null)
};
const fonts = () => fontsFrom(statics);

beforeAll(async () => {
	logo = await sharp({
		create: { width: 600, height: 600, channels: 4, background: '#1f6feb' }
	})
		.png()
		.toBuffer();
});

function jerseyItem(
	index: number,
	player: { size: string; name: string; number: number } = { size: 'm', name: 'OKAFOR', number: 9 }
): PackageItem {
	const definition = sample('team-jersey');
	const engine = engineFor(definition);
	const configuration = {
		selections: {
			...player,
			logo: { ref: 'upload-logo', format: 'image/png', width: 600, height: 600 }
		}
	};
	const evaluation = engine.evaluate(configuration);
	expect(evaluation.complete).toBe(true);
	const result = productionSpec(engine, 3, configuration, { orderDate: '2026-11-27' });
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return { index, definition, evaluation, spec: result.spec };
}

describe('file names', () => {
	it('follow {order}-{item}-{view}-{area} with safe characters only', () => {
		expect(printFileName('1042', 2, 'back', 'name')).toBe('1042-2-back-name');
		expect(fileNamePart('../Ünïcode name/*')).toBe('Unicode-name');
		expect(fileNamePart('')).toBe('x');
	});
});

describe('productionPackage', () => {
	it('produces a PDF, SVG and PNG per used print area, a work order, and a zip of them all', async () => {
		const item = jerseyItem(1);
		const progress: number[] = [];
		const result = await productionPackage({
			orderNumber: '1042',
			storeName: 'Demo Store',
			items: [item],
			files,
			fonts: fonts(),
			onProgress: (done, total) => progress.push(done / total)
		});
		const used = item.spec.printAreas.filter((area) => area.layers.length > 0);
		expect(used.length).toBeGreaterThanOrEqual(2);
		for (const area of used) {
			const base = `1042-1-${area.viewId}-${area.areaId}`;
			const pdf = result.files.find((file) => file.name === `${base}.pdf`);
			const png = result.files.find((file) => file.name === `${base}.png`);
			expect(result.files.some((file) => file.name === `${base}.svg`)).toBe(true);
			expect(Buffer.from(pdf!.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
			// The print renderer and the production spec agree on the file's pixel size.
			const meta = await sharp(png!.bytes).metadata();
			expect([meta.width, meta.height]).toEqual([area.filePixels.width, area.filePixels.height]);
		}
		const workOrder = result.files.find((file) => file.kind === 'work-order');
		expect(workOrder?.name).toBe('1042-work-order.pdf');
		expect(progress.at(-1)).toBe(1);

		const unzipped = unzipSync(result.zip);
		expect(Object.keys(unzipped).sort()).toEqual(result.files.map((file) => file.name).sort());
		expect(result.zipName).toBe('1042-production.zip');
	});

	it('flags an upload printed below its print area DPI', async () => {
		const result = await productionPackage({
			orderNumber: '7',
			storeName: 'Demo Store',
			items: [jerseyItem(1)],
			files,
			fonts: fonts()
		});
		const lowResolution = result.warnings.filter((warning) =>
			/prints at \d+ DPI/.test(warning.message)
		);
		expect(lowResolution).toHaveLength(1);
		expect(lowResolution[0].message).toMatch(/needs 150/);
	});

	it('opens a team order’s work order with the blanks to pick and one row per player', async () => {
		const items = [
			jerseyItem(1, { size: 'm', name: 'OKAFOR', number: 9 }),
			jerseyItem(2, { size: 'l', name: 'LI', number: 23 }),
			jerseyItem(3, { size: 'm', name: 'SILVA', number: 4 })
		];
		const summary = workOrderSummary(items);
		expect(summary.blanks).toEqual([
			{ sku: items[0].spec.sku, product: 'Team jersey', quantity: 2 },
			{ sku: items[1].spec.sku, product: 'Team jersey', quantity: 1 }
		]);
		expect(summary.rows.map((row) => [row.item, row.personal, row.sku])).toEqual([
			[1, 'OKAFOR · 9', items[0].spec.sku],
			[2, 'LI · 23', items[1].spec.sku],
			[3, 'SILVA · 4', items[2].spec.sku]
		]);
		// Choices only: the uploaded logo is in the print files, not in the roster.
		expect(summary.rows[1].choices).toContain('L');
		expect(summary.rows[1].choices).not.toMatch(/upload/i);

		const result = await productionPackage({
			orderNumber: '88',
			storeName: 'Demo Store',
			items,
			files,
			fonts: fonts()
		});
		const workOrder = result.files.find((file) => file.kind === 'work-order')!;
		// The summary page, then one page per item.
		const pages = Buffer.from(workOrder.bytes)
			.toString('latin1')
			.match(/\/Type \/Page\b/g);
		expect(pages).toHaveLength(4);
	});
});
