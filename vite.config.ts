import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * In development the collaboration websocket shares Vite's port, as it shares the production
 * server's: upgrades under /collab/ go to the rooms; every other upgrade (Vite's hot reload) is
 * left alone.
 */
function collaborationSocket(): Plugin {
	return {
		name: 'atelier-collaboration-socket',
		apply: 'serve',
		configureServer(server) {
			server.httpServer?.on('upgrade', (req, socket, head) => {
				if (!req.url?.startsWith('/collab/')) return;
				// Loaded through Vite's SSR module graph: the same module instances SvelteKit uses.
				server
					.ssrLoadModule('/src/lib/server/app.ts')
					.then((module) => (module as typeof import('./src/lib/server/app')).services())
					.then(
						(app) => app.collab.handleUpgrade(req, socket, head),
						() => socket.destroy()
					);
			});
		}
	};
}

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), collaborationSocket()],
	server: { port: Number(process.env.PORT ?? 3000) },
	test: {
		setupFiles: ['./vitest.setup.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					// The cross-process and browser tests each start real servers; one file at a time
					// keeps the two cores of a CI machine from timing each other out.
					fileParallelism: false
				}
			}
		]
	}
});
