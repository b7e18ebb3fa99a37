import type { ProductTemplate } from './products/templates';
import { api, describeError, type ApiProblem, type ProductSummary } from './trpc';

/** Outcome of a product mutation: null when it worked, else what to show and where. */
export type MutationResult = ApiProblem | null;

const FIELDS = ['name', 'handle'] as const;

/**
 * The product list of the active workspace: loading state, the products, and the mutations the
 * list offers. One instance per products page; the page reloads it when the workspace changes.
 */
export class ProductListState {
	items = $state.raw<ProductSummary[]>([]);
	status = $state<'loading' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);
	showArchived = $state(false);
	#request = 0;

	/** Products shown, archived ones last. */
	readonly visible = $derived(
		[...this.items].sort((a, b) => Number(a.archived) - Number(b.archived))
	);
	readonly archivedCount = $derived(this.items.filter((p) => p.archived).length);

	/** (Re)loads the list; keeps the current items on screen while a reload runs. */
	async load(): Promise<void> {
		const request = ++this.#request;
		if (this.items.length === 0) this.status = 'loading';
		try {
			const items = await api.product.list.query({ includeArchived: this.showArchived });
			if (request !== this.#request) return;
			this.items = items;
			this.status = 'ready';
			this.error = null;
		} catch (error) {
			if (request !== this.#request) return;
			this.error = describeError(error).message;
			this.status = 'error';
		}
	}

	async create(input: {
		name: string;
		handle: string;
		template?: ProductTemplate;
	}): Promise<ApiProblem | { id: string }> {
		try {
			const created = await api.product.create.mutate(input);
			await this.load();
			return created;
		} catch (error) {
			return describeError(error, FIELDS);
		}
	}

	async rename(input: {
		productId: string;
		name: string;
		handle?: string;
	}): Promise<MutationResult> {
		return this.#mutate(() => api.product.rename.mutate(input), FIELDS);
	}

	async duplicate(productId: string): Promise<MutationResult> {
		return this.#mutate(() => api.product.duplicate.mutate({ productId }));
	}

	async setArchived(productId: string, archived: boolean): Promise<MutationResult> {
		return this.#mutate(() => api.product.setArchived.mutate({ productId, archived }));
	}

	async #mutate(
		run: () => Promise<unknown>,
		fields: readonly string[] = []
	): Promise<MutationResult> {
		try {
			await run();
			await this.load();
			return null;
		} catch (error) {
			return describeError(error, fields);
		}
	}
}
