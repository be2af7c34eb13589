// The site's real consent tools, installed from npm and driven through their own UI, decide
// (issue #11): vanilla-cookieconsent 3.1.0 (UMD and ES module), Klaro 0.7.22, and a TCF v2.2 CMP
// made of the IAB reference packages (@iabtcf/cmpapi, @iabtcf/stub, @iabtcf/core 1.5.6) with a
// two-button banner. The numbered cases are the issue's. Every "nothing sent" has its positive
// control in the same test or the test next to it.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, enableGpc, type Server } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';
import { buildIabTcf, TCF_CMP } from './support/iabtcf';

test.beforeAll(buildIabTcf);

const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());
const ready = (page: Page) => page.waitForFunction(() => !!(window as any).MauticConsent?.state);
/** Absence needs a wait (toolchain G9): the network settles and the adapter had its chance. */
const settle = async (page: Page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
};
const consentRecord = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === 'mautic_consent')?.value;
/** vanilla-cookieconsent hides itself from automated browsers (hideFromBots): look like a person. */
const human = (context: BrowserContext) => context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));

/** vanilla-cookieconsent's run() with one `analytics` category; `revision` as the site sets it. */
const ccRun = (revision = 0) => `CookieConsent.run({
  revision: ${revision},
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: { default: 'en', translations: { en: {
    consentModal: { title: 'Cookies', description: 'You decide.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage' },
    preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save preferences',
      sections: [{ title: 'Necessary', linkedCategory: 'necessary' }, { title: 'Analytics', linkedCategory: 'analytics' }] },
  } } },
});`;

/** A shop page with vanilla-cookieconsent's UMD build, the Mautic loader's pageview, and the SDK following the tool. */
function ccPage(server: Server, path: string, o: { revision?: number; sdk?: boolean } = {}) {
  const tool = `<link rel="stylesheet" href="/vendor/vanilla-cookieconsent/cookieconsent.css">
<script src="/vendor/vanilla-cookieconsent/cookieconsent.umd.js"></script>
<script>addEventListener('DOMContentLoaded', function () { ${ccRun(o.revision)} });</script>`;
  server.addPage(
    path,
    o.sdk === false
      ? `<!doctype html><title>no sdk</title>${tool}<button onclick="CookieConsent.showPreferences()">prefs</button>`
      : sdkPage('iife', { head: tool + loaderStub(), attrs: { 'data-cmp': 'cookieconsent' } }),
  );
  return server.url('www.shop.localhost', path);
}

test.describe('vanilla-cookieconsent 3.1.0 (UMD), through its banner', () => {
  test.beforeEach(({ context }) => human(context));

  test('accept, reload, change: the tool decides; only the visitor\'s actions write the record', async ({ page, context, server }) => {
    await page.goto(ccPage(server, '/shop.html'));
    await ready(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ source: 'cmp', record: { decision: 'granted', source: 'cmp' } });
    await expect.poll(() => server.hits.length).toBe(1); // the page's queued pageview, sent on the grant
    const recorded = await consentRecord(context);

    await page.reload(); // the tool replays its stored yes: tracked, the record is not rewritten
    await ready(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    await expect.poll(() => server.hits.length).toBe(2);
    expect(await consentRecord(context)).toBe(recorded);

    await page.evaluate(() => (window as any).CookieConsent.showPreferences()); // change, in the tool's own preferences (opened as a site's link does)
    await page.getByRole('checkbox', { name: 'Analytics' }).uncheck({ force: true });
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    expect(await state(page)).toMatchObject({ source: 'cmp', record: { decision: 'denied', source: 'cmp' } });
    await page.reload();
    await ready(page);
    await settle(page);
    expect(server.hits.length).toBe(2);
  });

  test('reject in the banner: denied, nothing sent', async ({ page, context, server }) => {
    await page.goto(ccPage(server, '/shop.html'));
    await ready(page);
    await page.getByRole('button', { name: 'Reject all' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    await settle(page);
    expect(server.mautic()).toEqual([]);
    expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['cc_cookie', 'mautic_consent']);
  });

  test('case 1: the tool forgets (the site raised its revision, the banner asks again): unset, nothing sent despite our own granted record', async ({ page, server }) => {
    await page.goto(ccPage(server, '/a.html'));
    await ready(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => server.hits.length).toBe(1); // positive control
    await page.goto(ccPage(server, '/b.html', { revision: 1 }));
    await ready(page);
    await expect(page.getByRole('button', { name: 'Accept all' })).toBeVisible(); // the tool asks again
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset', record: { decision: 'granted' } });
    expect(server.hits.length).toBe(1);
    await page.getByRole('button', { name: 'Accept all' }).click(); // answered again: the waiting pageview goes
    await expect.poll(() => server.hits.length).toBe(2);
  });

  test('case 2: a refusal made in the tool on a page without the SDK: the next page sends nothing', async ({ page, server }) => {
    await page.goto(ccPage(server, '/a.html'));
    await ready(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => server.hits.length).toBe(1); // positive control
    await page.goto(ccPage(server, '/plain.html', { sdk: false }));
    await page.evaluate(() => (window as any).CookieConsent.showPreferences());
    await page.getByRole('button', { name: 'Reject all' }).last().click();
    await expect.poll(() => page.evaluate(() => (window as any).CookieConsent.acceptedCategory('analytics'))).toBe(false);
    await page.goto(ccPage(server, '/b.html'));
    await ready(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    await settle(page);
    expect(server.hits.length).toBe(1);
  });

  test('case 3 and GPC after accept: a replayed yes does not beat GPC and rewrites nothing; a yes given in the tool with GPC on does', async ({ page, context, server }) => {
    await page.goto(ccPage(server, '/a.html'));
    await ready(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => server.hits.length).toBe(1); // positive control, before GPC
    const recorded = await consentRecord(context);
    await enableGpc(context);
    for (const path of ['/b.html', '/c.html']) {
      await page.goto(ccPage(server, path));
      await ready(page);
      await settle(page);
      expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'gpc' });
      expect(server.hits.length).toBe(1);
      expect(await consentRecord(context)).toBe(recorded);
    }
    // The visitor says yes again in the tool, with GPC on: an explicit override, recorded with the signal.
    await page.evaluate(() => (window as any).CookieConsent.showPreferences());
    await page.getByRole('checkbox', { name: 'Analytics' }).uncheck({ force: true });
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.evaluate(() => (window as any).CookieConsent.showPreferences());
    await page.getByRole('button', { name: 'Accept all' }).last().click();
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ record: { decision: 'granted', source: 'cmp', signals: { gpc: true } } });
    await page.goto(ccPage(server, '/d.html')); // and it stands on the next page
    await ready(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
  });
});

/** Klaro's config, with Mautic as the service `mautic`. */
const KLARO_CONFIG = `<script>window.klaroConfig = { testing: false, elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro',
  default: false, mustConsent: false, acceptAll: true, hideDeclineAll: false,
  services: [{ name: 'mautic', title: 'Mautic', purposes: ['marketing'] }] };</script>`;
/** Loads Klaro's real script now, `after` ms later, or not at all. */
const klaroLoader = (after: number | null) =>
  after === null
    ? `${KLARO_CONFIG}<script src="/vendor/klaro/klaro.js"></script>`
    : `${KLARO_CONFIG}<script>setTimeout(function () { var s = document.createElement('script'); s.src = '/vendor/klaro/klaro.js'; document.head.append(s); }, ${after});</script>`;

function klaroPage(server: Server, path: string, after: number | null = null, order: 'tool-first' | 'sdk-first' = 'tool-first') {
  const tool = klaroLoader(after);
  const sdk = sdkPage('iife', { head: loaderStub(), attrs: { 'data-cmp': 'klaro' } });
  server.addPage(path, order === 'tool-first' ? sdk.replace('<title>', `${tool}<title>`) : sdk.replace('</body>', `${tool}</body>`));
  return server.url('www.shop.localhost', path);
}
const klaroAccept = (page: Page) => page.locator('.klaro .cookie-notice .cm-btn-success').click();
const klaroDecline = (page: Page) => page.locator('.klaro .cookie-notice .cn-decline').click();

test.describe('Klaro 0.7.22, through its notice', () => {
  for (const order of ['tool-first', 'sdk-first'] as const) {
    test(`${order}: accept, reload, decline`, async ({ page, context, server }) => {
      await page.goto(klaroPage(server, '/k.html', null, order));
      await ready(page);
      await settle(page);
      expect(await state(page)).toMatchObject({ tracking: 'unset' });
      expect(server.hits.length).toBe(0);
      await klaroAccept(page);
      await expect.poll(async () => (await state(page)).tracking).toBe('granted');
      expect(await state(page)).toMatchObject({ source: 'cmp', record: { decision: 'granted', source: 'cmp' } });
      await expect.poll(() => server.hits.length).toBe(1);
      const recorded = await consentRecord(context);
      await page.reload();
      await ready(page);
      await expect.poll(() => server.hits.length).toBe(2);
      expect(await consentRecord(context)).toBe(recorded);
      await page.evaluate(() => (window as any).klaro.show()); // the site's "cookie settings" link
      await page.locator('.klaro').getByRole('checkbox', { name: 'Marketing' }).uncheck({ force: true });
      await page.locator('.klaro').getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => (await state(page)).tracking).toBe('denied');
      expect(await state(page)).toMatchObject({ record: { decision: 'denied', source: 'cmp' } });
    });
  }

  test('reject in the notice: denied, nothing sent', async ({ page, server }) => {
    await page.goto(klaroPage(server, '/k.html'));
    await ready(page);
    await klaroDecline(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    await settle(page);
    expect(server.mautic()).toEqual([]);
  });

  test('tool after the SDK (1 s): followed, the waiting pageview goes on accept', async ({ page, server }) => {
    await page.goto(klaroPage(server, '/k.html', 1000));
    await ready(page);
    await klaroAccept(page);
    await expect.poll(() => server.hits.length).toBe(1);
  });

  test('case 5, tool very late (11 s after the SDK): still followed', async ({ page, server }) => {
    test.setTimeout(45_000);
    await page.goto(klaroPage(server, '/k.html', 11_000));
    await ready(page);
    await expect(page.locator('.klaro .cookie-notice')).toBeVisible({ timeout: 20_000 });
    expect(server.hits.length).toBe(0);
    await klaroAccept(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    await expect.poll(() => server.hits.length).toBe(1);
  });

  test('case 1: Klaro forgets (its cookie is gone): unset, nothing sent, though our record says granted', async ({ page, context, server }) => {
    await page.goto(klaroPage(server, '/k.html'));
    await ready(page);
    await klaroAccept(page);
    await expect.poll(() => server.hits.length).toBe(1); // positive control
    await context.clearCookies({ name: 'klaro' });
    await page.reload();
    await ready(page);
    await expect(page.locator('.klaro .cookie-notice')).toBeVisible();
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset', record: { decision: 'granted' } });
    expect(server.hits.length).toBe(1);
  });
});
