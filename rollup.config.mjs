import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import ts from 'typescript';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// nanoid is bundled. `browser: true` makes node-resolve pick nanoid's
// browser entry (crypto.getRandomValues) instead of its Node one (Buffer). The ESM build, which
// also writes the type declarations, compiles through @rollup/plugin-typescript; the script-tag
// bundles file by file (`transpile()`).
const plugins = (declarations) => [
  resolve({ browser: true }),
  pureDompurify(),
  declarations
    ? typescript({ tsconfig: './tsconfig.build.json', declaration: true, declarationDir: 'dist/types' })
    : transpile(),
];

/**
 * Compiles each TypeScript file on its own (`ts.transpileModule`). tsconfig.build.json's
 * `isolatedModules` and `verbatimModuleSyntax` make a file's JavaScript independent of the other
 * files, and the type-check is a step of its own (`npm run typecheck`), so the script-tag bundles
 * need no whole program each: @rollup/plugin-typescript built one per bundle, 14 times.
 */
function transpile() {
  const { options } = ts.convertCompilerOptionsFromJson(JSON.parse(readFileSync('./tsconfig.build.json', 'utf8')).compilerOptions, '.');
  const compilerOptions = { ...options, declaration: false, sourceMap: true, inlineSources: true };
  return {
    name: 'transpile',
    // Sources import each other as `./x.js` (what the compiled files are called); read `./x.ts`.
    resolveId(source, importer) {
      if (!importer?.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const file = fileURLToPath(new URL(source.replace(/\.js$/, '.ts'), pathToFileURL(importer)));
      return existsSync(file) ? file : null;
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const out = ts.transpileModule(code, { fileName: id, compilerOptions });
      return { code: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, ''), map: out.sourceMapText };
    },
  };
}

/**
 * DOMPurify builds its tag lists and default instance when it is imported. That has no other
 * effect, so a build that never sanitises (the core script) leaves it out, and the calls are marked
 * pure for an app's bundler that takes our ESM build and does not import bindEmbeds.
 */
function pureDompurify() {
  return {
    name: 'pure-dompurify',
    transform: (code, id) =>
      // Every top-level `const x = f(…)` (the default instance, the frozen tag lists, the unapplied
      // built-ins) is marked pure.
      id.includes('/node_modules/dompurify/') ? { code: code.replace(/^((?:const|let|var) [\w$]+ = )(?=[\w$]+\()/gm, '$1/*#__PURE__*/ '), moduleSideEffects: false } : null,
  };
}

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
    compress: { passes: 3, negate_iife: false },
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

/** The consent-tool adapters, one script-tag entry each in src/entries/cmp/ (named as in src/adapters/names.ts). */
export const ADAPTER_NAMES = readdirSync(new URL('./src/entries/cmp/', import.meta.url)).map((file) => file.replace(/\.ts$/, '')).sort();

/** The scripts the core loads from beside itself, by their path relative to it. */
export const SIBLINGS = ['mautic-consent.tracking.min.js', 'mautic-consent.embeds.min.js', 'mautic-consent.banner.min.js', ...ADAPTER_NAMES.map((name) => `cmp/${name}.min.js`)];

/**
 * Fills `SIBLING_INTEGRITY` (src/page/sri.ts) with the SHA-256 of each sibling as written to dist/, so
 * that an `integrity` hash on the core's tag pins every script the core loads. Rollup builds the
 * configurations below in order: the siblings come first, the core last.
 */
const pinSiblings = () => ({
  name: 'pin-siblings',
  transform(code, id) {
    if (!id.endsWith('/src/page/sri.ts')) return null;
    const hashes = Object.fromEntries(
      SIBLINGS.map((file) => [file, createHash('sha256').update(readFileSync(`dist/${file}`)).digest('base64')]),
    );
    const pinned = code.replace(/SIBLING_INTEGRITY = \{\}/, `SIBLING_INTEGRITY = ${JSON.stringify(hashes)}`);
    if (pinned === code) this.error('src/page/sri.ts: SIBLING_INTEGRITY = {} not found');
    return { code: pinned, map: null };
  },
});

/**
 * Builds the core with short warnings (`FULL_TEXT` in src/core/log.ts set to `false`): terser then
 * drops every sentence, and each warning names the attribute, the bad value and a README anchor.
 */
const shortTexts = () => ({
  name: 'short-texts',
  transform(code, id) {
    if (!id.endsWith('/src/core/log.ts')) return null;
    const short = code.replace(/FULL_TEXT = true/, 'FULL_TEXT = false');
    if (short === code) this.error('src/core/log.ts: FULL_TEXT = true not found');
    return { code: short, map: null };
  },
});

export default [
  {
    input: 'src/index.ts',
    output: { file: 'dist/mautic-consent.mjs', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    input: 'src/entries/tracking.ts',
    output: { file: 'dist/mautic-consent.tracking.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), minify()],
  },
  {
    input: 'src/entries/embeds.ts',
    output: { file: 'dist/mautic-consent.embeds.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), minify()],
  },
  {
    input: 'src/entries/banner.ts',
    output: { file: 'dist/mautic-consent.banner.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), minify()],
  },
  {
    input: 'src/entries/purge-page.ts',
    output: { file: 'dist/mautic-purge.js', format: 'iife' },
    plugins: [...plugins(false), terser(), purgePage()],
  },
  ...ADAPTER_NAMES.map((name) => ({
    input: `src/entries/cmp/${name}.ts`,
    output: { file: `dist/cmp/${name}.min.js`, format: 'iife' },
    plugins: [...plugins(false), terser()],
  })),
  // The core last: it embeds the hashes of the files above, as written. Its debug build is the same
  // script, readable and with every warning's whole sentence; it loads the same siblings.
  {
    input: 'src/entries/script.ts',
    output: { file: 'dist/mautic-consent.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), pinSiblings(), shortTexts(), minify()],
  },
  {
    input: 'src/entries/script.ts',
    output: { file: 'dist/mautic-consent.debug.js', format: 'iife' },
    plugins: [...plugins(false), pinSiblings()],
  },
];
