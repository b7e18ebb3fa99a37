import { createRequire } from 'node:module';
import { zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import {
	computeScene,
	formatMoney,
	isPersonalAnswer,
	uploadResolutions,
	type Definition,
	type Evaluation,
	type ProductionSpec
} from '$lib/core';
import type { FontCache } from './fonts';
import { pdfBuffer, printAreaPdf } from './pdf';
import { renderPrintArea, renderViewPng, type PrintFiles } from './render';

/**
 * Everything the workshop receives for one order: per item and print area a vector PDF, an SVG
 * and a PNG at the area's DPI, a work-order PDF (spec, thumbnails, SKU, ship-by date) and one zip
 * of it all. Pure of storage: the orders module stores the result and reports progress.
 */

export interface PackageItem {
	/** 1-based position in the order, used in file names. */
	index: number;
	definition: Definition;
	evaluation: Evaluation;
	spec: ProductionSpec;
}

export interface PackageInput {
	/** The order's number as the merchant sees it, e.g. "1042". */
	orderNumber: string;
	storeName: string;
	items: PackageItem[];
	files: PrintFiles;
	fonts: FontCache;
	/** Override every area's DPI (e.g. 300 for a proof); the area's own DPI by default. */
	dpi?: number;
	/** Called after each file is produced. */
	onProgress?(done: number, total: number): void;
}

export interface PackageFile {
	name: string;
	bytes: Uint8Array;
	kind: 'pdf' | 'svg' | 'png' | 'work-order';
}

export interface ProductionPackage {
	files: PackageFile[];
	zip: Uint8Array;
	zipName: string;
	/** Problems the workshop must see (missing art, low-resolution uploads), per item. */
	warnings: { item: number; message: string }[];
}

/** A file-name part: letters, digits and dashes only, so names survive every file system. */
export function fileNamePart(value: string): string {
	return (
		value
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^\w-]+/g, '-')
			.replace(/-+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 40) || 'x'
	);
}

/** `{order}-{item}-{view}-{area}` — the templated base name of one print file. */
export function printFileName(order: string, item: number, view: string, area: string): string {
	return [order, String(item), view, area].map(fileNamePart).join('-');
}

const require = createRequire(import.meta.url);
/** Inter (OFL, from @fontsource/inter) for the work order; WOFF, which PDFKit can subset. */
const WORK_ORDER_FONTS = {
	regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
	bold: require.resolve('@fontsource/inter/files/inter-latin-700-normal.woff')
};

/** The first page of a work order with several items: what to pick and who gets what. */
export interface WorkOrderSummary {
	/** Pieces per SKU (the blanks to pick), in order of first appearance. */
	blanks: { sku: string; product: string; quantity: number }[];
	/** One row per item: its personal answers (texts, numbers) apart from its choices. */
	rows: { item: number; personal: string; choices: string; sku: string; quantity: number }[];
}

export function workOrderSummary(items: readonly PackageItem[]): WorkOrderSummary {
	const blanks = new Map<string, WorkOrderSummary['blanks'][number]>();
	const rows: WorkOrderSummary['rows'] = [];
	for (const { index, spec } of items) {
		const known = blanks.get(spec.sku);
		if (known) known.quantity += spec.quantity;
		else
			blanks.set(spec.sku, { sku: spec.sku, product: spec.product.name, quantity: spec.quantity });
		rows.push({
			item: index,
			personal: spec.answers
				.filter(isPersonalAnswer)
				.map((answer) => answer.display)
				.join(' · '),
			choices: spec.answers
				.filter((answer) => !isPersonalAnswer(answer) && !answer.upload)
				.map((answer) => answer.display)
				.join(' · '),
			sku: spec.sku,
			quantity: spec.quantity
		});
	}
	return { blanks: [...blanks.values()], rows };
}

/** The summary as the work order's first pages: blanks by SKU, then a table of the items. */
function drawSummary(document: PDFKit.PDFDocument, summary: WorkOrderSummary) {
	const left = document.page.margins.left;
	const width = document.page.width - left - document.page.margins.right;
	const bottom = () => document.page.height - document.page.margins.bottom;
	document.font('bold').fontSize(13).fillColor('#111111').text('Blanks to pick');
	document.font('regular').fontSize(10).fillColor('#333333');
	for (const blank of summary.blanks)
		document.text(`${blank.quantity} × ${blank.sku}   ${blank.product}`);
	document.moveDown();
	document.font('bold').fontSize(13).fillColor('#111111').text('Items');
	document.moveDown(0.3);
	// Item, personalization, options, SKU, quantity: widths in points.
	const columns = [28, width * 0.3, width * 0.34, width * 0.36 - 28 - 30, 30];
	const xs = columns.map((_, i) => left + columns.slice(0, i).reduce((sum, w) => sum + w, 0));
	const row = (cells: string[], font: 'regular' | 'bold') => {
		document.font(font).fontSize(9);
		const height = Math.max(
			...cells.map((cell, i) => document.heightOfString(cell || ' ', { width: columns[i] - 6 }))
		);
		if (document.y + height > bottom()) document.addPage();
		const top = document.y;
		cells.forEach((cell, i) =>
			document.text(cell, xs[i], top, {
				width: columns[i] - 6,
				align: i === cells.length - 1 ? 'right' : 'left'
			})
		);
		document
			.moveTo(left, top + height + 3)
			.lineTo(left + width, top + height + 3)
			.lineWidth(0.5)
			.strokeColor('#dddddd')
			.stroke();
		document.x = left;
		document.y = top + height + 6;
	};
	document.fillColor('#555555');
	row(['#', 'Personalization', 'Options', 'SKU', 'Qty'], 'bold');
	document.fillColor('#222222');
	for (const item of summary.rows)
		row(
			[String(item.item), item.personal, item.choices, item.sku, String(item.quantity)],
			'regular'
		);
}

async function workOrderPdf(
	input: PackageInput,
	thumbnails: Map<number, Buffer[]>,
	printFiles: Map<number, string[]>,
	warnings: ProductionPackage['warnings']
): Promise<Buffer> {
	const document = new PDFDocument({
		size: 'A4',
		margin: 48,
		info: { Title: `Work order ${input.orderNumber}`, Producer: 'Atelier' }
	});
	document.registerFont('regular', WORK_ORDER_FONTS.regular);
	document.registerFont('bold', WORK_ORDER_FONTS.bold);
	const left = document.page.margins.left;
	const contentWidth = document.page.width - left - document.page.margins.right;

	document.font('bold').fontSize(18).text(`Work order #${input.orderNumber}`);
	document.font('regular').fontSize(10).fillColor('#555555').text(input.storeName);
	document.moveDown();
	// A team's order: the floor first sees what to pick and who gets what, then one page per item.
	const summarized = input.items.length > 1;
	if (summarized) drawSummary(document, workOrderSummary(input.items));

	for (const [position, item] of input.items.entries()) {
		const { spec } = item;
		if (position > 0 || summarized) document.addPage();
		document.fillColor('#111111').font('bold').fontSize(13);
		document.text(`Item ${item.index} · ${spec.product.name} (version ${spec.version})`);
		document.font('regular').fontSize(10).fillColor('#333333');
		document.text(`SKU ${spec.sku}   ·   Quantity ${spec.quantity}   ·   Ship by ${spec.shipBy}`);
		document.text(
			`Ordered ${spec.orderDate}   ·   Lead time ${spec.leadTimeDays} days${spec.rushTier ? ` (${spec.rushTier.label})` : ''}   ·   Total ${formatMoney(spec.price.total, spec.price.currency, spec.price.minorUnits)}`
		);
		document.moveDown(0.5);

		const images = thumbnails.get(item.index) ?? [];
		if (images.length) {
			const size = Math.min(150, (contentWidth - 12 * (images.length - 1)) / images.length);
			const top = document.y;
			images.forEach((png, i) => {
				document.image(png, left + i * (size + 12), top, { fit: [size, size] });
			});
			document.y = top + size + 8;
			document.x = left;
		}

		document.font('bold').fontSize(11).fillColor('#111111').text('Answers');
		document.font('regular').fontSize(10).fillColor('#333333');
		for (const answer of spec.answers) {
			document.text(`${answer.label}: ${answer.display}`, { width: contentWidth });
		}
		document.moveDown(0.5);
		document.font('bold').fontSize(11).fillColor('#111111').text('Print files');
		document.font('regular').fontSize(10).fillColor('#333333');
		for (const name of printFiles.get(item.index) ?? []) document.text(name);
		const itemWarnings = warnings.filter((warning) => warning.item === item.index);
		if (itemWarnings.length) {
			document.moveDown(0.5);
			document.font('bold').fontSize(11).fillColor('#b42318').text('Check before printing');
			document.font('regular').fontSize(10);
			for (const warning of itemWarnings)
				document.text(`• ${warning.message}`, { width: contentWidth });
		}
	}
	return pdfBuffer(document);
}

/** Produces every file of an order and the zip that holds them. */
export async function productionPackage(input: PackageInput): Promise<ProductionPackage> {
	const files: PackageFile[] = [];
	const warnings: ProductionPackage['warnings'] = [];
	const thumbnails = new Map<number, Buffer[]>();
	const printFiles = new Map<number, string[]>();
	const order = input.orderNumber;
	const total =
		input.items.reduce(
			(sum, item) => sum + item.spec.printAreas.filter((area) => area.layers.length > 0).length,
			0
		) + 1;
	let done = 0;
	const progress = () => input.onProgress?.(++done, total);

	for (const item of input.items) {
		const names: string[] = [];
		const views: Buffer[] = [];
		for (const view of item.definition.views) {
			const scene = computeScene(item.definition, item.evaluation, view.id);
			views.push((await renderViewPng(scene, input.files, input.fonts, 300)).png);
			for (const resolution of uploadResolutions(scene)) {
				if (resolution.low) {
					warnings.push({
						item: item.index,
						message: `the upload in ${view.label} / ${resolution.printArea} prints at ${resolution.effectiveDpi} DPI; the area needs ${resolution.requiredDpi}`
					});
				}
			}
			for (const area of scene.printAreas) {
				const specArea = item.spec.printAreas.find(
					(candidate) => candidate.viewId === view.id && candidate.areaId === area.id
				);
				// Nothing is placed in this area for this configuration: no file to print.
				if (!specArea || specArea.layers.length === 0) continue;
				const base = printFileName(order, item.index, view.id, area.id);
				const raster = await renderPrintArea(scene, area.id, input.files, input.fonts, {
					dpi: input.dpi
				});
				const vector = await printAreaPdf(scene, area.id, input.files, input.fonts, {
					dpi: input.dpi,
					title: base
				});
				for (const warning of [...raster.warnings, ...vector.warnings]) {
					const message = `${view.label} / ${area.label}: ${warning.message}`;
					if (!warnings.some((w) => w.item === item.index && w.message === message)) {
						warnings.push({ item: item.index, message });
					}
				}
				files.push({ name: `${base}.pdf`, bytes: vector.pdf, kind: 'pdf' });
				files.push({
					name: `${base}.svg`,
					bytes: new TextEncoder().encode(raster.svg),
					kind: 'svg'
				});
				files.push({ name: `${base}.png`, bytes: raster.png, kind: 'png' });
				names.push(`${base}.pdf / .svg / .png — ${raster.region.width}×${raster.region.height} px`);
				progress();
			}
		}
		thumbnails.set(item.index, views);
		printFiles.set(item.index, names);
	}
	const workOrder = await workOrderPdf(input, thumbnails, printFiles, warnings);
	files.push({
		name: `${fileNamePart(order)}-work-order.pdf`,
		bytes: workOrder,
		kind: 'work-order'
	});
	progress();
	// PNGs and PDFs are compressed already: store them; deflate the SVGs.
	const zip = zipSync(
		Object.fromEntries(
			files.map((file) => [file.name, [file.bytes, { level: file.kind === 'svg' ? 6 : 0 }]])
		)
	);
	return { files, zip, zipName: `${fileNamePart(order)}-production.zip`, warnings };
}
