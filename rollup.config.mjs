import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// nanoid is bundled. `browser: true` makes node-resolve pick nanoid's
// browser entry (crypto.getRandomValues) instead of its Node one (Buffer).
const plugins = (declarations) => [
  resolve({ browser: true }),
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist/types' : undefined,
  }),
];

/**
 * Minifies a script-tag bundle for a fast start as well as few bytes. `(function(){…})()` rather
 * than terser's `!function(){…}()`: V8 compiles a parenthesised function at once instead of
 * pre-parsing it and parsing it again when it runs. The preamble is Chromium's explicit compile
 * hint (V8 12.x, Chrome 136): most functions of these bundles run while the page loads, so they
 * are compiled eagerly, off the main thread where the script is streamed. Measured with
 * `npm run bench`: about a quarter less script time at start-up.
 */
const minify = () =>
  terser({
    compress: { passes: 2, negate_iife: false },
    format: { wrap_iife: true, preamble: '//# allFunctionsCalledOnLoad' },
  });

/** Emits dist/mautic-purge.html: the purge page with its script inlined, ready to upload. */
const purgePage = () => ({
  name: 'purge-page',
  generateBundle(_, bundle) {
    const chunk = Object.values(bundle).find((c) => c.type === 'chunk');
    const code = chunk.code.replace(/\/\/# sourceMappingURL=.*$/m, '').trim();
    this.emitFile({
      type: 'asset',
      fileName: 'mautic-purge.html',
      source: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>mautic-consent purge</title></head>
<body>
<!-- mautic-consent purge page. Serve it from your Mautic host (for example as
     https://m.example.com/media/files/mautic-purge.html), name it in the SDK's data-purge-page,
     and list in data-allowed-origins, separated by spaces, the websites that may ask it to delete
     Mautic's cookies (exact origins, or patterns such as https://*.example.com). -->
<script data-allowed-origins="https://www.example.com">${code}</script>
</body></html>
`,
    });
  },
});

/** The script-tag build of each consent-tool adapter, `dist/cmp/{name}.min.js`, from a tiny virtual entry. */
export const ADAPTERS = { tcf: 'followTcf', cookieconsent: 'followCookieConsent', klaro: 'followKlaro', cookiebot: 'followCookiebot', onetrust: 'followOneTrust', mautic: 'followMauticScripts' };
export const ADAPTER_NAMES = Object.keys(ADAPTERS);
const adapterEntry = (name) => ({
  name: 'adapter-entry',
  resolveId: (id) => (id === `cmp:${name}` ? id : null),
  load: (id) =>
    id === `cmp:${name}`
      ? `import { ${ADAPTERS[name]} } from ${JSON.stringify(new URL('./src/adapters/index.ts', import.meta.url).pathname)};
import { startAdapter } from ${JSON.stringify(new URL('./src/adapters/start.ts', import.meta.url).pathname)};
startAdapter(${ADAPTERS[name]});`
      : null,
});

export default [
  {
    input: 'src/index.ts',
    output: { file: 'dist/mautic-consent.mjs', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    input: 'src/script.ts',
    output: { file: 'dist/mautic-consent.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), minify()],
  },
  {
    input: 'src/embeds-entry.ts',
    output: { file: 'dist/mautic-consent.embeds.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), minify()],
  },
  {
    input: 'src/banner-entry.ts',
    output: { file: 'dist/mautic-consent.banner.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), minify()],
  },
  {
    input: 'src/purge-page.ts',
    output: { file: 'dist/mautic-purge.js', format: 'iife' },
    plugins: [...plugins(false), terser(), purgePage()],
  },
  ...Object.keys(ADAPTERS).map((name) => ({
    input: `cmp:${name}`,
    output: { file: `dist/cmp/${name}.min.js`, format: 'iife' },
    plugins: [adapterEntry(name), ...plugins(false), terser()],
  })),
];
