// Chromium through the Playwright library (the same Debian Chromium as test/e2e): one browser,
// a fresh incognito-like context per session.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { Engine, LaunchOptions, Session, SessionOptions, Tab } from './driver';

function tab(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.click(selector),
    fill: (selector, text) => page.fill(selector, text),
    press: (selector, key) => page.press(selector, key),
    close: () => page.close(),
  };
}

export async function launchChromium({ proxyPort }: LaunchOptions): Promise<Engine> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--proxy-server=http://127.0.0.1:${proxyPort}`],
  });
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    gpc: 'init-script',
    async session(options: SessionOptions = {}): Promise<Session> {
      const context: BrowserContext = await browser.newContext({
        ignoreHTTPSErrors: true,
        // Stock Chromium has no GPC setting: the property and the header are emulated.
        extraHTTPHeaders: options.gpc ? { 'Sec-GPC': '1' } : {},
      });
      if (options.gpc) {
        await context.addInitScript(() =>
          Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
        );
      }
      return {
        async open(url) {
          const page = await context.newPage();
          await page.goto(url, { waitUntil: 'load' });
          return tab(page);
        },
        cookies: async (url) => (await context.cookies(url)).map(({ name, value, domain, path }) => ({ name, value, domain, path })),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
