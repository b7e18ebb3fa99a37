// Pricing and lead time: pure functions of a definition and an evaluated configuration's facts.
export {
	priceConfiguration,
	repriceAtQuantity,
	quantityTierFor,
	rushTierFor,
	type PriceBreakdown,
	type PriceLine,
	type PriceLineKind,
	type PricingFacts
} from './price.js';
export {
	leadTimeOf,
	rushQuotes,
	type LeadTimeLine,
	type LeadTimeResult,
	type RushQuote
} from './lead-time.js';
