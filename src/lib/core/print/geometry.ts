import type { Rect } from '../definition/common.js';
import type { Scene, ScenePrintArea } from '../scene/scene.js';

/** Millimetres per inch. */
const MM_PER_INCH = 25.4;

/** Where one print file comes from in the view, and how many pixels it has at its DPI. */
export interface PrintRegion {
	area: ScenePrintArea;
	/** The region of the view the file covers, in view pixels: the print area grown by its bleed. */
	rect: Rect;
	/** The DPI of the file. */
	dpi: number;
	/** The file's size in output pixels (the production spec's `filePixels`, same rounding). */
	width: number;
	height: number;
	/** The file's physical size in millimetres (with bleed). */
	widthMm: number;
	heightMm: number;
	/** Output pixels per view pixel, horizontally (as the DPI asks, before rounding). */
	scale: number;
}

/** View pixels per inch of the view, horizontally, from its physical size. */
export function viewPixelsPerInch(scene: Pick<Scene, 'size' | 'physicalSize'>): number {
	const { width, unit } = scene.physicalSize;
	const inches = unit === 'in' ? width : width / MM_PER_INCH;
	return scene.size.width / inches;
}

/**
 * The print region of `areaId` at `dpi` (the area's own DPI unless given): the bleed rectangle,
 * sized so one inch of the product is `dpi` pixels. The view's physical size gives the scale on
 * each axis, as in the production spec, so the two always agree on the file's pixel size.
 */
export function printRegion(scene: Scene, areaId: string, dpi?: number): PrintRegion {
	const area = scene.printAreas.find((candidate) => candidate.id === areaId);
	if (!area) throw new Error(`view "${scene.viewId}" has no print area "${areaId}"`);
	const fileDpi = dpi ?? area.dpi;
	const { physicalSize, size } = scene;
	const mmPerUnit = physicalSize.unit === 'in' ? MM_PER_INCH : 1;
	const mmPerPixelX = (physicalSize.width * mmPerUnit) / size.width;
	const mmPerPixelY = (physicalSize.height * mmPerUnit) / size.height;
	const rect = area.bleedRect;
	const widthMm = rect.width * mmPerPixelX;
	const heightMm = rect.height * mmPerPixelY;
	return {
		area,
		rect,
		dpi: fileDpi,
		width: Math.max(1, Math.round((widthMm / MM_PER_INCH) * fileDpi)),
		height: Math.max(1, Math.round((heightMm / MM_PER_INCH) * fileDpi)),
		widthMm,
		heightMm,
		scale: (mmPerPixelX / MM_PER_INCH) * fileDpi
	};
}
