import type { Scene } from '../scene/scene.js';
import { viewPixelsPerInch } from './geometry.js';

/** A customer upload's effective resolution where it is printed. */
export interface UploadResolution {
	layerId: string;
	optionId: string;
	printArea: string | null;
	/** Upload pixels per printed inch (the lower of width and height). */
	effectiveDpi: number;
	/** The print area's DPI, the minimum the workshop asks for. */
	requiredDpi: number | null;
	/** True when the upload is printed below the area's DPI (it will look soft or blocky). */
	low: boolean;
}

/**
 * The effective DPI of every upload in a scene whose pixel size is known: its pixels over the
 * inches it covers when printed (the `placement` the scene computed for its fit). An upload
 * printed below its print area's DPI is flagged, for the customer before ordering and for the
 * workshop on the work order.
 */
export function uploadResolutions(scene: Scene): UploadResolution[] {
	const pixelsPerInch = viewPixelsPerInch(scene);
	const out: UploadResolution[] = [];
	for (const item of scene.items) {
		if (item.kind !== 'upload' || !item.placement) continue;
		const { width, height } = item.upload;
		if (!width || !height) continue;
		const inchesWide = item.placement.width / pixelsPerInch;
		const inchesHigh = item.placement.height / pixelsPerInch;
		const effectiveDpi = Math.floor(Math.min(width / inchesWide, height / inchesHigh));
		const area = item.clip
			? scene.printAreas.find((candidate) => candidate.id === item.clip?.printArea)
			: undefined;
		const requiredDpi = area?.dpi ?? null;
		out.push({
			layerId: item.layerId,
			optionId: item.optionId,
			printArea: area?.id ?? null,
			effectiveDpi,
			requiredDpi,
			low: requiredDpi !== null && effectiveDpi < requiredDpi
		});
	}
	return out;
}
