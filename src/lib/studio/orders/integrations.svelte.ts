import { api, describeError, type ApiOutputs } from '../trpc';

export type IntegrationKeys = ApiOutputs['orders']['integrations']['get']['keys'];
export type StoreWebhooks = ApiOutputs['orders']['integrations']['get']['webhooks'];

/** The integrations page's state: publishable keys and connected stores, each change reloads. */
export class IntegrationsState {
	keys = $state.raw<IntegrationKeys>([]);
	webhooks = $state.raw<StoreWebhooks>([]);
	status = $state<'loading' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);

	async load(): Promise<void> {
		try {
			const result = await api.orders.integrations.get.query();
			this.keys = result.keys;
			this.webhooks = result.webhooks;
			this.status = 'ready';
			this.error = null;
		} catch (error) {
			this.error = describeError(error).message;
			this.status = 'error';
		}
	}

	/** Runs a change, then reloads; returns a problem to show, or null. */
	async #change(run: () => Promise<unknown>, fields: readonly string[] = []) {
		try {
			await run();
			await this.load();
			return null;
		} catch (error) {
			return describeError(error, fields);
		}
	}

	createKey() {
		return this.#change(() => api.orders.integrations.createKey.mutate());
	}
	rotateKey(keyId: string) {
		return this.#change(() => api.orders.integrations.rotateKey.mutate({ keyId }));
	}
	revokeKey(keyId: string) {
		return this.#change(() => api.orders.integrations.revokeKey.mutate({ keyId }));
	}
	saveWebhook(input: { platform: 'shopify' | 'woocommerce'; shop: string; secret: string }) {
		return this.#change(
			() => api.orders.integrations.saveWebhook.mutate(input),
			['shop', 'secret']
		);
	}
	removeWebhook(id: string) {
		return this.#change(() => api.orders.integrations.removeWebhook.mutate({ id }));
	}
}
