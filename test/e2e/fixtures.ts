import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
// @ts-expect-error: plain ESM module without types
import { startServer } from '../mautic-double/server.mjs';

export interface LogEntry {
  time: number;
  host: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, string> | string | null | any;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  origin: string | null;
}
export interface Hit { host: string; path: string; params: Record<string, string>; contactId: number; deviceId: string }
export interface DoubleConfig { corsOrigins: string[]; cookieSecure: boolean; cookieDomain: string; mode: string; slowMs: number }
export interface Server {
  port: number;
  log: LogEntry[];
  hits: Hit[];
  url(host: string, path?: string): string;
  mautic(prefix?: string): LogEntry[];
  clearLog(): void;
  configure(partial: Partial<DoubleConfig>): void;
  reset(): void;
  addPage(path: string, html: string): void;
  close(): Promise<void>;
}
export interface SeenRequest { url: string; host: string; method: string; headers: Record<string, string> }

export const test = base.extend<{ requests: SeenRequest[]; fresh: void }, { server: Server }>({
  server: [
    async ({}, use) => {
      const server: Server = await startServer({ port: 0 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // Each test starts with a fresh double: default config, no contacts, empty log (toolchain G10).
  fresh: [
    async ({ server }, use) => {
      server.reset();
      server.clearLog();
      await use();
    },
    { auto: true },
  ],
  requests: async ({ context }, use) => {
    const seen: SeenRequest[] = [];
    context.on('request', (r) => {
      const url = new URL(r.url());
      seen.push({ url: r.url(), host: url.hostname, method: r.method(), headers: r.headers() });
    });
    await use(seen);
  },
});

export { expect };

/** Every web-storage entry of the page's origin. */
export function storageDump(page: Page) {
  return page.evaluate(() => {
    const dump = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i)!, s.getItem(s.key(i)!)]));
    return { localStorage: dump(localStorage), sessionStorage: dump(sessionStorage) };
  });
}

export async function cookieNames(context: BrowserContext) {
  return (await context.cookies()).map((c) => c.name).sort();
}

/** Chromium 156 has no GPC of its own: emulate the property and the header (toolchain §6). */
export async function enableGpc(context: BrowserContext) {
  await context.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
  );
  await context.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
}

export async function enableDnt(context: BrowserContext, value = '1') {
  await context.addInitScript((v) => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => v, configurable: true }), value);
  await context.setExtraHTTPHeaders({ DNT: value });
}
