// A page with a strict Content-Security-Policy (no inline script, no eval) and Trusted Types
// enforced: the SDK, its embeds and the banner work, and the browser reports no violation.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self' {{MAUTIC}}",
  "img-src 'self'",
  // The banner's default stylesheet is an injected <style>; a site can ship its own instead.
  "style-src 'self' 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types mautic-consent',
].join('; ');

function violations(page: Page) {
  const seen: string[] = [];
  page.on('console', (m) => m.type() === 'error' && seen.push(m.text()));
  page.on('pageerror', (e) => seen.push(String(e)));
  return seen;
}

test('core, embeds and banner under a strict CSP with Trusted Types enforced', async ({ page, server }) => {
  const seen = violations(page);
  server.addPage('/strict.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict</title>
    <script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}" data-banner></script></head>
    <body><button id="grant" data-mautic-action="grant">Accept here</button>
    <div id="form" data-mautic-form="3"><a href="{{MAUTIC}}/form/3">form</a></div></body></html>`, { 'Content-Security-Policy': CSP });
  await page.goto(server.url('www.shop.localhost', '/strict.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  // The embeds script loaded (a Trusted Types script URL) and parsed the form (Trusted HTML).
  await expect(page.locator('#form form')).toBeVisible();
  // The banner script loaded and opened.
  await expect(page.locator('dialog[open]')).toBeVisible();
  await page.click('#grant');
  await page.evaluate(() => (window as any).MauticConsent.track());
  await expect.poll(() => server.hits.length).toBe(1);
  await page.fill('#form input[name="mauticform[email]"]', 'a@b.co');
  await page.click('#form button[type=submit]');
  await expect(page.locator('#form .mauticform-message')).toHaveText('Thank you, you are subscribed.');
  expect(seen).toEqual([]);
});

test('positive control: the same page reports a violation when the SDK is inlined', async ({ page, server }) => {
  const seen = violations(page);
  server.addPage('/inline.html', `<!doctype html><title>Inline</title><script>window.inlineRan = true</script>`, { 'Content-Security-Policy': CSP });
  await page.goto(server.url('www.shop.localhost', '/inline.html'));
  expect(await page.evaluate(() => (window as any).inlineRan)).toBeUndefined();
  expect(seen.join('\n')).toContain('Content Security Policy');
});
