import { z } from 'zod';
import { choiceSchema } from './choice.js';
import { conditionSchema } from './condition.js';
import { configurationSchema } from './configuration.js';
import { definitionSchema } from './definition.js';
import { layerSchema } from './layer.js';
import { optionSchema } from './option.js';
import { effectSchema, ruleSchema } from './rule.js';
import { viewSchema } from './view.js';

/** Names of the shared definitions (`$defs`) of the generated JSON Schema. */
const named = z.registry<{ id: string }>();
named.add(conditionSchema, { id: 'Condition' });
named.add(effectSchema, { id: 'Effect' });
named.add(ruleSchema, { id: 'Rule' });
named.add(optionSchema, { id: 'Option' });
named.add(choiceSchema, { id: 'Choice' });
named.add(layerSchema, { id: 'Layer' });
named.add(viewSchema, { id: 'View' });
named.add(configurationSchema, { id: 'Configuration' });

/**
 * The JSON Schema (draft 2020-12) of the definition format, generated from the zod schema.
 * Describes the input form: fields with defaults are optional. Cross-reference rules (unknown
 * ids) are not expressible in JSON Schema; `parseDefinition` checks them.
 */
export function definitionJsonSchema(
	options: { target?: 'draft-2020-12' | 'draft-07' } = {}
): Record<string, unknown> {
	return {
		...z.toJSONSchema(definitionSchema, {
			io: 'input',
			unrepresentable: 'any',
			metadata: named,
			target: options.target ?? 'draft-2020-12'
		}),
		$id: 'urn:atelier:definition:v1',
		title: 'Atelier product definition (format version 1)'
	};
}

/** The JSON Schema of a configuration (input form). */
export function configurationJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(configurationSchema, {
			io: 'input',
			unrepresentable: 'any',
			metadata: named
		}),
		title: 'Atelier configuration'
	};
}
