// Editor commands over the plain definition JSON, and the graph model the graph panel draws.
// Pure TypeScript: no Svelte, so the studio harness runs them against a Y.Doc without a browser.
export {
	addOption,
	addChoice,
	addView,
	addGroup,
	addLayer,
	addRule,
	connect,
	connectionProblem,
	disconnect,
	deleteNodes,
	duplicateNodes,
	rename,
	type AddableLayerKind,
	type RuleEffectKind
} from './commands';
export {
	copyNodes,
	pasteNodes,
	readClipboard,
	CLIPBOARD_TYPE,
	type ClipboardPayload
} from './clipboard';
export { referencesTo, pruneDangling, changesBetween, type Reference } from './references';
export {
	addFont,
	removeFont,
	fontReferences,
	fontLabel,
	type StoredFontFile,
	type FontCommandResult
} from './fonts';
export { describeCondition, describeEffect, describeRule, priceText } from './describe';
export {
	graphFromDefinition,
	GraphBuilder,
	endpointOf,
	nodeId,
	storedPositions,
	NODE_WIDTH,
	type GraphNode,
	type GraphEdge,
	type GraphEdgeKind,
	type GraphNodeType,
	type GraphNodeData,
	type OptionNodeData,
	type LayerNodeData,
	type ViewNodeData,
	type RuleNodeData,
	type GroupNodeData,
	type ChoiceRow
} from './graph-model';
export { tidyLayout } from './layout';
export { type CommandResult, type DefinitionJson, type NodeRef } from './model';
