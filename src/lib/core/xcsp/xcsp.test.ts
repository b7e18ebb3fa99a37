import { describe, expect, it } from 'vitest';
import { compileModel } from '../solver/index';
import { parseMeganeLabels, parseXcsp, XcspError, xcspToSolverModel } from './index';

const sample = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a tiny instance -->
<instance>
<presentation name="tiny" format="XCSP 2.1"/>
<domains nbDomains="2">
  <domain name="D0" nbValues="3">0..2</domain>
  <domain name="D1" nbValues="3"> -1 0 5 </domain>
</domains>
<variables nbVariables="3">
  <variable name="a" domain="D0"/>
  <variable name="b" domain="D0"/>
  <variable name="c" domain="D1"/>
</variables>
<relations nbRelations="3">
  <relation name="R0" arity="2" nbTuples="3" semantics="supports">0 1|1 2| 2 0</relation>
  <relation name="R1" arity="2" nbTuples="1" semantics="conflicts">2 -1</relation>
  <relation name="R2" arity="1" nbTuples="0" semantics="conflicts"></relation>
</relations>
<constraints nbConstraints="3">
  <constraint name="C0" arity="2" scope="a b" reference="R0"/>
  <constraint name="C1" arity="2" scope="b c" reference="R1"/>
  <constraint name="C2" arity="1" scope="c" reference="R2"/>
</constraints>
</instance>
`;

function errorOf(text: string): XcspError {
	try {
		parseXcsp(text);
	} catch (e) {
		if (e instanceof XcspError) return e;
		throw e;
	}
	throw new Error('expected an XcspError');
}

describe('parseXcsp', () => {
	it('reads domains with ranges and negative values, relations and constraints', () => {
		const p = parseXcsp(sample);
		expect(p.name).toBe('tiny');
		expect(p.domains.map((d) => d.values)).toEqual([
			[0, 1, 2],
			[-1, 0, 5]
		]);
		expect(p.relations[0].tuples).toEqual([
			[0, 1],
			[1, 2],
			[2, 0]
		]);
		expect(p.relations[2].tuples).toEqual([]);
		expect(p.constraints[1]).toMatchObject({ name: 'C1', scope: ['b', 'c'], reference: 'R1' });
	});

	it('converts to a solver model with the names and values unchanged', () => {
		const model = xcspToSolverModel(parseXcsp(sample));
		expect(model.variables).toEqual([
			{ id: 'a', values: ['0', '1', '2'] },
			{ id: 'b', values: ['0', '1', '2'] },
			{ id: 'c', values: ['-1', '0', '5'] }
		]);
		expect(model.constraints[1]).toEqual({
			id: 'C1',
			formula: { kind: 'table', scope: ['b', 'c'], tuples: [['2', '-1']], semantics: 'conflicts' }
		});
		// (a,b) in {01,12,20}; (b,c) != (2,-1): 3*3 - 1 = 8 solutions
		expect(compileModel(model).count()).toBe(8n);
	});

	it('treats an empty supports relation as allowing nothing', () => {
		const text = sample.replace(
			'semantics="conflicts"></relation>',
			'semantics="supports"></relation>'
		);
		expect(compileModel(xcspToSolverModel(parseXcsp(text))).count()).toBe(0n);
	});

	it('reports a syntax error with its line number', () => {
		const text = sample.replace(
			'<variable name="b" domain="D0"/>',
			'<variable name="b" domain=D0/>'
		);
		const e = errorOf(text);
		expect(e.line).toBe(11);
		expect(e.message).toMatch(/line 11 <variable>: attribute domain value must be quoted/);
	});

	it('reports a mismatched closing tag with its line number', () => {
		const e = errorOf(sample.replace('</domains>', '</domain>'));
		expect(e.line).toBe(8);
		expect(e.message).toMatch(/does not match <domains> opened on line 5/);
	});

	it('reports a tuple whose arity does not match its relation', () => {
		const e = errorOf(sample.replace('0 1|1 2| 2 0', '0 1|1 2 0|2 0'));
		expect(e.line).toBe(15);
		expect(e.element).toBe('relation');
		expect(e.message).toMatch(/relation R0 has arity 2 but tuple #2 '1 2 0' has 3 values/);
	});

	it('reports a constraint whose scope does not match its arity or its relation', () => {
		const e1 = errorOf(
			sample.replace('scope="a b" reference="R0"', 'scope="a b c" reference="R0"')
		);
		expect(e1.message).toMatch(/line 20 <constraint>: constraint C0 declares arity 2/);
		const e2 = errorOf(
			sample.replace(
				'<constraint name="C2" arity="1" scope="c" reference="R2"/>',
				'<constraint name="C2" arity="2" scope="a c" reference="R2"/>'
			)
		);
		expect(e2.message).toMatch(/line 22 <constraint>: constraint C2 has arity 2 but relation R2/);
	});

	it('reports unknown references', () => {
		expect(errorOf(sample.replace('reference="R1"', 'reference="R9"')).message).toMatch(
			/line 21 <constraint>: .*unknown relation R9/
		);
		expect(errorOf(sample.replace('scope="b c"', 'scope="b z"')).message).toMatch(
			/unknown variable z/
		);
		expect(errorOf(sample.replace('domain="D1"', 'domain="D7"')).message).toMatch(
			/line 12 <variable>: variable c refers to unknown domain D7/
		);
	});

	it('reports an element that is never closed', () => {
		expect(errorOf(sample.replace('</instance>', '')).message).toMatch(
			/line 3 <instance>: element <instance> is never closed/
		);
	});
});

describe('parseMeganeLabels', () => {
	it('maps each variable to its value names in order', () => {
		const labels = parseMeganeLabels('Var4 : DIESEL, ESS\nVar10 : X\n\n');
		expect(labels.get('4')).toEqual(['DIESEL', 'ESS']);
		expect(labels.get('10')).toEqual(['X']);
	});

	it('rejects a malformed line with its number', () => {
		expect(() => parseMeganeLabels('Var1 : A\nnonsense')).toThrow(/line 2/);
	});
});
