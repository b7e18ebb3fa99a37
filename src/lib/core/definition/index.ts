// The product-definition format: one zod schema → TS types, JSON Schema, validation with paths.
export {
	idSchema,
	moneySchema,
	daysSchema,
	basisPointsSchema,
	localeSchema,
	hexColorSchema,
	labelSchema,
	rectSchema,
	pixelSizeSchema,
	compareOperatorSchema,
	type Rect,
	type PixelSize,
	type CompareOperator
} from './common.js';
export { currencySchema, type Currency } from './currency.js';
export { viewSchema, printAreaSchema, type View, type PrintArea } from './view.js';
export {
	assetSchema,
	assetsSchema,
	fontSchema,
	paletteColorSchema,
	type Asset,
	type Font,
	type PaletteColor
} from './asset.js';
export {
	choiceSchema,
	stockSchema,
	swatchSchema,
	type Choice,
	type Stock,
	type Swatch
} from './choice.js';
export {
	optionSchema,
	choiceOptionSchema,
	multiOptionSchema,
	textOptionSchema,
	imageOptionSchema,
	numberOptionSchema,
	toggleOptionSchema,
	groupSchema,
	allowedCharactersSchema,
	characterPresetSchema,
	imageFormatSchema,
	type Option,
	type OptionKind,
	type ChoiceOption,
	type MultiOption,
	type TextOption,
	type ImageOption,
	type NumberOption,
	type ToggleOption,
	type Group,
	type AllowedCharacters,
	type CharacterPreset,
	type ImageFormat
} from './option.js';
export { conditionSchema, type Condition } from './condition.js';
export { ruleSchema, effectSchema, type Rule, type Effect, type EffectType } from './rule.js';
export {
	layerSchema,
	imageLayerSchema,
	textLayerSchema,
	uploadLayerSchema,
	groupLayerSchema,
	transformSchema,
	textStyleSchema,
	blendModeSchema,
	type Layer,
	type ImageLayer,
	type TextLayer,
	type UploadLayer,
	type GroupLayer,
	type Transform,
	type TextStyle,
	type BlendMode
} from './layer.js';
export {
	pricingSchema,
	quantityTierSchema,
	feeSchema,
	rushTierSchema,
	leadTimeSchema,
	type Pricing,
	type QuantityTier,
	type Fee,
	type RushTier,
	type LeadTime
} from './pricing.js';
export {
	scenarioSchema,
	scenarioExpectSchema,
	type Scenario,
	type ScenarioExpect
} from './scenario.js';
export { translationsSchema, translator, type Translations } from './translations.js';
export {
	configurationSchema,
	selectionSchema,
	textAnswerSchema,
	uploadAnswerSchema,
	type Configuration,
	type ConfigurationInput,
	type Selection,
	type TextAnswer,
	type UploadAnswer
} from './configuration.js';
export {
	definitionSchema,
	FORMAT_VERSION,
	type Definition,
	type DefinitionInput
} from './definition.js';
export { formatPath, type ValidationError } from './errors.js';
export {
	parseDefinition,
	serializeDefinition,
	parseConfiguration,
	type ParseDefinitionResult,
	type ParseConfigurationResult
} from './parse.js';
export { checkReferences, checkConfigurationReferences } from './references.js';
export {
	migrations,
	migrateDefinition,
	type Migration,
	type MigrationResult
} from './migrations.js';
export { definitionJsonSchema, configurationJsonSchema } from './json-schema.js';
