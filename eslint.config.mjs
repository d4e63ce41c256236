// ESLint's rules for every JavaScript file in the project (scripts/test's `lint` suite runs them).
import js from '@eslint/js';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';

export default [
  { ignores: ['build/**', 'node_modules/**'] },
  js.configs.recommended,
  importX.flatConfigs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { sourceType: 'module' },
    rules: {
      // The recommended set only warns for these; a warning nobody reads is no check.
      'import-x/no-named-as-default': 'error',
      'import-x/no-named-as-default-member': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      // Browsers and node's ES modules resolve no file without its extension.
      'import-x/extensions': ['error', 'ignorePackages'],
      'import-x/no-unresolved': ['error', {
        // The Wasm modules (runtime.mjs, credentials.mjs, player.mjs) are built by emcc into the site's
        // modules/ folder; they are not in the source tree.
        ignore: ['/modules/[a-z]+\\.mjs$'],
      }],
    },
  },
  {
    // The site's ES modules, loaded by its pages.
    files: ['web/js/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Classic scripts: the embed element for host pages, and the service worker.
    files: ['web/embed.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    files: ['web/sw.js'],
    languageOptions: { sourceType: 'script', globals: globals.serviceworker },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    // Browser tests and benchmarks pass functions to page.evaluate/waitForFunction, which run in the page.
    files: ['tests/e2e/**/*.mjs', 'scripts/lib/web-bench.mjs', 'scripts/lib/canvas-bench.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['tests/e2e/fixtures/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
];
