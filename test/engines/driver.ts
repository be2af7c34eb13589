/**
 * The small interface every engine driver implements, so the scenarios in `scenarios.ts` are
 * written once and run in Chromium (Playwright), Firefox (puppeteer-core over WebDriver BiDi)
 * and WebKitGTK (W3C WebDriver classic, see `webdriver.ts`).
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

export interface Cookie {
  name: string;
  value: string;
  /** Host-only cookies carry the bare host; domain cookies a leading dot where the engine keeps one. */
  domain: string;
  path: string;
}

/** The keys a scenario presses. */
export type Key = 'Enter' | 'Space';

export interface Tab {
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  /**
   * Runs `fn` in the page and returns its (JSON-serialisable) result; a returned promise is
   * awaited. `fn` is sent as source text, so it must not close over anything of the test file.
   */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** A real click (mouse or WebDriver element click) on the first match of a CSS selector. */
  click(selector: string): Promise<void>;
  /** Types `text` into the first match of a CSS selector. */
  fill(selector: string, text: string): Promise<void>;
  /**
   * Focuses the first match of a CSS selector and presses `key` there as the visitor would (a real
   * key event from the engine's input, not a script's): Enter in a text field makes the engine
   * submit the form implicitly, Enter or Space on a button presses it.
   */
  press(selector: string, key: Key): Promise<void>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Start with Global Privacy Control on (a real preference where the engine has one). */
  gpc?: boolean;
}

/** A clean profile: no cookies, no storage, shared by the tabs it opens. */
export interface Session {
  /** Opens a new tab at `url`. */
  open(url: string): Promise<Tab>;
  /**
   * The cookies a document at `url` can see (host, path and scheme rules applied, HttpOnly
   * included). Where the engine's automation lists only the current document's cookies
   * (WebDriver classic), a probe window is opened at that URL.
   */
  cookies(url: string): Promise<Cookie[]>;
  close(): Promise<void>;
}

/** What every engine is started with. */
export interface LaunchOptions {
  /** The forward proxy (proxy.ts) that takes every request, http and https, to the Mautic double. */
  proxyPort: number;
}

export interface Engine {
  name: EngineName;
  /** Browser name and version, as the engine reports it. */
  version: string;
  /**
   * How GPC is switched on: `pref` is the engine's own setting (real `navigator.globalPrivacyControl`
   * and `Sec-GPC` header); `init-script` defines the property before any page script and adds the
   * header; `page` means the driver cannot, so the test page must define the property itself.
   */
  gpc: 'pref' | 'init-script' | 'page';
  session(options?: SessionOptions): Promise<Session>;
  close(): Promise<void>;
}

/** RFC 6265 §5.1.3 domain-match, §5.1.4 path-match and the Secure rule: would `url` see `c`? */
export function cookieVisibleAt(c: Cookie & { secure?: boolean }, url: string): boolean {
  const u = new URL(url);
  const domain = c.domain.replace(/^\./, '');
  const host = u.hostname;
  if (host !== domain && !host.endsWith('.' + domain)) return false;
  const path = u.pathname;
  const pathOk = path === c.path || (path.startsWith(c.path) && (c.path.endsWith('/') || path[c.path.length] === '/'));
  if (!pathOk) return false;
  return !c.secure || u.protocol === 'https:' || host === 'localhost' || host.endsWith('.localhost');
}

/** Polls `check` until it returns a truthy value; throws with `what` after `timeout` ms. */
export async function until<T>(what: string, check: () => Promise<T> | T, timeout = 30_000, interval = 100): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A free loopback port for a program that cannot report the one it bound (WebKitWebDriver). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}
