// Guarantee 5: a Mautic that is down, slow or answers garbage, storage that throws, a page that
// loads the SDK twice or already uses its names: no exception reaches the page, requests stay
// bounded, and the console gets at most one line per problem.
import type { Page } from '@playwright/test';
import { test, expect, storageDump, type Server } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

function watch(page: Page) {
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => (m.type() === 'error' ? errors : m.type() === 'warning' ? warnings : []).push(m.text()));
  return { errors, warnings };
}
const pageviewRequests = (server: Server) => server.mautic().filter((r) => r.method !== 'OPTIONS' && /^\/(mtc\/event|mtracking\.gif)$/.test(r.path));

for (const mode of ['html', 'error', 'badjson', 'slow', 'hang'] as const) {
  test(`Mautic answering "${mode}": one request per pageview, no exception, one warning at most`, async ({ page, server }) => {
    test.setTimeout(60_000); // "slow" waits 5 s on purpose; on a busy machine the page load adds as much again
    server.configure({ mode, slowMs: 1500 });
    const { errors, warnings } = watch(page);
    server.addPage('/shop.html', sdkPage('iife', { head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview'); mt('send','pageview');`) }));
    await page.goto(server.url('www.shop.localhost', '/shop.html'));
    await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
    await page.click('#grant');
    await page.waitForTimeout(mode === 'slow' ? 5000 : 1200);
    const requests = pageviewRequests(server).length;
    // Deliveries are serialised: a hanging Mautic holds the first, and nothing piles up behind it.
    expect(requests).toBeLessThanOrEqual(mode === 'hang' ? 1 : 3);
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    expect(warnings.length).toBeLessThanOrEqual(1);
    // Garbage is never taken for an identity; a slow but valid answer is.
    expect(await page.evaluate(() => localStorage.length)).toBe(mode === 'slow' ? 2 : 0);
  });
}

test('a Mautic that is down: the first pageview tries the POST and the pixel once, later ones, on this page and the next, only the pixel', async ({ page, server }) => {
  const { errors, warnings } = watch(page);
  // Port 9 (discard) on loopback: nothing listens, the connection is refused.
  server.addPage('/shop.html', sdkPage('iife', { attrs: { 'data-mautic-url': 'http://m.shop.localhost:9' }, head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview'); mt('send','pageview');`) }));
  const attempts: string[] = [];
  page.on('request', (r) => r.url().includes(':9/') && attempts.push(new URL(r.url()).pathname));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('#grant');
  await expect.poll(() => attempts.length).toBe(4);
  await page.waitForTimeout(500);
  expect(attempts).toEqual(['/mtc/event', '/mtracking.gif', '/mtracking.gif', '/mtracking.gif']);
  expect(errors.filter((e) => !e.includes('net::ERR'))).toEqual([]);
  expect(warnings).toHaveLength(1);
  expect((await storageDump(page)).sessionStorage).toEqual({ mautic_consent_pixel: '1' });

  // The next page of the same tab: one request per pageview, and still one warning.
  attempts.length = 0;
  warnings.length = 0;
  await page.reload();
  await expect.poll(() => attempts.length).toBe(3);
  await page.waitForTimeout(500);
  expect(attempts).toEqual(['/mtracking.gif', '/mtracking.gif', '/mtracking.gif']);
  expect(warnings).toHaveLength(1);
  // A purge takes the memory with it.
  await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge());
  expect((await storageDump(page)).sessionStorage).toEqual({});
});

test('storage that throws on every call: the SDK works from memory and the page sees no exception', async ({ page, server }) => {
  await page.context().addInitScript(() => {
    const deny = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
    Object.defineProperty(window, 'localStorage', { get: deny });
    Object.defineProperty(window, 'sessionStorage', { get: deny });
    Object.defineProperty(Document.prototype, 'cookie', { get: deny, set: deny });
  });
  const { errors } = watch(page);
  server.addPage('/shop.html', sdkPage('iife', { head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview');`) }));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('#grant');
  await expect.poll(() => server.hits.length).toBe(2);
  // The identity from the first answer is kept in memory for the next pageview.
  expect(server.hits[1].params.mautic_device_id).toBe(server.hits[0].deviceId);
  expect(await page.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('granted');
  const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge());
  expect(report.deleted.map((i: any) => i.name)).toEqual(expect.arrayContaining(['mtc_id', 'mautic_device_id']));
  expect(errors).toEqual([]);
});

test('loaded twice: one instance, one warning, one pageview per call', async ({ page, server }) => {
  const { errors, warnings } = watch(page);
  const page2 = sdkPage('iife', { head: loaderStub() }).replace('</head>', '<script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script></head>');
  server.addPage('/shop.html', page2);
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('#grant');
  await page.evaluate(() => (window as any).mt('send', 'pageview'));
  await expect.poll(() => server.hits.length).toBe(2);
  await page.waitForTimeout(500);
  expect(server.hits).toHaveLength(2);
  expect(warnings).toEqual(['[mautic-consent] loaded twice, see README#w-twice']);
  expect(errors).toEqual([]);
});

test('a page that already uses the names MauticConsent and mt keeps working', async ({ page, server }) => {
  const { errors, warnings } = watch(page);
  server.addPage('/shop.html', sdkPage('iife', {
    head: `<script>
      window.MauticConsent = { version: 'the page\\'s own' };
      window.mtCalls = 0;
      window.mt = function () { window.mtCalls++; };
    </script>`,
  }));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.evaluate(() => (window as any).mt('anything'));
  expect(await page.evaluate(() => (window as any).mtCalls)).toBe(1);
  expect(warnings).toEqual(['[mautic-consent] window.MauticConsent replaced, see README#w-global']);
  expect(errors).toEqual([]);
});

test('the script tag and an ESM createConsent() on one page: one warning names the double tracking', async ({ page, server }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  server.addPage('/both.html', `<!doctype html><html><head><meta charset="utf-8"><title>Both</title>
    <script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script>
    <script type="module">
      import { createConsent } from '/dist/mautic-consent.mjs';
      window.second = createConsent({ mauticUrl: '{{MAUTIC}}' });
    </script></head><body></body></html>`);
  await page.goto(server.url('www.shop.localhost', '/both.html'));
  await page.waitForFunction(() => !!(window as any).second);
  expect(warnings.filter((w) => w.includes('a second instance on this page'))).toHaveLength(1);
  // Positive control: one instance alone says nothing of the kind.
  warnings.length = 0;
  server.addPage('/one.html', sdkPage('iife'));
  await page.goto(server.url('www.shop.localhost', '/one.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  expect(warnings.filter((w) => w.includes('second instance'))).toEqual([]);
});
