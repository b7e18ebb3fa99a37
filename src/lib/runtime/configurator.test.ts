import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import {
	ConfiguratorError,
	createConfigurator as createWith,
	decodeDesign,
	loadConfigurator,
	encodeDesign,
	type CartAdapter
} from './configurator.js';
import { parseRuntimeDefinition } from './validate.js';
import { createEngine, defaultCompile } from '../core/engine/compile.js';
import { buildEngineModel } from '../core/engine/model.js';
import { compileModel } from '../core/solver/compile.js';
import type { Definition } from '../core/definition/definition.js';

/** A configurator over a plain definition, its rules compiled in place (as the studio does). */
const createConfigurator: typeof createWith = (json, options) =>
	createWith(json, { compile: defaultCompile, buildModel: buildEngineModel, ...options });

const sample = (name: string): Record<string, unknown> =>
	JSON.parse(readFileSync(`static/samples/${name}/definition.json`, 'utf8'));
const fixedClock = () => new Date('2026-03-02T10:00:00Z');

const jerseyAnswers = (c: ReturnType<typeof createConfigurator>) => {
	c.select('color', 'navy');
	c.select('size', 'm');
	c.select('sleeves', 'short');
	c.select('league', 'recreational');
};

describe('createConfigurator', () => {
	it('starts from the definition: defaults applied, the first view, integer prices', () => {
		const c = createConfigurator(sample('team-jersey'), { version: 1 });
		const s = c.state;
		expect(s.view).toBe('front');
		expect(s.scene?.viewId).toBe('front');
		expect(s.evaluation.options.find((o) => o.id === 'color')?.selected).toEqual(['red']);
		expect(s.price.currency).toBe('USD');
		expect(Number.isInteger(s.price.total)).toBe(true);
		expect(s.complete).toBe(false);
		expect(s.blockedBy).toMatch(/required/);
	});

	it('accepts the definition as JSON text', () => {
		const c = createConfigurator(JSON.stringify(sample('engraved-pendant')));
		expect(c.state.definition.id).toBe('engraved-pendant');
	});

	it('refuses invalid JSON, naming the problem', () => {
		expect(() => createConfigurator('{ "formatVersion": 1,')).toThrow(ConfiguratorError);
		try {
			createConfigurator('{ nope');
		} catch (e) {
			expect((e as ConfiguratorError).code).toBe('invalid-json');
			expect((e as Error).message).toMatch(/not valid JSON/);
		}
	});

	it('refuses an unknown formatVersion with a message that names the path', () => {
		const json = { ...sample('team-jersey'), formatVersion: 99 };
		let error: unknown;
		try {
			createConfigurator(json);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfiguratorError);
		expect((error as ConfiguratorError).code).toBe('unknown-format-version');
		expect((error as Error).message).toContain('formatVersion: format version 99 is newer');
	});

	it('refuses a definition without pricing (published definitions are otherwise trusted)', () => {
		const json = sample('team-jersey');
		delete json.pricing;
		let error: ConfiguratorError | undefined;
		try {
			createConfigurator(json);
		} catch (e) {
			error = e as ConfiguratorError;
		}
		expect(error?.code).toBe('invalid-definition');
		expect(error?.errors.map((e) => e.path)).toEqual(['pricing']);
	});

	it('validates a draft (parseRuntimeDefinition) with the path of each error', () => {
		const json = sample('team-jersey');
		(json.pricing as { base: unknown }).base = 12.5;
		let error: ConfiguratorError | undefined;
		try {
			parseRuntimeDefinition(json);
		} catch (e) {
			error = e as ConfiguratorError;
		}
		expect(error?.code).toBe('invalid-definition');
		expect(error?.errors.some((e) => e.path === 'pricing.base')).toBe(true);
	});

	it('updates price, completeness and the scene after each action, in a new snapshot', () => {
		const c = createConfigurator(sample('team-jersey'), { version: 1 });
		const before = c.state;
		const seen: number[] = [];
		const unsubscribe = c.subscribe((s) => seen.push(s.price.total));
		jerseyAnswers(c);
		c.select('size', 'xxl');
		expect(c.state).not.toBe(before);
		expect(before.configuration.selections).toEqual({});
		expect(c.state.price.unitPrice).toBe(3200 + 300);
		expect(c.state.complete).toBe(true);
		expect(c.state.blockedBy).toBeUndefined();
		expect(seen).toHaveLength(5);
		expect(c.state.scene?.items.find((i) => i.layerId === 'body-front')).toMatchObject({
			choiceId: 'navy'
		});
		unsubscribe();
		c.select('size', 'm');
		expect(seen).toHaveLength(5);
	});

	it('explains why a choice is unavailable', () => {
		const c = createConfigurator(sample('team-jersey'));
		c.select('size', 'xs');
		const long = c.state.evaluation.options
			.find((o) => o.id === 'sleeves')
			?.choices?.find((ch) => ch.id === 'long');
		expect(long?.available).toBe(false);
		expect(long?.reason?.message).toMatch(/Size = XS|XS/);
	});

	it('adds and removes the choices of a multi option', () => {
		const c = createConfigurator(sample('modular-sofa'));
		c.select('modules', 'corner');
		c.select('modules', 'chaise');
		expect(c.state.configuration.selections.modules).toEqual(['corner', 'chaise']);
		c.select('modules', 'corner');
		expect(c.state.configuration.selections.modules).toEqual(['chaise']);
		c.select('modules', 'chaise');
		expect(c.state.configuration.selections.modules).toBeUndefined();
	});

	it('prices texts per character and reports texts that break the option’s rules', () => {
		const c = createConfigurator(sample('team-jersey'));
		c.setText('name', 'LEE');
		expect(c.state.price.lines.find((l) => l.kind === 'perCharacter')?.units).toBe(3);
		c.setText('name', 'LEE 7');
		const name = c.state.evaluation.options.find((o) => o.id === 'name');
		expect(name?.errors.length).toBeGreaterThan(0);
		expect(c.state.valid).toBe(false);
		c.setText('name', '');
		expect(c.state.configuration.selections.name).toBeUndefined();
	});

	it('draws an upload, a number and the rush tier’s lead time', () => {
		const c = createConfigurator(sample('team-jersey'));
		c.setUpload('logo', { ref: 'blob:x', format: 'png', width: 800, height: 800 });
		expect(c.state.scene?.items.some((i) => i.kind === 'upload')).toBe(true);
		c.setNumber('number', 7);
		c.setView('back');
		expect(c.state.scene?.items.find((i) => i.layerId === 'number')).toMatchObject({ text: '7' });
		const standard = c.state.leadTime.days;
		c.setRush('rush');
		expect(c.state.leadTime.days).toBeLessThanOrEqual(5);
		expect(c.state.leadTime.days).toBeLessThan(standard);
		expect(c.state.price.rush).toBeGreaterThan(0);
		c.setRush(null);
		expect(c.state.price.rush).toBe(0);
	});

	it('applies quantity tiers and ignores quantities that are not whole and positive', () => {
		const c = createConfigurator(sample('team-jersey'));
		c.setQuantity(10);
		expect(c.state.price.quantity).toBe(10);
		expect(c.state.price.unitPrice).toBeLessThan(c.state.price.unitSubtotal);
		c.setQuantity(0);
		c.setQuantity(2.5);
		expect(c.state.configuration.quantity).toBe(10);
	});

	it('serializes to a URL-safe string and restores the same answers', () => {
		const c = createConfigurator(sample('team-jersey'), { version: 3 });
		jerseyAnswers(c);
		c.setText('name', 'ÉLODIE', {});
		c.setNumber('number', 9);
		c.setQuantity(12);
		c.setRush('rush');
		const s = c.serialize();
		expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
		const d = createConfigurator(sample('team-jersey'), { version: 3, restore: s });
		expect(d.state.configuration).toEqual(c.state.configuration);
		expect(d.state.price.total).toBe(c.state.price.total);
	});

	it('refuses a damaged or foreign design on restore, keeping the current answers', () => {
		const c = createConfigurator(sample('team-jersey'));
		c.select('color', 'navy');
		expect(() => c.restore('%%%')).toThrow(ConfiguratorError);
		const foreign = encodeDesign({ s: { metal: 'gold' } });
		let error: ConfiguratorError | undefined;
		try {
			c.restore(foreign);
		} catch (e) {
			error = e as ConfiguratorError;
		}
		expect(error?.code).toBe('invalid-design');
		expect(error?.errors[0]?.path).toBe('selections.metal');
		expect(c.state.configuration.selections).toEqual({ color: 'navy' });
	});

	it('builds a cart payload from the spec after saving the design', async () => {
		const saveDesign = vi.fn(async () => 'd_123');
		const c = createConfigurator(sample('team-jersey'), {
			version: 2,
			saveDesign,
			now: fixedClock
		});
		const adapter: CartAdapter<{ sku: string; design: string }> = {
			name: 'test',
			payload: (spec, designId) => ({ sku: spec.sku, design: designId })
		};
		await expect(c.toCart(adapter)).rejects.toThrow(ConfiguratorError);
		jerseyAnswers(c);
		const { designId, payload } = await c.toCart(adapter);
		expect(designId).toBe('d_123');
		expect(payload.sku).toBe('JERSEY-NAV-M-SS-REC');
		expect(saveDesign).toHaveBeenCalledWith({
			product: 'team-jersey',
			version: 2,
			configuration: expect.objectContaining({ selections: expect.any(Object) })
		});
	});

	it('uses a local design id when no design store is given', async () => {
		const c = createConfigurator(sample('engraved-pendant'), { now: fixedClock });
		c.select('metal', 'gold');
		c.select('shape', 'round');
		const { designId } = await c.toCart({ name: 'x', payload: () => null });
		expect(designId).toBe(`local:${c.serialize()}`);
	});

	it('stops notifying after destroy', () => {
		const c = createConfigurator(sample('modular-sofa'));
		const listener = vi.fn();
		c.subscribe(listener);
		c.destroy();
		c.select('fabric', 'linen');
		expect(listener).not.toHaveBeenCalled();
	});
});

describe('encodeDesign', () => {
	it('round-trips unicode and refuses what it did not make', () => {
		const value = { s: { name: 'Zoë ✓' } };
		expect(decodeDesign(encodeDesign(value))).toEqual(value);
		expect(decodeDesign('not base64!')).toBeUndefined();
		expect(decodeDesign('abc')).toBeUndefined();
	});
});

/** What the public API answers with `?include=engine` (through JSON, like the wire). */
function published(name: string, version = 3, form?: unknown) {
	const definition = sample(name);
	const parsed = parseRuntimeDefinition(definition) as Definition;
	const engine = form ?? createEngine(parsed).compiled.serialize({ explanations: true });
	return JSON.parse(JSON.stringify({ version, definition, engine }));
}

describe('rules that come compiled with the published answer', () => {
	it('configure without compiling, exactly as when compiled in place, pinned to the answer’s version', () => {
		const shipped = createWith(published('team-jersey', 7));
		const local = createConfigurator(sample('team-jersey'), { version: 7 });
		expect(shipped.state.version).toBe(7);
		jerseyAnswers(shipped);
		jerseyAnswers(local);
		shipped.select('size', 'xxl');
		local.select('size', 'xxl');
		expect(shipped.state.evaluation).toEqual(local.state.evaluation);
		expect(shipped.state.scene).toEqual(local.state.scene);
		expect(shipped.serialize()).toBe(local.serialize());
	});

	it('refuse a plain definition without a compiler, naming the way out', () => {
		const error = (() => {
			try {
				createWith(sample('engraved-pendant'));
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(ConfiguratorError);
		expect((error as ConfiguratorError).code).toBe('needs-compiler');
		expect((error as ConfiguratorError).message).toMatch(/include=engine|loadConfigurator/);
	});

	it('loadConfigurator compiles what came uncompiled: a plain definition, the search form, a damaged form', async () => {
		const reference = createConfigurator(sample('modular-sofa')).state.evaluation;
		const plain = await loadConfigurator(sample('modular-sofa'));
		expect(plain.state.evaluation).toEqual(reference);
		// Dense rules ship as the search form: the compiler-free loader refuses it, the full one loads it.
		const parsed = parseRuntimeDefinition(sample('modular-sofa')) as Definition;
		const search = createEngine(parsed, {
			compile: (model) => compileModel(model, { fallback: 'search', maxNodes: 1 })
		}).compiled.serialize();
		expect((search as { format: string }).format).toBe('atelier/search-model');
		const dense = await loadConfigurator(published('modular-sofa', 2, search));
		expect(dense.state.evaluation).toEqual(reference);
		expect(dense.state.version).toBe(2);
		const damaged = await loadConfigurator(published('modular-sofa', 2, { format: 'nonsense' }));
		expect(damaged.state.evaluation).toEqual(reference);
	});
});
