import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCodes } from './closeCodes';
import { createRedisFanout } from './fanout';
import { createDatabaseDraftStore, readStoredDraftState } from './persistence';
import { errorMessage } from './protocol';
import { TokenBucket, messageCost } from './rateLimit';
import { CollabConnection, Room } from './room';
import type { AccessRecheck, CollabOptions, CollabServer, CollabUser } from './types';
import type { Role } from '../access';

const PATH_PREFIX = '/collab/';
const PRODUCT_ID = /^[a-z0-9]{1,64}$/;

const DEFAULTS = {
	roomIdleMs: 30_000,
	compactAfterUpdates: 500,
	keepaliveMs: 30_000,
	touchThrottleMs: 5_000,
	accessSweepMs: 60_000,
	maxMessageBytes: 16 * 1024 * 1024,
	rateLimit: { perSecond: 200, burst: 400, maxQueued: 4096 }
};

const STATUS_TEXT: Record<number, string> = {
	401: 'Unauthorized',
	404: 'Not Found',
	500: 'Internal Server Error',
	503: 'Service Unavailable'
};

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
function refuse(socket: Duplex, status: number, message: string): void {
	if (socket.destroyed) return;
	const body = JSON.stringify({ error: message });
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
			'Content-Type: application/json\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'Connection: close\r\n\r\n' +
			body
	);
}

function headersOf(req: IncomingMessage): Headers {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
	}
	return headers;
}

function framesOf(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * Creates the collaboration rooms of one server process. See `CONTEXT.md` in this folder for
 * the invariants (durable before relayed, one serial queue per room, viewers read-only).
 */
export function createCollabServer(options: CollabOptions): CollabServer {
	const settings = {
		roomIdleMs: options.roomIdleMs ?? DEFAULTS.roomIdleMs,
		compactAfterUpdates: options.compactAfterUpdates ?? DEFAULTS.compactAfterUpdates,
		keepaliveMs: options.keepaliveMs ?? DEFAULTS.keepaliveMs,
		touchThrottleMs: options.touchThrottleMs ?? DEFAULTS.touchThrottleMs,
		accessSweepMs: options.accessSweepMs ?? DEFAULTS.accessSweepMs,
		maxMessageBytes: options.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
		rateLimit: { ...DEFAULTS.rateLimit, ...options.rateLimit }
	};
	const log = options.log.child({ module: 'collab' });
	const store = createDatabaseDraftStore(options.database);
	const fanout = options.redisUrl ? createRedisFanout(options.redisUrl, log) : null;
	// `ws` cuts off (1009) only what is far too big to buffer; over maxMessageBytes we close with
	// our own permanent code, so the client does not resend the same content in a loop.
	const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes * 2 });
	/** Loaded (or loading) rooms by product id; a room leaves the map only after a flush. */
	const rooms = new Map<string, { room: Room; ready: Promise<void> }>();
	const idleTimers = new Map<Room, ReturnType<typeof setTimeout>>();
	/**
	 * Bumped for a user whenever their access is re-checked. An upgrade authorized before a
	 * re-check but attached after it would escape it, so the upgrade authorizes again when the
	 * user's count moved meanwhile.
	 */
	const accessChecks = new Map<string, number>();
	let closing = false;

	const keepalive = setInterval(() => {
		for (const { room } of rooms.values()) {
			for (const connection of room.connections) {
				if (!connection.alive) {
					log.info(
						{ productId: room.productId, userId: connection.user.userId },
						'collab socket missed a pong'
					);
					connection.socket.terminate();
					continue;
				}
				connection.alive = false;
				connection.socket.ping();
			}
		}
	}, settings.keepaliveMs);
	keepalive.unref();

	/**
	 * Authorizes the sockets of one user (or, without `userId`, of everyone) again, once per
	 * (user, room), and applies the answers. A failing `authorize` leaves those sockets as they were.
	 */
	async function recheckLocal(userId: string | undefined): Promise<AccessRecheck> {
		if (userId !== undefined) accessChecks.set(userId, (accessChecks.get(userId) ?? 0) + 1);
		const checks: Array<{ room: Room; userId: string }> = [];
		for (const { room } of rooms.values()) {
			const users = new Set<string>();
			for (const connection of room.connections) {
				if (userId === undefined || connection.user.userId === userId) {
					users.add(connection.user.userId);
				}
			}
			for (const user of users) checks.push({ room, userId: user });
		}
		const results = await Promise.all(
			checks.map(async ({ room, userId: user }) => {
				try {
					return room.applyAccess(user, await options.authorize(user, room.productId));
				} catch (error) {
					log.error(
						{ productId: room.productId, userId: user, err: errorMessage(error) },
						'collab could not re-check access'
					);
					return { closed: 0, changed: 0 };
				}
			})
		);
		return results.reduce(
			(sum, r) => ({ closed: sum.closed + r.closed, changed: sum.changed + r.changed }),
			{ closed: 0, changed: 0 }
		);
	}

	// Another instance re-checked a user's access: their sockets here may be affected too.
	fanout?.onAccess(({ userId }) => void recheckLocal(userId));
	fanout?.onResubscribed(() => {
		for (const { room, ready } of rooms.values()) {
			ready
				.then(() => room.catchUp())
				.catch((error: unknown) =>
					log.error(
						{ productId: room.productId, err: errorMessage(error) },
						'collab room could not catch up from the database'
					)
				);
		}
	});

	const accessSweep =
		settings.accessSweepMs > 0
			? setInterval(() => void recheckLocal(undefined), settings.accessSweepMs)
			: undefined;
	accessSweep?.unref();

	function cancelUnload(room: Room): void {
		const timer = idleTimers.get(room);
		if (timer) clearTimeout(timer);
		idleTimers.delete(room);
	}

	function scheduleUnload(room: Room): void {
		if (closing || room.connections.size > 0 || room.pendingJoins > 0 || idleTimers.has(room))
			return;
		const timer = setTimeout(() => {
			idleTimers.delete(room);
			void unload(room);
		}, settings.roomIdleMs);
		timer.unref();
		idleTimers.set(room, timer);
	}

	async function unload(room: Room): Promise<void> {
		await room.flush();
		// Someone may have joined while we flushed; then the room stays.
		if (
			room.connections.size > 0 ||
			room.pendingJoins > 0 ||
			rooms.get(room.productId)?.room !== room
		)
			return;
		rooms.delete(room.productId);
		room.destroy();
		log.info({ productId: room.productId }, 'collab room unloaded');
	}

	/** The loaded room of a product, loading it on first use; counts the caller as a pending join. */
	async function enterRoom(productId: string): Promise<Room> {
		let entry = rooms.get(productId);
		if (!entry) {
			const room = new Room({
				productId,
				store,
				log,
				compactAfterUpdates: settings.compactAfterUpdates,
				touchThrottleMs: settings.touchThrottleMs,
				fanout,
				onVacant: scheduleUnload
			});
			const created = { room, ready: room.load() };
			entry = created;
			rooms.set(productId, created);
			created.ready.catch(() => {
				if (rooms.get(productId) === created) rooms.delete(productId);
				room.destroy();
			});
		}
		const { room, ready } = entry;
		room.pendingJoins++;
		cancelUnload(room);
		try {
			await ready;
		} catch (error) {
			room.pendingJoins--;
			throw error;
		}
		return room;
	}

	function attach(room: Room, socket: WebSocket, user: CollabUser, role: Role): void {
		const connection = new CollabConnection(socket, user, role);
		const fields = { productId: room.productId, userId: user.userId };
		const bucket = new TokenBucket(settings.rateLimit.perSecond, settings.rateLimit.burst);
		/** Frames that arrived while the bucket was dry, handled in order as tokens refill. */
		const waiting: Uint8Array[] = [];
		let refillTimer: ReturnType<typeof setTimeout> | undefined;

		/** Hands waiting frames to the room while tokens last; pauses the socket when they run out. */
		const drain = () => {
			refillTimer = undefined;
			while (waiting.length > 0) {
				if (connection.rejected || closing) {
					waiting.length = 0;
					break;
				}
				const wait = bucket.take(messageCost(waiting[0].byteLength));
				if (wait > 0) {
					if (!socket.isPaused) {
						log.info({ ...fields, waiting: waiting.length }, 'collab throttling a socket');
						socket.pause();
					}
					refillTimer = setTimeout(drain, wait);
					return;
				}
				room.receive(connection, waiting.shift()!);
			}
			if (socket.isPaused) socket.resume();
		};

		socket.on('pong', () => {
			connection.alive = true;
		});
		socket.on('message', (data, isBinary) => {
			connection.alive = true;
			// After close() began nothing new is accepted: it would be neither stored nor relayed,
			// and the client keeps it and sends it again when it reconnects.
			if (closing || connection.rejected) return;
			if (!isBinary) return room.reject(connection, 'text frame');
			const frame = framesOf(data);
			if (frame.byteLength > settings.maxMessageBytes) {
				log.warn({ ...fields, bytes: frame.byteLength }, 'collab message too big, closing');
				return connection.close(CloseCodes.messageTooBig, 'message too big');
			}
			waiting.push(frame);
			// Frames already read from the socket still arrive after pause(); past this many, the
			// sender is not slowing down at all.
			if (waiting.length > settings.rateLimit.maxQueued) {
				log.warn({ ...fields, waiting: waiting.length }, 'collab rate limit exceeded, closing');
				waiting.length = 0;
				return connection.close(CloseCodes.rateLimited, 'too many messages');
			}
			if (refillTimer === undefined) drain();
		});
		socket.on('error', (error) => {
			log.warn({ ...fields, err: errorMessage(error) }, 'collab socket error');
		});
		socket.on('close', (code) => {
			log.debug({ ...fields, code }, 'collab socket closed');
			if (refillTimer) clearTimeout(refillTimer);
			waiting.length = 0;
			room.leave(connection);
		});
		room.join(connection);
		log.debug({ ...fields, role }, 'collab socket joined');
	}

	async function upgrade(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		productId: string
	): Promise<void> {
		const user = await options.authenticate(headersOf(req));
		if (!user) return refuse(socket, 401, 'sign in to open this product');
		const checksBefore = accessChecks.get(user.userId) ?? 0;
		let role = await options.authorize(user.userId, productId);
		if (!role) return refuse(socket, 404, 'product not found');
		if (closing) return refuse(socket, 503, 'the server is shutting down');
		const room = await enterRoom(productId);
		let attached = false;
		try {
			if ((accessChecks.get(user.userId) ?? 0) !== checksBefore) {
				role = await options.authorize(user.userId, productId);
				if (!role) return refuse(socket, 404, 'product not found');
			}
			if (closing) return refuse(socket, 503, 'the server is shutting down');
			if (socket.destroyed) return;
			const granted = role;
			wss.handleUpgrade(req, socket, head, (ws) => {
				attached = true;
				try {
					attach(room, ws, user, granted);
				} catch (error) {
					// Past the handshake an HTTP answer is no longer possible; close the socket instead.
					log.error({ productId, err: errorMessage(error) }, 'collab could not join the room');
					ws.close(CloseCodes.internalError, 'could not join the room');
				}
			});
		} finally {
			room.pendingJoins--;
			if (!attached && room.connections.size === 0) scheduleUnload(room);
		}
	}

	return {
		handleUpgrade(req, socket, head) {
			const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
			if (!pathname.startsWith(PATH_PREFIX)) return false;
			// Until the upgrade completes, a client that goes away must not crash the process.
			const ignore = () => undefined;
			socket.on('error', ignore);
			const productId = pathname.slice(PATH_PREFIX.length);
			if (!PRODUCT_ID.test(productId)) {
				refuse(socket, 404, 'product not found');
				return true;
			}
			if (closing) {
				refuse(socket, 503, 'the server is shutting down');
				return true;
			}
			upgrade(req, socket, head, productId)
				.catch((error: unknown) => {
					log.error({ productId, err: errorMessage(error) }, 'collab upgrade failed');
					refuse(socket, 500, 'could not open the product, try again');
				})
				.finally(() => socket.off('error', ignore));
			return true;
		},

		async applyServerChange(productId, change, origin) {
			if (!PRODUCT_ID.test(productId))
				throw new Error(`productId: expected a product id, got "${productId}"`);
			if (closing) throw new Error('the collaboration server is shutting down');
			const room = await enterRoom(productId);
			try {
				return await room.applyServerChange(change, origin);
			} finally {
				room.pendingJoins--;
				if (room.connections.size === 0) scheduleUnload(room);
			}
		},

		async recheckAccess({ userId, workspaceId }) {
			fanout?.publishAccess(workspaceId === undefined ? { userId } : { userId, workspaceId });
			const result = await recheckLocal(userId);
			log.info({ userId, workspaceId, ...result }, 'collab access re-checked');
			return result;
		},

		revokeAccess(scope) {
			return this.recheckAccess(scope);
		},

		async readDraftState(productId) {
			const entry = rooms.get(productId);
			if (entry) {
				try {
					await entry.ready;
					return entry.room.readState();
				} catch {
					// The room failed to load; the database answers (or fails) below.
				}
			}
			return readStoredDraftState(store, productId);
		},

		async flush() {
			await Promise.all([...rooms.values()].map(({ room }) => room.flush()));
		},

		async close() {
			if (closing) return;
			closing = true;
			clearInterval(keepalive);
			clearInterval(accessSweep);
			for (const timer of idleTimers.values()) clearTimeout(timer);
			idleTimers.clear();
			const sockets = [...wss.clients];
			for (const socket of sockets) socket.close(CloseCodes.goingAway, 'server shutting down');
			const entries = [...rooms.values()];
			await Promise.allSettled(entries.map(({ ready }) => ready));
			await Promise.all(entries.map(({ room }) => room.flush()));
			// Give peers a moment to answer the close handshake, then cut the rest.
			await Promise.race([
				Promise.all(
					sockets.map((s) =>
						s.readyState === s.CLOSED ? undefined : new Promise((r) => s.once('close', r))
					)
				),
				new Promise((r) => setTimeout(r, 1000).unref())
			]);
			for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
			for (const { room } of entries) room.destroy();
			rooms.clear();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			await fanout?.close();
			log.info({ rooms: entries.length }, 'collab server closed');
		}
	};
}
