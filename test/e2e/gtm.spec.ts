// Google Tag Manager, in GTM's own order (Consent Initialization, then Initialization, then the
// gtm.js event and its All Pages tags), played by the stand-in examples/gtm-sandbox-shim.js.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

test.describe.configure({ timeout: 120_000 });

const denied = { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
const fired = (page: Page) => page.evaluate(() => (window as any).gtmFired as { event: string; consent: Record<string, string> }[]);
const ready = (page: Page) => page.waitForFunction(() => !!(window as any).MauticConsent?.state);

test('the template alone shows the banner and sends the pageview after the visitor accepts in it', async ({ page, server }) => {
  await page.goto(server.url('www.shop.localhost', '/examples/gtm.html?banner'));
  await ready(page);
  const banner = page.getByRole('button', { name: 'Accept', exact: true });
  await expect(banner).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(server.hits).toHaveLength(0);
  await banner.click();
  await expect.poll(() => server.hits.length).toBe(1);
  expect(await page.evaluate(() => (window as any).MauticConsent.state())).toMatchObject({ tracking: 'granted', source: 'user' });
});

/** The README's snippet for script-tag sites: the Consent Mode default, synchronously, before GTM's snippet. */
function readmeSnippet() {
  const readme = readFileSync('README.md', 'utf8');
  const snippet = /<!-- Consent Mode default, before Google Tag Manager -->\n(<script>[\s\S]*?<\/script>)/.exec(readme);
  if (!snippet) throw new Error('README: the Consent Mode default snippet is missing');
  return snippet[1];
}

const scriptTagPage = (withSnippet: boolean) => `<!doctype html><html><head><title>gtm + script tag</title>
${withSnippet ? readmeSnippet() : ''}
<script>
  window.dataLayer = window.dataLayer || [];
  dataLayer.push({ 'gtm.start': new Date().getTime(), event: 'gtm.js' });
  (function () { var s = document.createElement('script'); s.async = true; s.src = '/examples/gtm-sandbox-shim.js';
    s.onload = function () { startGtmContainer(null); }; document.head.appendChild(s); })();
</script>
<script src="/dist/mautic-consent.min.js" async data-mautic-url="{{MAUTIC}}" data-consent-mode-default="false"></script>
</head><body><button data-mautic-action="grant">Accept tracking</button></body></html>`;

test('script tag next to GTM: the README snippet puts the default before gtm.js; the SDK pushes only updates', async ({ page, server }) => {
  server.addPage('/with.html', scriptTagPage(true));
  await page.goto(server.url('www.shop.localhost', '/with.html'));
  await ready(page);
  await expect.poll(async () => (await fired(page)).map((e) => e.event).slice(0, 3)).toEqual(['gtm.init_consent', 'gtm.init', 'gtm.js']);
  expect((await fired(page)).find((e) => e.event === 'gtm.js')?.consent).toEqual(denied);
  await page.click('text=Accept tracking');
  await expect.poll(async () => (await fired(page)).at(-1)).toEqual({ event: 'mautic_consent_update', consent: { ...denied, analytics_storage: 'granted' } });
  const defaults = await page.evaluate(() => (window as any).dataLayer.filter((e: any) => e[0] === 'consent' && e[1] === 'default').length);
  expect(defaults).toBe(1);
  // Control: without the snippet, a new visitor's gtm.js is processed with no default at all.
  await page.context().clearCookies();
  server.addPage('/without.html', scriptTagPage(false));
  await page.goto(server.url('www.shop.localhost', '/without.html'));
  await ready(page);
  await expect.poll(async () => (await fired(page)).find((e) => e.event === 'gtm.js')).toBeTruthy();
  expect((await fired(page)).find((e) => e.event === 'gtm.js')?.consent).toEqual({});
});
