import { describe, expect, it } from 'vitest';
import type { Definition, DefinitionInput } from '../definition/definition.js';
import { pendantFixture } from '../definition/fixtures.js';
import { parseDefinition } from '../definition/parse.js';
import type { SolverModel } from '../solver/types.js';
import { createCompileCache, createEngine } from './compile.js';
import { bruteForceCompile } from './testing/brute-force.js';

function define(input: DefinitionInput): Definition {
	const r = parseDefinition(input);
	if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
	return r.definition;
}

/** A compiler that counts its calls. */
function counting() {
	const models: SolverModel[] = [];
	return {
		models,
		compile: (model: SolverModel) => {
			models.push(model);
			return bruteForceCompile(model);
		}
	};
}

describe('createCompileCache', () => {
	const pendant = define(pendantFixture);

	it('compiles a definition once while its options and rules stay the same', () => {
		const compiler = counting();
		const cached = createCompileCache(4, compiler.compile);
		const repriced = structuredClone(pendant);
		repriced.options[0].label = 'Renamed';
		const first = createEngine(pendant, { compile: cached });
		const second = createEngine(repriced, { compile: cached });
		expect(compiler.models).toHaveLength(1);
		expect(second.compiled).toBe(first.compiled);
		// Answers are the uncached engine's.
		const configuration = { selections: { metal: 'gold', shape: 'round' } };
		expect(second.evaluate(configuration)).toEqual(
			createEngine(repriced, { compile: bruteForceCompile }).evaluate(configuration)
		);
	});

	it('compiles again when a rule changes, and forgets the least recently used model', () => {
		const compiler = counting();
		const cached = createCompileCache(2, compiler.compile);
		const withoutRules = { ...structuredClone(pendant), rules: [] };
		const withoutFirstRule = { ...structuredClone(pendant), rules: pendant.rules.slice(1) };
		createEngine(pendant, { compile: cached });
		createEngine(withoutRules, { compile: cached });
		expect(compiler.models).toHaveLength(2);
		createEngine(pendant, { compile: cached }); // a hit: now the most recent
		createEngine(withoutFirstRule, { compile: cached }); // evicts `withoutRules`
		expect(compiler.models).toHaveLength(3);
		createEngine(pendant, { compile: cached });
		expect(compiler.models).toHaveLength(3);
		createEngine(withoutRules, { compile: cached });
		expect(compiler.models).toHaveLength(4);
	});
});
