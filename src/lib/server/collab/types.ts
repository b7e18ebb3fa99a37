import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { AppDatabase } from '../db';
import type { Role } from '../access';

/** Who is on the other end of a collaboration socket. */
export interface CollabUser {
	userId: string;
	name: string;
}

export interface CollabOptions {
	database: AppDatabase;
	log: Logger;
	/** The signed-in user of an upgrade request (from its session cookie), or null → 401. */
	authenticate(headers: Headers): Promise<CollabUser | null>;
	/** The user's role in the product's workspace, or null (no such product, or not a member) → 404. */
	authorize(userId: string, productId: string): Promise<Role | null>;
	/** How long a room stays loaded after its last client left (default 30 000 ms). */
	roomIdleMs?: number;
	/** Compact a room's draft once more than this many updates are stored after its snapshot (default 500). */
	compactAfterUpdates?: number;
	/** Interval of the ping/pong keepalive; a socket that missed one pong is dropped (default 30 000 ms). */
	keepaliveMs?: number;
	/** Minimum interval between two writes of `product.updated_at` for one room (default 5 000 ms). */
	touchThrottleMs?: number;
	/** Largest accepted websocket message; bigger ones close the socket with 1009 (default 16 MiB). */
	maxMessageBytes?: number;
}

/** The collaboration rooms of one server process: `/collab/<productId>` speaking y-websocket. */
export interface CollabServer {
	/**
	 * Handles an HTTP upgrade whose path starts with `/collab/`. Returns false (and does nothing)
	 * for any other path, so the caller can pass it on (Vite's hot reload) or destroy it.
	 */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** The product draft's whole state as one Yjs update (from the open room, else the database). */
	readDraftState(productId: string): Promise<Uint8Array | null>;
	/** Resolves once every update received so far is written to the database. */
	flush(): Promise<void>;
	/** Closes every socket (close code 1001), flushes, and unloads the rooms. */
	close(): Promise<void>;
}
