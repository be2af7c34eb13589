import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// js-cookie and nanoid are bundled. `browser: true` makes node-resolve pick nanoid's
// browser entry (crypto.getRandomValues) instead of its Node one (Buffer).
const plugins = (declarations) => [
  resolve({ browser: true }),
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist/types' : undefined,
  }),
];

export default [
  {
    input: 'src/index.ts',
    output: { file: 'dist/mautic-consent.mjs', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    input: 'src/script.ts',
    output: { file: 'dist/mautic-consent.min.js', format: 'iife', sourcemap: true },
    plugins: [...plugins(false), terser({ compress: { passes: 2 } })],
  },
];
