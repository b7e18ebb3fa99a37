import Konva from 'konva/lib/Core';
import { Group } from 'konva/lib/Group';
import type { ConfigurationInput, Definition } from '$lib/core';
import { createEngine } from '$lib/core';
import { diffPixels, type DefinitionChange } from '$lib/core/diff/index.js';
import { computeScene } from '$lib/core/scene/index.js';
import { createSceneRenderer, loadImageElement } from '$lib/runtime/preview/index.js';
import { studioAssetUrl } from '../assets/urls';

/**
 * The visual diff of the publish dialog: a few sample configurations drawn with the storefront's
 * own Konva renderer before (live) and after (draft), per view, compared pixel by pixel.
 */

/** One view of one sample configuration, rendered both ways. */
export interface VisualComparison {
	sample: string;
	viewId: string;
	viewLabel: string;
	/** PNG data URLs; `before` is null when the live version has no such view. */
	before: string | null;
	after: string;
	/** Changed pixels highlighted on the faded draft image. */
	changes: string | null;
	changedPixels: number;
	totalPixels: number;
}

/** Rendering width of each picture, in pixels (the dialog shows three side by side). */
const WIDTH = 180;

/** At most this many sample configurations (each is drawn per view, twice). */
const MAX_SAMPLES = 4;

/**
 * The sample configurations: the product as it opens (defaults), each changed or added choice
 * selected (where a change most likely shows), then the draft's and the live version's scenario
 * tests — configurations the merchant already chose as typical.
 */
export function sampleConfigurations(
	before: Definition | null,
	after: Definition,
	changes: readonly DefinitionChange[]
): { name: string; configuration: ConfigurationInput }[] {
	const samples: { name: string; configuration: ConfigurationInput }[] = [
		{ name: 'as the product opens', configuration: { selections: {} } }
	];
	const seen = new Set<string>();
	for (const change of changes) {
		if (change.subject !== 'choice' || change.kind === 'removed') continue;
		const [optionId, choiceId] = change.ids;
		const option = after.options.find((o) => o.id === optionId);
		const choice =
			option && 'choices' in option ? option.choices.find((c) => c.id === choiceId) : undefined;
		if (!option || !choice || seen.has(`${optionId}/${choiceId}`)) continue;
		seen.add(`${optionId}/${choiceId}`);
		samples.push({
			name: `${option.label}: ${choice.label}`,
			configuration: {
				selections: { [option.id]: option.kind === 'multi' ? [choice.id] : choice.id }
			}
		});
	}
	for (const scenario of [...after.scenarios, ...(before?.scenarios ?? [])]) {
		samples.push({ name: scenario.name, configuration: scenario.configuration });
	}
	const unique = new Map(samples.map((s) => [JSON.stringify(s.configuration), s]));
	return [...unique.values()].slice(0, MAX_SAMPLES);
}

async function renderView(
	definition: Definition,
	configuration: ConfigurationInput,
	viewId: string,
	width: number
): Promise<{ url: string; pixels: Uint8ClampedArray; width: number; height: number }> {
	const view = definition.views.find((v) => v.id === viewId)!;
	const scale = width / view.size.width;
	const height = Math.max(1, Math.round(view.size.height * scale));
	const host = document.createElement('div');
	const stage = new Konva.Stage({ container: host, width, height, listening: false });
	try {
		const layer = new Konva.Layer({ listening: false });
		const group = new Group({ scaleX: scale, scaleY: scale });
		layer.add(group);
		stage.add(layer);
		const renderer = createSceneRenderer(group, {
			loadImage: loadImageElement,
			// Draft uploads (and published ones) load through the members-only route.
			assetUrl: studioAssetUrl
		});
		let evaluation;
		try {
			evaluation = createEngine(definition).evaluate(configuration);
		} catch {
			evaluation = undefined;
		}
		renderer.render(computeScene(definition, evaluation ?? configuration, viewId));
		await renderer.ready();
		layer.draw();
		// Read at 1:1 whatever the device pixel ratio, on white (the storefront's background).
		const canvas = stage.toCanvas({ pixelRatio: 1 });
		const flat = document.createElement('canvas');
		flat.width = width;
		flat.height = height;
		const context = flat.getContext('2d', { willReadFrequently: true })!;
		context.fillStyle = '#ffffff';
		context.fillRect(0, 0, width, height);
		context.drawImage(canvas, 0, 0, width, height);
		return {
			url: flat.toDataURL('image/png'),
			pixels: context.getImageData(0, 0, width, height).data,
			width,
			height
		};
	} finally {
		stage.destroy();
	}
}

function overlayUrl(overlay: Uint8ClampedArray, width: number, height: number): string {
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d')!;
	context.putImageData(new ImageData(new Uint8ClampedArray(overlay), width, height), 0, 0);
	return canvas.toDataURL('image/png');
}

/** Renders every sample × view of the draft, with the live version beside it. */
export async function compareVisually(
	before: Definition | null,
	after: Definition,
	changes: readonly DefinitionChange[]
): Promise<VisualComparison[]> {
	const results: VisualComparison[] = [];
	for (const sample of sampleConfigurations(before, after, changes)) {
		for (const view of after.views) {
			const drawn = await renderView(after, sample.configuration, view.id, WIDTH).catch(() => null);
			if (!drawn) continue; // a sample the draft cannot draw (the checks list why)
			const hasBefore = before?.views.some((v) => v.id === view.id) ?? false;
			// The live version may not know the sample's choices: then there is no "before".
			const old = hasBefore
				? await renderView(before!, sample.configuration, view.id, WIDTH).catch(() => null)
				: null;
			const sameSize = old !== null && old.height === drawn.height;
			const diff = sameSize
				? diffPixels(old.pixels, drawn.pixels, drawn.width, drawn.height)
				: null;
			results.push({
				sample: sample.name,
				viewId: view.id,
				viewLabel: view.label,
				before: old?.url ?? null,
				after: drawn.url,
				changes: diff ? overlayUrl(diff.overlay, drawn.width, drawn.height) : null,
				changedPixels: diff ? diff.changed : drawn.width * drawn.height,
				totalPixels: drawn.width * drawn.height
			});
		}
	}
	return results;
}
