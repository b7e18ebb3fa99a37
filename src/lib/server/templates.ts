import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { blankDefinition, draftStateFromDefinition, type Json } from '../collab/definition-doc';

/**
 * What a new product starts from: blank, or a copy of one of the sample products
 * (static/samples/<handle>/definition.json — the demo store's products).
 */
export const PRODUCT_TEMPLATES = [
	'blank',
	'team-jersey',
	'engraved-pendant',
	'modular-sofa'
] as const;
export const productTemplate = z.enum(PRODUCT_TEMPLATES);
export type ProductTemplate = z.infer<typeof productTemplate>;

/** `static/samples` of the project the server runs from (npm start runs from the project root). */
export function defaultSamplesDir(): string {
	const candidates = [path.resolve('static/samples'), path.resolve('build/client/samples')];
	return candidates.find((dir) => fs.existsSync(dir)) ?? candidates[0];
}

/** A sample's definition, or null when the sample is not there. */
export function readSample(samplesDir: string, handle: string): { [key: string]: Json } | null {
	const file = path.join(samplesDir, handle, 'definition.json');
	if (!fs.existsSync(file)) return null;
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * The first draft of a new product named `name` / `handle`, from `template`: the template's
 * definition with the product's own id, name and handle, as one Y.Doc update.
 */
export function templateDraft(
	template: ProductTemplate,
	product: { name: string; handle: string },
	samplesDir = defaultSamplesDir()
): Uint8Array {
	// Only the product's own id, name and handle: callers may pass a wider object (the request).
	const own = { id: product.handle, name: product.name, handle: product.handle };
	const base = template === 'blank' ? blankDefinition(own) : readSample(samplesDir, template);
	if (!base) throw new Error(`the template "${template}" is missing from ${samplesDir}`);
	return draftStateFromDefinition({ ...base, ...own });
}
