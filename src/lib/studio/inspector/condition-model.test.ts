import { describe, expect, it } from 'vitest';
import type { Condition } from '$lib/core';
import {
	conditionProblems,
	defaultEffect,
	EFFECT_TYPES,
	effectProblem,
	fromConditionModel,
	toConditionModel,
	updateNode,
	type GroupNode,
	type OptionInfo
} from './condition-model';

const options: OptionInfo[] = [
	{
		id: 'metal',
		label: 'Metal',
		kind: 'choice',
		choices: [
			{ id: 'gold', label: 'Gold' },
			{ id: 'silver', label: 'Silver' }
		]
	},
	{ id: 'gift', label: 'Gift wrap', kind: 'toggle', choices: [] },
	{ id: 'engraving', label: 'Engraving', kind: 'text', choices: [] },
	{ id: 'width', label: 'Width', kind: 'number', choices: [] }
];

describe('condition builder model', () => {
	it('round-trips rule conditions: JSON → model → the same JSON', () => {
		const conditions: (Condition | undefined)[] = [
			undefined,
			{ type: 'is', option: 'metal', value: 'gold' },
			{ type: 'not', condition: { type: 'is', option: 'metal', value: 'gold' } },
			{
				type: 'or',
				conditions: [
					{
						type: 'and',
						conditions: [
							{ type: 'answered', option: 'engraving' },
							{ type: 'quantity', compare: 'gte', value: 10 }
						]
					},
					{
						type: 'not',
						condition: {
							type: 'or',
							conditions: [
								{ type: 'in', option: 'metal', values: ['gold', 'silver'] },
								{ type: 'is', option: 'gift', value: true }
							]
						}
					},
					{ type: 'textLength', option: 'engraving', compare: 'gt', value: 10 },
					{ type: 'number', option: 'width', compare: 'lte', value: 2.5 }
				]
			},
			{
				type: 'and',
				conditions: [
					{ type: 'isNot', option: 'metal', value: 'gold' },
					{ type: 'unanswered', option: 'gift' }
				]
			}
		];
		for (const condition of conditions)
			expect(fromConditionModel(toConditionModel(condition))).toEqual(condition);
	});

	it('reads NOT as a negated node and folds a double NOT away', () => {
		const leaf: Condition = { type: 'is', option: 'metal', value: 'gold' };
		const model = toConditionModel({ type: 'not', condition: { type: 'not', condition: leaf } });
		expect(model.children[0]).toMatchObject({ kind: 'leaf', negated: false });
		expect(fromConditionModel(model)).toEqual(leaf);
		const negatedGroup = toConditionModel({
			type: 'not',
			condition: { type: 'and', conditions: [leaf] }
		});
		expect(negatedGroup).toMatchObject({ kind: 'group', operator: 'and', negated: true });
	});

	it('builds JSON from edits of the model: groups, negation, removal', () => {
		let model: GroupNode = toConditionModel(undefined);
		model = updateNode(model, [], (root) => ({
			...(root as GroupNode),
			operator: 'or',
			children: [
				{ kind: 'leaf', negated: false, condition: { type: 'is', option: 'metal', value: 'gold' } },
				{ kind: 'leaf', negated: true, condition: { type: 'is', option: 'gift', value: true } },
				{ kind: 'group', operator: 'and', negated: false, children: [] }
			]
		}));
		expect(fromConditionModel(model)).toEqual({
			type: 'or',
			conditions: [
				{ type: 'is', option: 'metal', value: 'gold' },
				{ type: 'not', condition: { type: 'is', option: 'gift', value: true } },
				{ type: 'and', conditions: [] }
			]
		});
		model = updateNode(model, [2], () => null);
		model = updateNode(model, [1], () => null);
		expect(fromConditionModel(model)).toEqual({
			type: 'or',
			conditions: [{ type: 'is', option: 'metal', value: 'gold' }]
		});
		// An empty AND root is "always": no condition at all.
		expect(
			fromConditionModel(updateNode(model, [], () => toConditionModel(undefined)))
		).toBeUndefined();
	});

	it('finds dangling options and choices, wrong kinds and empty sets, at their node', () => {
		const model = toConditionModel({
			type: 'and',
			conditions: [
				{ type: 'is', option: 'metal', value: 'gold' },
				{ type: 'is', option: 'metal', value: 'platinum' },
				{ type: 'or', conditions: [{ type: 'answered', option: 'deleted-option' }] },
				{ type: 'is', option: 'gift', value: 'gold' },
				{ type: 'in', option: 'metal', values: [] },
				{ type: 'textLength', option: 'metal', compare: 'gt', value: 3 }
			]
		});
		expect(conditionProblems(model, options)).toEqual([
			{ path: [1], message: 'The choice “platinum” of Metal no longer exists: pick another one' },
			{ path: [2, 0], message: 'The option “deleted-option” no longer exists: pick another one' },
			{ path: [3], message: 'Gift wrap is on/off: pick On or Off' },
			{ path: [4], message: 'Pick at least one choice of Metal' },
			{ path: [5], message: 'Metal is not a text option' }
		]);
		expect(
			conditionProblems(toConditionModel({ type: 'is', option: 'metal', value: 'silver' }), options)
		).toEqual([]);
	});
});

describe('effects', () => {
	it('refuse dangling options and choices and wrong kinds, accept valid ones', () => {
		expect(effectProblem({ type: 'exclude', option: 'metal', value: 'gold' }, options)).toBeNull();
		expect(effectProblem({ type: 'exclude', option: 'metal', value: 'platinum' }, options)).toBe(
			'The choice “platinum” of Metal no longer exists: pick another one'
		);
		expect(effectProblem({ type: 'hideOption', option: 'gone' }, options)).toBe(
			'The option “gone” no longer exists: pick another one'
		);
		expect(effectProblem({ type: 'hideChoice', option: 'engraving', choice: 'x' }, options)).toBe(
			'This effect does not apply to Engraving'
		);
		expect(effectProblem({ type: 'require', option: 'gift', value: 'gold' }, options)).toBe(
			'Gift wrap is on/off: pick On or Off'
		);
		expect(effectProblem({ type: 'priceAmount', amount: 500 }, options)).toBeNull();
	});

	it('start valid when a fitting option exists', () => {
		for (const { type } of EFFECT_TYPES)
			expect(effectProblem(defaultEffect(type, options), options), type).toBeNull();
	});
});
