// Red-team: ways to make the SDK act on a consent the visitor did not give. Each test runs the
// attack as an attacker would, beside a positive control that shows the attack is live.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, enableGpc, type Server } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());
const ready = (page: Page) => page.waitForFunction(() => !!(window as any).MauticConsent?.state);
const SHOP = '/shop/page.html';

/** A grant record in the SDK's stored format, as a sibling subdomain would forge it. */
function forgedGrant() {
  const at = new Date(Date.now() - 60_000).toISOString();
  return encodeURIComponent(JSON.stringify({ v: 1, id: 'F0rgedF0rgedF0rgedF0r', d: 'g', s: 'user', f: at, u: at, r: 0, g: 0, t: 0 }));
}

const names = async (context: BrowserContext) => (await context.cookies()).map((c) => `${c.name} ${c.domain}`).sort();

test.describe('a sibling subdomain forges the __Host- record under an encoded name', () => {
  /** evil.shop.localhost writes `name` on the parent domain, where www.shop.localhost sees it. */
  async function toss(page: Page, server: Server, name: string) {
    server.addPage('/evil.html', '<!doctype html><title>evil</title>');
    await page.goto(server.httpsUrl('evil.shop.localhost', '/evil.html'));
    await page.evaluate(([n, v]) => (document.cookie = `${n}=${v}; domain=.shop.localhost; path=/; max-age=86400; Secure`), [name, forgedGrant()]);
  }

  for (const name of ['__Host%2Dmautic_consent', '%5F%5FHost-mautic_consent']) {
    test(`https: ${name} is not the visitor's record; nothing is sent`, async ({ page, context, server }) => {
      server.addPage(SHOP, sdkPage('iife', { head: loaderStub('mt', `mt('send','pageview');`) }));
      await toss(page, server, name);
      // Positive control: the browser checks the __Host- prefix on the name as written, so an
      // encoded name is an ordinary cookie the sibling may set on the parent domain.
      expect(await names(context)).toEqual([`${name} .shop.localhost`]);
      await page.goto(server.httpsUrl('www.shop.localhost', SHOP));
      await ready(page);
      expect(await state(page)).toMatchObject({ tracking: 'unset', record: null });
      await page.waitForTimeout(300);
      expect(server.hits).toEqual([]);
      // Positive control: the visitor's own grant is kept under the real name, and tracks.
      await page.click('#grant');
      await expect.poll(() => server.hits.length).toBe(1);
      expect(await names(context)).toContain('__Host-mautic_consent www.shop.localhost');
    });
  }

  test('positive control: the real __Host- name cannot be set by the sibling at all', async ({ page, context, server }) => {
    await toss(page, server, '__Host-mautic_consent');
    expect(await names(context)).toEqual([]);
  });
});

test.describe('another tab of the site runs under an older revision', () => {
  /** Two tabs of one site: A still shows the page from before the site raised its revision, B the new one. */
  async function tabs(context: BrowserContext, server: Server, revisionA: number) {
    server.addPage('/old.html', sdkPage('iife', { head: loaderStub(), attrs: { 'data-revision': String(revisionA) } }));
    server.addPage('/new.html', sdkPage('iife', { head: loaderStub(), attrs: { 'data-revision': '2' } }));
    const a = await context.newPage();
    const b = await context.newPage();
    await a.goto(server.url('www.shop.localhost', '/old.html'));
    await b.goto(server.url('www.shop.localhost', '/new.html'));
    await ready(a);
    await ready(b);
    return { a, b };
  }

  test('a grant under revision 1 in tab A is no grant for tab B under revision 2: B sends nothing', async ({ context, server }) => {
    const { a, b } = await tabs(context, server, 1);
    await a.click('#grant');
    await expect.poll(() => server.hits.length).toBeGreaterThan(0);
    await b.waitForTimeout(500);
    expect(server.hits.map((h) => new URL(h.params.page_url).pathname)).toEqual(['/old.html']);
    // B still asks, as it does after a reload: the visitor has not agreed to revision 2.
    expect(await state(b)).toMatchObject({ tracking: 'unset' });
    await b.reload();
    await ready(b);
    expect(await state(b)).toMatchObject({ tracking: 'unset' });
  });

  test('positive control: under the same revision tab B follows the grant and sends its pageview', async ({ context, server }) => {
    const { a, b } = await tabs(context, server, 2);
    await a.click('#grant');
    await expect.poll(() => b.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('granted');
    await expect.poll(() => server.hits.length).toBe(2);
  });

  test('a refusal under revision 1 still stops tab B at once (a no is never held back)', async ({ context, server }) => {
    const { a, b } = await tabs(context, server, 1);
    await a.click('#deny');
    await expect.poll(() => b.evaluate(() => (window as any).MauticConsent.state())).toMatchObject({ tracking: 'denied', source: 'user' });
    await b.evaluate(() => (window as any).mt('send', 'pageview'));
    await b.waitForTimeout(300);
    expect(server.hits).toEqual([]);
  });
});

test.describe('a sibling subdomain tosses the consent tool\'s own cookie (data-cmp="cookieconsent")', () => {
  const ccPage = (server: Server, base = server.url) => {
    server.addPage('/cc.html', sdkPage('iife', {
      head: `<script src="/vendor/vanilla-cookieconsent/cookieconsent.umd.js"></script>
<script>addEventListener('DOMContentLoaded', function () { CookieConsent.run({ categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: { default: 'en', translations: { en: { consentModal: { title: 'Cookies', description: 'You decide.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all' }, preferencesModal: { sections: [] } } } } }); });</script>` + loaderStub(),
      attrs: { 'data-cmp': 'cookieconsent' },
    }));
    return base('www.shop.localhost', '/cc.html');
  };

  /**
   * Accepts in the tool over https (positive control: it tracks), then starts again with only the
   * tool's cookie, now tossed by evil.shop.localhost on the parent domain, and loads the shop.
   */
  async function tossAccepted(page: Page, context: BrowserContext, server: Server, gpc: boolean) {
    const base = server.httpsUrl;
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
    await page.goto(ccPage(server, base));
    await ready(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => server.hits.length).toBe(1);
    const value = (await context.cookies()).find((c) => c.name === 'cc_cookie')!.value;
    await context.clearCookies();
    if (gpc) await enableGpc(context);
    server.reset();
    server.addPage('/evil.html', '<!doctype html><title>evil</title>');
    await page.goto(base('evil.shop.localhost', '/evil.html'));
    await page.evaluate((v) => (document.cookie = `cc_cookie=${v}; domain=.shop.localhost; path=/; max-age=86400; Secure`), value);
    // Positive control: the tossed cookie is where the shop sees it, and it is all there is.
    expect(await names(context)).toEqual(['cc_cookie .shop.localhost']);
    await page.goto(ccPage(server, base));
    await ready(page);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
  }

  // The test after this one (GPC off) is its positive control: there the tool takes the tossed cookie.
  test('GPC on: the tossed yes is a replay, which does not beat GPC; nothing is sent', async ({ page, context, server }) => {
    await tossAccepted(page, context, server, true);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'gpc' });
    expect(server.hits).toEqual([]);
  });

  // Positive control of the test above, and the documented limit (README, Security model: "A
  // consent tool's cookie is the tool's word"): the tool trusts its cookie and the SDK follows the
  // tool, so with no signal a tossed cc_cookie is a yes. Telling it from the visitor's yes needs
  // something no sibling can write (on https, the __Host- record of the visitor's action in the
  // tool); asking for it would stop tracking visitors who said yes in the tool on a page without
  // the SDK, a change of documented behaviour left to a decision.
  test('GPC off: the tool takes a tossed cc_cookie as its yes, and the SDK follows the tool (documented limit)', async ({ page, context, server }) => {
    await tossAccepted(page, context, server, false);
    expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'cmp' });
    await expect.poll(() => server.hits.length).toBe(1);
  });
});
