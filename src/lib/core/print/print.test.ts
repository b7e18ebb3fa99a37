import { describe, expect, it } from 'vitest';
import { computeScene } from '../scene/scene.js';
import { engineFor, sample } from '../scene/test-samples.js';
import type { SceneTextItem } from '../scene/scene.js';
import { printRegion, viewPixelsPerInch } from './geometry.js';
import { layoutText, type FontMetrics } from './text-layout.js';
import { sceneToSvg, type SceneSvgOptions } from './svg.js';

/** A monospace stand-in: every character 0.6 em wide, ascent 0.9 em, descent 0.25 em. */
function monospace(size: number): FontMetrics {
	return { ascent: 0.9 * size, descent: 0.25 * size, measure: (line) => line.length * 0.6 * size };
}

function jerseyBackScene() {
	const def = sample('team-jersey');
	const evaluation = engineFor(def).evaluate({
		selections: { name: 'OKAFOR', number: 9 }
	});
	return computeScene(def, evaluation, 'back');
}

function textItem(overrides: Partial<SceneTextItem>): SceneTextItem {
	return {
		kind: 'text',
		layerId: 'name',
		optionId: 'name',
		text: 'AB',
		font: { id: 'f', family: 'Inter', weight: 400, style: 'normal' },
		size: 10,
		designSize: 10,
		color: '#000000',
		align: 'left',
		verticalAlign: 'top',
		lineHeight: 1.2,
		box: { x: 100, y: 50, width: 80, height: 40 },
		transform: { x: 100, y: 50, width: 80, height: 40, rotation: 0 },
		blendMode: 'normal',
		opacity: 1,
		overflow: false,
		...overrides
	};
}

describe('printRegion', () => {
	it('covers the print area with its bleed, at the area DPI over the physical size', () => {
		const scene = jerseyBackScene();
		const area = scene.printAreas.find((candidate) => candidate.id === 'name');
		expect(area).toBeDefined();
		const region = printRegion(scene, 'name');
		expect(region.rect).toEqual(area!.bleedRect);
		const ppi = viewPixelsPerInch(scene);
		expect(region.scale).toBeCloseTo(area!.dpi / ppi, 10);
		// One inch of product = dpi pixels: the file's width in inches times the DPI is its pixel width.
		const exactWidth = (region.widthMm / 25.4) * area!.dpi;
		expect(region.width).toBe(Math.round(exactWidth));
	});

	it('renders at another DPI when asked and refuses an unknown area', () => {
		const scene = jerseyBackScene();
		expect(printRegion(scene, 'name', 300).width).toBeGreaterThan(printRegion(scene, 'name').width);
		expect(() => printRegion(scene, 'sleeve')).toThrow(/no print area "sleeve"/);
	});
});

describe('layoutText', () => {
	it('aligns lines horizontally in the box', () => {
		const metrics = monospace(10);
		const width = 2 * 6;
		expect(layoutText(textItem({ align: 'left' }), metrics)[0].x).toBe(100);
		expect(layoutText(textItem({ align: 'right' }), metrics)[0].x).toBe(180 - width);
		expect(layoutText(textItem({ align: 'center' }), metrics)[0].x).toBe(100 + (80 - width) / 2);
	});

	it('stacks lines in slots of size × lineHeight and centres the em box in each slot', () => {
		const metrics = monospace(10);
		const lines = layoutText(textItem({ text: 'A\nBB', verticalAlign: 'top' }), metrics);
		expect(lines.map((line) => line.text)).toEqual(['A', 'BB']);
		const slot = 12;
		const baselineOffset = (9 - 2.5) / 2;
		expect(lines[0].baseline).toBeCloseTo(50 + slot / 2 + baselineOffset, 10);
		expect(lines[1].baseline - lines[0].baseline).toBeCloseTo(slot, 10);
	});

	it('places the block at the middle or bottom of the box', () => {
		const metrics = monospace(10);
		const middle = layoutText(textItem({ verticalAlign: 'middle' }), metrics)[0].baseline;
		const bottom = layoutText(textItem({ verticalAlign: 'bottom' }), metrics)[0].baseline;
		const top = layoutText(textItem({ verticalAlign: 'top' }), metrics)[0].baseline;
		expect(middle - top).toBeCloseTo((40 - 12) / 2, 10);
		expect(bottom - top).toBeCloseTo(40 - 12, 10);
	});
});

describe('sceneToSvg', () => {
	const base: Omit<SceneSvgOptions, 'region'> = {
		width: '100',
		height: '100',
		clipTo: 'bleedRect',
		image: (item) => ({ href: `asset:${item.kind === 'image' ? item.asset.id : item.uploadRef}` }),
		textOutline: (item) => `M${item.box.x} ${item.box.y}h10v10z`
	};

	it('draws every item in order with its text as outlines in the text color', () => {
		const scene = jerseyBackScene();
		const svg = sceneToSvg(scene, { ...base, region: { x: 0, y: 0, ...scene.size } });
		const drawn = [...svg.matchAll(/<(image|path) /g)].map((match) => match[1]);
		expect(drawn).toEqual(scene.items.map((item) => (item.kind === 'text' ? 'path' : 'image')));
		for (const item of scene.items) {
			if (item.kind === 'text') expect(svg).toContain(`fill="${item.color}"`);
		}
		expect(svg).toMatch(
			/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="100" viewBox="0 0 /
		);
	});

	it('clips items to their print area grown by the bleed, or to the area itself', () => {
		const scene = jerseyBackScene();
		const clipped = scene.items.find((item) => item.clip);
		expect(clipped).toBeDefined();
		const { bleedRect, rect } = clipped!.clip!;
		const region = { x: 0, y: 0, ...scene.size };
		const forPrint = sceneToSvg(scene, { ...base, region });
		const forPreview = sceneToSvg(scene, { ...base, region, clipTo: 'rect' });
		expect(forPrint).toContain(`<rect x="${bleedRect.x}" y="${bleedRect.y}"`);
		expect(forPreview).toContain(`<rect x="${rect.x}" y="${rect.y}"`);
	});

	it('rotates an item around its centre and escapes what it embeds', () => {
		const item = textItem({
			transform: { x: 100, y: 50, width: 80, height: 40, rotation: 30 },
			color: '#fff"/><script>'
		});
		const scene = jerseyBackScene();
		const svg = sceneToSvg(
			{ ...scene, items: [item] },
			{ ...base, region: { x: 0, y: 0, width: 300, height: 300 } }
		);
		expect(svg).toContain('transform="rotate(30 140 70)"');
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('fill="#fff&quot;/&gt;&lt;script&gt;"');
	});

	it('leaves out items whose image the caller cannot provide', () => {
		const scene = jerseyBackScene();
		const svg = sceneToSvg(scene, {
			...base,
			region: { x: 0, y: 0, ...scene.size },
			image: () => null
		});
		expect(svg).not.toContain('<image');
	});
});
