// A page with a strict Content-Security-Policy (no inline script, no eval) and Trusted Types
// enforced: the SDK, its tracking script, its embeds and the banner work, and the browser reports no violation.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self' {{MAUTIC}}",
  "img-src 'self'",
  // No inline styles either: the banner's stylesheet is adopted, which style-src does not govern.
  "style-src 'self'",
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

test('core, tracking, embeds and banner under a strict CSP with Trusted Types enforced', async ({ page, server }) => {
  const seen = violations(page);
  server.addPage('/strict.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict</title>
    <script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}" data-banner></script></head>
    <body><button id="grant" data-mautic-action="grant">Accept here</button>
    <div id="form" data-mautic-form="3"><a href="{{MAUTIC}}/form/3">form</a></div></body></html>`, { 'Content-Security-Policy': CSP });
  await page.goto(server.url('www.shop.localhost', '/strict.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  // The embeds script loaded (a Trusted Types script URL) and parsed the form (Trusted HTML).
  await expect(page.locator('#form form')).toBeVisible();
  // Mautic's form CSS and style attributes apply without 'unsafe-inline' in style-src.
  await expect(page.locator('#form .mauticform-errormsg').first()).toBeHidden();
  expect(await page.locator('#form .mauticform-errormsg').first().getAttribute('style')).toBe('display: none;');
  expect(await page.evaluate(() => [...document.adoptedStyleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.includes('mauticform-field-hidden'))))).toBe(true);
  // The banner script loaded, opened, and is styled (its stylesheet was not refused).
  await expect(page.locator('dialog[open]')).toBeVisible();
  expect(await page.locator('dialog.mc-banner').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await page.click('#grant');
  await page.evaluate(() => (window as any).MauticConsent.track());
  await expect.poll(() => server.hits.length).toBe(1);
  // The grant loaded the tracking script the same way (a Trusted Types script URL), and it sent.
  await expect(page.locator('script[src$="mautic-consent.tracking.min.js"]')).toHaveCount(1);
  await page.fill('#form input[name="mauticform[email]"]', 'a@b.co');
  await page.click('#form button[type=submit]');
  await expect(page.locator('#form .mauticform-message')).toHaveText('Thank you, you are subscribed.');
  expect(seen).toEqual([]);
});

test('positive control: the same policy refuses an inlined script and a style attribute, and says so', async ({ page, server }) => {
  const seen = violations(page);
  server.addPage('/inline.html', `<!doctype html><title>Inline</title><p id="p" style="color: rgb(1, 2, 3)">x</p><script>window.inlineRan = true</script>`, { 'Content-Security-Policy': CSP });
  await page.goto(server.url('www.shop.localhost', '/inline.html'));
  expect(await page.evaluate(() => (window as any).inlineRan)).toBeUndefined();
  expect(await page.locator('#p').evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(1, 2, 3)');
  expect(seen.filter((line) => line.includes('Content Security Policy'))).toHaveLength(2);
});

/** Only nonce sources: nothing runs, loads or styles unless it carries the page's nonce (no 'self'). */
const NONCE = 'c2VjcmV0LW5vbmNlLTQy';
const NONCE_CSP = [
  "default-src 'none'",
  `script-src 'nonce-${NONCE}'`,
  `style-src 'nonce-${NONCE}'`,
  "connect-src 'self' {{MAUTIC}}",
  "img-src 'self' {{MAUTIC}}",
  "base-uri 'none'",
].join('; ');

for (const [name, policy] of [['a nonce-only CSP', NONCE_CSP], ['a nonce CSP with strict-dynamic', NONCE_CSP.replace(`'nonce-${NONCE}'`, `'nonce-${NONCE}' 'strict-dynamic'`)]]) {
  test(`${name}: the SDK hands the nonce of its own tag to what it adds; gated scripts run only with their own`, async ({ page, server }) => {
    const seen = violations(page);
    server.addPage('/nonce.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nonce</title>
      <script nonce="${NONCE}" src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}" data-banner></script></head>
      <body><button id="grant" data-mautic-action="grant">Accept here</button>
      <div data-mautic-focus="5"></div>
      <script type="text/plain" data-mautic-consent="tracking" nonce="${NONCE}">window.noncedRan = (window.noncedRan || 0) + 1;</script>
      <script type="text/plain" data-mautic-consent="tracking">window.injectedRan = true;</script>
      <script>window.plainInline = true;</script></body></html>`, { 'Content-Security-Policy': policy });
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(server.url('www.shop.localhost', '/nonce.html'));
    await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
    // Sibling scripts carried the nonce: the banner opened, styled without 'unsafe-inline'.
    await expect(page.locator('dialog[open]')).toBeVisible();
    expect(await page.locator('dialog.mc-banner').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await page.click('#grant');
    // The focus item (Mautic's script, run from a blob) carried the nonce too.
    await expect(page.locator('.mautic-focus')).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as any).noncedRan)).toBe(1);
    // The gated script without the nonce is not run, even where 'strict-dynamic' would trust any
    // script the SDK inserts: markup injected into the page cannot run by calling itself gated.
    expect(await page.evaluate(() => (window as any).injectedRan)).toBeUndefined();
    expect(warnings.filter((w) => w.includes("a gated script without the page's nonce was not run"))).toHaveLength(1);
    // Positive control: the policy is enforced, a plain inline script without the nonce was refused.
    expect(await page.evaluate(() => (window as any).plainInline)).toBeUndefined();
    const csp = seen.filter((line) => line.includes('Content Security Policy'));
    expect(csp).toHaveLength(1);
    expect(csp[0]).toContain('inline');
    // The view pixel is an anonymous CORS image (no cookie travels); Mautic sends no CORS header for
    // images, so Chromium logs the refused answer, but the view is counted.
    await expect.poll(() => server.focusViews.length).toBe(1);
    const rest = seen.filter((line) => !line.includes('Content Security Policy'));
    expect(rest.filter((line) => !/viewpixel\.gif.*CORS|net::ERR_FAILED/.test(line))).toEqual([]);
  });
}

test('a CSP without blob: in script-src refuses focus items, and the SDK says how to allow them', async ({ page, server }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const csp = "default-src 'none'; script-src 'self'; connect-src 'self' {{MAUTIC}}; img-src 'self' {{MAUTIC}}";
  server.addPage('/noblob.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No blob</title>
    <script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script></head>
    <body><div data-mautic-focus="5"></div></body></html>`, { 'Content-Security-Policy': csp });
  await page.goto(server.url('www.shop.localhost', '/noblob.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.evaluate(() => (window as any).MauticConsent.grant());
  await expect.poll(() => warnings.filter((w) => w.includes('focus item 5 was blocked')).length).toBe(1);
  expect(warnings.find((w) => w.includes('focus item 5'))).toContain('allow blob: in script-src');
  await expect(page.locator('.mautic-focus')).toHaveCount(0);
  // Fetched once, not retried.
  await page.waitForLoadState('networkidle');
  expect(server.mautic('/focus/5.js').filter((r) => r.method === 'GET')).toHaveLength(1);
});

test("the README's example policy: forms, focus items and the banner, with no violation", async ({ page, server }) => {
  const seen = violations(page);
  const csp = "default-src 'self'; script-src 'self' blob:; connect-src 'self' {{MAUTIC}}; img-src 'self' {{MAUTIC}}; style-src 'self'";
  server.addPage('/example.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example</title>
    <script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}" data-banner></script></head>
    <body><div id="form" data-mautic-form="3"></div><div data-mautic-focus="5"></div></body></html>`, { 'Content-Security-Policy': csp });
  await page.goto(server.url('www.shop.localhost', '/example.html'));
  await expect(page.locator('#form form')).toBeVisible();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.locator('.mautic-focus')).toBeVisible();
  await expect.poll(() => server.focusViews.length).toBe(1);
  expect(seen.filter((line) => !/viewpixel\.gif.*CORS|net::ERR_FAILED/.test(line))).toEqual([]);
});

test('ESM build under a nonce-only CSP: createConsent({ nonce }) hands it to focus items and holds back gated scripts without it', async ({ page, server }) => {
  const seen = violations(page);
  server.addPage('/esm-nonce.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ESM nonce</title>
    <script type="module" nonce="${NONCE}">
      import { createConsent, bindEmbeds, createBanner } from '/dist/mautic-consent.mjs';
      const nonce = document.querySelector('script[type=module]').nonce;
      const consent = createConsent({ mauticUrl: '{{MAUTIC}}', nonce });
      window.MauticConsent = consent;
      bindEmbeds(consent, document);
      createBanner(consent);
    </script></head>
    <body><div data-mautic-focus="5"></div>
    <script type="text/plain" data-mautic-consent="tracking" nonce="${NONCE}">window.noncedRan = true;</script>
    <script type="text/plain" data-mautic-consent="tracking">window.injectedRan = true;</script></body></html>`, { 'Content-Security-Policy': NONCE_CSP });
  await page.goto(server.url('www.shop.localhost', '/esm-nonce.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  // The banner's stylesheet is adopted: styled without a nonce'd <style>.
  expect(await page.locator('dialog.mc-banner').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.locator('.mautic-focus')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as any).noncedRan)).toBe(true);
  expect(await page.evaluate(() => (window as any).injectedRan)).toBeUndefined();
  expect(seen.filter((line) => !/viewpixel\.gif.*CORS|net::ERR_FAILED/.test(line))).toEqual([]);
});
