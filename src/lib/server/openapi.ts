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
		'Access-Control-Allow-Origin': {
			description:
				'The request’s Origin, echoed when it is one of the store’s allowed origins (or the ' +
				'studio’s own); absent for requests without an Origin. Answers vary by Origin.',
			schema: { type: 'string' }
		}
	};
	const definitionContent = {
		'application/json': {
			schema: {
				oneOf: [
					{ $ref: '#/components/schemas/Definition' },
					{
						type: 'object',
						description:
							'With `include=engine`: the definition, its version number and its compiled rules.',
						required: ['version', 'definition', 'engine'],
						properties: {
							version: { type: 'integer', minimum: 1 },
							definition: { $ref: '#/components/schemas/Definition' },
							engine: {
								description:
									'The rules compiled on the server (format `atelier/compiled-model` with per-constraint diagrams, or `atelier/search-model`), loaded by the storefront runtime instead of compiling them; null when they could not be compiled.'
							}
						}
					}
				]
			}
		}
	};
	const includeParam = {
		name: 'include',
		in: 'query',
		required: false,
		description:
			'`engine`: answer `{ version, definition, engine }` — the definition with its compiled rules (what `/embed.js` asks for: nothing to compile in the browser). Its own ETag.',
		schema: { type: 'string', enum: ['engine'] }
	};
	const errors = {
		'400': {
			description: 'A malformed slug, handle or version number.',
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		},
		'403': {
			description:
				'The request’s Origin is not one of the store’s allowed origins (set in the studio, Settings).',
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		},
		'404': {
			description: 'Unknown store, product or version, or nothing published yet.',
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		},
		'431': {
			description:
				'An If-None-Match header longer than 2048 characters (or request headers over 16 KB).',
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
				'URLs are immutable and may be cached forever; the live URL revalidates with its ETag. ' +
				'Browsers may call a store’s endpoints from the store’s allowed origins only (CORS, ' +
				'preflight included); requests without an Origin (servers) are always answered.'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths: {
			'/stores/{workspaceSlug}/products/{handle}': {
				get: {
					operationId: 'getLiveDefinition',
					summary: 'The definition the live channel points at',
					parameters: [
						...storeParams,
						includeParam,
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
						},
						includeParam,
						{
							name: 'If-None-Match',
							in: 'header',
							required: false,
							description: 'An ETag from an earlier answer; 304 when it matches.',
							schema: { type: 'string' }
						}
					],
					responses: {
						'200': {
							description:
								'That version’s definition, which never changes. `Cache-Control: public, max-age=31536000, immutable`.',
							headers: definitionHeaders,
							content: definitionContent
						},
						'304': { description: 'Not modified: the ETag sent is this version’s.' },
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
						'403': errors['403'],
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
			'/orders': {
				post: {
					operationId: 'createOrder',
					summary: 'Place an order; every item is re-checked and re-priced by the server',
					description:
						'Each item references a saved design or carries product, version and configuration. ' +
						'The server evaluates every item with that published version, recomputes its price ' +
						'and refuses (422, reasons per item path) an invalid or incomplete configuration, an ' +
						'unpublished or archived product, an unknown version, or a price that differs. The ' +
						'same Idempotency-Key with the same body answers the first answer again (status and ' +
						'body, header `Idempotent-Replayed: true`) and never creates a second order, also ' +
						'when the requests arrive in parallel; with a different body it answers 422.',
					security: [{ publishableKey: [] }, { publishableKeyHeader: [] }],
					parameters: [
						{
							name: 'Idempotency-Key',
							in: 'header',
							required: true,
							description: 'A unique value per order (a UUID), reused on retries.',
							schema: { type: 'string', pattern: '^[A-Za-z0-9_\\-:.]{1,255}$' }
						}
					],
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/OrderRequest' } }
						}
					},
					responses: {
						'201': {
							description: 'The order, as stored (status `new`).',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['order'],
										properties: { order: { $ref: '#/components/schemas/Order' } }
									}
								}
							}
						},
						'400': orderError(
							'A missing or malformed Idempotency-Key, a body that is not JSON, or a malformed body (issues name the path).',
							true
						),
						'401': orderError('No publishable key, or an unknown or revoked one.'),
						'409': orderError('A request with this Idempotency-Key is still being processed.'),
						'413': orderError('The body is larger than 512 KB.'),
						'422': orderError(
							'Refused: reasons per item (`items[2].price: expected 4500 EUR, got 4000 EUR`), or the key was used with another body.',
							true
						)
					}
				}
			},
			'/webhooks/shopify/orders-create': {
				post: {
					operationId: 'shopifyOrderWebhook',
					summary: 'Shopify `orders/create` webhook',
					description:
						'Verified with `X-Shopify-Hmac-Sha256` (base64 HMAC-SHA256 of the raw body) and the ' +
						'secret of the shop in `X-Shopify-Shop-Domain`. Line items whose properties carry ' +
						'`_atelier_design` become one order (same checks as POST /orders), idempotent by the ' +
						'Shopify order id.',
					responses: webhookResponses()
				}
			},
			'/webhooks/woocommerce/orders-create': {
				post: {
					operationId: 'wooCommerceOrderWebhook',
					summary: 'WooCommerce `order.created` webhook',
					description:
						'Verified with `X-WC-Webhook-Signature` (base64 HMAC-SHA256 of the raw body) and the ' +
						'secret of the site in `X-WC-Webhook-Source`. Line items whose meta data carry ' +
						'`_atelier_design` become one order, idempotent by the WooCommerce order id.',
					responses: webhookResponses()
				}
			},
			'/assets/{sha256}': {
				get: {
					operationId: 'getAsset',
					summary: 'An image of a published version, by content hash',
					description:
						'Definitions refer to uploaded images through their `assets` table: ' +
						'`{ "sha256": "<hex>", "path": "/api/v1/assets/<hex>", "mime", "width", "height" }`. ' +
						'Only assets that a published version refers to are served; a draft’s uploads are not.',
					parameters: [
						{
							name: 'sha256',
							in: 'path',
							required: true,
							description: 'The sha256 of the stored bytes, 64 lowercase hex digits.',
							schema: { type: 'string', pattern: '^[0-9a-f]{64}$' }
						}
					],
					responses: {
						'200': {
							description:
								'The image bytes, which never change. `Cache-Control: public, max-age=31536000, immutable`; ' +
								"SVG comes with `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'`.",
							headers: {
								ETag: {
									description: 'The sha256, quoted.',
									schema: { type: 'string' }
								},
								'Cache-Control': { schema: { type: 'string' } },
								'X-Content-Type-Options': { schema: { type: 'string', const: 'nosniff' } },
								'Content-Security-Policy': {
									description: 'SVG only.',
									schema: { type: 'string' }
								}
							},
							content: {
								'image/png': { schema: { type: 'string', format: 'binary' } },
								'image/jpeg': { schema: { type: 'string', format: 'binary' } },
								'image/webp': { schema: { type: 'string', format: 'binary' } },
								'image/svg+xml': { schema: { type: 'string', format: 'binary' } }
							}
						},
						'304': { description: 'Not modified: the ETag sent is this asset’s.' },
						'400': {
							description: 'A malformed hash.',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
						},
						'404': {
							description: 'No published version refers to an asset with this hash.',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
						}
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
				Money: {
					type: 'object',
					required: ['amount', 'currency'],
					properties: {
						amount: { type: 'integer', minimum: 0, description: 'Minor units: 4500 is 45.00.' },
						currency: { type: 'string', pattern: '^[A-Z]{3}$' }
					}
				},
				BulkGroup: {
					type: 'string',
					pattern: '^[A-Za-z0-9_-]{1,64}$',
					description:
						'A line of a bulk order (a roster): the items of one group are one product version, ' +
						'priced together at the quantity tier of all their pieces, the fees once on the ' +
						'first line (the storefront’s bulk mode sends this; Shopify/WooCommerce lines carry it ' +
						'as `_atelier_bulk`).'
				},
				OrderRequest: {
					type: 'object',
					required: ['items'],
					additionalProperties: false,
					properties: {
						items: {
							type: 'array',
							minItems: 1,
							maxItems: 1000,
							items: {
								oneOf: [
									{
										type: 'object',
										required: ['product', 'version', 'configuration', 'price'],
										additionalProperties: false,
										properties: {
											store: { type: 'string', description: 'The store slug; must be the key’s.' },
											product: { type: 'string', description: 'The product handle.' },
											version: { type: 'integer', minimum: 1 },
											configuration: {
												type: 'object',
												description: 'A configuration: `{ selections, quantity?, rushTier? }`.'
											},
											quantity: {
												type: 'integer',
												minimum: 1,
												description: 'Overrides the configuration’s.'
											},
											price: {
												$ref: '#/components/schemas/Money',
												description: 'The line total the customer saw (rush and fees included).'
											},
											bulk: { $ref: '#/components/schemas/BulkGroup' }
										}
									},
									{
										type: 'object',
										required: ['design', 'price'],
										additionalProperties: false,
										properties: {
											design: { type: 'string', description: 'A saved design id.' },
											quantity: { type: 'integer', minimum: 1 },
											price: { $ref: '#/components/schemas/Money' },
											bulk: { $ref: '#/components/schemas/BulkGroup' }
										}
									}
								]
							}
						},
						customer: {
							type: 'object',
							additionalProperties: false,
							properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } }
						},
						reference: { type: 'string', maxLength: 100, description: 'Your own order reference.' }
					}
				},
				Order: {
					type: 'object',
					required: ['id', 'number', 'status', 'createdAt', 'shipBy', 'total', 'items'],
					properties: {
						id: { type: 'string' },
						number: { type: 'integer', description: '1, 2, … per store.' },
						status: { type: 'string', enum: ['new', 'in_production', 'quality_check', 'shipped'] },
						source: { type: 'string', enum: ['api', 'shopify', 'woocommerce'] },
						reference: { type: ['string', 'null'] },
						createdAt: { type: 'string', format: 'date-time' },
						shipBy: {
							type: 'string',
							format: 'date',
							description: 'The latest ship-by date of its items.'
						},
						total: { $ref: '#/components/schemas/Money' },
						items: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									position: { type: 'integer' },
									product: { type: 'object' },
									version: { type: 'integer' },
									design: { type: ['string', 'null'] },
									quantity: { type: 'integer' },
									sku: { type: 'string' },
									configuration: { type: 'object' },
									price: { $ref: '#/components/schemas/Money' },
									priceBreakdown: { type: 'object', description: 'The engine’s price breakdown.' },
									leadTimeDays: { type: 'integer' },
									shipBy: { type: 'string', format: 'date' }
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
			},
			securitySchemes: {
				publishableKey: {
					type: 'http',
					scheme: 'bearer',
					description: 'The workspace’s publishable key `pk_live_…` (Settings → Integrations).'
				},
				publishableKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Atelier-Key' }
			}
		}
	};
}

/** An error answer; `listed`: it may carry `error.errors` with a path per problem. */
function orderError(description: string, listed = false) {
	const schema = listed
		? {
				oneOf: [
					{ $ref: '#/components/schemas/ValidationErrors' },
					{ $ref: '#/components/schemas/Error' }
				]
			}
		: { $ref: '#/components/schemas/Error' };
	return { description, content: { 'application/json': { schema } } };
}

function webhookResponses() {
	return {
		'200': { description: 'No line item carries an Atelier design (nothing to do), or a ping.' },
		'201': { description: 'The order was created (or had been, for a redelivery).' },
		'401': orderError('Unsigned, badly signed, or from a store that is not connected.'),
		'422': orderError('The Atelier line items were refused (reasons per item).', true)
	};
}
