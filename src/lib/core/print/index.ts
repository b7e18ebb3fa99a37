// Print rendering, the framework-free half: where a print file comes from in a view, where text
// lines sit (shared with the Konva preview) and the scene as SVG. Fonts and files are the caller's.
export { printRegion, viewPixelsPerInch, type PrintRegion } from './geometry.js';
export { layoutText, type FontMetrics, type LaidOutLine } from './text-layout.js';
export { sceneToSvg, type SceneSvgOptions, type SvgImageSource } from './svg.js';
export { uploadResolutions, type UploadResolution } from './resolution.js';
