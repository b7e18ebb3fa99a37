/**
 * Every close code the collaboration server sends, in one table. 4400–4499 mirror HTTP 4xx: the
 * y-websocket client treats them as permanent and stops reconnecting, which is what we want for a
 * client that sends garbage (it would only send it again). Every other code makes the client
 * reconnect with backoff.
 */
export const CloseCodes = {
	/** The server is shutting down or the room is being unloaded; reconnect later. */
	goingAway: 1001,
	/**
	 * A message bigger than twice `maxMessageBytes`, cut off by `ws` while it arrives (its own
	 * code). The client retries; see `messageTooBig` for the ordinary case.
	 */
	frameTooBig: 1009,
	/** The server could not store an update (e.g. the database is down); reconnect and resend. */
	internalError: 1011,
	/** A frame that is not binary, cannot be decoded, has an unknown type, or that Yjs rejects. */
	malformedMessage: 4400,
	/**
	 * The user lost access to the product (removed from its workspace). Permanent: reconnecting
	 * would be refused anyway, and the studio shows that access was revoked.
	 */
	accessRevoked: 4403,
	/**
	 * A message bigger than `maxMessageBytes`. Permanent: the client would resend the same content
	 * after reconnecting and fail again; the studio tells the user their change is too large.
	 */
	messageTooBig: 4413,
	/**
	 * The sender kept sending while it was throttled (more frames waiting than `rateLimit.maxQueued`).
	 * Ordinary flooding is throttled, not closed (see `rateLimit` in types.ts). Transient (the
	 * 4500–4599 "try again later" range): the client reconnects with backoff and resends its edits.
	 */
	rateLimited: 4529
} as const;

/** One of the values of {@link CloseCodes}. */
export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];
