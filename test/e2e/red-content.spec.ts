// Red-team review, hostile content and purges: each test plays one attack that worked on the code
// before its fix, with a positive control that shows the attack is live in the test.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, type Server } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

const SITE = 'www.shop.localhost';
const MAUTIC = 'm.shop.localhost';
const POST = '/blog/2026/post.html';

/** Mautic-host cookies as the real server leaves them: a landing page with an A/B test and a pixel hit. */
async function seedMauticHost(page: Page, server: Server) {
  await page.goto(server.url(MAUTIC, '/page-3'));
  await page.goto(server.url(MAUTIC, '/mtracking.gif?page_url=x'));
}

const mauticHostCookies = async (context: BrowserContext) => (await context.cookies()).filter((c) => c.domain === MAUTIC).map((c) => c.name).sort();

test.describe('a page element that shadows a document method cannot stop the purge of the Mautic host', () => {
  // User content the site's sanitiser let through (a blog comment): `<img name>` is a named property
  // of the document, which overrides its built-in members (HTML: Document is [LegacyOverrideBuiltIns]).
  const COMMENTS: Record<string, string> = {
    'createElement': '<img name="createElement" src="data:," alt="">',
    'body and documentElement': '<img name="body" src="data:," alt=""><img name="documentElement" src="data:," alt="">',
  };
  for (const [label, comment] of Object.entries(COMMENTS)) {
    test(`${label}: the purge page is asked, the Mautic host emptied and the report names what stays`, async ({ page, context, server }) => {
      server.addPage(POST, sdkPage('iife', { head: loaderStub(), body: `<article class="comment">${comment}</article>`, attrs: { 'data-purge-page': '{{MAUTIC}}/media/files/mautic-purge.html' } }));
      await seedMauticHost(page, server);
      expect(await mauticHostCookies(context)).toEqual(['mautic_device_id', 'mautic_page_3', 'mautic_referer_id', 'mtc_id']);
      await page.goto(server.url(SITE, POST));
      await page.waitForFunction(() => !!(window as any).MauticConsent?.revokeAndPurge);
      // Positive control: the comment does shadow the document's own members.
      const shadowed = await page.evaluate(() => [typeof document.createElement, document.body instanceof HTMLImageElement]);
      expect(shadowed).toEqual(label === 'createElement' ? ['object', false] : ['function', true]);
      const report = await page.evaluate(() => {
        const w = window as any;
        w.purgeEvents = 0;
        w.MauticConsent.on('purge', () => w.purgeEvents++);
        return w.MauticConsent.revokeAndPurge({ source: 'user' });
      });
      expect(await mauticHostCookies(context)).toEqual([]);
      expect(report.deleted).toContainEqual({ name: 'mautic_page_3', kind: 'cookie', where: `${MAUTIC} ${MAUTIC}/` });
      expect(report.unreachable.map((i: { name: string }) => i.name)).toContain('session cookie (32 hex characters, HttpOnly)');
      expect(await page.evaluate(() => (window as any).purgeEvents)).toBe(1);
    });
  }
});
