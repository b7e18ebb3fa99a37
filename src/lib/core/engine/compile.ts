import { compileModel } from '../solver/compile.js';
import type { Definition } from '../definition/definition.js';
import {
	createEngineWith,
	type CompileModel,
	type CreateEngineOptions,
	type Engine
} from './engine.js';

// The engine with the solver's compiler. Its own module: `engine.ts` (`createEngineWith`) never
// imports the compiler, so a bundle that loads a shipped compiled model (the storefront's) carries
// none, or loads this module on demand (`import()`) when a definition comes uncompiled.

/**
 * The engine's default compile: the model compiled into a decision diagram; when that would take
 * more than 10 s (dense, unstructured rules), the search-based model instead (same answers,
 * slower).
 */
export const defaultCompile: CompileModel = (model) =>
	compileModel(model, { fallback: 'search', timeoutMs: 10_000 });

/**
 * Compiles a definition once into an {@link Engine}. The definition must be valid
 * (`parseDefinition`); the solver model is built as described in `model.ts`.
 */
export function createEngine(definition: Definition, options: CreateEngineOptions = {}): Engine {
	return createEngineWith(definition, options.compiled ?? options.compile ?? defaultCompile);
}

export { loadCompiledModel } from '../solver/compile.js';
