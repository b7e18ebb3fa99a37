import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { printRegion, type Rect, type Scene, type SceneItem } from '$lib/core';
import { FontCache, outlineText } from './fonts';
import type { FileBytes, PrintFiles } from './render';

/**
 * A print area as a vector PDF: the same items `renderPrintArea` draws, at the area's physical
 * size with its bleed, text as outlines (no font needed at the printer), clipped to the bleed.
 * Raster art is embedded as is; SVG art is rasterized at the area's DPI (a PDF cannot hold SVG).
 */

const POINTS_PER_MM = 72 / 25.4;

/** Collects a PDFKit document into one buffer. */
export function pdfBuffer(document: PDFKit.PDFDocument): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		document.on('data', (chunk: Buffer) => chunks.push(chunk));
		document.on('end', () => resolve(Buffer.concat(chunks)));
		document.on('error', reject);
		document.end();
	});
}

/** PNG or JPEG bytes PDFKit can embed; SVG (and WebP) are rasterized to `pixels` first. */
async function embeddable(file: FileBytes, pixels: { width: number; height: number }) {
	if (file.mime === 'image/png' || file.mime === 'image/jpeg') return Buffer.from(file.bytes);
	return sharp(Buffer.from(file.bytes), { density: 300, limitInputPixels: 100_000_000 })
		.resize(Math.max(1, Math.round(pixels.width)), Math.max(1, Math.round(pixels.height)), {
			fit: 'fill'
		})
		.png()
		.toBuffer();
}

function clip(document: PDFKit.PDFDocument, rect: Rect) {
	document.rect(rect.x, rect.y, rect.width, rect.height).clip();
}

async function drawItem(
	document: PDFKit.PDFDocument,
	item: SceneItem,
	files: PrintFiles,
	fonts: FontCache,
	outputScale: number,
	warnings: { layerId: string; message: string }[]
) {
	document.save();
	if (item.clip) clip(document, item.clip.bleedRect);
	if (item.opacity < 1) document.opacity(item.opacity);
	const { x, y, width, height, rotation } = item.transform;
	if (rotation) document.rotate(rotation, { origin: [x + width / 2, y + height / 2] });
	if (item.kind === 'text') {
		const font = await fonts.load(item.font);
		if (!font)
			warnings.push({ layerId: item.layerId, message: `font "${item.font.id}" is missing` });
		else {
			if (item.overflow) clip(document, item.box);
			const outline = outlineText(font, item);
			if (outline) document.path(outline).fill(item.color);
		}
	} else {
		const file =
			item.kind === 'image' ? await files.asset(item.asset) : await files.upload(item.uploadRef);
		if (!file) {
			const what = item.kind === 'image' ? `art "${item.asset.id}"` : 'the customer upload';
			warnings.push({ layerId: item.layerId, message: `${what} could not be read` });
		} else {
			let target: Rect = item.kind === 'image' ? { x, y, width, height } : item.box;
			if (item.kind === 'upload') {
				if (item.fit === 'cover') clip(document, item.box);
				if (item.placement) target = item.placement;
			}
			const image = await embeddable(file, {
				width: target.width * outputScale,
				height: target.height * outputScale
			});
			if (item.kind === 'upload' && !item.placement && item.fit !== 'fill') {
				const options = item.fit === 'cover' ? 'cover' : 'fit';
				document.image(image, target.x, target.y, {
					[options]: [target.width, target.height],
					align: 'center',
					valign: 'center'
				});
			} else {
				document.image(image, target.x, target.y, { width: target.width, height: target.height });
			}
		}
	}
	document.restore();
}

/** The vector print file of one print area (only the layers placed in it). */
export async function printAreaPdf(
	scene: Scene,
	areaId: string,
	files: PrintFiles,
	fonts: FontCache,
	options: { dpi?: number; title?: string } = {}
): Promise<{ pdf: Buffer; warnings: { layerId: string; message: string }[] }> {
	const region = printRegion(scene, areaId, options.dpi);
	const widthPt = region.widthMm * POINTS_PER_MM;
	const heightPt = region.heightMm * POINTS_PER_MM;
	const document = new PDFDocument({
		size: [widthPt, heightPt],
		margin: 0,
		autoFirstPage: true,
		info: { Title: options.title ?? `${scene.viewId} ${areaId}`, Producer: 'Atelier' }
	});
	// View pixels → points, with the bleed rectangle's corner at the page's corner.
	document.scale(widthPt / region.rect.width, heightPt / region.rect.height);
	document.translate(-region.rect.x, -region.rect.y);
	const warnings: { layerId: string; message: string }[] = [];
	for (const item of scene.items) {
		if (item.clip?.printArea !== areaId) continue;
		await drawItem(document, item, files, fonts, region.scale, warnings);
	}
	return { pdf: await pdfBuffer(document), warnings };
}
