import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  // Generous: the machine is often shared, and a test that waits for a slow Mautic or a purge page's
  // answer on purpose then needs several times its idle duration.
  timeout: 45_000,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    // The Mautic double's https listener uses a self-signed certificate (test/mautic-double/tls).
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // Every *.test name goes to loopback; *.localhost resolves there by itself.
        '--host-resolver-rules=MAP *.test 127.0.0.1',
      ],
    },
  },
});
