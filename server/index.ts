/**
 * The Atelier server: one HTTP server for the studio (SvelteKit's adapter-node handler), the
 * public API, `/healthz`, and the collaboration websockets on `/collab/<productId>`.
 * Thin on purpose: everything it wires up lives in src/lib/server.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../src/lib/server/config';
import { provideServices, startServices, type AppServices } from '../src/lib/server/app';
import { publicFastPath, type PublicFastPath } from '../src/lib/server/public-fast-path';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

async function main() {
	const config = readConfig();
	// Requests that arrive while the database is still opening wait for it.
	let handler: NodeHandler | undefined;
	// The storefront's published-definition requests, answered without SvelteKit once ready.
	let fastPath: PublicFastPath | undefined;
	let markReady!: (app: AppServices) => void;
	let markFailed!: (error: unknown) => void;
	const ready = new Promise<AppServices>((resolve, reject) => {
		markReady = resolve;
		markFailed = reject;
	});
	provideServices(ready);

	const server = http.createServer((req, res) => {
		if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) {
			ready.then(
				() => {
					res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
					res.end(JSON.stringify({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
				},
				() => {
					res.writeHead(503, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ status: 'unavailable' }));
				}
			);
			return;
		}
		if (fastPath?.answer(req, res)) return;
		if (handler) return handler(req, res);
		ready.then(
			() => handler!(req, res),
			() => {
				res.writeHead(503, { 'content-type': 'text/plain' });
				res.end('Atelier is not available: it failed to start. See the server log.');
			}
		);
	});

	// Node refuses requests whose headers exceed 16 KB before any handler runs; answer in the
	// public API's JSON error shape rather than Node's bare status line.
	server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
		if (!socket.writable) return socket.destroy();
		const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
		const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
		const body = JSON.stringify({
			error: {
				message: tooLarge
					? 'the request headers are too large (over 16 KB)'
					: 'the request is malformed'
			}
		});
		socket.end(
			`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
				`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
		);
	});

	await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const origin = process.env.ORIGIN || `http://localhost:${port}`;
	// adapter-node builds request URLs from ORIGIN; keep it in step with the port really bound.
	process.env.ORIGIN = origin;
	// adapter-node reads ORIGIN when its handler is imported, so import it only now. The computed
	// URL keeps type-checking out of the build output; the path works both from server/index.ts
	// and from the bundled build/server.js.
	// adapter-node refuses bodies over BODY_SIZE_LIMIT (512 KiB by default) before any route
	// sees them; asset uploads may be up to 20 MiB, and their route enforces that limit itself.
	process.env.BODY_SIZE_LIMIT ??= '21M';
	const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
	// The storefront scripts (/embed.js, /runtime.js) that scripts/build-embed.js wrote.
	process.env.ATELIER_STOREFRONT_DIR ??= fileURLToPath(
		new URL('../build/storefront/', import.meta.url)
	);
	handler = ((await import(handlerUrl)) as { handler: NodeHandler }).handler;
	const starting = startServices({ ...config, port, origin });
	starting.then(markReady, markFailed);
	const app = await starting;
	fastPath = publicFastPath(app);

	server.on('upgrade', (req, socket, head) => {
		if (!app.collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	app.log.info({ url: origin, port }, `Atelier studio listening on ${origin}`);

	let shuttingDown = false;
	const shutdown = async (signal: string) => {
		if (shuttingDown) return;
		shuttingDown = true;
		app.log.info({ signal }, 'shutting down: no new connections, flushing documents');
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		try {
			await app.stop();
			server.closeAllConnections();
			await closed;
			app.log.info('stopped cleanly');
			process.exit(0);
		} catch (error) {
			app.log.error({ err: error }, 'shutdown failed');
			process.exit(1);
		}
	};
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
