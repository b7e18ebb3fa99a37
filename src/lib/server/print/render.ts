import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import {
	computeScene,
	printRegion,
	sceneToSvg,
	type Definition,
	type Evaluation,
	type PrintRegion,
	type Scene,
	type SceneAsset,
	type SceneItem,
	type SceneTextItem
} from '$lib/core';
import { FontCache, outlineText } from './fonts';

/**
 * The print renderer: draws the scene the storefront preview draws (core `computeScene`) as
 * SVG with text as outlines, and rasterizes that SVG for PNGs. Files come from `PrintFiles`, so
 * the renderer works the same on static sample art, stored assets and customer uploads.
 */

/** The bytes of something a scene refers to. */
export interface FileBytes {
	bytes: Uint8Array;
	mime: string;
}

export interface PrintFiles {
	/** A scene asset (image art or a font file), or null when it cannot be found. */
	asset(asset: SceneAsset): Promise<FileBytes | null>;
	/** A customer upload by its reference, or null. */
	upload(ref: string): Promise<FileBytes | null>;
}

/** Reads `/samples/...`-style asset paths from the app's static folders, never outside them. */
export function staticFiles(roots: string[]): Pick<PrintFiles, 'asset'> {
	return {
		async asset(asset) {
			if (!asset.path || !asset.path.startsWith('/')) return null;
			for (const root of roots) {
				const resolved = path.resolve(root, `.${decodeURI(asset.path)}`);
				if (!resolved.startsWith(path.resolve(root) + path.sep)) return null;
				try {
					return { bytes: await fs.readFile(resolved), mime: asset.mime };
				} catch {
					// Not in this root; try the next.
				}
			}
			return null;
		}
	};
}

/** The fonts of scenes, read through the same files as their art. */
export function fontsFrom(files: Pick<PrintFiles, 'asset'>): FontCache {
	return new FontCache({
		read: async (font) => (font.asset ? ((await files.asset(font.asset))?.bytes ?? null) : null)
	});
}

export interface RenderedArea {
	viewId: string;
	areaId: string;
	region: PrintRegion;
	svg: string;
	png: Buffer;
	/** What could not be drawn (a missing file or font), per layer. */
	warnings: { layerId: string; message: string }[];
}

const dataUri = (file: FileBytes) =>
	`data:${file.mime};base64,${Buffer.from(file.bytes).toString('base64')}`;

/** Loads every image and font a scene needs, so the SVG writer can stay synchronous. */
async function prepare(scene: Scene, files: PrintFiles, fonts: FontCache) {
	const images = new Map<SceneItem, string>();
	const outlines = new Map<SceneItem, string>();
	const warnings: RenderedArea['warnings'] = [];
	await Promise.all(
		scene.items.map(async (item) => {
			if (item.kind === 'text') {
				const font = await fonts.load(item.font);
				if (!font) {
					warnings.push({ layerId: item.layerId, message: `font "${item.font.id}" is missing` });
					return;
				}
				outlines.set(item, outlineText(font, item));
				return;
			}
			const file =
				item.kind === 'image' ? await files.asset(item.asset) : await files.upload(item.uploadRef);
			if (!file) {
				const what = item.kind === 'image' ? `art "${item.asset.id}"` : 'the customer upload';
				warnings.push({ layerId: item.layerId, message: `${what} could not be read` });
				return;
			}
			images.set(item, dataUri(file));
		})
	);
	return {
		warnings: [...scene.warnings, ...warnings],
		image: (item: SceneItem) => {
			const href = images.get(item);
			return href ? { href } : null;
		},
		textOutline: (item: SceneTextItem) => outlines.get(item) ?? null
	};
}

/** Rasterizes an SVG whose width/height attributes are its pixel size. */
export function rasterize(svg: string): Promise<Buffer> {
	return sharp(Buffer.from(svg), { density: 72, limitInputPixels: 400_000_000 })
		.png({ compressionLevel: 6 })
		.toBuffer();
}

/**
 * The print files of one print area of a scene: SVG (vector, outlines) and PNG at the DPI.
 * Only the layers placed in that print area are printed; the rest of the scene (the garment, its
 * shading) is the mockup around them, drawn by the preview but never by the printer.
 */
export async function renderPrintArea(
	fullScene: Scene,
	areaId: string,
	files: PrintFiles,
	fonts: FontCache,
	options: { dpi?: number } = {}
): Promise<RenderedArea> {
	const region = printRegion(fullScene, areaId, options.dpi);
	const scene = {
		...fullScene,
		items: fullScene.items.filter((item) => item.clip?.printArea === areaId)
	};
	const prepared = await prepare(scene, files, fonts);
	const common = { region: region.rect, clipTo: 'bleedRect' as const, ...prepared };
	const svg = sceneToSvg(scene, {
		...common,
		width: `${region.widthMm.toFixed(3)}mm`,
		height: `${region.heightMm.toFixed(3)}mm`
	});
	const png = await rasterize(
		sceneToSvg(scene, { ...common, width: String(region.width), height: String(region.height) })
	);
	return { viewId: scene.viewId, areaId, region, svg, png, warnings: prepared.warnings };
}

/** Every print area of every view of a configuration, as the workshop receives them. */
export async function renderPrintFiles(
	definition: Definition,
	evaluation: Evaluation,
	files: PrintFiles,
	fonts: FontCache,
	options: { dpi?: number } = {}
): Promise<RenderedArea[]> {
	const out: RenderedArea[] = [];
	for (const view of definition.views) {
		const scene = computeScene(definition, evaluation, view.id);
		for (const area of scene.printAreas) {
			out.push(await renderPrintArea(scene, area.id, files, fonts, options));
		}
	}
	return out;
}

/** The whole view as the preview shows it (clipped to the print areas), `width` pixels wide. */
export async function renderViewPng(
	scene: Scene,
	files: PrintFiles,
	fonts: FontCache,
	width: number
): Promise<{ png: Buffer; warnings: RenderedArea['warnings'] }> {
	const prepared = await prepare(scene, files, fonts);
	const height = Math.round((width * scene.size.height) / scene.size.width);
	const svg = sceneToSvg(scene, {
		region: { x: 0, y: 0, ...scene.size },
		clipTo: 'rect',
		width: String(width),
		height: String(height),
		...prepared
	});
	return { png: await rasterize(svg), warnings: prepared.warnings };
}
