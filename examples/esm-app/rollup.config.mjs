// Builds the example app: `npx rollup -c examples/esm-app/rollup.config.mjs` → examples/esm-app/dist/app.js.
// In your own app, `npm install mautic-consent` and your bundler resolves it; here the package
// name is pointed at this repository's build.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { fileURLToPath } from 'node:url';

const sdk = fileURLToPath(new URL('../../dist/mautic-consent.mjs', import.meta.url));

export default {
  input: fileURLToPath(new URL('./main.js', import.meta.url)),
  output: { file: fileURLToPath(new URL('./dist/app.js', import.meta.url)), format: 'es' },
  plugins: [{ name: 'mautic-consent', resolveId: (id) => (id === 'mautic-consent' ? sdk : null) }, resolve({ browser: true }), terser()],
};
