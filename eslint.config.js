import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The core is framework-free: it runs in the browser, the server, the CLI and the print renderer. */
const coreBoundary = {
	files: ['src/lib/core/**/*.ts'],
	ignores: ['src/lib/core/**/*.test.ts'],
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						regex: '^(svelte($|/)|\\$app/|yjs$|konva($|/)|@xyflow/|node:)',
						message:
							'src/lib/core must stay framework-free: no svelte, $app, yjs, konva, @xyflow/* or node:* imports.'
					},
					{
						regex: '^(\\$lib/(runtime|collab|studio|server)|\\.\\./(runtime|collab|studio|server))',
						message: 'src/lib/core must not import from the layers built on top of it.'
					}
				]
			}
		]
	}
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'dist/',
			'node_modules/',
			'data/',
			'coverage/',
			'test-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
			// The studio is always served at the site root (no kit.paths.base), so plain hrefs are right.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// The core rule flags `let { a, b = $bindable() } = $props()`; the Svelte one knows runes.
			'prefer-const': 'off',
			'svelte/prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }]
		}
	},
	coreBoundary
);
