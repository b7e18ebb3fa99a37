import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import { unzipSync } from 'fflate';
import {
	computeScene,
	type Configuration,
	type Definition,
	type Engine,
	type ProductionSpec
} from '$lib/core';
import type { Database } from './db';
import type { ProductionJobTable } from './db/schema';
import { nowIso } from './ids';
import { productionPackage, type PackageFile } from './print/package';
import { fontsFrom, renderViewPng, staticFiles, type PrintFiles } from './print/render';
import { cachedEngine } from './orders';

/**
 * Production files in the background: every order gets a job that renders its print files,
 * work order and zip (`print/package.ts`) from the versions its items pin. Jobs are rows in
 * `production_job`, so progress survives a restart and several instances share the work: an
 * instance claims a queued job with a conditional update, and a job left `running` by a crashed
 * instance is queued again at start-up (its files are rewritten whole, never half).
 */

export type ProductionStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ProductionJobView {
	status: ProductionStatus;
	done: number;
	total: number;
	error: string | null;
	zipName: string | null;
	zipBytes: number | null;
	files: { name: string; kind: PackageFile['kind']; bytes: number }[];
	warnings: { item: number; message: string }[];
	updatedAt: string;
}

export interface ProductionQueueOptions {
	db: Kysely<Database>;
	log: Logger;
	/** Where zips are kept: `<dataDir>/production/<orderId>/`. */
	dataDir: string;
	/** Folders that `/…` asset paths are read from (the app's `static/`, or its build copy). */
	staticRoots: string[];
	/** How often to look for new orders (default 1 s). */
	pollMs?: number;
	/** Stored assets by sha256 (uploads and art stored by the asset library), when available. */
	readStoredAsset?(sha256: string): Promise<{ bytes: Uint8Array; mime: string } | null>;
}

export interface ProductionQueue {
	/** Looks for work now instead of at the next poll. */
	kick(): void;
	/** Queues an order's files again (after a failure, or to regenerate). */
	retry(workspaceId: string, orderId: string): Promise<boolean>;
	get(workspaceId: string, orderId: string): Promise<ProductionJobView | null>;
	/** The zip of a finished job: its file name and path on disk. */
	zip(workspaceId: string, orderId: string): Promise<{ name: string; file: string } | null>;
	/** One file of a finished job, read from its zip. */
	file(workspaceId: string, orderId: string, name: string): Promise<Uint8Array | null>;
	/**
	 * A picture of one view of an order item as the customer saw it (the print renderer's whole
	 * view), `width` pixels wide; null when the item or view does not exist in the workspace.
	 */
	itemPreview(input: {
		workspaceId: string;
		orderId: string;
		position: number;
		viewId: string;
		width: number;
	}): Promise<Buffer | null>;
	/** Stops polling and waits for the job in progress. */
	stop(): Promise<void>;
}

/** The views (id and label) of published versions, for pages that show one picture per view. */
export async function viewsOfVersions(
	db: Kysely<Database>,
	versions: { productId: string; version: number }[]
): Promise<Map<string, { id: string; label: string }[]>> {
	const out = new Map<string, { id: string; label: string }[]>();
	for (const { productId, version } of versions) {
		const key = `${productId}@${version}`;
		if (out.has(key)) continue;
		const row = await db
			.selectFrom('product_version')
			.select('definition')
			.where('product_id', '=', productId)
			.where('number', '=', version)
			.executeTakeFirst();
		const views = row
			? ((JSON.parse(row.definition) as { views?: { id: string; label: string }[] }).views ?? [])
			: [];
		out.set(
			key,
			views.map((view) => ({ id: view.id, label: view.label }))
		);
	}
	return out;
}

const MAX_ATTEMPTS = 3;

function jobView(r: Selectable<ProductionJobTable>): ProductionJobView {
	return {
		status: r.status as ProductionStatus,
		done: Number(r.done),
		total: Number(r.total),
		error: r.error,
		zipName: r.zip_name,
		zipBytes: r.zip_bytes === null ? null : Number(r.zip_bytes),
		files: r.files ? JSON.parse(r.files) : [],
		warnings: r.warnings ? JSON.parse(r.warnings) : [],
		updatedAt: r.updated_at
	};
}

/** `/api/v1/assets/<sha256>` or `asset:<sha256>` → the hash, else null. */
export function storedAssetHash(reference: string): string | null {
	const match = /^(?:asset:|\/api\/v1\/assets\/)([0-9a-f]{64})$/.exec(reference);
	return match ? match[1] : null;
}

export function createProductionQueue(options: ProductionQueueOptions): ProductionQueue {
	const { db, log } = options;
	const statics = staticFiles(options.staticRoots);
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> | null = null;
	let stopped = false;

	const files: PrintFiles = {
		async asset(asset) {
			if (asset.sha256 && options.readStoredAsset) return options.readStoredAsset(asset.sha256);
			return statics.asset(asset);
		},
		async upload(ref) {
			const hash = storedAssetHash(ref);
			return hash && options.readStoredAsset ? options.readStoredAsset(hash) : null;
		}
	};

	const folderOf = (orderId: string) => path.join(options.dataDir, 'production', orderId);
	const previewFonts = fontsFrom(files);
	// Orders never change: a picture once drawn is kept (a few hundred, a few KB each).
	const previews = new Map<string, Promise<Buffer | null>>();

	async function versionEngine(
		productId: string,
		version: number
	): Promise<{ definition: Definition; engine: Engine }> {
		const row = await db
			.selectFrom('product_version')
			.select(['definition', 'content_hash'])
			.where('product_id', '=', productId)
			.where('number', '=', version)
			.executeTakeFirstOrThrow();
		const engine = cachedEngine(`${productId}@${version}@${row.content_hash}`, row.definition);
		if (!engine) throw new Error(`version ${version} of product ${productId} does not parse`);
		return { definition: engine.definition, engine };
	}

	/** Creates queued jobs for orders that have none (new orders, whoever took them in). */
	async function discover() {
		const orders = await db
			.selectFrom('order')
			.leftJoin('production_job', 'production_job.order_id', 'order.id')
			.select(['order.id', 'order.workspace_id'])
			.where('production_job.order_id', 'is', null)
			.limit(50)
			.execute();
		const now = nowIso();
		for (const order of orders) {
			await db
				.insertInto('production_job')
				.values({
					order_id: order.id,
					workspace_id: order.workspace_id,
					status: 'queued',
					done: 0,
					total: 0,
					attempts: 0,
					error: null,
					zip_name: null,
					zip_bytes: null,
					files: null,
					warnings: null,
					created_at: now,
					updated_at: now
				})
				.onConflict((conflict) => conflict.column('order_id').doNothing())
				.execute();
		}
	}

	/** Takes one queued job, if another instance has not taken it first. */
	async function claim(): Promise<{
		orderId: string;
		workspaceId: string;
		attempts: number;
	} | null> {
		const candidates = await db
			.selectFrom('production_job')
			.select(['order_id', 'workspace_id', 'attempts'])
			.where('status', '=', 'queued')
			.orderBy('created_at')
			.limit(5)
			.execute();
		for (const candidate of candidates) {
			const result = await db
				.updateTable('production_job')
				.set({
					status: 'running',
					attempts: Number(candidate.attempts) + 1,
					updated_at: nowIso()
				})
				.where('order_id', '=', candidate.order_id)
				.where('status', '=', 'queued')
				.executeTakeFirst();
			if (Number(result.numUpdatedRows) === 1) {
				return {
					orderId: candidate.order_id,
					workspaceId: candidate.workspace_id,
					attempts: Number(candidate.attempts) + 1
				};
			}
		}
		return null;
	}

	async function produce(job: { orderId: string; workspaceId: string; attempts: number }) {
		const order = await db
			.selectFrom('order')
			.innerJoin('organization', 'organization.id', 'order.workspace_id')
			.select(['order.number', 'organization.name'])
			.where('order.id', '=', job.orderId)
			.executeTakeFirstOrThrow();
		const rows = await db
			.selectFrom('order_item')
			.select(['position', 'product_id', 'version_number', 'configuration', 'spec'])
			.where('order_id', '=', job.orderId)
			.orderBy('position')
			.execute();
		const items = [];
		for (const row of rows) {
			const { definition, engine } = await versionEngine(
				row.product_id,
				Number(row.version_number)
			);
			const configuration = JSON.parse(row.configuration) as Configuration;
			items.push({
				index: Number(row.position) + 1,
				definition,
				evaluation: engine.evaluate(configuration, { explain: false, alternatives: false }),
				spec: JSON.parse(row.spec) as ProductionSpec
			});
		}
		let lastWrite = 0;
		const result = await productionPackage({
			orderNumber: String(order.number),
			storeName: order.name,
			items,
			files,
			fonts: fontsFrom(files),
			onProgress: (done, total) => {
				// Progress is for people: at most a few writes a second.
				const now = Date.now();
				if (now - lastWrite < 250 && done < total) return;
				lastWrite = now;
				void db
					.updateTable('production_job')
					.set({ done, total, updated_at: nowIso() })
					.where('order_id', '=', job.orderId)
					.execute()
					.catch(() => undefined);
			}
		});
		// Write the zip beside its final name, then rename: a reader never sees half a zip.
		const folder = folderOf(job.orderId);
		await fs.mkdir(folder, { recursive: true });
		const target = path.join(folder, result.zipName);
		await fs.writeFile(`${target}.partial`, result.zip);
		await fs.rename(`${target}.partial`, target);
		const total = result.files.length;
		await db
			.updateTable('production_job')
			.set({
				status: 'done',
				done: total,
				total,
				error: null,
				zip_name: result.zipName,
				zip_bytes: result.zip.length,
				files: JSON.stringify(
					result.files.map((file) => ({
						name: file.name,
						kind: file.kind,
						bytes: file.bytes.length
					}))
				),
				warnings: JSON.stringify(result.warnings),
				updated_at: nowIso()
			})
			.where('order_id', '=', job.orderId)
			.execute();
		log.info(
			{ orderId: job.orderId, files: total, zipBytes: result.zip.length },
			'production files ready'
		);
	}

	async function work() {
		await discover();
		for (let job = await claim(); job && !stopped; job = await claim()) {
			try {
				await produce(job);
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				log.error({ orderId: job.orderId, err: error }, 'production files failed');
				await db
					.updateTable('production_job')
					.set({
						// A passing problem (a locked file, a restart) gets another go; a lasting one stops.
						status: job.attempts < MAX_ATTEMPTS ? 'queued' : 'failed',
						error: message,
						updated_at: nowIso()
					})
					.where('order_id', '=', job.orderId)
					.execute();
				if (job.attempts >= MAX_ATTEMPTS) continue;
				break;
			}
		}
	}

	function schedule(delay = options.pollMs ?? 1000) {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(tick, delay);
		timer.unref?.();
	}

	function tick() {
		if (running || stopped) return;
		running = work()
			.catch((error) => log.error({ err: error }, 'production queue failed to poll'))
			.finally(() => {
				running = null;
				schedule();
			});
	}

	// A job left running by a process that died is queued again.
	void db
		.updateTable('production_job')
		.set({ status: 'queued', updated_at: nowIso() })
		.where('status', '=', 'running')
		.where('updated_at', '<', new Date(Date.now() - 60_000).toISOString())
		.execute()
		.catch((error) => log.warn({ err: error }, 'could not requeue interrupted production jobs'))
		.finally(() => schedule(0));

	const owned = (workspaceId: string, orderId: string) =>
		db
			.selectFrom('production_job')
			.selectAll()
			.where('order_id', '=', orderId)
			.where('workspace_id', '=', workspaceId)
			.executeTakeFirst();

	return {
		kick() {
			if (!running) schedule(0);
		},
		async retry(workspaceId, orderId) {
			const result = await db
				.updateTable('production_job')
				.set({ status: 'queued', attempts: 0, error: null, done: 0, updated_at: nowIso() })
				.where('order_id', '=', orderId)
				.where('workspace_id', '=', workspaceId)
				.where('status', 'in', ['done', 'failed'])
				.executeTakeFirst();
			const queued = Number(result.numUpdatedRows) === 1;
			if (queued) this.kick();
			return queued;
		},
		async get(workspaceId, orderId) {
			const row = await owned(workspaceId, orderId);
			return row ? jobView(row) : null;
		},
		async zip(workspaceId, orderId) {
			const row = await owned(workspaceId, orderId);
			if (!row || row.status !== 'done' || !row.zip_name) return null;
			return { name: row.zip_name, file: path.join(folderOf(orderId), row.zip_name) };
		},
		async file(workspaceId, orderId, name) {
			const zip = await this.zip(workspaceId, orderId);
			if (!zip) return null;
			const bytes = await fs.readFile(zip.file).catch(() => null);
			if (!bytes) return null;
			const entries = unzipSync(bytes, { filter: (entry) => entry.name === name });
			return entries[name] ?? null;
		},
		itemPreview({ workspaceId, orderId, position, viewId, width }) {
			const key = `${orderId}/${position}/${viewId}/${width}`;
			let preview = previews.get(key);
			if (!preview) {
				if (previews.size > 500) previews.clear();
				preview = (async () => {
					const item = await db
						.selectFrom('order_item')
						.innerJoin('order', 'order.id', 'order_item.order_id')
						.select([
							'order_item.product_id',
							'order_item.version_number',
							'order_item.configuration'
						])
						.where('order.id', '=', orderId)
						.where('order.workspace_id', '=', workspaceId)
						.where('order_item.position', '=', position)
						.executeTakeFirst();
					if (!item) return null;
					const { definition, engine } = await versionEngine(
						item.product_id,
						Number(item.version_number)
					);
					if (!definition.views.some((view) => view.id === viewId)) return null;
					const evaluation = engine.evaluate(JSON.parse(item.configuration) as Configuration, {
						explain: false,
						alternatives: false
					});
					const scene = computeScene(definition, evaluation, viewId);
					return (await renderViewPng(scene, files, previewFonts, width)).png;
				})();
				preview.catch(() => previews.delete(key));
				previews.set(key, preview);
			}
			return preview;
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
