import { describe, expect, it } from 'vitest';
import { cookieDomains, cookiePaths, mauticHostLeftovers, purge, purgeNameProblem, tidyReport } from '../../src/purge/local';
import { createStore } from '../../src/storage/store';

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
    expect(cookiePaths('/blog/2026/post.html')).toEqual(['/', '/blog', '/blog/', '/blog/2026', '/blog/2026/', '/blog/2026/post.html', '/blog/2026/post.html/']);
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
