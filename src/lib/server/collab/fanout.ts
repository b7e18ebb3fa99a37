import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { newId } from '../ids';
import { errorMessage } from './protocol';
import type { AccessScope } from './types';

/**
 * How the rooms of several server instances hear each other: one pub/sub channel per product
 * (document updates that the sending instance has already stored, and awareness), plus one channel
 * for access changes. Every message carries the sender's instance id; an instance ignores its own.
 * Without `REDIS_URL` the server uses no fan-out at all (`null`), as a single instance.
 */
export interface Fanout {
	/** Random per process, so a restarted instance never mistakes old messages for its own. */
	readonly instanceId: string;
	/** Subscribes to a product's channel; resolves once Redis confirmed it (nothing later is missed). */
	join(productId: string, listener: RoomListener): Promise<void>;
	/** Unsubscribes, unless another listener of the product joined since (a room loaded again). */
	leave(productId: string, listener: RoomListener): Promise<void>;
	/** An update this instance has committed to the database. */
	publishUpdate(productId: string, update: Uint8Array): void;
	/** An awareness update of a client connected to this instance. */
	publishAwareness(productId: string, update: Uint8Array): void;
	/** Asks the other instances for the awareness of their clients in the product (after a load). */
	publishHello(productId: string): void;
	publishAccess(scope: AccessScope): void;
	/** Called when another instance re-checked a user's access. */
	onAccess(handler: (scope: AccessScope) => void): void;
	/** Called after the subscription came back from a lost connection: messages may have been missed. */
	onResubscribed(handler: () => void): void;
	close(): Promise<void>;
}

/** What a room does with the messages of other instances. */
export interface RoomListener {
	update(update: Uint8Array): void;
	awareness(update: Uint8Array): void;
	hello(): void;
}

const Kind = { update: 0, awareness: 1, hello: 2, access: 3 } as const;
type KindValue = (typeof Kind)[keyof typeof Kind];

const PREFIX = 'atelier:collab:';
const ACCESS_CHANNEL = `${PREFIX}access`;
const productChannel = (productId: string) => `${PREFIX}product:${productId}`;

/** `[kind, instanceId, payload]` */
function encodeMessage(kind: KindValue, instanceId: string, payload: Uint8Array): Buffer {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kind);
	encoding.writeVarString(encoder, instanceId);
	encoding.writeVarUint8Array(encoder, payload);
	return Buffer.from(encoding.toUint8Array(encoder));
}

function decodeMessage(
	message: Buffer
): { kind: number; instanceId: string; payload: Uint8Array } | null {
	try {
		const decoder = decoding.createDecoder(message);
		const kind = decoding.readVarUint(decoder);
		const instanceId = decoding.readVarString(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		return { kind, instanceId, payload };
	} catch {
		return null;
	}
}

function parseScope(payload: Uint8Array): AccessScope | null {
	try {
		const value: unknown = JSON.parse(new TextDecoder().decode(payload));
		if (typeof value !== 'object' || value === null) return null;
		const { userId, workspaceId } = value as Record<string, unknown>;
		if (typeof userId !== 'string') return null;
		return typeof workspaceId === 'string' ? { userId, workspaceId } : { userId };
	} catch {
		return null;
	}
}

/**
 * The fan-out through Redis at `url`: one connection subscribes, one publishes. Connects in the
 * background; until Redis answers, commands wait in ioredis' offline queue (so a room's first
 * load waits for its subscription) and fail after a few reconnection attempts.
 */
export function createRedisFanout(url: string, parentLog: Logger): Fanout {
	const log = parentLog.child({ redis: true });
	const instanceId = newId(12);
	// Commands wait (offline queue) through a short outage, and fail after a few retries rather
	// than hang an upgrade for good.
	const redisOptions = { maxRetriesPerRequest: 3 };
	const publisher = new Redis(url, {
		...redisOptions,
		connectionName: `atelier-pub-${instanceId}`
	});
	const subscriber = new Redis(url, {
		...redisOptions,
		connectionName: `atelier-sub-${instanceId}`
	});
	const listeners = new Map<string, RoomListener>();
	const accessHandlers: Array<(scope: AccessScope) => void> = [];
	const resubscribedHandlers: Array<() => void> = [];
	let closed = false;
	let lostConnection = false;

	for (const [name, client] of [
		['publisher', publisher],
		['subscriber', subscriber]
	] as const) {
		client.on('error', (error: unknown) => {
			log.warn({ connection: name, err: errorMessage(error) }, 'collab redis error');
		});
	}
	subscriber.on('close', () => {
		if (!closed) lostConnection = true;
	});
	// ioredis subscribes again by itself after reconnecting; what was published meanwhile is lost,
	// so the rooms catch up from the database.
	subscriber.on('ready', () => {
		if (!lostConnection) return;
		lostConnection = false;
		log.info('collab redis subscription restored; rooms catch up from the database');
		for (const handler of resubscribedHandlers) handler();
	});

	subscriber.on('messageBuffer', (channelBuffer: Buffer, message: Buffer) => {
		const channel = channelBuffer.toString();
		const decoded = decodeMessage(message);
		if (!decoded) {
			log.warn({ channel }, 'collab redis message undecodable, ignored');
			return;
		}
		if (decoded.instanceId === instanceId) return;
		if (channel === ACCESS_CHANNEL) {
			const scope = decoded.kind === Kind.access ? parseScope(decoded.payload) : null;
			if (!scope) return void log.warn({ channel }, 'collab redis access message invalid');
			for (const handler of accessHandlers) handler(scope);
			return;
		}
		const listener = listeners.get(channel);
		if (!listener) return;
		switch (decoded.kind) {
			case Kind.update:
				return listener.update(decoded.payload);
			case Kind.awareness:
				return listener.awareness(decoded.payload);
			case Kind.hello:
				return listener.hello();
		}
	});

	function publish(channel: string, kind: KindValue, payload: Uint8Array): void {
		publisher.publish(channel, encodeMessage(kind, instanceId, payload)).catch((error: unknown) => {
			log.error({ channel, kind, err: errorMessage(error) }, 'collab redis publish failed');
		});
	}

	subscriber.subscribe(ACCESS_CHANNEL).then(
		() => log.info({ instanceId }, 'collab fan-out through redis ready'),
		(error: unknown) =>
			log.error({ err: errorMessage(error) }, 'collab redis could not subscribe to access changes')
	);

	return {
		instanceId,
		async join(productId, listener) {
			const channel = productChannel(productId);
			listeners.set(channel, listener);
			try {
				await subscriber.subscribe(channel);
			} catch (error) {
				if (listeners.get(channel) === listener) listeners.delete(channel);
				throw error;
			}
		},
		async leave(productId, listener) {
			const channel = productChannel(productId);
			// A room of the product loaded again has its own listener and subscription by now.
			if (listeners.get(channel) !== listener) return;
			listeners.delete(channel);
			if (closed) return;
			try {
				// Should the room load again right after, its subscribe follows this unsubscribe on
				// the same connection, so Redis ends up subscribed.
				await subscriber.unsubscribe(channel);
			} catch (error) {
				log.warn({ channel, err: errorMessage(error) }, 'collab redis unsubscribe failed');
			}
		},
		publishUpdate(productId, update) {
			publish(productChannel(productId), Kind.update, update);
		},
		publishAwareness(productId, update) {
			publish(productChannel(productId), Kind.awareness, update);
		},
		publishHello(productId) {
			publish(productChannel(productId), Kind.hello, new Uint8Array());
		},
		publishAccess(scope) {
			publish(ACCESS_CHANNEL, Kind.access, new TextEncoder().encode(JSON.stringify(scope)));
		},
		onAccess(handler) {
			accessHandlers.push(handler);
		},
		onResubscribed(handler) {
			resubscribedHandlers.push(handler);
		},
		async close() {
			if (closed) return;
			closed = true;
			listeners.clear();
			// quit() sends what is queued (the last awareness removals) before closing.
			await Promise.allSettled([publisher.quit(), subscriber.quit()]);
		}
	};
}
