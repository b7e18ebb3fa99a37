import { describe, expect, it } from 'vitest';
import { computeScene, UnknownViewError, type SceneItem, type SceneTextItem } from './scene.js';
import { textOverflowCheck } from './overflow.js';
import { engineFor, parsed, sample, sampleJson } from './test-samples.js';
import {
	characterAdvance,
	estimateLineWidth,
	fittedTextSize,
	fontWidthFactor,
	textFits
} from './text-metrics.js';

const jersey = sample('team-jersey');
const pendant = sample('engraved-pendant');
const sofa = sample('modular-sofa');
const ids = (items: SceneItem[]) => items.map((i) => i.layerId);
const text = (items: SceneItem[], layerId: string) =>
	items.find((i): i is SceneTextItem => i.kind === 'text' && i.layerId === layerId);

describe('computeScene', () => {
	it('draws the layers of one view in definition order', () => {
		const scene = computeScene(
			jersey,
			{ selections: { color: 'navy', size: 'm', sleeves: 'short', name: 'GARCIA', number: 10 } },
			'back'
		);
		expect(ids(scene.items)).toEqual(['body-back', 'shading-back', 'name', 'number']);
		expect(scene.viewId).toBe('back');
		expect(scene.size).toEqual({ width: 600, height: 700 });
	});

	it('draws the selected choice’s art for an image layer bound to an option', () => {
		const scene = computeScene(jersey, { selections: { color: 'navy' } }, 'front');
		const body = scene.items.find((i) => i.layerId === 'body-front');
		expect(body).toMatchObject({
			kind: 'image',
			asset: { id: 'body-navy-front', path: '/samples/team-jersey/body-navy-front.svg' },
			optionId: 'color',
			choiceId: 'navy',
			blendMode: 'normal'
		});
		const shading = scene.items.find((i) => i.layerId === 'shading-front');
		expect(shading).toMatchObject({ blendMode: 'multiply', opacity: 0.9 });
	});

	it('omits a group whose visibility condition fails, and its children', () => {
		const short = computeScene(jersey, { selections: { color: 'red', sleeves: 'short' } }, 'front');
		expect(ids(short.items).some((id) => id.startsWith('long-sleeves'))).toBe(false);
		const long = computeScene(jersey, { selections: { color: 'red', sleeves: 'long' } }, 'front');
		// Only the child whose color matches: group flattened, other colors omitted.
		expect(ids(long.items)).toEqual(['long-sleeves-front-red', 'body-front', 'shading-front']);
	});

	it('omits layers bound to an unanswered option', () => {
		const scene = computeScene(jersey, { selections: { color: 'red', size: 'l' } }, 'back');
		expect(ids(scene.items)).toEqual(['body-back', 'shading-back']);
		const front = computeScene(jersey, { selections: {} }, 'front');
		// The color's default (red) is drawn; no logo was uploaded.
		expect(ids(front.items)).toEqual(['body-front', 'shading-front']);
	});

	it('omits layers bound to a hidden option', () => {
		const json = sampleJson('team-jersey');
		(json.rules as unknown[]).push({
			id: 'no-names-for-xs',
			name: 'No names on youth XS',
			when: { type: 'is', option: 'size', value: 'xs' },
			then: [{ type: 'hideOption', option: 'name' }]
		});
		const def = parsed(json);
		const scene = computeScene(def, { selections: { size: 'xs', name: 'ANA', number: 4 } }, 'back');
		expect(ids(scene.items)).toEqual(['body-back', 'shading-back', 'number']);
	});

	it('drops, from a raw configuration, answers of hidden options and hidden choices', () => {
		// The font option is shown only once there is engraving; its answer alone draws nothing.
		const noText = computeScene(
			pendant,
			{ selections: { metal: 'silver', shape: 'round', engravingFont: 'bold' } },
			'front'
		);
		expect(ids(noText.items)).toEqual(['backdrop', 'chain', 'pendant-round-silver']);
		// Oat is a linen color: with velvet it is hidden, so no module art is drawn, only legs.
		const hiddenColor = computeScene(
			sofa,
			{ selections: { modules: ['armless'], fabric: 'velvet', fabricColor: 'oat' } },
			'front'
		);
		expect(ids(hiddenColor.items)).toEqual(['room', 'module-armless-legs']);
	});

	it('clips personalization to its print area, with the bleed converted to pixels', () => {
		const scene = computeScene(jersey, { selections: { name: 'LEE', number: 3 } }, 'back');
		const name = text(scene.items, 'name');
		expect(name?.clip).toEqual({
			printArea: 'name',
			rect: { x: 165, y: 105, width: 270, height: 66 },
			// 2 mm of bleed at 1 px per mm.
			bleedRect: { x: 163, y: 103, width: 274, height: 70 }
		});
		expect(scene.printAreas.map((p) => [p.id, p.bleed, p.dpi])).toEqual([
			['name', 2, 150],
			['number', 2, 150]
		]);
		expect(scene.items.find((i) => i.layerId === 'body-back')?.clip).toBeUndefined();
	});

	it('resolves the customer’s font and palette color to a family, an asset and a hex color', () => {
		const scene = computeScene(
			jersey,
			{ selections: { name: { text: 'GARCIA', font: 'inter-black', color: 'gold' }, number: 7 } },
			'back'
		);
		const name = text(scene.items, 'name');
		expect(name).toMatchObject({
			text: 'GARCIA',
			font: {
				id: 'inter-black',
				family: 'Inter',
				weight: 800,
				style: 'normal',
				asset: { path: '/samples/fonts/inter-latin-800-normal.woff2', mime: 'font/woff2' }
			},
			color: '#f2c230',
			align: 'center',
			size: 46,
			overflow: false
		});
		// The option's first offered color when the customer picked none; numbers as digits.
		const plain = computeScene(jersey, { selections: { name: 'GARCIA', number: 7 } }, 'back');
		expect(text(plain.items, 'name')?.color).toBe('#ffffff');
		expect(text(plain.items, 'number')?.text).toBe('7');
	});

	it('shrinks a text that does not fit when its style says shrink', () => {
		const scene = computeScene(jersey, { selections: { name: 'MAXIMILIANOS' } }, 'back');
		const name = text(scene.items, 'name');
		expect(name?.designSize).toBe(46);
		expect(name?.size).toBeLessThan(46);
		expect(name?.overflow).toBe(false);
		expect(textFits('MAXIMILIANOS', name!.font, name!.size, name!.box)).toBe(true);
	});

	it('reports overflow when a clip-style text does not fit its box', () => {
		const json = sampleJson('team-jersey');
		const layers = json.layers as { id: string; style?: { overflow?: string } }[];
		const nameLayer = layers.find((l) => l.id === 'name');
		if (nameLayer?.style) nameLayer.style.overflow = 'clip';
		const def = parsed(json);
		const long = computeScene(def, { selections: { name: 'MAXIMILIANOS' } }, 'back');
		expect(text(long.items, 'name')).toMatchObject({ size: 46, overflow: true });
		const short = computeScene(def, { selections: { name: 'LEE' } }, 'back');
		expect(text(short.items, 'name')?.overflow).toBe(false);
	});

	it('composes group transforms with their children (offset, then the group’s rotation)', () => {
		const scene = computeScene(
			sofa,
			{ selections: { modules: ['chaise'], fabric: 'linen', fabricColor: 'sage', legs: 'oak' } },
			'front'
		);
		expect(ids(scene.items)).toEqual(['room', 'module-chaise-legs', 'module-chaise-sage']);
		const legs = scene.items[1];
		expect(legs?.transform).toEqual({ x: 620, y: 440, width: 320, height: 30, rotation: 0 });
		expect(legs).toMatchObject({ asset: { id: 'legs-oak' } });

		const json = sampleJson('modular-sofa');
		const group = (json.layers as { id: string; transform: { rotation?: number } }[]).find(
			(l) => l.id === 'module-chaise'
		);
		if (group) group.transform.rotation = 90;
		const turned = computeScene(
			parsed(json),
			{ selections: { modules: ['chaise'], fabric: 'linen', fabricColor: 'sage' } },
			'front'
		);
		// Group box 620,250 320×220 (center 780,360); the legs' center (780,455) turns to (685,360).
		expect(turned.items[1]?.transform).toEqual({
			x: 525,
			y: 345,
			width: 320,
			height: 30,
			rotation: 90
		});
	});

	it('draws one item per selected choice of a multi option, in choice order', () => {
		const json = sampleJson('modular-sofa');
		(json.layers as unknown[]).push({
			id: 'module-badges',
			kind: 'image',
			view: 'front',
			transform: { x: 0, y: 0, width: 100, height: 100 },
			option: 'modules'
		});
		const options = json.options as { id: string; choices?: { id: string; assets?: object }[] }[];
		for (const c of options.find((o) => o.id === 'modules')?.choices ?? [])
			c.assets = { front: 'room' };
		const scene = computeScene(
			parsed(json),
			{ selections: { modules: ['chaise', 'corner'], fabric: 'linen' } },
			'front'
		);
		const badges = scene.items.filter((i) => i.layerId === 'module-badges');
		expect(badges.map((b) => (b.kind === 'image' ? b.choiceId : ''))).toEqual(['corner', 'chaise']);
	});

	it('fits an upload into its box and clips it to its print area', () => {
		const scene = computeScene(
			jersey,
			{ selections: { logo: { ref: 'upload:abc', format: 'png', width: 1200, height: 600 } } },
			'front'
		);
		const logo = scene.items.find((i) => i.kind === 'upload');
		expect(logo).toEqual({
			kind: 'upload',
			layerId: 'logo',
			optionId: 'logo',
			uploadRef: 'upload:abc',
			upload: { ref: 'upload:abc', format: 'png', width: 1200, height: 600 },
			fit: 'contain',
			box: { x: 220, y: 170, width: 160, height: 160 },
			placement: { x: 220, y: 210, width: 160, height: 80 },
			transform: { x: 220, y: 170, width: 160, height: 160, rotation: 0 },
			blendMode: 'normal',
			opacity: 1,
			clip: {
				printArea: 'chest',
				rect: { x: 220, y: 170, width: 160, height: 160 },
				bleedRect: { x: 218, y: 168, width: 164, height: 164 }
			}
		});
	});

	it('uses an evaluation’s visibility and effective (default) answers', () => {
		const ev = engineFor(pendant).evaluate({
			selections: { metal: 'gold', shape: 'heart', engraving: 'Mia' }
		});
		const scene = computeScene(pendant, ev, 'front');
		expect(ids(scene.items)).toEqual([
			'backdrop',
			'chain',
			'pendant-heart-gold',
			'engraving-modern'
		]);
		expect(text(scene.items, 'engraving-modern')).toMatchObject({
			font: { family: 'Inter', weight: 400 },
			color: '#4a4f57',
			blendMode: 'multiply',
			opacity: 0.85
		});
		// Without engraving the font option is hidden: no text at all.
		const plain = computeScene(
			pendant,
			engineFor(pendant).evaluate({ selections: { metal: 'gold', shape: 'heart' } }),
			'front'
		);
		expect(ids(plain.items)).toEqual(['backdrop', 'chain', 'pendant-heart-gold']);
	});

	it('is plain JSON and the same for the same input', () => {
		const config = {
			selections: { color: 'white', size: 's', sleeves: 'long', name: 'ÉLODIE', number: 9 }
		};
		const a = computeScene(jersey, config, 'back');
		const b = computeScene(jersey, structuredClone(config), 'back');
		expect(JSON.parse(JSON.stringify(a))).toEqual(a);
		expect(b).toEqual(a);
	});

	it('throws for an unknown view (a programmer error)', () => {
		expect(() => computeScene(jersey, {}, 'side')).toThrow(UnknownViewError);
	});
});

describe('textFits', () => {
	const inter800 = { weight: 800, style: 'normal' as const };
	it('says a short name fits and a long one does not', () => {
		expect(textFits('LEE', inter800, 46, { width: 270, height: 66 })).toBe(true);
		expect(textFits('MAXIMILIANOS', inter800, 46, { width: 270, height: 66 })).toBe(false);
	});

	it('counts every line against the box height', () => {
		expect(textFits('A\nB', inter800, 46, { width: 270, height: 66 })).toBe(false);
		expect(textFits('A\nB', inter800, 20, { width: 270, height: 66 })).toBe(true);
	});

	it('estimates wider advances for heavier weights and capitals', () => {
		const regular = { weight: 400, style: 'normal' as const };
		expect(estimateLineWidth('ABC', inter800, 10)).toBeGreaterThan(
			estimateLineWidth('ABC', regular, 10)
		);
		expect(estimateLineWidth('ABC', regular, 10)).toBeGreaterThan(
			estimateLineWidth('abc', regular, 10)
		);
	});

	it('finds the largest size that fits, or none below a quarter of the size', () => {
		const s = fittedTextSize('MAXIMILIANOS', inter800, 46, { width: 270, height: 66 });
		expect(s).toBeDefined();
		expect(textFits('MAXIMILIANOS', inter800, s as number, { width: 270, height: 66 })).toBe(true);
		expect(
			textFits('MAXIMILIANOS', inter800, (s as number) + 0.5, { width: 270, height: 66 })
		).toBe(false);
		expect(
			fittedTextSize('W'.repeat(200), inter800, 46, { width: 100, height: 66 })
		).toBeUndefined();
	});
});

describe('textOverflowCheck', () => {
	/** The jersey with fixed-size (clipped) texts, so that wide names overflow. */
	function clipped() {
		const json = sampleJson('team-jersey');
		for (const layer of json.layers as { style?: { overflow?: string } }[])
			if (layer.style) layer.style.overflow = 'clip';
		return parsed(json);
	}
	const names = [
		'LI',
		'WWWWWWWWWWWW',
		'MAXIMILIANOS',
		'Ølé ÇA',
		'',
		'iiiiiiiiiiii',
		'Ωμέγα',
		'😀😀'
	];

	for (const [label, def] of [
		['team jersey, shrinking texts', jersey],
		['team jersey, clipped texts', clipped()],
		['engraved pendant', pendant],
		['modular sofa', sofa]
	] as const) {
		it(`finds exactly the overflowing text items computeScene draws (${label})`, () => {
			const engine = engineFor(def);
			const textOptions = def.options.filter((o) => o.kind === 'text' || o.kind === 'number');
			let overflowing = 0;
			for (const view of def.views) {
				// Remembering fitting texts (or not): each answer comes back, in another order.
				for (const check of [textOverflowCheck(def, view.id), textOverflowCheck(def, view.id, 1)])
					for (const i of [...names.keys(), ...[...names.keys()].reverse()]) {
						const selections: Record<string, string | number> = {};
						for (const o of textOptions)
							selections[o.id] = o.kind === 'number' ? 7 + i * 13 : (names[i] as string);
						const ev = engine.evaluate({ selections }, { explain: false });
						const expected = computeScene(def, ev, view.id).items.filter(
							(item): item is SceneTextItem => item.kind === 'text' && item.overflow
						);
						expect(check(ev)).toEqual(expected);
						overflowing += expected.length;
					}
			}
			if (label.includes('clipped')) expect(overflowing).toBeGreaterThan(0);
		});
	}

	it('refuses an unknown view', () => {
		expect(() => textOverflowCheck(jersey, 'side')).toThrow(UnknownViewError);
	});
});

describe('estimateLineWidth', () => {
	it('sums the advance table whether a character was seen before or not', () => {
		const font = { weight: 800, style: 'normal' } as const;
		for (const line of ['WILLIAMS', 'williams', 'WILLIAMS 10', 'Ωμέγα ☃ 😀', 'Ωμέγα ☃ 😀'])
			expect(estimateLineWidth(line, font, 46)).toBeCloseTo(
				[...line].reduce((em, ch) => em + characterAdvance(ch), 0) * 46 * fontWidthFactor(font),
				9
			);
	});
});
