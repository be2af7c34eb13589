import { describe, expect, it, vi } from 'vitest';
import { createConsent } from '../../src/index';
import { cookieDomains, cookiePaths, mauticHostLeftovers, purge, purgeNameProblem, tidyReport } from '../../src/purge/local';
import { createStore, type SafeArea, type Store } from '../../src/storage/store';

/** A cookie in the fake jar: host-only when `domain` is absent; `stays` when no write removes it. */
interface Jarred { name: string; domain?: string; path: string; stays?: boolean }

/**
 * A store over a fake jar where every cookie is visible, logging each cookie read and write and
 * each storage listing: the log is what a purge costs in a browser (a read waits for every write
 * before it).
 */
function fakeStore(jar: Jarred[], local: Record<string, string> = {}, session: Record<string, string> = {}) {
  const log: string[] = [];
  const area = (kind: string, data: Record<string, string>): SafeArea => ({
    get: (key) => data[key] ?? null,
    set: (key, value) => void (data[key] = value),
    remove: (key) => void delete data[key],
    keys: () => (log.push(`keys ${kind}`), Object.keys(data)),
  });
  const store: Store = {
    cookie: () => undefined,
    cookies: () => [],
    setCookie: () => true,
    writeCookie: () => () => true,
    removeCookie(name, a = {}) {
      log.push('write');
      const i = jar.findIndex((c) => c.name === name && c.domain === a.domain && c.path === (a.path ?? '/') && !c.stays);
      if (i >= 0) jar.splice(i, 1);
    },
    cookieList: () => (log.push('read'), jar.map((c) => c.name)),
    local: area('localStorage', local),
    session: area('sessionStorage', session),
  };
  /** The log with runs of writes counted: `['read', '100 writes', …]`. */
  const steps = () => log.reduce<string[]>((out, s) => {
    const last = out.length - 1;
    if (s === 'write' && / writes?$/.test(out[last] ?? '')) out[last] = `${parseInt(out[last]) + 1} writes`;
    else out.push(s === 'write' ? '1 write' : s);
    return out;
  }, []);
  return { store, jar, steps };
}

describe('cookieDomains', () => {
  it('lists host-only and every parent down to two labels', () => {
    expect(cookieDomains('a.www.shop.example')).toEqual([undefined, 'a.www.shop.example', 'www.shop.example', 'shop.example']);
    expect(cookieDomains('localhost')).toEqual([undefined]);
  });
  it('gives IP addresses no parents', () => {
    expect(cookieDomains('127.0.0.1')).toEqual([undefined]);
    expect(cookieDomains('::1')).toEqual([undefined]);
  });
});

describe('cookiePaths', () => {
  it('lists each prefix with and without its trailing slash', () => {
    expect(cookiePaths('/blog/2026/post.html')).toEqual(['/', '/blog', '/blog/', '/blog/2026', '/blog/2026/', '/blog/2026/post.html']);
    expect(cookiePaths('/blog/')).toEqual(['/', '/blog', '/blog/']);
    expect(cookiePaths('/')).toEqual(['/']);
  });
});

describe('purge', () => {
  it('deletes Mautic names and extra names, keeps the consent record and foreign cookies', () => {
    document.cookie = 'mtc_id=1; path=/';
    document.cookie = 'mautic_focus_9=1; path=/';
    document.cookie = 'mautic_consent=x; path=/';
    document.cookie = 'other=1; path=/';
    document.cookie = 'mine=1; path=/';
    localStorage.setItem('mautic_device_id', 'x');
    localStorage.setItem('mtc_sid', 'x');
    localStorage.setItem('app_state', 'x');
    const report = purge({ store: createStore(window), hostname: 'www.shop.test', pathname: '/', extra: ['mine', 'mautic_consent'] });
    expect(report.deleted.map((i) => `${i.kind}:${i.name}`).sort()).toEqual([
      'cookie:mautic_focus_9', 'cookie:mine', 'cookie:mtc_id', 'localStorage:mautic_device_id', 'localStorage:mtc_sid',
    ]);
    expect(document.cookie.split('; ').sort()).toEqual(['mautic_consent=x', 'other=1']);
    expect(localStorage.getItem('app_state')).toBe('x');
  });
});

describe('purge: what it costs, and where each cookie was', () => {
  const page = { hostname: 'www.shop.test', pathname: '/blog/2026/post.html', extra: [] };

  it('100 cookies at / on the host: one write each, two reads, storage purged before the read that waits for the writes', () => {
    const jar = Array.from({ length: 100 }, (_, i) => ({ name: `mautic_focus_${i}`, path: '/' }));
    const { store, steps } = fakeStore([...jar, { name: 'keep_me', path: '/' }], { mtc_id: '7', app: 'x' }, { mautic_seen: '1' });
    const report = purge({ store, ...page });
    expect(steps()).toEqual(['read', '100 writes', 'keys localStorage', 'keys sessionStorage', 'read']);
    expect(report.deleted).toHaveLength(102);
    expect(report.deleted).toContainEqual({ name: 'mautic_focus_99', kind: 'cookie', where: 'www.shop.test/' });
    expect(report.deleted).toContainEqual({ name: 'mtc_id', kind: 'localStorage', where: 'localStorage' });
    expect(report.deleted).toContainEqual({ name: 'mautic_seen', kind: 'sessionStorage', where: 'sessionStorage' });
    expect(report.unreachable).toEqual([]);
  });

  it('nothing of Mautic visible: one read, no write', () => {
    const { store, steps } = fakeStore([{ name: 'keep_me', path: '/' }, { name: 'mautic_consent', path: '/' }]);
    expect(purge({ store, ...page })).toEqual({ deleted: [], unreachable: [] });
    expect(steps()).toEqual(['read', 'keys localStorage', 'keys sessionStorage']);
  });

  it('finds each cookie where it was written, one read per try until none is left', () => {
    const { store, jar, steps } = fakeStore([
      { name: 'mtc_id', path: '/' },
      { name: 'mtc_id', path: '/blog' }, // the same name twice: both go
      { name: 'mautic_page_3', domain: 'shop.test', path: '/' }, // Mautic's cookie_domain
      { name: 'mautic_focus_5_closed', path: '/blog/2026' }, // written without Path on this page
      { name: 'keep_me', path: '/' },
    ]);
    const report = purge({ store, ...page });
    expect(jar.map((c) => c.name)).toEqual(['keep_me']);
    expect(report.deleted).toEqual([
      { name: 'mtc_id', kind: 'cookie', where: 'www.shop.test/' },
      { name: 'mautic_page_3', kind: 'cookie', where: '.shop.test/' },
      { name: 'mtc_id', kind: 'cookie', where: 'www.shop.test/blog' },
      { name: 'mautic_focus_5_closed', kind: 'cookie', where: 'www.shop.test/blog/2026' },
    ]);
    // Tries: /, /blog and /blog/ on the host, www.shop.test and shop.test, then /blog/2026 on the host.
    expect(steps().filter((s) => s === 'read')).toHaveLength(1 + 3 * 3 + 1);
  });

  it('a cookie no try removes is tried in every place, then reported as still present', () => {
    const { store, steps } = fakeStore([{ name: 'mtc_id', path: '/', stays: true }]);
    const report = purge({ store, ...page });
    expect(steps().filter((s) => s === 'read')).toHaveLength(1 + 3 * 6);
    expect(report).toEqual({ deleted: [], unreachable: [{ name: 'mtc_id', kind: 'cookie', where: 'www.shop.test', reason: 'still present' }] });
  });
});

describe('a refusal: the record and the deletions wait for the browser once', () => {
  /** Logs each read and write of `document.cookie` where the store finds it (the prototype's accessor). */
  function logCookieAccess() {
    let proto = Object.getPrototypeOf(document);
    while (!Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
    const real = Object.getOwnPropertyDescriptor(proto, 'cookie')!;
    const log: string[] = [];
    Object.defineProperty(proto, 'cookie', {
      configurable: true,
      get() {
        log.push('read');
        return real.get!.call(this);
      },
      set(value: string) {
        log.push('write');
        real.set!.call(this, value);
      },
    });
    // Web storage too: its first access in a page is a round trip, best made while the writes apply.
    const areas = (['localStorage', 'sessionStorage'] as const).map((area) => {
      const storage = window[area];
      return vi.spyOn(window, area, 'get').mockImplementation(() => (log.push('storage'), storage));
    });
    /** The cookie accesses with repeats folded: `['read', 'write', 'read']`. */
    const runs = () => log.filter((s) => s !== 'storage').filter((s, i, cookie) => s !== cookie[i - 1]);
    const restore = () => {
      Object.defineProperty(proto, 'cookie', real);
      for (const spy of areas) spy.mockRestore();
    };
    return { log, runs, restore };
  }

  it('writes the record after the first read and reads it back after the deletions: no read between two writes', async () => {
    for (const c of document.cookie.split('; ').filter(Boolean)) document.cookie = `${c.split('=')[0]}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (let i = 0; i < 5; i++) document.cookie = `mautic_focus_${i}=1; path=/`;
    const access = logCookieAccess(); // Before the instance: its store takes the accessor as it is made.
    const instance = createConsent({ mauticUrl: 'https://m.shop.test' });
    access.log.length = 0;
    try {
      const report = await instance.revokeAndPurge();
      // A read between two writes would wait for the writes before it (Chromium applies them in order).
      expect(access.runs()).toEqual(['read', 'write', 'read']);
      expect(access.log.filter((s) => s === 'write')).toHaveLength(2 + 5); // the record (__Host- on https: expire, write), 5 deletions
      expect(access.log.indexOf('storage')).toBeGreaterThan(access.log.lastIndexOf('write'));
      // What that order must not cost: the record is stored and read back, the deletions are checked.
      expect(document.cookie).toMatch(/__Host-mautic_consent=/);
      expect(document.cookie).not.toMatch(/mautic_focus_/);
      expect(report.deleted.map((i) => i.name).sort()).toEqual(['mautic_focus_0', 'mautic_focus_1', 'mautic_focus_2', 'mautic_focus_3', 'mautic_focus_4']);
      expect(report.unreachable.map((i) => i.name)).not.toContain('mautic_consent');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      access.restore();
      warn.mockRestore();
      document.cookie = '__Host-mautic_consent=; path=/; Secure; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    }
  });
});

describe('mauticHostLeftovers', () => {
  it('names the Mautic-host cookies when Mautic runs elsewhere, only the session cookie on the same host', () => {
    expect(mauticHostLeftovers('www.shop.test', 'm.shop.test', 'r').map((i) => i.name)).toEqual([
      'mautic_device_id', 'mtc_id', 'mautic_referer_id', 'mautic_page_*', 'mtc_sid', 'mautic_session_id', 'session cookie (32 hex characters, HttpOnly)',
    ]);
    expect(mauticHostLeftovers('m.shop.test', 'm.shop.test', 'r').map((i) => i.name)).toEqual(['session cookie (32 hex characters, HttpOnly)']);
    expect(mauticHostLeftovers('www.shop.test', '', 'r')).toEqual([]);
  });
});

describe('purgeNameProblem (extra purge names)', () => {
  it.each(['_mtm_visitor', 'tracker_*', 'mtc_*', 'mautic-x', 'a.b'])('accepts %s', (name) => {
    expect(purgeNameProblem(name)).toBeUndefined();
  });
  it.each([
    ['*', 'would match every cookie'],
    ['**', 'not a name'],
    ['m*', 'too short'],
    ['mtc*', 'too short'],
    ['a*b', 'not a name'],
    ['x y', 'not a name'],
    ['a;b', 'not a name'],
    ['mautic_consent', 'consent record'],
    ['__Host-mautic_consent', 'consent record'],
  ])('refuses %s', (name, why) => {
    expect(purgeNameProblem(name)).toContain(why);
  });
  it('a refused name deletes nothing even when it reaches purge()', () => {
    document.cookie = 'site_session=1; path=/';
    document.cookie = 'mine=1; path=/';
    purge({ store: createStore(window), hostname: 'www.shop.test', pathname: '/', extra: ['*', 'm*'] });
    expect(document.cookie.split('; ').sort()).toEqual(expect.arrayContaining(['mine=1', 'site_session=1']));
    document.cookie = 'site_session=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    document.cookie = 'mine=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });
});

describe('tidyReport', () => {
  it('lists each item once and never as both deleted and unreachable', () => {
    const a = { name: 'mtc_id', kind: 'cookie' as const, where: 'm.shop.test' };
    const b = { name: 'mautic_page_*', kind: 'cookie' as const, where: 'm.shop.test', reason: 'r' };
    const report = tidyReport([a, a], [{ ...a, reason: 'x' }, b, b]);
    expect(report).toEqual({ deleted: [a], unreachable: [b] });
  });
});
