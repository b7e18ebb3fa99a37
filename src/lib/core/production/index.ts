// Production: the spec of a complete configuration, ship-by dates, and cart payloads built from it.
export { productionSpec, engineOf, type EngineSource } from './source.js';
export {
	productionSpecOf,
	skuOf,
	isPersonalAnswer,
	type EngineLike,
	type ProductionOptions,
	type ProductionResult,
	type ProductionSpec,
	type ProductionError,
	type SpecAnswer,
	type SpecChoice,
	type SpecText,
	type SpecUpload,
	type SpecPrintArea
} from './spec.js';
export { shipByDate, isBusinessDay, toCalendarDate } from './ship-by.js';
export {
	shopifyLineItemProperties,
	wooCommerceCartItemData,
	cartEventDetail,
	readableLines,
	type ReadableLine,
	type WooCommerceCartItemData,
	type CartEventDetail
} from './cart.js';
