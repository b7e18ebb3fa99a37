import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** A `ws` WebSocket that sends the session cookie, as a browser would on the same origin. */
function cookieWebSocket(cookie: string) {
	return class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	};
}

export interface TestEditor {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves when the first sync with the server is done. */
	synced(): Promise<void>;
	destroy(): void;
}

/** A real y-websocket client of `/collab/<productId>` signed in with `cookie`. */
export function connectEditor(baseUrl: string, cookie: string, productId: string): TestEditor {
	const doc = new Y.Doc();
	const wsUrl = baseUrl.replace(/^http/, 'ws') + '/collab';
	const provider = new WebsocketProvider(wsUrl, productId, doc, {
		WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
		maxBackoffTime: 500,
		// Clients in one process would otherwise sync through BroadcastChannel, around the server.
		disableBc: true
	});
	return {
		doc,
		provider,
		synced: () =>
			new Promise<void>((resolve) => {
				if (provider.synced) return resolve();
				const onSync = (isSynced: boolean) => {
					if (!isSynced) return;
					provider.off('sync', onSync);
					resolve();
				};
				provider.on('sync', onSync);
			}),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Opens a raw websocket upgrade and reports the HTTP status it was refused with, or 101. */
export function upgradeStatus(baseUrl: string, path: string, cookie?: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + path, {
			headers: cookie ? { cookie } : {}
		});
		socket.on('open', () => {
			socket.close();
			resolve(101);
		});
		socket.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			socket.terminate();
		});
		socket.on('error', (error) => {
			if (!String(error.message).includes('Unexpected server response')) reject(error);
		});
	});
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
	const until = Date.now() + ms;
	while (!check()) {
		if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}
