/**
 * Real-time collaboration, server side: rooms at `/collab/<productId>` speaking the y-websocket
 * protocol, with persistence, authentication and roles. See CONTEXT.md.
 */

/**
 * Creates the collaboration rooms of one server process. Attach `handleUpgrade` to the HTTP
 * server's 'upgrade' event; call `close()` on shutdown.
 */
export { createCollabServer } from './server';

/** The close codes the collaboration server sends, by name (e.g. `CloseCodes.malformedMessage`). */
export { CloseCodes, type CloseCode } from './closeCodes';

/** The interface implemented here: options in, a server with `handleUpgrade`, `flush`, `close` out. */
export type { AccessRecheck, AccessScope, CollabOptions, CollabServer, CollabUser } from './types';

/** Default transaction origin of `applyServerChange` edits (observers can tell them from clients'). */
export { SERVER_CHANGE_ORIGIN } from './room';
