import type { Rect } from '../definition/common.js';
import type { Scene, ScenePrintArea } from '../scene/scene.js';

/** Millimetres per inch. */
const MM_PER_INCH = 25.4;

/** Where one print file comes from in the view, and how many pixels it has at its DPI. */
export interface PrintRegion {
	area: ScenePrintArea;
	/** The region of the view the file covers, in view pixels: the print area grown by its bleed. */
	rect: Rect;
	/** Output pixels per view pixel at the area's DPI. */
	scale: number;
	/** The file's size in output pixels (rounded up, never 0). */
	width: number;
	height: number;
	/** The file's physical size in millimetres (with bleed). */
	widthMm: number;
	heightMm: number;
}

/** View pixels per inch of the view, from its physical size. */
export function viewPixelsPerInch(scene: Pick<Scene, 'size' | 'physicalSize'>): number {
	const { width, unit } = scene.physicalSize;
	const inches = unit === 'in' ? width : width / MM_PER_INCH;
	return scene.size.width / inches;
}

/**
 * The print region of `areaId` at `dpi` (the area's own DPI unless given): the bleed rectangle
 * scaled so one inch of the product is `dpi` pixels.
 */
export function printRegion(scene: Scene, areaId: string, dpi?: number): PrintRegion {
	const area = scene.printAreas.find((candidate) => candidate.id === areaId);
	if (!area) throw new Error(`view "${scene.viewId}" has no print area "${areaId}"`);
	const pixelsPerInch = viewPixelsPerInch(scene);
	const scale = (dpi ?? area.dpi) / pixelsPerInch;
	const rect = area.bleedRect;
	const mmPerViewPixel = MM_PER_INCH / pixelsPerInch;
	return {
		area,
		rect,
		scale,
		width: Math.max(1, Math.ceil(rect.width * scale - 1e-9)),
		height: Math.max(1, Math.ceil(rect.height * scale - 1e-9)),
		widthMm: rect.width * mmPerViewPixel,
		heightMm: rect.height * mmPerViewPixel
	};
}
