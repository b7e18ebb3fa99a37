// The storefront runtime without UI or Konva (served as /runtime.js): the configurator state
// machine over the core and the cart adapters. The UI (`ui/`), the Konva preview (`preview/`)
// and the <atelier-configurator> element (`embed/`) have their own entry points.
export {
	createConfigurator,
	loadConfigurator,
	loadPublishedDefinition,
	ConfiguratorError,
	encodeDesign,
	decodeDesign,
	type Configurator,
	type ConfiguratorOptions,
	type ConfiguratorState,
	type ConfiguratorErrorCode,
	type CartAdapter,
	type DesignInput,
	type PublishedProduct
} from './configurator.js';
export {
	shopifyCart,
	wooCommerceCart,
	headlessCart,
	cartAdapterFor,
	type CartKind,
	type ShopifyCartAddBody,
	type WooCommerceAddItemBody
} from './cart.js';
