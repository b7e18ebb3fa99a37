/** Limits every uploaded asset is checked against, before anything is decoded or stored. */

/** The largest file accepted, in bytes (20 MiB). */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;

/**
 * The largest font file accepted, in bytes (10 MiB): a full Latin family face is tens of KB in
 * WOFF2; anything near this is a font no storefront should make its customers download.
 */
export const MAX_FONT_BYTES = 10 * 1024 * 1024;

/** The widest or tallest raster image accepted, in pixels (read from the header). */
export const MAX_IMAGE_SIDE = 12_000;

/**
 * The most pixels a raster image may have (width × height, read from the header): 64 megapixels
 * decode to 256 MB of RGBA, the most a thumbnail job may take. Also given to sharp as
 * `limitInputPixels`, so a header that lies is still caught while decoding.
 */
export const MAX_IMAGE_PIXELS = 64_000_000;

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 256;

/** Longest file name kept for display (the name is never used as a path). */
export const MAX_NAME_LENGTH = 200;
