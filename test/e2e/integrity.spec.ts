// The script chain is pinned: the core knows the SHA-384 of every script it loads from beside
// itself (tracking, embeds, banner, adapters) and adds them with `integrity`, so the one hash on the core's
// own tag protects all of them. A sibling changed on the server or CDN is refused by the browser;
// the SDK says so once and the page, consent included, keeps working.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { test, expect, type Server } from './fixtures';
import { sdkPage } from './support/pages';

const SITE = 'www.shop.localhost';
const CDN = 'cdn.shop.localhost';
const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url));
const sri = (body: Buffer) => `sha384-${createHash('sha384').update(body).digest('base64')}`;
/** How the core pins the scripts it adds (its own tag may use any algorithm). */
const pinned = (body: Buffer) => `sha256-${createHash('sha256').update(body).digest('base64')}`;
const FORM = '<div id="slot" data-mautic-form="3"><a href="{{MAUTIC}}/form/3">Open the newsletter form</a></div>';

function collect(page: Page) {
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { warnings, errors };
}

/** Serves dist/ from a CDN host, with the CORS header real CDNs send; `tamper` changes one file. */
async function serveCdn(page: Page, server: Server, tamper?: string) {
  await page.route(`${server.url(CDN, '/npm/mautic-consent/dist/')}**`, (route: Route) => {
    const file = new URL(route.request().url()).pathname.replace('/npm/mautic-consent/dist/', '');
    let body = dist(file);
    if (file === tamper) body = Buffer.concat([body, Buffer.from('\n;window.__tampered = true;\n')]);
    return route.fulfill({ body, headers: { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' } });
  });
}

/** Consent still works: a grant sends the pageview that waited, a deny purges. */
async function expectConsentWorks(page: Page, server: Server) {
  await page.evaluate(() => (window as any).MauticConsent.track());
  await page.click('#grant');
  await expect.poll(() => server.hits.length).toBe(1);
  expect(await page.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('granted');
  // The pageview went through the tracking script, added on the grant and pinned like the others.
  const tracking = page.locator('script[src*="mautic-consent.tracking.min.js"]');
  expect(await tracking.getAttribute('integrity')).toBe(pinned(dist('mautic-consent.tracking.min.js')));
  await page.click('#deny');
  await expect.poll(() => page.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('denied');
}

test('same origin: embeds and adapter are added with the hash of the file built beside the core', async ({ page, server }) => {
  const { warnings, errors } = collect(page);
  server.addPage('/pinned.html', sdkPage('iife', { body: FORM, attrs: { 'data-cmp': 'klaro', 'data-cmp-category': 'mautic' } }));
  await page.goto(server.url(SITE, '/pinned.html'));
  await expect(page.locator('#slot form')).toBeVisible();
  const scripts = await page.locator('script[integrity]').evaluateAll((els) =>
    els.map((el) => ({ src: (el as HTMLScriptElement).src.replace(/^.*\/dist\//, ''), integrity: el.getAttribute('integrity'), crossorigin: el.getAttribute('crossorigin') })),
  );
  expect(scripts).toEqual(
    expect.arrayContaining([
      { src: 'mautic-consent.embeds.min.js', integrity: pinned(dist('mautic-consent.embeds.min.js')), crossorigin: null },
      { src: 'cmp/klaro.min.js?category=mautic', integrity: pinned(dist('cmp/klaro.min.js')), crossorigin: null },
    ]),
  );
  expect(scripts).toHaveLength(2);
  expect(warnings.filter((w) => w.includes('could not load'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('same origin: a tampered embeds script is refused, one warning, and consent keeps working', async ({ page, server }) => {
  const { warnings, errors } = collect(page);
  await page.route('**/dist/mautic-consent.embeds.min.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: dist('mautic-consent.embeds.min.js') + '\n;window.__tampered = true;\n' }),
  );
  server.addPage('/tampered.html', sdkPage('iife', { body: FORM }));
  await page.goto(server.url(SITE, '/tampered.html'));
  await expect.poll(() => warnings.filter((w) => w.includes('could not load')).length).toBe(1);
  expect(warnings.filter((w) => w.includes('could not load'))[0]).toMatch(
    /^\[mautic-consent\] could not load http:\/\/www\.shop\.localhost:\d+\/dist\/mautic-consent\.embeds\.min\.js, see README#w-load$/,
  );
  // The browser refused it: it never ran, and the form's fallback link stays as it was.
  expect(await page.evaluate(() => (window as any).__tampered)).toBeUndefined();
  await expect(page.locator('#slot a')).toHaveText('Open the newsletter form');
  expect(await page.locator('#slot form').count()).toBe(0);
  // Chromium's own line about the digest is the only error.
  expect(errors).toEqual([expect.stringContaining('integrity')]);
  await expectConsentWorks(page, server);
  expect(warnings.filter((w) => w.includes('could not load'))).toHaveLength(1);
});

test('from a CDN: the pinned core adds the banner cross-origin with integrity and crossorigin', async ({ page, server }) => {
  const { warnings, errors } = collect(page);
  await serveCdn(page, server);
  const core = server.url(CDN, '/npm/mautic-consent/dist/mautic-consent.min.js');
  server.addPage(
    '/cdn.html',
    sdkPage('iife', { attrs: { 'data-banner': true } }).replace(
      '<script src="/dist/mautic-consent.min.js"',
      `<script src="${core}" integrity="${sri(dist('mautic-consent.min.js'))}" crossorigin="anonymous"`,
    ),
  );
  await page.goto(server.url(SITE, '/cdn.html'));
  await expect(page.locator('dialog.mc-banner')).toBeVisible();
  const banner = page.locator('script[src$="mautic-consent.banner.min.js"]');
  expect(await banner.getAttribute('integrity')).toBe(pinned(dist('mautic-consent.banner.min.js')));
  expect(await banner.getAttribute('crossorigin')).toBe('anonymous');
  expect(warnings.filter((w) => w.includes('could not load'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('from a CDN: a tampered banner is refused, one warning, and consent keeps working', async ({ page, server }) => {
  const { warnings, errors } = collect(page);
  await serveCdn(page, server, 'mautic-consent.banner.min.js');
  const core = server.url(CDN, '/npm/mautic-consent/dist/mautic-consent.min.js');
  server.addPage(
    '/cdn-tampered.html',
    sdkPage('iife', { attrs: { 'data-banner': true } }).replace(
      '<script src="/dist/mautic-consent.min.js"',
      `<script src="${core}" integrity="${sri(dist('mautic-consent.min.js'))}" crossorigin="anonymous"`,
    ),
  );
  await page.goto(server.url(SITE, '/cdn-tampered.html'));
  await expect.poll(() => warnings.filter((w) => w.includes('could not load')).length).toBe(1);
  expect(warnings.find((w) => w.includes('could not load'))).toContain(`${CDN}:`);
  expect(await page.evaluate(() => (window as any).__tampered)).toBeUndefined();
  expect(await page.locator('dialog.mc-banner').count()).toBe(0);
  expect(errors).toEqual([expect.stringContaining('integrity')]);
  await expectConsentWorks(page, server);
});
