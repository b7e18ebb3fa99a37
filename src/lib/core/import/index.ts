// Import: other formats into product definitions (XCSP 2.1 constraint problems so far).
export { xcspToDefinition, slugOf, XCSP_JOKER, type XcspToDefinitionOptions } from './xcsp.js';
