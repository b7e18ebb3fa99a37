/**
 * The OpenAPI 3.1 document of the public REST API, written by hand: it is the contract
 * storefronts build against, so it changes only on purpose. The definition body itself is
 * described by the JSON Schema of the definition format (`atelier schema`), referenced here.
 */
export function openApiDocument(origin: string) {
	const storeParams = [
		{
			name: 'workspaceSlug',
			in: 'path',
			required: true,
			description: 'The store: the slug of the merchant’s Atelier workspace.',
			schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 }
		},
		{
			name: 'handle',
			in: 'path',
			required: true,
			description: 'The product’s handle, unique within the workspace.',
			schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 }
		}
	];
	const definitionHeaders = {
		ETag: {
			description: 'The sha256 (hex, quoted) of the definition JSON: its content hash.',
			schema: { type: 'string' }
		},
		'Cache-Control': { schema: { type: 'string' } },
		'X-Atelier-Version': {
			description: 'The version number served.',
			schema: { type: 'integer' }
		},
		'Access-Control-Allow-Origin': { schema: { type: 'string' } }
	};
	const definitionContent = {
		'application/json': { schema: { $ref: '#/components/schemas/Definition' } }
	};
	const errors = {
		'400': {
			description: 'A malformed slug, handle or version number.',
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		},
		'404': {
			description: 'Unknown store, product or version, or nothing published yet.',
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		}
	};
	return {
		openapi: '3.1.0',
		info: {
			title: 'Atelier public API',
			version: '1.0.0',
			description:
				'Published product definitions for storefronts. Drafts are never served. Versioned ' +
				'URLs are immutable and may be cached forever; the live URL revalidates with its ETag.'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths: {
			'/stores/{workspaceSlug}/products/{handle}': {
				get: {
					operationId: 'getLiveDefinition',
					summary: 'The definition the live channel points at',
					parameters: [
						...storeParams,
						{
							name: 'If-None-Match',
							in: 'header',
							required: false,
							description: 'An ETag from an earlier answer; 304 when it is still current.',
							schema: { type: 'string' }
						}
					],
					responses: {
						'200': {
							description:
								'The live definition. `Cache-Control: public, max-age=60, stale-while-revalidate=600`.',
							headers: definitionHeaders,
							content: definitionContent
						},
						'304': { description: 'Not modified: the ETag sent is the live one.' },
						...errors
					}
				}
			},
			'/stores/{workspaceSlug}/products/{handle}/versions/{n}': {
				get: {
					operationId: 'getDefinitionVersion',
					summary: 'One published version, by number',
					parameters: [
						...storeParams,
						{
							name: 'n',
							in: 'path',
							required: true,
							description: 'The version number (1, 2, …).',
							schema: { type: 'integer', minimum: 1 }
						}
					],
					responses: {
						'200': {
							description:
								'That version’s definition, which never changes. `Cache-Control: public, max-age=31536000, immutable`.',
							headers: definitionHeaders,
							content: definitionContent
						},
						...errors
					}
				}
			},
			'/stores/{workspaceSlug}/designs': {
				post: {
					operationId: 'createDesign',
					summary: 'Save a customer design (share and edit-from-cart links)',
					description:
						'The configuration is validated with the Atelier core against the version it pins ' +
						'(unknown options or choices, wrong answer kinds, texts, numbers, uploads and ' +
						'impossible combinations); an incomplete design may be saved. The storefront ' +
						'runtime saves one before each add-to-cart and puts its id in `_atelier_design`.',
					parameters: [storeParams[0]],
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/DesignInput' } }
						}
					},
					responses: {
						'201': {
							description: 'Saved. `Location` is the design’s URL.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['id', 'url'],
										properties: { id: { type: 'string' }, url: { type: 'string' } }
									}
								}
							}
						},
						'400': errors['400'],
						'404': {
							description: 'Unknown store, product or version.',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
						},
						'413': {
							description: 'The body is larger than 64 KiB.',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
						},
						'422': {
							description:
								'The body or the configuration is invalid; `error.errors` lists each path.',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/ValidationErrors' } }
							}
						}
					}
				}
			},
			'/stores/{workspaceSlug}/designs/{id}': {
				get: {
					operationId: 'getDesign',
					summary: 'A saved design',
					parameters: [
						storeParams[0],
						{
							name: 'id',
							in: 'path',
							required: true,
							description: 'The design id returned when it was saved.',
							schema: { type: 'string', pattern: '^d[0-9a-z]{20}$' }
						}
					],
					responses: {
						'200': {
							description:
								'The design, which never changes. `Cache-Control: public, max-age=31536000, immutable`.',
							content: {
								'application/json': { schema: { $ref: '#/components/schemas/Design' } }
							}
						},
						...errors
					}
				}
			},
			'/openapi.json': {
				get: {
					operationId: 'getOpenApi',
					summary: 'This document',
					responses: {
						'200': {
							description: 'The OpenAPI 3.1 document.',
							content: { 'application/json': { schema: { type: 'object' } } }
						}
					}
				}
			}
		},
		components: {
			schemas: {
				Definition: {
					type: 'object',
					description:
						'A product definition (the Atelier definition format, see `formatVersion`); ' +
						'its full JSON Schema is printed by `atelier schema`.',
					required: ['formatVersion'],
					properties: { formatVersion: { type: 'integer' } },
					additionalProperties: true
				},
				Configuration: {
					type: 'object',
					description:
						'A configuration: `selections` (option id → answer), `quantity`, optional `rushTier`.',
					properties: {
						selections: { type: 'object', additionalProperties: true },
						quantity: { type: 'integer', minimum: 1 },
						rushTier: { type: 'string' }
					}
				},
				DesignInput: {
					type: 'object',
					required: ['product', 'version', 'configuration'],
					additionalProperties: false,
					properties: {
						product: { type: 'string', description: 'The product handle.' },
						version: { type: 'integer', minimum: 1, description: 'The published version.' },
						configuration: { $ref: '#/components/schemas/Configuration' }
					}
				},
				Design: {
					type: 'object',
					required: ['id', 'product', 'version', 'configuration', 'createdAt'],
					properties: {
						id: { type: 'string' },
						product: { type: 'string' },
						version: { type: 'integer' },
						configuration: { $ref: '#/components/schemas/Configuration' },
						createdAt: { type: 'string', format: 'date-time' }
					}
				},
				ValidationErrors: {
					type: 'object',
					required: ['error'],
					properties: {
						error: {
							type: 'object',
							required: ['message', 'errors'],
							properties: {
								message: { type: 'string' },
								errors: {
									type: 'array',
									items: {
										type: 'object',
										required: ['path', 'message'],
										properties: { path: { type: 'string' }, message: { type: 'string' } }
									}
								}
							}
						}
					}
				},
				Error: {
					type: 'object',
					required: ['error'],
					properties: {
						error: {
							type: 'object',
							required: ['message'],
							properties: { message: { type: 'string' } }
						}
					}
				}
			}
		}
	};
}
