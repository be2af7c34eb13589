// Consent Mode v2 and dataLayer events for Google Tag Manager, in the order GTM needs them.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sdkPage } from './support/pages';

/** The dataLayer as plain data: gtag() entries (Arguments objects) become arrays. */
const layer = (page: Page) =>
  page.evaluate(() => (window as any).dataLayer.map((e: any) => (Object.prototype.toString.call(e) === '[object Arguments]' ? ['gtag', ...Array.from(e)] : e)));

const denied = { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };

test('default, then each change as a consent update followed by its event', async ({ page, server }) => {
  server.addPage('/shop.html', sdkPage('iife', { head: '<script>window.dataLayer = [];</script>' }));
  await page.goto(server.url('www.shop.test', '/shop.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  expect(await layer(page)).toEqual([
    ['gtag', 'consent', 'default', denied],
    { event: 'mautic_consent_default', mautic_consent: { tracking: 'unset', source: 'default' } },
  ]);
  await page.click('#grant');
  await page.click('#deny');
  expect((await layer(page)).slice(2)).toEqual([
    ['gtag', 'consent', 'update', { ...denied, analytics_storage: 'granted' }],
    { event: 'mautic_consent_update', mautic_consent: { tracking: 'granted', source: 'user' } },
    ['gtag', 'consent', 'update', denied],
    { event: 'mautic_consent_update', mautic_consent: { tracking: 'denied', source: 'user' } },
  ]);
});

test('a returning visitor: the stored decision is an update right after the default; ads follow with data-consent-mode-ads', async ({ page, server }) => {
  server.addPage('/shop.html', sdkPage('iife', { head: '<script>window.dataLayer = [];</script>', attrs: { 'data-consent-mode-ads': true } }));
  await page.goto(server.url('www.shop.test', '/shop.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('#grant');
  await page.reload();
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  const granted = { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' };
  expect(await layer(page)).toEqual([
    ['gtag', 'consent', 'default', denied],
    ['gtag', 'consent', 'update', granted],
    { event: 'mautic_consent_default', mautic_consent: { tracking: 'granted', source: 'user' } },
  ]);
});

test('off with data-consent-mode="false", and no dataLayer is created when the page has none', async ({ page, server }) => {
  server.addPage('/a.html', sdkPage('iife', { head: '<script>window.dataLayer = [];</script>', attrs: { 'data-consent-mode': 'false' } }));
  server.addPage('/b.html', sdkPage('iife'));
  await page.goto(server.url('www.shop.test', '/a.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('#grant');
  expect(await layer(page)).toEqual([]);
  await page.goto(server.url('www.shop.test', '/b.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  expect(await page.evaluate(() => 'dataLayer' in window)).toBe(false);
});

test('ESM: bindDataLayer without the default, when the GTM template already set it', async ({ page, server }) => {
  server.addPage('/esm.html', `<!doctype html><title>esm</title><script>window.dataLayer = [];</script>
    <script type="module">
      import { createConsent, bindDataLayer } from '/dist/mautic-consent.mjs';
      window.MauticConsent = createConsent({ mauticUrl: '{{MAUTIC}}' });
      bindDataLayer(window.MauticConsent, window, { setDefault: false });
      window.MauticConsent.grant();
    </script>`);
  await page.goto(server.url('www.shop.test', '/esm.html'));
  await page.waitForFunction(() => (window as any).dataLayer.length === 3);
  expect(await layer(page)).toEqual([
    { event: 'mautic_consent_default', mautic_consent: { tracking: 'unset', source: 'default' } },
    ['gtag', 'consent', 'update', { ...denied, analytics_storage: 'granted' }],
    { event: 'mautic_consent_update', mautic_consent: { tracking: 'granted', source: 'api' } },
  ]);
});
