import { describe, expect, it } from 'vitest';
import { engineFor, sample } from '../scene/test-samples.js';
import { cartEventDetail, shopifyLineItemProperties, wooCommerceCartItemData } from './cart.js';
import { isBusinessDay, shipByDate, toCalendarDate } from './ship-by.js';
import { productionSpec } from './source.js';
import type { ProductionSpec } from './spec.js';

const jersey = engineFor(sample('team-jersey'));
const pendant = engineFor(sample('engraved-pendant'));
const sofa = engineFor(sample('modular-sofa'));

const FRIDAY = '2026-11-27';
const fullJersey = {
	selections: {
		color: 'navy',
		size: 'xxl',
		sleeves: 'long',
		name: { text: 'GARCIA', color: 'gold' },
		number: 10,
		logo: { ref: 'upload:logo-1', format: 'png', width: 1200, height: 1200 }
	},
	quantity: 1
};

function specOf(r: ReturnType<typeof productionSpec>): ProductionSpec {
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
	return r.spec;
}

describe('productionSpec', () => {
	it('builds the spec of a complete jersey with its SKU from the choice codes', () => {
		const spec = specOf(productionSpec(jersey, 3, fullJersey, { orderDate: FRIDAY }));
		expect(spec.product).toEqual({ id: 'team-jersey', name: 'Team jersey', handle: 'team-jersey' });
		expect(spec.version).toBe(3);
		// Color, size, sleeves, league (its default), in definition order.
		expect(spec.sku).toBe('JERSEY-NAV-XXL-LS-REC');
		expect(spec.quantity).toBe(1);
		expect(spec.price.unitPrice).toBe(5300);
		expect(spec.price.total).toBe(7800);
		expect(spec.leadTimeDays).toBe(13);
	});

	it('accepts a definition and compiles its engine for the call', () => {
		const spec = specOf(
			productionSpec(sample('team-jersey'), 3, fullJersey, { orderDate: FRIDAY })
		);
		expect(spec.sku).toBe('JERSEY-NAV-XXL-LS-REC');
	});

	it('lists every answer with its codes, labels and where it comes from', () => {
		const spec = specOf(productionSpec(jersey, 3, fullJersey, { orderDate: FRIDAY }));
		const by = Object.fromEntries(spec.answers.map((a) => [a.optionId, a]));
		expect(by.color).toMatchObject({
			label: 'Color',
			display: 'Navy',
			choices: [{ id: 'navy', label: 'Navy', code: 'NAV' }],
			source: 'customer'
		});
		expect(by.league).toMatchObject({ display: 'Recreational', source: 'default' });
		expect(by.number).toMatchObject({ display: '10', number: { value: 10 } });
		expect(by.name?.text).toEqual({
			text: 'GARCIA',
			font: {
				id: 'inter-black',
				family: 'Inter',
				weight: 800,
				style: 'normal',
				asset: {
					id: 'font-inter-800',
					path: '/samples/fonts/inter-latin-800-normal.woff2',
					mime: 'font/woff2'
				}
			},
			color: { id: 'gold', label: 'Gold', hex: '#f2c230' }
		});
		expect(spec.uploads).toEqual([
			{
				optionId: 'logo',
				label: 'Team logo',
				ref: 'upload:logo-1',
				upload: { ref: 'upload:logo-1', format: 'png', width: 1200, height: 1200 },
				printAreas: ['front/chest']
			}
		]);
	});

	it('takes the engraving font from what the scene draws (a font chosen by a choice option)', () => {
		const spec = specOf(
			productionSpec(
				pendant,
				1,
				{ selections: { metal: 'rose', shape: 'bar', engraving: 'J & K', engravingFont: 'bold' } },
				{ orderDate: FRIDAY }
			)
		);
		const engraving = spec.answers.find((a) => a.optionId === 'engraving');
		expect(engraving?.text?.font).toMatchObject({ id: 'inter-bold', weight: 700 });
		expect(engraving?.text?.color).toEqual({ id: 'engraved', label: 'Engraved', hex: '#4a4f57' });
		expect(spec.sku).toBe('PENDANT-RG-BAR-BLD');
	});

	it('joins the codes of a multi option with +', () => {
		const spec = specOf(
			productionSpec(
				sofa,
				1,
				{
					selections: {
						modules: ['chaise', 'corner'],
						fabric: 'linen',
						fabricColor: 'oat',
						legs: 'oak'
					}
				},
				{ orderDate: FRIDAY }
			)
		);
		expect(spec.sku).toBe('SOFA-CR+CH-LIN-OAT-OAK');
		expect(spec.printAreas).toEqual([]);
	});

	it('gives the print areas of every view with their file size at the area’s DPI', () => {
		const spec = specOf(productionSpec(jersey, 3, fullJersey, { orderDate: FRIDAY }));
		expect(spec.printAreas.map((p) => `${p.viewId}/${p.areaId}`)).toEqual([
			'front/chest',
			'back/name',
			'back/number'
		]);
		expect(spec.printAreas[0]).toEqual({
			viewId: 'front',
			viewLabel: 'Front',
			areaId: 'chest',
			label: 'Chest logo',
			rect: { x: 220, y: 170, width: 160, height: 160 },
			dpi: 150,
			bleed: 2,
			unit: 'mm',
			physicalSize: { width: 160, height: 160 },
			// (160 + 2 × 2) mm = 6.457 in at 150 dpi.
			filePixels: { width: 969, height: 969 },
			layers: ['logo']
		});
		expect(spec.printAreas[1]?.layers).toEqual(['name']);
	});

	it('dates the ship-by in business days, skipping the weekend', () => {
		// Friday + 13 business days: Mon 30 … Fri 11 is 10, then Mon 14, Tue 15, Wed 16.
		const spec = specOf(productionSpec(jersey, 3, fullJersey, { orderDate: FRIDAY }));
		expect(spec.orderDate).toBe(FRIDAY);
		expect(spec.shipBy).toBe('2026-12-16');
	});

	it('applies a rush tier given with the order: price multiplier and capped lead time', () => {
		const spec = specOf(
			productionSpec(
				pendant,
				1,
				{ selections: { metal: 'rose', shape: 'bar', engraving: 'J & K', engravingFont: 'bold' } },
				{ orderDate: FRIDAY, rushTier: 'rush' }
			)
		);
		expect(spec.rushTier).toEqual({ id: 'rush', label: 'Rush' });
		expect(spec.price.total).toBe(13725);
		expect(spec.leadTimeDays).toBe(2);
		expect(spec.shipBy).toBe('2026-12-01');
	});

	it('returns errors instead of throwing for an incomplete configuration', () => {
		const r = productionSpec(jersey, 3, { selections: { color: 'red' } }, { orderDate: FRIDAY });
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.errors).toContainEqual(
				expect.objectContaining({ code: 'required', path: 'selections.size' })
			);
	});

	it('returns errors for an invalid configuration, a bad date and an unknown rush tier', () => {
		const bad = productionSpec(
			jersey,
			3,
			{ selections: { color: 'red', size: 'm', sleeves: 'long', number: 0 } },
			{ orderDate: FRIDAY }
		);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors.map((e) => e.message).join(' ')).toMatch(/No number 0/);
		const date = productionSpec(jersey, 3, fullJersey, { orderDate: '2026-02-30' });
		expect(date).toEqual({
			ok: false,
			errors: [
				{ code: 'order-date', path: 'orderDate', message: 'expected the order date as YYYY-MM-DD' }
			]
		});
		const tier = productionSpec(jersey, 3, fullJersey, {
			orderDate: FRIDAY,
			rushTier: 'overnight'
		});
		expect(tier.ok).toBe(false);
		if (!tier.ok)
			expect(tier.errors[0]?.message).toMatch(
				/unknown rush tier "overnight"; expected one of standard, rush/
			);
	});

	it('is plain JSON', () => {
		const spec = specOf(productionSpec(jersey, 3, fullJersey, { orderDate: FRIDAY }));
		expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
	});
});

describe('shipByDate', () => {
	it('starts the day after the order and skips Saturday and Sunday', () => {
		expect(shipByDate('2026-11-27', 3)).toBe('2026-12-02');
		expect(shipByDate('2026-11-27', 1)).toBe('2026-11-30');
		expect(shipByDate('2026-11-28', 1)).toBe('2026-11-30');
		expect(shipByDate('2026-11-23', 5)).toBe('2026-11-30');
	});

	it('ships on the order day, or the next business day, with no lead time', () => {
		expect(shipByDate('2026-11-27', 0)).toBe('2026-11-27');
		expect(shipByDate('2026-11-29', 0)).toBe('2026-11-30');
	});

	it('skips holidays too', () => {
		expect(shipByDate('2026-12-23', 2, ['2026-12-25'])).toBe('2026-12-28');
		expect(isBusinessDay('2026-12-25', new Set(['2026-12-25']))).toBe(false);
	});

	it('reads dates, timestamps and Date objects as UTC calendar dates', () => {
		expect(toCalendarDate('2026-11-27')).toBe('2026-11-27');
		expect(toCalendarDate('2026-11-27T23:30:00Z')).toBe('2026-11-27');
		expect(toCalendarDate(new Date(Date.UTC(2026, 10, 27, 12)))).toBe('2026-11-27');
		expect(toCalendarDate('27/11/2026')).toBeUndefined();
	});
});

describe('cart payloads', () => {
	const spec = specOf(productionSpec(jersey, 3, fullJersey, { orderDate: FRIDAY }));

	it('gives Shopify readable properties and internal keys prefixed with _', () => {
		const props = shopifyLineItemProperties(spec, 'design_42');
		expect(props).toEqual({
			Color: 'Navy',
			Size: 'XXL',
			Sleeves: 'Long sleeves',
			League: 'Recreational',
			'Team logo': 'Uploaded',
			'Player name': 'GARCIA',
			'Player name font': 'Inter 800',
			'Player name color': 'Gold',
			Number: '10',
			Production: 'Standard',
			_atelier_design: 'design_42',
			_atelier_version: '3',
			_atelier_sku: 'JERSEY-NAV-XXL-LS-REC',
			_atelier_product: 'team-jersey',
			_atelier_unit_price: '5300',
			_atelier_total: '7800',
			_atelier_currency: 'USD',
			_atelier_lead_time_days: '13',
			_atelier_ship_by: '2026-12-16',
			_atelier_upload_logo: 'upload:logo-1'
		});
		for (const v of Object.values(props)) expect(typeof v).toBe('string');
	});

	it('gives WooCommerce machine fields and the readable item data', () => {
		const data = wooCommerceCartItemData(spec, 'design_42');
		expect(data).toMatchObject({
			atelier_design_id: 'design_42',
			atelier_version: 3,
			atelier_sku: 'JERSEY-NAV-XXL-LS-REC',
			atelier_unit_price: 5300,
			atelier_currency: 'USD',
			atelier_uploads: [{ option: 'logo', ref: 'upload:logo-1' }]
		});
		expect(data.item_data).toContainEqual({ key: 'Color', value: 'Navy' });
		expect(data.atelier_answers).toContainEqual({
			option: 'size',
			label: 'Size',
			value: 'XXL',
			codes: ['XXL']
		});
	});

	it('gives a generic add-to-cart event detail', () => {
		const detail = cartEventDetail(spec, 'design_42');
		expect(detail).toMatchObject({
			type: 'atelier:add-to-cart',
			designId: 'design_42',
			version: 3,
			sku: 'JERSEY-NAV-XXL-LS-REC',
			quantity: 1,
			price: { currency: 'USD', minorUnits: 2, unitPrice: 5300, total: 7800, fees: 2500, rush: 0 },
			shipBy: '2026-12-16',
			rushTier: 'standard'
		});
		expect(detail.answers.find((a) => a.optionId === 'name')).toEqual({
			optionId: 'name',
			label: 'Player name',
			value: { text: 'GARCIA', color: 'gold' },
			display: 'GARCIA',
			codes: []
		});
		expect(JSON.parse(JSON.stringify(detail))).toEqual(detail);
		expect(detail.bulk).toBeUndefined();
	});

	it('marks a line of a bulk order with its group in every cart', () => {
		const line = { ...spec, bulk: { group: 'team-falcons', orderQuantity: 12 } };
		expect(shopifyLineItemProperties(line, 'design_42')._atelier_bulk).toBe('team-falcons');
		expect(shopifyLineItemProperties(spec, 'design_42')).not.toHaveProperty('_atelier_bulk');
		expect(wooCommerceCartItemData(line, 'design_42').atelier_bulk).toBe('team-falcons');
		expect(cartEventDetail(line, 'design_42').bulk).toEqual({
			group: 'team-falcons',
			orderQuantity: 12
		});
	});
});
