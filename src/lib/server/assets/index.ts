/**
 * Uploaded images and fonts: validation by the bytes, SVG sanitizing, content-addressed storage with
 * thumbnails, and the versions' frozen references that the public API serves.
 */
export {
	MAX_ASSET_BYTES,
	MAX_FONT_BYTES,
	MAX_IMAGE_PIXELS,
	MAX_IMAGE_SIDE,
	MAX_NAME_LENGTH,
	THUMBNAIL_SIZE
} from './limits';
export { publicAssetPath, referencedAssetHashes, SHA256_HEX } from './references';
export {
	assetFilePath,
	findAsset,
	findMemberAsset,
	findPublicAsset,
	freezeVersionAssets,
	listAssets,
	readAssetFile,
	storeAsset,
	storeFont,
	type AssetRecord,
	type AssetStorage,
	type AssetVariant,
	type StoreFontResult,
	type StoreResult
} from './store';
export { cleanAssetName, formatBytes, validateAsset, type AssetProblem } from './validate';
export { sniffFont, validateFont, type FontKind, type ValidatedFont } from './fonts';
