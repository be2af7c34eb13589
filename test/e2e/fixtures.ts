import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** Which listener took the request. */
  scheme: 'http' | 'https';
  /** The origin the request was made to (scheme, host, port). */
  base: string;
}
export interface Hit { host: string; path: string; params: Record<string, string>; contactId: number; deviceId: string }
export interface DoubleConfig {
  corsOrigins: string[];
  cookieSecure: boolean;
  cookieDomain: string;
  mode: 'normal' | 'html' | 'error' | 'badjson' | 'slow' | 'hang';
  slowMs: number;
  purgeOrigins: string[] | null;
}
export interface Server {
  port: number;
  log: LogEntry[];
  hits: Hit[];
  /** Contacts created so far (Mautic's anonymous contacts, §6.4). */
  readonly contacts: number;
  /** Device tracking id → contact id (§6.2). */
  readonly devices: Map<string, number>;
  submissions: { formId: number; values: Record<string, unknown>; contactId: number; deviceParam: string | null; kiosk: boolean }[];
  downloads: { assetId: number; contactId: number; deviceParam: string | null }[];
  focusViews: { focusId: number; contactId: number; cookies: Record<string, string> }[];
  /** Port of the double's TLS listener (self-signed; contexts ignore certificate errors). */
  httpsPort: number;
  url(host: string, path?: string): string;
  /** The same double over https, for `Secure` cookies and `__Host-` names. */
  httpsUrl(host: string, path?: string): string;
  mautic(prefix?: string): LogEntry[];
  clearLog(): void;
  configure(partial: Partial<DoubleConfig>): void;
  reset(): void;
  /** Serves `html` at `path`; `headers` (templated like the page) go with it, e.g. a CSP. */
  addPage(path: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}
export interface SeenRequest { url: string; host: string; method: string; headers: Record<string, string> }

export const test = base.extend<{ requests: SeenRequest[]; fresh: void; thirdParty: BrowserContext }, { server: Server }>({
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
  /**
   * A context whose profile allows third-party cookies. Playwright's contexts are off-the-record
   * profiles, where Chromium blocks them ("UserPreferences" in the DevTools cookie report), so a
   * "no Mautic cookie on another site" test there could never fail. Tests of cross-site cookies
   * use this one instead.
   */
  thirdParty: async ({ playwright, launchOptions }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'mautic-consent-3p-'));
    mkdirSync(join(dir, 'Default'));
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
    const context = await playwright.chromium.launchPersistentContext(dir, { ...launchOptions, ignoreHTTPSErrors: true });
    await use(context);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  },
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

/** setExtraHTTPHeaders replaces the previous set, so the signal headers are kept per context. */
const signalHeaders = new WeakMap<BrowserContext, Record<string, string>>();
async function addHeader(context: BrowserContext, name: string, value: string) {
  const headers = { ...signalHeaders.get(context), [name]: value };
  signalHeaders.set(context, headers);
  await context.setExtraHTTPHeaders(headers);
}

/** Chromium 156 has no GPC of its own: emulate the property and the header (toolchain §6). */
export async function enableGpc(context: BrowserContext) {
  await context.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
  );
  await addHeader(context, 'Sec-GPC', '1');
}

export async function enableDnt(context: BrowserContext, value = '1') {
  await context.addInitScript((v) => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => v, configurable: true }), value);
  await addHeader(context, 'DNT', value);
}

/** A request from Node to the double with any Host header (Node's fetch cannot set Host). */
export function rawRequest(server: Server, host: string, path: string, method = 'POST', body = '', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { Host: `${host}:${server.port}`, 'Content-Type': 'application/x-www-form-urlencoded', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', fail);
    req.end(body);
  });
}
