// Red-team review, the hand-over to the sibling scripts: the core leaves its gift (the instance's
// internals, its Trusted Types policy, the slot for the pageview delivery) on the <script> element
// it adds, to be taken only while that script runs (`document.currentScript` is then that element).
// Each test plays one attack that worked on the code before its fix, with a positive control that
// shows the attack is live in the test.
import type { Page } from '@playwright/test';
import { test, expect, type Server } from './fixtures';
import { sdkPage } from './support/pages';

const SITE = 'www.shop.localhost';
const FORM = '<div id="form" data-mautic-form="3"><a href="{{MAUTIC}}/form/3">form</a></div>';
const pageviews = (server: Server) => server.mautic().filter((r) => r.method !== 'OPTIONS' && /^\/(mtc\/event|mtracking\.gif)$/.test(r.path));
const ready = (page: Page) => page.waitForFunction(() => typeof (window as any).MauticConsent?.state === 'function');

test.describe('a page script cannot take the gift meant for a sibling script', () => {
  // Trusted Types enforced, with the SDK's policy name allowed; inline handlers are not refused by
  // this policy (no script-src), so HTML that passes a Trusted Types sink runs its handlers.
  const TT = "require-trusted-types-for 'script'; trusted-types mautic-consent";
  // Runs after the core: it watches the scripts the core adds, and calls the gift of each while
  // its own `currentScript` property on `document` names that element.
  const THIEF = `<script>
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) {
        const take = node[Symbol.for('mautic-consent.handover')];
        if (typeof take !== 'function') continue;
        window.seen = (window.seen || 0) + 1;
        Object.defineProperty(document, 'currentScript', { configurable: true, get: () => node });
        try { window.stolen = take() || window.stolen; } finally { delete document.currentScript; }
      }
    }).observe(document.head, { childList: true });
  </script>`;

  test('an own currentScript property on document takes neither the policy nor the internals; the embeds script still starts', async ({ page, server }) => {
    server.addPage('/tt.html', sdkPage('iife', { body: FORM + THIEF }), { 'Content-Security-Policy': TT });
    await page.goto(server.url(SITE, '/tt.html'));
    await ready(page);
    // Positive controls: the thief saw the embeds script and its gift, and Trusted Types refuse plain HTML.
    await expect.poll(() => page.evaluate(() => (window as any).seen)).toBe(1);
    expect(await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return 'accepted';
      } catch {
        return 'refused';
      }
    })).toBe('refused');
    const stolen = await page.evaluate(() => {
      const { stolen } = window as any;
      if (!stolen?.policy) return Object.keys(stolen ?? {});
      // With the SDK's policy, any HTML passes the sink, and its handlers run.
      document.body.insertAdjacentHTML('beforeend', stolen.policy.createHTML('<img src="data:," onerror="window.ran = 1" onload="window.ran = 1">'));
      return Object.keys(stolen);
    });
    await page.waitForTimeout(200);
    expect(stolen).toEqual([]);
    expect(await page.evaluate(() => (window as any).ran)).toBeUndefined();
    // The gift went where it belongs: the embeds script started and shows the form.
    await expect(page.locator('#form form')).toBeVisible();
  });

  test('the delivery slot: the tracking script gets it, the thief does not, and the pageview is sent', async ({ page, server }) => {
    server.addPage('/grant.html', sdkPage('iife', { body: THIEF }));
    await page.goto(server.url(SITE, '/grant.html'));
    await ready(page);
    await page.click('#grant');
    await page.evaluate(() => (window as any).MauticConsent.track());
    // Positive control: the thief saw the tracking script and its gift.
    await expect.poll(() => page.evaluate(() => (window as any).seen)).toBe(1);
    await expect.poll(() => pageviews(server).length).toBe(1);
    expect(await page.evaluate(() => Object.keys((window as any).stolen ?? {}))).toEqual([]);
  });
});

test.describe('page content named currentScript cannot stop the hand-over', () => {
  // A blog comment the CMS let through: `<img name="currentScript">` is a named property of the
  // document, which overrides its built-in members (HTML: Document is [LegacyOverrideBuiltIns]).
  const COMMENT = '<article class="comment"><img name="currentScript" src="data:," alt=""></article>';

  test('with the comment, the embeds script shows the form and a granted pageview is sent', async ({ page, server }) => {
    server.addPage('/post.html', sdkPage('iife', { body: COMMENT + FORM }));
    await page.goto(server.url(SITE, '/post.html'));
    await ready(page);
    // Positive control: the comment does stand in for document.currentScript.
    expect(await page.evaluate(() => document.currentScript instanceof HTMLImageElement)).toBe(true);
    await expect(page.locator('#form form')).toBeVisible();
    await page.click('#grant');
    await page.evaluate(() => (window as any).MauticConsent.track());
    await expect.poll(() => pageviews(server).length).toBe(1);
  });
});
