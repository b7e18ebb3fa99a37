import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { AppDatabase } from '../db';
import type { Role } from '../access';

/** Who is on the other end of a collaboration socket. */
export interface CollabUser {
	userId: string;
	name: string;
}

/** Whose access changed: a user, in a workspace. */
export interface AccessScope {
	userId: string;
	workspaceId?: string;
}

/** What a re-check of access did to this process's sockets. */
export interface AccessRecheck {
	closed: number;
	changed: number;
}

export interface CollabOptions {
	database: AppDatabase;
	log: Logger;
	/** The signed-in user of an upgrade request (from its session cookie), or null → 401. */
	authenticate(headers: Headers): Promise<CollabUser | null>;
	/** The user's role in the product's workspace, or null (no such product, or not a member) → 404. */
	authorize(userId: string, productId: string): Promise<Role | null>;
	/**
	 * Redis for several instances on one database: rooms relay stored updates, awareness and
	 * access changes through it (see fanout.ts). Unset: a single instance, no Redis.
	 */
	redisUrl?: string;
	/** How long a room stays loaded after its last client left (default 30 000 ms). */
	roomIdleMs?: number;
	/** Compact a room's draft once more than this many updates are stored after its snapshot (default 500). */
	compactAfterUpdates?: number;
	/** Interval of the ping/pong keepalive; a socket that missed one pong is dropped (default 30 000 ms). */
	keepaliveMs?: number;
	/** Minimum interval between two writes of `product.updated_at` for one room (default 5 000 ms). */
	touchThrottleMs?: number;
	/**
	 * Safety net for membership changes made outside `recheckAccess` callers: every this many ms
	 * each open socket's access is authorized again (default 60 000 ms; 0 turns it off).
	 */
	accessSweepMs?: number;
	/**
	 * Largest accepted websocket message (default 16 MiB). A bigger one closes its socket with
	 * `CloseCodes.messageTooBig` (4413); one over twice this is cut off by `ws` on arrival (1009).
	 */
	maxMessageBytes?: number;
	/**
	 * Per-socket token bucket on incoming frames (each costs 1, plus 1 per 64 KiB beyond the first).
	 * A socket that runs dry is throttled, not closed: its frames wait in order and the socket is
	 * paused (TCP pushes back on the sender) until tokens refill; the room's other sockets are not
	 * slowed. Only a socket with more than `maxQueued` frames waiting is closed, with
	 * `CloseCodes.rateLimited`. Default 200 frames/s, burst 400, maxQueued 4 096.
	 */
	rateLimit?: { perSecond: number; burst: number; maxQueued?: number };
}

/** The collaboration rooms of one server process: `/collab/<productId>` speaking y-websocket. */
export interface CollabServer {
	/**
	 * Handles an HTTP upgrade whose path starts with `/collab/`. Returns false (and does nothing)
	 * for any other path, so the caller can pass it on (Vite's hot reload) or destroy it.
	 */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/**
	 * A server-side edit of a product's draft ("new draft from a published version", "restore a
	 * snapshot"). Runs in the room's queue like a client's update: `change` edits a copy of the
	 * draft, the resulting update is appended to the database, then applied to the room and relayed
	 * to every connected client. Loads the room if it is not loaded (and unloads it later when idle).
	 *
	 * `origin` labels the transaction on the room's doc (default {@link SERVER_CHANGE_ORIGIN}); when
	 * it is an object with a string `userId`, that user is recorded as the update's author; a string
	 * `label` is the change's line in the draft's history ("Restored snapshot …"); an integer
	 * `clientId` is the Yjs client id to write with, when the draft has none of it yet (the client
	 * that asked recognises the change by it and makes it undoable).
	 * Resolves with the stored update, or null when `change` changed nothing (nothing is stored).
	 * If `change` throws, nothing is stored or relayed and the promise rejects with its error.
	 */
	applyServerChange(
		productId: string,
		change: (doc: Y.Doc) => void,
		origin?: unknown
	): Promise<Uint8Array | null>;
	/**
	 * Authorizes the open sockets of `userId` again (call it right after a member was removed or
	 * their role changed): a socket that lost access is closed with `CloseCodes.accessRevoked`
	 * (the client does not retry), a demoted editor is read-only from then on (updates it already
	 * sent but that are not stored yet are dropped too), a promoted viewer may edit. `workspaceId`
	 * is for the log and for other instances; every room with a socket of the user is checked.
	 * Resolves with how many sockets were closed and how many changed role.
	 */
	recheckAccess(scope: AccessScope): Promise<AccessRecheck>;
	/** The same as `recheckAccess`, under the name a removal reads best with. */
	revokeAccess(scope: AccessScope): Promise<AccessRecheck>;
	/** The product draft's whole state as one Yjs update (from the open room, else the database). */
	readDraftState(productId: string): Promise<Uint8Array | null>;
	/** Resolves once every update received so far is written to the database. */
	flush(): Promise<void>;
	/** Closes every socket (close code 1001), flushes, and unloads the rooms. */
	close(): Promise<void>;
}
