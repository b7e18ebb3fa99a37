// The scene: for one view and one configuration, the ordered draw list both renderers draw.
export {
	computeScene,
	fontOf,
	colorOf,
	placeUpload,
	UnknownViewError,
	type Scene,
	type SceneItem,
	type SceneImageItem,
	type SceneTextItem,
	type SceneUploadItem,
	type SceneAsset,
	type SceneFont,
	type SceneTransform,
	type SceneClip,
	type ScenePrintArea
} from './scene.js';
export {
	isEvaluation,
	stateOfEvaluation,
	stateOfConfiguration,
	type EvaluationLike,
	type SceneState
} from './resolve.js';
export {
	textFits,
	fittedTextSize,
	estimateTextSize,
	estimateLineWidth,
	characterAdvance,
	fontWidthFactor,
	textLines,
	type FontMetricsInput,
	type TextBox
} from './text-metrics.js';
