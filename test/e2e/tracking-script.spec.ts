// The code that builds and sends pageviews is a script of its own, mautic-consent.tracking.min.js,
// which the core loads from beside itself, pinned by its hash, only once tracking is granted: a
// visitor who never says yes never downloads it. One that cannot load costs one warning and
// sends nothing. The ESM build carries it in its one bundle.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, enableGpc, type SeenRequest } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

const FILE = 'mautic-consent.tracking.min.js';
const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url));
const pinned = (body: Buffer) => `sha256-${createHash('sha256').update(body).digest('base64')}`;
const asked = (requests: SeenRequest[]) => requests.filter((r) => r.url.includes(FILE));

async function ready(page: Page) {
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.waitForLoadState('networkidle');
}

function warningsOf(page: Page) {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  return warnings;
}

test('a page is granted: the tracking script is added with its pinned hash and sends what waited, in order', async ({ page, server, requests }) => {
  server.addPage('/shop.html', sdkPage('iife', { head: loaderStub('mt', `mt('send', 'pageview', { n: '1' }); mt('send', 'pageview', { n: '2' });`) }));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await ready(page);
  expect(asked(requests)).toEqual([]);
  await page.click('#grant');
  await expect.poll(() => server.hits.length).toBe(2);
  expect(server.hits.map((h) => [h.params.n, h.params.counter])).toEqual([['1', '0'], ['2', '1']]);
  expect(asked(requests)).toHaveLength(1);
  expect(await page.locator(`script[src$="${FILE}"]`).getAttribute('integrity')).toBe(pinned(dist(FILE)));
  // Once there, it is not asked for again.
  await page.evaluate(() => (window as any).MauticConsent.track({ n: '3' }));
  await expect.poll(() => server.hits.length).toBe(3);
  expect(asked(requests)).toHaveLength(1);
});

test('a page that starts granted asks for the tracking script at once, before any pageview', async ({ page, server, requests }) => {
  server.addPage('/shop.html', sdkPage('iife'));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await ready(page);
  await page.click('#grant');
  await expect.poll(() => asked(requests).length).toBe(1);
  await page.reload();
  await ready(page);
  // No pageview was asked for: the stored yes alone loads it.
  expect(asked(requests)).toHaveLength(2);
  expect(server.hits).toEqual([]);
  await page.evaluate(() => (window as any).MauticConsent.track());
  await expect.poll(() => server.hits.length).toBe(1);
});

test('a page never granted never asks for the tracking script (unset, then denied by GPC); a grant does', async ({ page, context, server, requests }) => {
  server.addPage('/shop.html', sdkPage('iife', { head: loaderStub() }));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await ready(page);
  await page.evaluate(() => (window as any).MauticConsent.track());
  await page.waitForLoadState('networkidle');
  expect(asked(requests)).toEqual([]);
  // Closed first: the grant below would reach it through the other-tab sync and load the script there too.
  await page.close();
  await enableGpc(context);
  const gpc = await context.newPage();
  await gpc.goto(server.url('www.shop.localhost', '/shop.html'));
  await ready(gpc);
  expect(await gpc.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('denied');
  await gpc.evaluate(() => (window as any).MauticConsent.track());
  await gpc.waitForLoadState('networkidle');
  expect(asked(requests)).toEqual([]);
  expect(server.mautic()).toEqual([]);
  // Positive control: the same detectors see the script and the pageview after a grant.
  await gpc.click('#grant');
  await expect.poll(() => asked(requests).length).toBe(1);
  // What was asked for while denied stays dropped; a pageview after the grant goes.
  await gpc.evaluate(() => (window as any).MauticConsent.track());
  await expect.poll(() => server.hits.length).toBe(1);
});

for (const [name, serve] of [
  ['missing (404)', (page: Page) => page.route(`**/dist/${FILE}`, (route) => route.fulfill({ status: 404, body: 'not here' }))],
  ['changed (integrity)', (page: Page) => page.route(`**/dist/${FILE}`, (route) => route.fulfill({ contentType: 'text/javascript', body: `${dist(FILE)}\n;window.__tampered = true;\n` }))],
] as const) {
  test(`a tracking script that is ${name}: one warning, nothing sent, and consent keeps working`, async ({ page, server, requests }) => {
    const warnings = warningsOf(page);
    await serve(page);
    server.addPage('/shop.html', sdkPage('iife', { head: loaderStub('mt', `mt('send', 'pageview'); mt('send', 'pageview');`) }));
    await page.goto(server.url('www.shop.localhost', '/shop.html'));
    await ready(page);
    await page.click('#grant');
    await expect.poll(() => warnings.filter((w) => w.includes('could not load')).length).toBe(1);
    expect(warnings.find((w) => w.includes('could not load'))).toContain(FILE);
    await page.evaluate(() => (window as any).MauticConsent.track());
    await page.waitForLoadState('networkidle');
    expect(asked(requests).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as any).__tampered)).toBeUndefined();
    expect(server.mautic('/mtc/event')).toEqual([]);
    expect(server.mautic('/mtracking.gif')).toEqual([]);
    expect(await page.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('granted');
    await page.click('#deny');
    await expect.poll(() => page.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('denied');
    expect(warnings.filter((w) => w.includes('could not load'))).toHaveLength(1);
  });
}

test('an inline copy of the core (no script URL): one warning on the grant, no pageview sent', async ({ page, server, requests }) => {
  const warnings = warningsOf(page);
  const core = dist('mautic-consent.min.js').toString('utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
  server.addPage('/inline.html', `<!doctype html><html><head><meta charset="utf-8"><title>Inline</title>
    <script data-mautic-url="{{MAUTIC}}">${core}</script></head>
    <body><button id="grant" data-mautic-action="grant">Accept</button></body></html>`);
  await page.goto(server.url('www.shop.localhost', '/inline.html'));
  await ready(page);
  expect(warnings.filter((w) => w.includes(FILE))).toEqual([]);
  await page.click('#grant');
  await page.evaluate(() => (window as any).MauticConsent.track());
  await page.waitForLoadState('networkidle');
  expect(warnings.filter((w) => w.includes(FILE))).toEqual([expect.stringContaining('no script URL')]);
  expect(await page.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('granted');
  expect(asked(requests)).toEqual([]);
  expect(server.mautic()).toEqual([]);
});

test('the ESM build sends from its one bundle: no tracking script is asked for', async ({ page, server, requests }) => {
  server.addPage('/esm.html', sdkPage('esm', { head: loaderStub() }));
  await page.goto(server.url('www.shop.localhost', '/esm.html'));
  await ready(page);
  await page.click('#grant');
  await expect.poll(() => server.hits.length).toBe(1);
  expect(asked(requests)).toEqual([]);
});
