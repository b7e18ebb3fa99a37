import type { EditorState } from '../editor.svelte';
import { api, describeError, type ApiOutputs, type ApiProblem } from '../trpc';
import { groupActivity, type ActivityGroup } from './activity';

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
	snapshots = $state.raw<SnapshotSummary[]>([]);
	/** The snapshot being opened for preview or restored, by id. */
	busyId = $state<string | null>(null);

	constructor(private readonly editor: EditorState) {}

	get productId(): string {
		return this.editor.product.id;
	}

	async load(): Promise<void> {
		try {
			const [activity, snapshots] = await Promise.all([
				api.product.history.query({ productId: this.productId, limit: 300 }),
				api.product.snapshots.query({ productId: this.productId })
			]);
			this.groups = groupActivity(activity);
			this.snapshots = snapshots;
			this.error = null;
			this.status = 'ready';
		} catch (error) {
			this.error = describeError(error).message;
			this.status = 'error';
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
