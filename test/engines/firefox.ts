// Firefox ESR through puppeteer-core over WebDriver BiDi (no geckodriver; Playwright 1.65 cannot
// drive ESR). Start-up is slow, so one browser serves every session as a fresh user context.
// GPC is a browser-wide preference: a second browser with it on serves the sessions that ask for GPC.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { cookieVisibleAt, type Engine, type LaunchOptions, type Session, type SessionOptions, type Tab } from './driver';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const TIMEOUT = 60_000;

function tab(page: Page): Tab {
  page.setDefaultTimeout(TIMEOUT);
  page.setDefaultNavigationTimeout(TIMEOUT);
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.click(selector),
    fill: (selector, text) => page.locator(selector).fill(text),
    // ElementHandle.press focuses the element, then sends the key through BiDi's input actions.
    press: async (selector, key) => {
      const element = await page.waitForSelector(selector);
      // Puppeteer names the space bar by its character.
      await element!.press(key === 'Space' ? ' ' : key);
      await element!.dispose();
    },
    close: () => page.close(),
  };
}

const launch = (gpc: boolean, proxyPort: number) =>
  puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    protocolTimeout: TIMEOUT * 2,
    timeout: TIMEOUT * 2,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      ...(gpc ? { 'privacy.globalprivacycontrol.enabled': true, 'privacy.globalprivacycontrol.functionality.enabled': true } : {}),
    },
  });

export async function launchFirefox({ proxyPort }: LaunchOptions): Promise<Engine> {
  const plain = await launch(false, proxyPort);
  // Started now, in the background, so it is ready when the first GPC scenario asks for it.
  const withGpc: Promise<Browser> = launch(true, proxyPort);
  withGpc.catch(() => undefined);
  return {
    name: 'firefox',
    version: `Firefox ${(await plain.version()).replace(/^firefox\//, '')}`,
    gpc: 'pref',
    async session(options: SessionOptions = {}): Promise<Session> {
      const browser = options.gpc ? await withGpc : plain;
      const context = await browser.createBrowserContext();
      return {
        async open(url) {
          const page = await context.newPage();
          const t = tab(page);
          await t.goto(url);
          return t;
        },
        cookies: async (url) =>
          (await context.cookies())
            .filter((c) => cookieVisibleAt(c, url))
            .map(({ name, value, domain, path }) => ({ name, value, domain, path })),
        close: () => context.close(),
      };
    },
    async close() {
      await plain.close();
      await (await withGpc.catch(() => null))?.close();
    },
  };
}
