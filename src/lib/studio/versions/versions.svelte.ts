import { api, describeError, type ApiOutputs } from '../trpc';

export type VersionSummary = ApiOutputs['product']['versions'][number];
export type VersionDetail = ApiOutputs['product']['version'];

/**
 * The versions page's state: the history, the version open for reading, and the channel moves
 * (rollback, promote) and "new draft from this version", each returning a problem to show
 * rather than throwing.
 */
export class VersionsState {
	status = $state<'loading' | 'ready' | 'error'>('loading');
	items = $state.raw<VersionSummary[]>([]);
	error = $state<string | null>(null);

	opened = $state.raw<VersionDetail | null>(null);
	openError = $state<string | null>(null);
	opening = $state<number | null>(null);

	constructor(private readonly productId: string) {}

	/** The version a channel points at, or null. */
	channelVersion(channel: string): number | null {
		return this.items.find((v) => v.channels.includes(channel))?.number ?? null;
	}

	async load(): Promise<void> {
		this.error = null;
		try {
			this.items = await api.product.versions.query({ productId: this.productId });
			this.status = 'ready';
		} catch (error) {
			this.error = describeError(error).message;
			this.status = 'error';
		}
	}

	async open(versionNumber: number): Promise<void> {
		this.opening = versionNumber;
		this.openError = null;
		try {
			this.opened = await api.product.version.query({ productId: this.productId, versionNumber });
		} catch (error) {
			this.openError = describeError(error).message;
		} finally {
			this.opening = null;
		}
	}

	/** Points `live` at an older (or newer) version. */
	async rollback(versionNumber: number): Promise<string | null> {
		return this.#run(() =>
			api.product.setChannel.mutate({ productId: this.productId, channel: 'live', versionNumber })
		);
	}

	async promote(): Promise<string | null> {
		return this.#run(() => api.product.promote.mutate({ productId: this.productId }));
	}

	/** Replaces the draft with a version (through the collaboration room). */
	async draftFrom(versionNumber: number): Promise<string | null> {
		return this.#run(() =>
			api.product.draftFromVersion.mutate({ productId: this.productId, versionNumber })
		);
	}

	async #run(action: () => Promise<unknown>): Promise<string | null> {
		try {
			await action();
			await this.load();
			return null;
		} catch (error) {
			return describeError(error, ['versionNumber']).message || 'That did not work. Try again.';
		}
	}
}
