import type { EditorState } from '../editor.svelte';
import { api, describeError, type ApiOutputs, type ApiProblem } from '../trpc';
import { groupActivity, type ActivityGroup, type ActivityInput } from './activity';

/** Entries fetched per page. */
const PAGE = 200;

export type SnapshotSummary = ApiOutputs['product']['snapshots'][number];

/**
 * The drawer's History tab: the draft's activity (who changed what, grouped per person and
 * minute) and its named snapshots (create, preview read-only, restore). One instance per mounted
 * panel; every action returns a problem to show rather than throwing.
 */
export class HistoryState {
	status = $state<'loading' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);
	groups = $state.raw<ActivityGroup[]>([]);
	/** Whether older entries than the ones shown may exist. */
	hasOlder = $state(false);
	loadingOlder = $state(false);
	#entries: ActivityInput[] = [];
	snapshots = $state.raw<SnapshotSummary[]>([]);
	/** The snapshot being opened for preview or restored, by id. */
	busyId = $state<string | null>(null);

	constructor(private readonly editor: EditorState) {}

	get productId(): string {
		return this.editor.product.id;
	}

	async load(): Promise<void> {
		try {
			const [fresh, snapshots] = await Promise.all([
				api.product.history.query({ productId: this.productId, limit: PAGE }),
				api.product.snapshots.query({ productId: this.productId })
			]);
			// The newest page, plus the older pages already shown.
			const oldest = fresh.at(-1)?.id;
			const kept = oldest === undefined ? [] : this.#entries.filter((e) => e.id < oldest);
			if (kept.length === 0) this.hasOlder = fresh.length === PAGE;
			this.#entries = [...fresh, ...kept];
			this.groups = groupActivity(this.#entries);
			this.snapshots = snapshots;
			this.error = null;
			this.status = 'ready';
		} catch (error) {
			this.error = describeError(error).message;
			this.status = 'error';
		}
	}

	/** Appends the next page of older entries. */
	async loadOlder(): Promise<void> {
		const before = this.#entries.at(-1)?.id;
		if (before === undefined || this.loadingOlder) return;
		this.loadingOlder = true;
		try {
			const older = await api.product.history.query({
				productId: this.productId,
				limit: PAGE,
				before
			});
			this.#entries = [...this.#entries, ...older];
			this.groups = groupActivity(this.#entries);
			this.hasOlder = older.length === PAGE;
		} catch (error) {
			this.error = describeError(error).message;
		} finally {
			this.loadingOlder = false;
		}
	}

	/** Keeps the current draft under `name`. */
	async create(name: string): Promise<ApiProblem | null> {
		try {
			const created = await api.product.createSnapshot.mutate({ productId: this.productId, name });
			this.snapshots = [created, ...this.snapshots.filter((s) => s.id !== created.id)];
			return null;
		} catch (error) {
			return describeError(error, ['name']);
		}
	}

	/** Shows a snapshot read-only in the graph, canvas and inspector. */
	async preview(snapshot: SnapshotSummary): Promise<ApiProblem | null> {
		this.busyId = snapshot.id;
		try {
			const content = await api.product.snapshot.query({
				productId: this.productId,
				snapshotId: snapshot.id
			});
			this.editor.startPreview(content);
			return null;
		} catch (error) {
			return describeError(error);
		} finally {
			this.busyId = null;
		}
	}

	async restore(snapshot: SnapshotSummary): Promise<ApiProblem | null> {
		this.busyId = snapshot.id;
		try {
			const problem = await this.editor.restoreSnapshot(snapshot);
			if (!problem) await this.load();
			return problem;
		} finally {
			this.busyId = null;
		}
	}
}
