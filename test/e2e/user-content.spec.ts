// Content on the site's own pages that the site did not write: a blog comment, a forum post, a
// product review. CMS sanitisers keep `data-*` attributes (WordPress allows them on every tag it
// keeps, DOMPurify by default), so such content can carry `data-mautic-action="grant"` on a link or
// a span styled as "Close" or "Read more". A grant must come only from the visitor's own click on a
// `<button>`: not from another element, not from a script's `click()`, and not from Enter pressed in
// a form field (the browser then clicks the form's first submit button for the visitor).
// A "no" stays easy: deny and revoke work from any element, a link in the footer included.
import type { Page } from '@playwright/test';
import { test, expect, type Server } from './fixtures';
import { BUILDS, loaderStub, sdkPage } from './support/pages';

const SITE = 'www.shop.localhost';
const COMMENT = `<article class="comment"><p>Great post! <a id="ugc-link" href="#more" data-mautic-action="grant">Read more</a>
  <span id="ugc-span" role="button" data-mautic-action="grant">Close</span></p></article>`;
const FORM = `<form id="newsletter" onsubmit="event.preventDefault(); window.submitted = (window.submitted || 0) + 1">
  <input id="email" name="email"><button id="form-grant" data-mautic-action="grant">Subscribe and accept tracking</button></form>`;
const FOOTER = '<footer><a id="withdraw" href="#" data-mautic-action="revoke">Withdraw consent</a></footer>';

const tracking = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state().tracking);
const pageviews = (server: Server) => server.mautic().filter((r) => r.method !== 'OPTIONS' && /^\/(mtc\/event|mtracking\.gif)$/.test(r.path));

for (const build of BUILDS) {
  test.describe(`${build}: a grant needs the visitor's click on a <button>`, () => {
    let warnings: string[];
    test.beforeEach(async ({ page, server }) => {
      warnings = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      server.addPage('/post.html', sdkPage(build, { head: loaderStub(), body: COMMENT + FORM + FOOTER }));
      await page.goto(server.url(SITE, '/post.html'));
      await page.waitForFunction(() => typeof (window as any).MauticConsent?.state === 'function');
    });

    test('a link or a span in a comment grants nothing, with one warning; the site\'s button grants (positive control)', async ({ page, server }) => {
      await page.click('#ugc-link');
      await page.click('#ugc-span');
      await page.waitForTimeout(300);
      expect(await tracking(page)).toBe('unset');
      expect(pageviews(server)).toEqual([]);
      // One warning for both: the script tag's names README's anchor, the ESM build says why.
      expect(warnings.filter((w) => w.includes('grant'))).toEqual([expect.stringContaining(build === 'iife' ? 'grant: <a>, see README#w-action-grant' : 'it is on a <a>, not a <button>')]);
      await page.click('#grant');
      expect(await tracking(page)).toBe('granted');
      await expect.poll(() => pageviews(server).length).toBe(1);
    });

    test('a script\'s click() on the grant button grants nothing; the visitor\'s click does (positive control)', async ({ page }) => {
      await page.evaluate(() => document.getElementById('grant')!.click());
      expect(await tracking(page)).toBe('unset');
      await page.click('#grant');
      expect(await tracking(page)).toBe('granted');
    });

    test('Enter in a form field (the browser clicks the form\'s first button) grants nothing; clicking it, or Enter on it, does', async ({ page }) => {
      await page.fill('#email', 'a@example.com');
      await page.press('#email', 'Enter');
      // The browser did click the button for the visitor: the form was submitted.
      await expect.poll(() => page.evaluate(() => (window as any).submitted)).toBe(1);
      expect(await tracking(page)).toBe('unset');
      await page.focus('#form-grant');
      await page.keyboard.press('Enter');
      expect(await tracking(page)).toBe('granted');
    });

    test('a "no" works from any element: the footer link withdraws a grant', async ({ page }) => {
      await page.click('#grant');
      expect(await tracking(page)).toBe('granted');
      await page.click('#withdraw');
      expect(await tracking(page)).toBe('denied');
    });
  });
}

test('an unsubscribe page whose content names an image "body" still revokes (data-mautic-dnc)', async ({ page, context, server }) => {
  await context.addCookies([{ name: 'mtc_id', value: '7', url: server.url(SITE, '/') }]);
  const html = sdkPage('iife').replace('<body>', '<body data-mautic-dnc>').replace('</body>', '<p class="comment"><img name="body" alt=""></p></body>');
  server.addPage('/unsubscribed.html', html);
  await page.goto(server.url(SITE, '/unsubscribed.html'));
  // Positive control: the image does stand in for document.body on this page.
  expect(await page.evaluate(() => document.body instanceof HTMLImageElement)).toBe(true);
  await expect.poll(() => tracking(page)).toBe('denied');
  expect(await page.evaluate(() => (window as any).MauticConsent.state().source)).toBe('dnc');
  expect((await context.cookies()).map((c) => c.name)).not.toContain('mtc_id');
});
