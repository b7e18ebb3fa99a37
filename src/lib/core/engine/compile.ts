import { compileModel } from '../solver/compile.js';
import { buildEngineModel } from './model.js';
import type { Definition } from '../definition/definition.js';
import type { CompiledModel } from '../solver/types.js';
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
	if (options.compiled) return createEngineWith(definition, options.compiled);
	return createEngineWith(definition, options.compile ?? defaultCompile, buildEngineModel);
}

/**
 * A {@link CompileModel} that remembers the last `capacity` compiled models by their solver
 * model. Most edits of a draft (a price, a label, a layer's position) leave the solver model
 * unchanged, so an editor that re-creates its engine on every edit compiles only when options,
 * choices or rules change; on a product with hundreds of rules a compile takes most of a second.
 */
export function createCompileCache(
	capacity = 4,
	compile: CompileModel = defaultCompile
): CompileModel {
	const recent = new Map<string, CompiledModel>();
	return (model) => {
		const key = JSON.stringify(model);
		const hit = recent.get(key);
		if (hit) {
			// Most recently used last, so the oldest is the first key.
			recent.delete(key);
			recent.set(key, hit);
			return hit;
		}
		const compiled = compile(model);
		recent.set(key, compiled);
		if (recent.size > capacity) recent.delete(recent.keys().next().value as string);
		return compiled;
	};
}

export { loadCompiledModel } from '../solver/compile.js';
