// The linter `npm test` runs (`npm run lint`). Lean on purpose: ESLint's and typescript-eslint's
// recommended sets (their syntax-only rules: they find mistakes, not style), plus the rules that
// keep the shape the code is built around. Only one rule needs types, so only TypeScript files are
// parsed with the project.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What only entries may touch: everything else gets the window, document or fetch it works with
 * as an argument, so a test can hand it a fake and an import never depends on where it runs.
 */
const PAGE_GLOBALS = [
  'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage',
  'DOMParser', 'CSS', 'fetch', 'MutationObserver', 'self', 'top', 'parent', 'frames',
];
const ONLY_ENTRIES = 'Only src/entries/** and src/index.ts touch page globals: take it as an argument (the window, its document, its fetch).';
const VIA_GLOBAL_THIS = PAGE_GLOBALS.map((property) => ({ object: 'globalThis', property, message: ONLY_ENTRIES }));
/** A `Symbol.for` key is shared by every script on the page, so it is a global too. */
const SYMBOL_FOR = {
  object: 'Symbol',
  property: 'for',
  message: 'A Symbol.for key is a page-wide global: only entries and src/page/handover.ts use one.',
};

export default defineConfig(
  {
    ignores: ['dist/', 'examples/**/dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.ci-out/'],
  },
  {
    // Not gtm/: the template's code runs in GTM's sandbox, not as normal JavaScript.
    files: ['src/**/*.ts', 'test/**/*.{ts,mjs}', 'scripts/**/*.mjs', '*.config.{ts,mjs}', 'examples/**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Sources import their siblings as `./x.js` (TypeScript's Bundler resolution); the file is x.ts.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
  },
  {
    // Not in test/: there the long functions are `describe` blocks, scenario lists and the Mautic
    // double's route table, which hold many short cases rather than one long piece of logic.
    files: ['src/**/*.ts', 'scripts/**/*.mjs', '*.config.{ts,mjs}'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests reach into the page's globals (`(window as any).MauticConsent`) on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      // Playwright reads a fixture's dependencies from its first parameter, which must be an
      // object pattern even when it takes none: `async ({}, use) => …`.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
    },
  },
  {
    // Scripts of the example and test pages, and the benchmarks' `page.evaluate` callbacks, which
    // run in the page.
    files: ['test/e2e/tcf/*.mjs', 'scripts/bench*.mjs', 'examples/*.js', 'examples/esm-app/main.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Cycles only matter in the shipped code; packages are not followed (a cycle inside one is not
    // ours to fix, and following them made this rule most of the lint time).
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/entries/**', 'src/index.ts'],
    rules: {
      'no-restricted-globals': ['error', ...PAGE_GLOBALS.map((name) => ({ name, message: ONLY_ENTRIES }))],
      'no-restricted-properties': ['error', ...VIA_GLOBAL_THIS, SYMBOL_FOR],
    },
  },
  {
    files: ['src/page/handover.ts'],
    rules: {
      'no-restricted-properties': ['error', ...VIA_GLOBAL_THIS],
    },
  },
);
