import { buildEngineModel, createCompileCache } from '$lib/core/engine';

/**
 * The studio's one cache of compiled rules, shared by the canvas and the test panel: both
 * re-create an engine on every edit of the draft, and both find the rules compiled already
 * unless the edit changed options, choices or rules.
 */
export const studioCompile = createCompileCache(4);

/** The configurator options that compile a draft's rules through {@link studioCompile}. */
export const studioCompiler = { compile: studioCompile, buildModel: buildEngineModel };
