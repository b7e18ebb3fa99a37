import { api, describeError, type ApiOutputs } from '../trpc';

export type StoreSettings = ApiOutputs['workspace']['storeSettings'];
export type StoreProduct = StoreSettings['products'][number];

/**
 * The store settings page's state: allowed store origins and the cart mapping of each product.
 * Mutations return a problem to show (keyed by field where it belongs) rather than throwing.
 */
export class StoreSettingsState {
	status = $state<'loading' | 'ready' | 'error'>('loading');
	settings = $state.raw<StoreSettings | null>(null);
	error = $state<string | null>(null);

	async load(): Promise<void> {
		this.error = null;
		try {
			this.settings = await api.workspace.storeSettings.query();
			this.status = 'ready';
		} catch (error) {
			this.error = describeError(error).message;
			this.status = 'error';
		}
	}

	/** Adds an origin; the normalized origin, or the problem with it. */
	async addOrigin(origin: string): Promise<{ origin: string } | { problem: string }> {
		try {
			const added = await api.workspace.addStoreOrigin.mutate({ origin });
			await this.load();
			return added;
		} catch (error) {
			const problem = describeError(error, ['origin']);
			return { problem: problem.fields.origin ?? problem.message };
		}
	}

	async removeOrigin(origin: string): Promise<string | null> {
		try {
			await api.workspace.removeStoreOrigin.mutate({ origin });
			await this.load();
			return null;
		} catch (error) {
			return describeError(error).message;
		}
	}

	/** Saves a product's cart mapping; problems keyed by field. */
	async saveMapping(
		productId: string,
		shopifyVariantId: string,
		wooCommerceProductId: string
	): Promise<Record<string, string> | null> {
		try {
			await api.product.setCartMapping.mutate({
				productId,
				shopifyVariantId,
				wooCommerceProductId
			});
			await this.load();
			return null;
		} catch (error) {
			const problem = describeError(error, ['shopifyVariantId', 'wooCommerceProductId']);
			return problem.message ? { ...problem.fields, form: problem.message } : problem.fields;
		}
	}
}
