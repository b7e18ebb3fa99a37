// The Konva preview of core scenes: the renderer (into any Konva container, e.g. the studio
// canvas) and a responsive stage that shows one view at a time (the storefront).
export {
	createSceneRenderer,
	type SceneRenderer,
	type SceneRendererOptions,
	type LoadedImage
} from './scene-renderer.js';
export { createPreview, loadImageElement, type Preview, type PreviewOptions } from './preview.js';
export {
	fitView,
	konvaBox,
	konvaFontStyle,
	fontFamilyList,
	sceneItemIds,
	type ViewFit
} from './fit.js';
