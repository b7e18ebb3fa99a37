// The rules compiler as the storefront loads it, on demand: only for rules that came uncompiled
// (a plain definition, the search form of dense rules, a damaged form). Built into its own
// self-contained file (`scripts/build-embed.js`), never part of /embed.js or /runtime.js.
export { defaultCompile, loadCompiledModel } from '../core/engine/compile.js';
export { buildEngineModel } from '../core/engine/model.js';
