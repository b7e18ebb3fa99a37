import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Cross-site form posts are refused in hooks.server.ts (src/lib/server/csrf.ts), which
		// exempts the signed store webhooks: WooCommerce pings with an origin-less form body.
		// `'*'` turns SvelteKit's own check off (it refuses every origin-less form post).
		csrf: { trustedOrigins: ['*'] },
		typescript: {
			// svelte-check only sees files in the generated tsconfig's include list; the server
			// entry, scripts and end-to-end tests live outside src/, so add them explicitly.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../server/**/*.ts',
					'../tests/**/*.ts',
					'../scripts/**/*.ts',
					'../vitest.setup.ts'
				);
				return tsconfig;
			}
		}
	}
};

export default config;
