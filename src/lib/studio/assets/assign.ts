/**
 * Bulk assignment of uploaded files to the choices of an image layer's option, by file name.
 *
 * Matching (case-insensitive): a file's name without its extension must equal a choice's
 * `code`, or start with it followed by `-`, `_`, `.` or a space — `red.png`, `RED-front.webp`
 * and `red_v2.svg` all match the code `RED`. A choice without a code matches by its id; a choice
 * with a code also matches by its id when no choice's code matched (`navy-front.png` finds the
 * choice `navy` whose code is `NAV`). An exact name beats a prefix, and the longest key wins
 * (`red-dark-front.png` goes to `RED-DARK`, not `RED`). A file whose rest of name is the id of
 * another view (`red-back.png` for a front layer) is left unmatched, as are files that match no
 * choice and second files for a choice already matched.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A file to assign: what the library knows about an uploaded asset. */
export interface AssignableFile {
	name: string;
	/** What the definition's asset entry gets as `path` (the public asset URL). */
	url: string;
	sha256?: string;
	contentType?: string;
	width?: number | null;
	height?: number | null;
}

/** One change: this choice shows this file on the layer's view. */
export interface AssetAssignment {
	optionId: string;
	choiceId: string;
	choiceLabel: string;
	viewId: string;
	file: string;
	/** The asset id the choice will point at (new or already in the definition's assets). */
	assetId: string;
	/** The asset id the choice pointed at on this view before, if any. */
	previousAssetId: string | null;
}

export interface AssetAssignmentPlan {
	layerId: string;
	optionId: string;
	viewId: string;
	changes: AssetAssignment[];
	/** Entries to add to the definition's `assets` table (id → entry). */
	newAssets: Record<string, JsonObject>;
	/** Files that were not assigned, each with the reason. */
	unmatched: { name: string; reason: string }[];
	/** Choices no file matched (ids). */
	choicesWithoutFile: string[];
}

export type AssetAssignmentResult =
	{ ok: true; plan: AssetAssignmentPlan } | { ok: false; error: { path: string; message: string } };

const isObject = (value: unknown): value is JsonObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const asArray = (value: unknown): JsonObject[] =>
	Array.isArray(value) ? value.filter(isObject) : [];
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function labelText(label: unknown, fallback: string): string {
	if (typeof label === 'string') return label;
	if (isObject(label)) {
		const first = Object.values(label).find((v) => typeof v === 'string');
		if (typeof first === 'string') return first;
	}
	return fallback;
}

/** The file name without its last extension, lowercased. */
function baseName(name: string): string {
	const last = name.split(/[\\/]/).pop() ?? name;
	const dot = last.lastIndexOf('.');
	return (dot > 0 ? last.slice(0, dot) : last).toLowerCase();
}

const SEPARATORS = ['-', '_', '.', ' '];

/** How `base` matches `key`: exactly, by prefix (with the rest of the name), or not at all. */
function matchKey(base: string, key: string): { exact: boolean; rest: string } | null {
	if (!key) return null;
	if (base === key) return { exact: true, rest: '' };
	for (const separator of SEPARATORS) {
		if (base.startsWith(key + separator)) return { exact: false, rest: base.slice(key.length + 1) };
	}
	return null;
}

/** An asset id for a file that is not in the definition yet: from its hash, else its name. */
function newAssetId(file: AssignableFile, taken: Set<string>): string {
	const stem = file.sha256
		? `upload-${file.sha256.slice(0, 12)}`
		: `upload-${
				baseName(file.name)
					.replace(/[^a-z0-9-]+/g, '-')
					.replace(/^-+|-+$/g, '') || 'file'
			}`;
	let id = stem;
	for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
	return id;
}

/**
 * Plans the assignment of `files` to the choices of the option bound to image layer `layerId`,
 * for the layer's view (see the matching rules above). Pure: the definition is not changed;
 * apply the plan with {@link applyAssetAssignment}.
 */
export function assignAssetsByChoiceCode(
	definition: JsonObject,
	layerId: string,
	files: AssignableFile[]
): AssetAssignmentResult {
	const layers = asArray(definition.layers);
	const layerIndex = layers.findIndex((l) => l.id === layerId);
	const layer = layers[layerIndex];
	if (!layer) {
		return {
			ok: false,
			error: { path: 'layerId', message: `no layer "${layerId}" in this product` }
		};
	}
	const at = `layers[${layerIndex}]`;
	const optionId = text(layer.option);
	const viewId = text(layer.view);
	if (layer.kind !== 'image' || !optionId) {
		return {
			ok: false,
			error: {
				path: `${at}.option`,
				message: `layer "${layerId}" is not an image layer bound to an option: bind it to a choice option first`
			}
		};
	}
	if (!viewId)
		return { ok: false, error: { path: `${at}.view`, message: 'the layer has no view' } };
	const options = asArray(definition.options);
	const option = options.find((o) => o.id === optionId);
	if (!option || (option.kind !== 'choice' && option.kind !== 'multi')) {
		return {
			ok: false,
			error: {
				path: `${at}.option`,
				message: `the layer's option "${optionId}" is not a choice option: only choices have per-choice art`
			}
		};
	}
	const choices = asArray(option.choices);
	const otherViews = new Set(
		asArray(definition.views)
			.map((v) => text(v.id)?.toLowerCase())
			.filter((id): id is string => !!id && id !== viewId.toLowerCase())
	);

	// Keys by priority: codes first, then ids (for choices that have a code, only as a fallback).
	const byCode = choices
		.map((c) => ({ choice: c, key: (text(c.code) ?? text(c.id) ?? '').toLowerCase() }))
		.filter((k) => k.key);
	const byId = choices
		.filter((c) => text(c.code))
		.map((c) => ({ choice: c, key: (text(c.id) ?? '').toLowerCase() }))
		.filter((k) => k.key);

	const assets = isObject(definition.assets) ? definition.assets : {};
	const takenIds = new Set(Object.keys(assets));
	const idBySha = new Map<string, string>();
	for (const [id, entry] of Object.entries(assets)) {
		if (isObject(entry) && typeof entry.sha256 === 'string') idBySha.set(entry.sha256, id);
	}

	const plan: AssetAssignmentPlan = {
		layerId,
		optionId,
		viewId,
		changes: [],
		newAssets: {},
		unmatched: [],
		choicesWithoutFile: []
	};
	// Exact names are placed before prefixes, so `red.png` wins over `red-old.png`.
	const candidates = files.map((file) => {
		const base = baseName(file.name);
		const find = (keys: typeof byCode) => {
			let best: { choice: JsonObject; key: string; exact: boolean; rest: string } | null = null;
			for (const { choice, key } of keys) {
				const match = matchKey(base, key);
				if (!match) continue;
				if (
					!best ||
					(match.exact && !best.exact) ||
					(match.exact === best.exact && key.length > best.key.length)
				)
					best = { choice, key, ...match };
			}
			return best;
		};
		return { file, match: find(byCode) ?? find(byId) };
	});
	candidates.sort((a, b) => Number(b.match?.exact ?? false) - Number(a.match?.exact ?? false));

	const assigned = new Map<string, string>();
	for (const { file, match } of candidates) {
		if (!match) {
			plan.unmatched.push({ name: file.name, reason: 'no choice code or id matches the name' });
			continue;
		}
		const choiceId = text(match.choice.id) ?? '';
		const restView = match.rest.split(/[-_. ]/)[0];
		if (restView && otherViews.has(restView)) {
			plan.unmatched.push({
				name: file.name,
				reason: `it is for the view "${restView}"; this layer is on "${viewId}"`
			});
			continue;
		}
		const earlier = assigned.get(choiceId);
		if (earlier) {
			plan.unmatched.push({
				name: file.name,
				reason: `choice "${choiceId}" already gets ${earlier}`
			});
			continue;
		}
		assigned.set(choiceId, file.name);
		let assetId = file.sha256 ? idBySha.get(file.sha256) : undefined;
		if (!assetId) {
			assetId = newAssetId(file, takenIds);
			takenIds.add(assetId);
			if (file.sha256) idBySha.set(file.sha256, assetId);
			const entry: JsonObject = {
				path: file.url,
				mime: file.contentType ?? mimeFromName(file.name)
			};
			if (file.sha256) entry.sha256 = file.sha256;
			if (file.width) entry.width = file.width;
			if (file.height) entry.height = file.height;
			plan.newAssets[assetId] = entry;
		}
		const previous = isObject(match.choice.assets) ? text(match.choice.assets[viewId]) : null;
		plan.changes.push({
			optionId,
			choiceId,
			choiceLabel: labelText(match.choice.label, choiceId),
			viewId,
			file: file.name,
			assetId,
			previousAssetId: previous
		});
	}
	plan.changes.sort(
		(a, b) =>
			choices.findIndex((c) => c.id === a.choiceId) - choices.findIndex((c) => c.id === b.choiceId)
	);
	plan.choicesWithoutFile = choices
		.map((c) => text(c.id) ?? '')
		.filter((id) => id && !assigned.has(id));
	return { ok: true, plan };
}

function mimeFromName(name: string): string {
	const ext = name.toLowerCase().split('.').pop();
	if (ext === 'svg') return 'image/svg+xml';
	if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
	if (ext === 'webp') return 'image/webp';
	return 'image/png';
}

/**
 * Applies a plan to a plain definition copy (inside `editor.edit`): adds the new asset entries
 * and points each matched choice's art for the view at its asset.
 */
export function applyAssetAssignment(definition: JsonObject, plan: AssetAssignmentPlan): void {
	const assets = isObject(definition.assets) ? definition.assets : (definition.assets = {});
	for (const [id, entry] of Object.entries(plan.newAssets)) assets[id] = structuredClone(entry);
	const option = asArray(definition.options).find((o) => o.id === plan.optionId);
	if (!option) return;
	for (const change of plan.changes) {
		const choice = asArray(option.choices).find((c) => c.id === change.choiceId);
		if (!choice) continue;
		if (!isObject(choice.assets)) choice.assets = {};
		(choice.assets as JsonObject)[change.viewId] = change.assetId;
	}
}
