import { describe, expect, it } from 'vitest';
import { pendantFixture } from '../definition/fixtures.js';
import { parseDefinition } from '../definition/parse.js';
import { createEngine } from './compile.js';
import { runScenario, runScenarios } from './scenarios.js';
import { bruteForceCompile } from './testing/brute-force.js';

const r = parseDefinition(pendantFixture);
if (!r.ok) throw new Error('fixture');
const engine = createEngine(r.definition, { compile: bruteForceCompile });

describe('scenario tests', () => {
	it("passes the pendant's own scenario", () => {
		expect(runScenarios(engine).map((s) => [s.name, s.passed, s.failures])).toEqual([
			['Wood round pendant with a moon', true, []]
		]);
	});

	it('reports each failed expectation with its path and what happened', () => {
		const result = runScenario(engine, {
			id: 't',
			name: 'Star in silver',
			configuration: { selections: { shape: 'star', metal: 'silver' }, quantity: 1 },
			expect: {
				valid: true,
				total: 100,
				hiddenOptions: ['metal'],
				availableChoices: [{ option: 'metal', choice: 'wood' }],
				errorContains: 'needs metal = gold'
			}
		});
		expect(result.passed).toBe(false);
		expect(result.failures).toEqual([
			{ path: 'expect.total', message: 'total: expected 100, got 6700' },
			{ path: 'expect.valid', message: 'valid: expected true, got false' },
			{ path: 'expect.hiddenOptions[0]', message: 'Metal is visible' },
			{
				path: 'expect.availableChoices[0]',
				message:
					"Metal = Wood is unavailable: excluded by rule 'Stars are gold only' because Shape = Star"
			}
		]);
	});
});
