// WebKitGTK through W3C WebDriver classic: our own Xvfb (MiniBrowser has no headless mode), two
// WebKitWebDriver processes for the run, one WebDriver session (a fresh MiniBrowser, 1.5 s or
// more to start) per test session. The client is the dozen endpoints below over fetch: selenium-webdriver would add about
// 20 MB of dependencies (jszip, tmp, …) for the same calls.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort, until, type Cookie, type Key, type Engine, type LaunchOptions, type Session, type Tab } from './driver';

/** Where Debian's libwebkit2gtk-4.1-0 puts MiniBrowser (found with `dpkg -L`, as README says). */
export function findMiniBrowser(): string {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  const usual = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
  if (existsSync(usual)) return usual;
  const listed = execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' })
    .split('\n')
    .find((line) => line.endsWith('/MiniBrowser'));
  if (!listed) throw new Error('MiniBrowser not found: apt-get install webkit2gtk-driver (libwebkit2gtk-4.1-0)');
  return listed;
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** WebDriver's code points for the keys a scenario presses (W3C WebDriver, the keyboard actions table). */
const KEYS: Record<Key, string> = { Enter: '\uE007', Space: '\uE00D' };
const TIMEOUT = 60_000;

async function startXvfb(): Promise<{ display: string; proc: ChildProcess }> {
  // -displayfd: Xvfb picks a free display number and writes it to fd 3.
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const display = await new Promise<string>((done, fail) => {
    let text = '';
    proc.stdio[3]!.on('data', (d) => {
      text += String(d);
      if (text.includes('\n')) done(`:${text.trim()}`);
    });
    proc.on('error', fail);
    proc.on('exit', (code) => fail(new Error(`Xvfb exited with ${code}`)));
    setTimeout(() => fail(new Error('Xvfb did not report a display within 30 s')), 30_000);
  });
  return { display, proc };
}

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<T>;

/** One WebKitWebDriver: it holds one session at a time (a second New Session ends the first). */
async function startDriver(display: string): Promise<{ call: Call; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call: Call = async (method, path, body) => {
    const t0 = Date.now();
    const res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT * 2),
    });
    const json = (await res.json().catch(() => ({}))) as { value?: any };
    if (process.env.WD_DEBUG) console.log(`wd ${method} ${path.replace(/^\/session\/[^/]+/, '')} ${Date.now() - t0} ms`);
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error ?? res.status} ${json.value?.message ?? ''}`.trim());
    return json.value;
  };
  try {
    await until('WebKitWebDriver to listen', () => call('GET', '/status').then(() => true), 30_000);
  } catch (error) {
    proc.kill();
    throw error;
  }
  return { call, proc };
}

export async function launchWebKit({ proxyPort }: LaunchOptions): Promise<Engine> {
  const binary = findMiniBrowser();
  const xvfb = await startXvfb();
  const drivers: { call: Call; proc: ChildProcess }[] = [];
  const stop = () => {
    for (const d of drivers) d.proc.kill();
    xvfb.proc.kill();
  };
  process.once('exit', stop);
  try {
    // Two drivers, used in turn, so the next scenario's MiniBrowser starts while this one runs.
    drivers.push(...(await Promise.all([startDriver(xvfb.display), startDriver(xvfb.display)])));
  } catch (error) {
    stop();
    throw error;
  }
  let turn = 0;

  type Created = { sessionId: string; capabilities: { browserVersion?: string }; call: Call };
  const newSession = async (): Promise<Created> => {
    const { call } = drivers[turn++ % drivers.length];
    const created = await call<Created>('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          acceptInsecureCerts: true,
          // MiniBrowser's own --proxy covers https too (CONNECT); WebDriver's sslProxy capability
          // would make WebKitGTK speak TLS to the proxy itself.
          'webkitgtk:browserOptions': { binary, args: ['--automation', `--proxy=http://127.0.0.1:${proxyPort}`] },
        },
      },
    });
    await call('POST', `/session/${created.sessionId}/timeouts`, { script: TIMEOUT, pageLoad: TIMEOUT, implicit: 0 });
    return { ...created, call };
  };
  let spare: Promise<Created> | null = null;

  const engine: Engine = {
    name: 'webkit',
    version: 'WebKitGTK',
    gpc: 'page',
    async session(): Promise<Session> {
      // A MiniBrowser takes seconds to start: the next session's starts while this one runs.
      const next = spare ?? newSession();
      spare = newSession();
      spare.catch(() => undefined);
      const created = await next;
      const { call } = created;
      engine.version = `WebKitGTK ${created.capabilities.browserVersion ?? ''}`.trim();
      const s = `/session/${created.sessionId}`;
      const handles: string[] = [await call<string>('GET', `${s}/window`)];
      let firstFree = true;
      let probe: string | undefined;
      let current = handles[0];
      // One command at a time: WebDriver classic talks to one window, so switching and acting must not interleave.
      let queue: Promise<unknown> = Promise.resolve();
      const serial = <T>(work: () => Promise<T>): Promise<T> => {
        const next = queue.then(work, work);
        queue = next.catch(() => undefined);
        return next;
      };
      const focus = async (handle: string) => {
        if (current !== handle) await call('POST', `${s}/window`, { handle });
        current = handle;
      };
      const newWindow = async () => {
        const { handle } = await call<{ handle: string }>('POST', `${s}/window/new`, { type: 'window' });
        handles.push(handle);
        return handle;
      };
      const closeWindow = async (handle: string) => {
        await focus(handle);
        await call('DELETE', `${s}/window`);
        handles.splice(handles.indexOf(handle), 1);
        current = '';
      };
      const find = async (selector: string) => {
        const found = await call<Record<string, string>>('POST', `${s}/element`, { using: 'css selector', value: selector });
        return found[ELEMENT];
      };

      const tab = (handle: string): Tab => ({
        goto: (url) => serial(async () => void (await focus(handle), await call('POST', `${s}/url`, { url }))),
        evaluate: (fn, arg) =>
          serial(async () => {
            await focus(handle);
            // Execute Script awaits a returned promise (W3C WebDriver §13.2.1).
            return call('POST', `${s}/execute/sync`, { script: `return (${fn.toString()}).apply(null, arguments)`, args: [arg ?? null] });
          }),
        click: (selector) =>
          serial(async () => {
            await focus(handle);
            const id = await until(`${selector} to exist`, () => find(selector), 15_000);
            await call('POST', `${s}/element/${id}/click`, {});
          }),
        fill: (selector, text) =>
          serial(async () => {
            await focus(handle);
            const id = await until(`${selector} to exist`, () => find(selector), 15_000);
            await call('POST', `${s}/element/${id}/clear`, {});
            await call('POST', `${s}/element/${id}/value`, { text });
          }),
        // Element Send Keys focuses the element, then types the key's code point (W3C WebDriver §17.3).
        press: (selector, key) =>
          serial(async () => {
            await focus(handle);
            const id = await until(`${selector} to exist`, () => find(selector), 15_000);
            await call('POST', `${s}/element/${id}/value`, { text: KEYS[key] });
          }),
        close: () =>
          serial(async () => {
            // Closing the last window would end the WebDriver session; blank it instead.
            if (handles.length > 1) await closeWindow(handle);
            else await (focus(handle), call('POST', `${s}/url`, { url: 'about:blank' }));
          }),
      });

      return {
        open: (url) =>
          serial(async () => {
            const handle = firstFree ? handles[0] : await newWindow();
            firstFree = false;
            await focus(handle);
            await call('POST', `${s}/url`, { url });
            return tab(handle);
          }),
        // Classic WebDriver lists only the current document's cookies: probe from a window of its
        // own at `url` (a 404 page: no script runs there), kept for the session's next probes.
        cookies: (url) =>
          serial(async () => {
            const back = current;
            probe ??= await newWindow();
            await focus(probe);
            const target = new URL(url);
            target.pathname = target.pathname.replace(/[^/]*$/, '') + '__probe';
            await call('POST', `${s}/url`, { url: target.href });
            const list = await call<Cookie[]>('GET', `${s}/cookie`);
            if (back) await focus(back);
            return list.map(({ name, value, domain, path }) => ({ name, value, domain, path }));
          }),
        close: () => serial(() => call('DELETE', s)),
      };
    },
    async close() {
      const unused = await spare?.catch(() => null);
      if (unused) await unused.call('DELETE', `/session/${unused.sessionId}`).catch(() => undefined);
      stop();
      process.removeListener('exit', stop);
    },
  };
  // A first MiniBrowser proves the engine starts (and reports its version) before any scenario.
  try {
    await (await engine.session()).close();
  } catch (error) {
    stop();
    throw error;
  }
  return engine;
}
