// The framework-free core of Atelier: definition format, engine, pricing, money.
// Each module's own index lists its full surface; this one re-exports what most callers need
// (definition, engine, pricing, money here; solver, scene, production, roster, analysis, import).
export {
	parseDefinition,
	serializeDefinition,
	parseConfiguration,
	migrateDefinition,
	migrations,
	definitionJsonSchema,
	configurationJsonSchema,
	definitionSchema,
	configurationSchema,
	FORMAT_VERSION,
	type Definition,
	type DefinitionInput,
	type Configuration,
	type ConfigurationInput,
	type Selection,
	type Option,
	type Choice,
	type Rule,
	type Condition,
	type Effect,
	type Layer,
	type View,
	type ValidationError,
	type Migration
} from './definition/index.js';
export {
	createEngine,
	createEngineWith,
	defaultCompile,
	createCompileCache,
	findRuleCycles,
	ENGINE_CODES,
	type Engine,
	type Evaluation,
	type EvaluateOptions,
	type OptionState,
	type ChoiceState,
	type SelectionSource,
	type Diagnostic,
	type UnavailableReason,
	type RuleCycle
} from './engine/index.js';
export {
	priceConfiguration,
	leadTimeOf,
	type PriceBreakdown,
	type PriceLine,
	type LeadTimeResult,
	type RushQuote
} from './pricing/index.js';
export {
	applyBasisPoints,
	divideRounded,
	formatMoney,
	multiplyRounded,
	type Money
} from './money.js';
export { runScenario, runScenarios, type ScenarioResult } from './engine/index.js';
export {
	compileModel,
	loadCompiledDiagram,
	loadCompiledModel,
	type CompiledModel
} from './solver/index.js';
export {
	computeScene,
	type Scene,
	type SceneItem,
	type SceneTextItem,
	type SceneImageItem,
	type SceneUploadItem,
	type SceneAsset
} from './scene/index.js';
export type { Rect } from './definition/common.js';
export {
	productionSpec,
	isPersonalAnswer,
	shipByDate,
	shopifyLineItemProperties,
	wooCommerceCartItemData,
	cartEventDetail,
	type ProductionSpec
} from './production/index.js';
export {
	mapRoster,
	rosterTemplate,
	priceBulkOrder,
	bulkLinePrices,
	BULK_GROUP,
	type RosterResult,
	type BulkOrder
} from './roster/index.js';
export { analyze, ANALYSIS_CODES, type AnalysisDiagnostic } from './analysis/index.js';
export { xcspToDefinition } from './import/index.js';
export { parseXcsp, XcspError } from './xcsp/index.js';
export {
	printRegion,
	viewPixelsPerInch,
	layoutText,
	sceneToSvg,
	uploadResolutions,
	type PrintRegion,
	type UploadResolution,
	type FontMetrics,
	type LaidOutLine,
	type SceneSvgOptions,
	type SvgImageSource
} from './print/index.js';
export {
	diffDefinitions,
	diffOutcomes,
	type DefinitionChange,
	type DiffSubject,
	type OutcomeDiff,
	type ScenarioChange
} from './diff/index.js';
