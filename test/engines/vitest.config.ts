// The cross-engine suite (scripts/engines.mjs runs it once per engine with ENGINE set).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['test/engines/engines.test.ts'],
    // Engines on a loaded 2-core machine are slow: Firefox alone can take 25 s to start.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
