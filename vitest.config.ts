import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'https://www.shop.test/' } },
    include: ['test/unit/**/*.test.ts'],
  },
});
