import type { DefinitionInput } from './definition.js';

/**
 * A small hand-made product used by the core's tests: an engraved pendant with metal, shape,
 * chain (multi), engraving text with fonts and per-character price, a gift-box toggle, a length
 * number, visibility, require/exclude rules, quantity tiers, a setup fee and rush tiers.
 * Not exported from the package index; tests import it directly.
 */
export const pendantFixture: DefinitionInput = {
	formatVersion: 1,
	id: 'pendant',
	name: 'Engraved pendant',
	handle: 'engraved-pendant',
	currency: { code: 'EUR', minorUnits: 2 },
	views: [
		{
			id: 'front',
			label: 'Front',
			size: { width: 800, height: 800 },
			physicalSize: { width: 30, height: 30, unit: 'mm' },
			printAreas: [
				{ id: 'face', label: 'Face', rect: { x: 200, y: 200, width: 400, height: 400 }, dpi: 600 }
			]
		}
	],
	groups: [
		{ id: 'base', label: 'Pendant', options: ['metal', 'shape', 'chain'] },
		{ id: 'personal', label: 'Personalize', options: ['engraving', 'font', 'giftBox', 'length'] }
	],
	options: [
		{
			id: 'metal',
			kind: 'choice',
			label: 'Metal',
			required: true,
			group: 'base',
			display: 'swatch',
			default: 'silver',
			choices: [
				{ id: 'silver', label: 'Silver', code: 'AG', swatch: { color: '#c0c0c0' } },
				{ id: 'gold', label: 'Gold', code: 'AU', priceDelta: 5000, leadTimeDeltaDays: 3 },
				{ id: 'wood', label: 'Wood', code: 'WD', priceDelta: -500 },
				{ id: 'platinum', label: 'Platinum', code: 'PT', priceDelta: 12000, stock: 'out_of_stock' }
			]
		},
		{
			id: 'shape',
			kind: 'choice',
			label: 'Shape',
			required: true,
			group: 'base',
			choices: [
				{ id: 'round', label: 'Round', code: 'R' },
				{ id: 'heart', label: 'Heart', code: 'H', priceDelta: 300 },
				{ id: 'star', label: 'Star', code: 'S', priceDelta: 300 }
			]
		},
		{
			id: 'chain',
			kind: 'multi',
			label: 'Charms',
			group: 'base',
			min: 1,
			max: 2,
			choices: [
				{ id: 'moon', label: 'Moon', priceDelta: 200 },
				{ id: 'sun', label: 'Sun', priceDelta: 200 },
				{ id: 'leaf', label: 'Leaf', priceDelta: 100 }
			]
		},
		{
			id: 'engraving',
			kind: 'text',
			label: 'Engraving',
			group: 'personal',
			maxLength: 12,
			allowedCharacters: { characterClass: "A-Za-z0-9 .'&-" },
			fonts: ['serif', 'script'],
			placeholder: 'Your text'
		},
		{
			id: 'font',
			kind: 'choice',
			label: 'Engraving style',
			group: 'personal',
			choices: [
				{ id: 'deep', label: 'Deep' },
				{ id: 'laser', label: 'Laser', priceDelta: 400 }
			]
		},
		{ id: 'giftBox', kind: 'toggle', label: 'Gift box', group: 'personal', priceDelta: 800 },
		{
			id: 'length',
			kind: 'number',
			label: 'Chain length',
			group: 'personal',
			min: 40,
			max: 60,
			step: 5,
			unit: 'cm'
		}
	],
	fonts: [
		{ id: 'serif', family: 'Cormorant', asset: 'font-serif' },
		{ id: 'script', family: 'Great Vibes', asset: 'font-script' }
	],
	colors: [{ id: 'black', label: 'Black', hex: '#000000' }],
	assets: {
		'font-serif': { path: 'fonts/cormorant.woff2', mime: 'font/woff2' },
		'font-script': { path: 'fonts/greatvibes.woff2', mime: 'font/woff2' },
		'pendant-silver': { path: 'art/silver.svg', mime: 'image/svg+xml', width: 800, height: 800 }
	},
	layers: [
		{
			id: 'body',
			kind: 'image',
			view: 'front',
			option: 'metal',
			asset: 'pendant-silver',
			transform: { x: 0, y: 0, width: 800, height: 800 }
		},
		{
			id: 'text',
			kind: 'text',
			view: 'front',
			option: 'engraving',
			printArea: 'face',
			transform: { x: 200, y: 350, width: 400, height: 100 },
			style: { font: 'serif', size: 48, color: 'black' }
		}
	],
	rules: [
		{
			id: 'no-engraving-on-wood',
			name: 'No laser on wood',
			when: { type: 'is', option: 'metal', value: 'wood' },
			then: [{ type: 'exclude', option: 'font', value: 'laser' }]
		},
		{
			id: 'star-needs-gold',
			name: 'Stars are gold only',
			when: { type: 'is', option: 'shape', value: 'star' },
			then: [{ type: 'require', option: 'metal', value: 'gold' }]
		},
		{
			id: 'style-when-engraved',
			name: 'Engraving style only with text',
			when: { type: 'textLength', option: 'engraving', compare: 'gt', value: 0 },
			then: [
				{ type: 'showOption', option: 'font' },
				{ type: 'require', option: 'font' }
			]
		},
		{
			id: 'engraving-price',
			name: 'Engraving per letter',
			then: [{ type: 'pricePerCharacter', option: 'engraving', amount: 150 }]
		},
		{
			id: 'length-price',
			name: 'Long chains',
			when: { type: 'number', option: 'length', compare: 'gt', value: 45 },
			then: [
				{ type: 'pricePerUnit', option: 'length', amount: 10, label: 'Chain per cm' },
				{ type: 'leadTime', days: 1 }
			]
		},
		{
			id: 'wood-no-gift',
			name: 'No gift box for wood',
			when: { type: 'is', option: 'metal', value: 'wood' },
			then: [{ type: 'hideOption', option: 'giftBox' }]
		}
	],
	pricing: {
		base: 4900,
		quantityTiers: [
			{ minQuantity: 10, percentOff: 1000 },
			{ minQuantity: 50, unitPrice: 3500 }
		],
		fees: [{ id: 'setup', label: 'Engraving setup', amount: 1500 }],
		rushTiers: [
			{ id: 'standard', label: 'Standard' },
			{ id: 'rush', label: 'Rush', multiplierBasisPoints: 15000, leadTimeDays: 3 }
		]
	},
	leadTime: { baseDays: 7 },
	scenarios: [
		{
			id: 'wood-basic',
			name: 'Wood round pendant with a moon',
			configuration: { selections: { metal: 'wood', shape: 'round', chain: ['moon'] } },
			expect: { valid: true, complete: true, hiddenOptions: ['giftBox', 'font'] }
		}
	],
	translations: { fr: { 'option.metal.label': 'Métal' } }
};
