import { z } from 'zod';
import { configurationSchema } from './configuration.js';
import { definitionSchema } from './definition.js';

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
			target: options.target ?? 'draft-2020-12'
		}),
		$id: 'urn:atelier:definition:v1',
		title: 'Atelier product definition (format version 1)'
	};
}

/** The JSON Schema of a configuration (input form). */
export function configurationJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(configurationSchema, { io: 'input', unrepresentable: 'any' }),
		title: 'Atelier configuration'
	};
}
