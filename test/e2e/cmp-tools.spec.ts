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
// Several page loads and a real tool's UI per test: more than the default 15 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

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

/** Accepts in vanilla-cookieconsent's banner on a first page; its pageview is the positive control. */
async function acceptFirst(page: Page, server: Server) {
  await page.goto(ccPage(server, '/a.html'));
  await ready(page);
  await page.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => server.hits.length).toBe(1);
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
    await acceptFirst(page, server);
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
    await acceptFirst(page, server);
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
    await acceptFirst(page, server); // before GPC
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
    test.setTimeout(120_000);
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

test.describe('vanilla-cookieconsent 3.1.0 imported as an ES module (no window.CookieConsent): case 6', () => {
  test.beforeEach(({ context }) => human(context));
  const esmPage = (server: Server) => {
    server.addPage('/esm.html', `<!doctype html><html><head><title>esm</title>
<link rel="stylesheet" href="/vendor/vanilla-cookieconsent/cookieconsent.css">${loaderStub()}
<script type="module">
  import * as CookieConsent from '/vendor/vanilla-cookieconsent/cookieconsent.esm.js';
  import { createConsent, followCookieConsent, bindLoaderQueue } from '/dist/mautic-consent.mjs';
  const consent = createConsent({ mauticUrl: '{{MAUTIC}}', cmp: 'cookieconsent' });
  window.MauticConsent = consent;
  followCookieConsent(consent);
  bindLoaderQueue(consent, window);
  window.showPrefs = () => CookieConsent.showPreferences();
  ${ccRun()}
</script></head><body></body></html>`);
    return server.url('www.shop.localhost', '/esm.html');
  };

  test('followed through its window events: accept, reload, change', async ({ page, server }) => {
    await page.goto(esmPage(server));
    await ready(page);
    expect(await page.evaluate(() => 'CookieConsent' in window)).toBe(false);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ record: { source: 'cmp', decision: 'granted' } });
    await expect.poll(() => server.hits.length).toBe(1);
    await page.reload(); // cc:onConsent replays the stored choice
    await ready(page);
    await expect.poll(() => server.hits.length).toBe(2);
    await page.evaluate(() => (window as any).showPrefs());
    await page.getByRole('checkbox', { name: 'Analytics' }).uncheck({ force: true });
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
  });
});

test.describe('IAB TCF v2.2 (@iabtcf/cmpapi + stub + core): case 4, the publisher\'s own purpose consents decide', () => {
  const tcfPage = (server: Server, attrs: Record<string, string> = {}, gdpr = true) => {
    const html = sdkPage('iife', { head: loaderStub(), attrs: { 'data-cmp': 'tcf', ...attrs }, body: TCF_CMP });
    server.addPage('/tcf.html', gdpr ? html : html.replace('<html>', '<html data-gdpr="false">'));
    return server.url('www.shop.localhost', '/tcf.html');
  };

  test('accept all (publisher purposes 1, 5, 6 given): granted; reload replays it (tcloaded) without a new record', async ({ page, context, server }) => {
    await page.goto(tcfPage(server));
    await ready(page);
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset' });
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ source: 'cmp', record: { decision: 'granted', source: 'cmp' } });
    await expect.poll(() => server.hits.length).toBe(1);
    const recorded = await consentRecord(context);
    await page.reload();
    await ready(page);
    await expect.poll(() => server.hits.length).toBe(2);
    expect(await consentRecord(context)).toBe(recorded);
  });

  test('vendor purpose consents without the publisher\'s: denied, nothing sent, one warning', async ({ page, server }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(tcfPage(server));
    await ready(page);
    await page.getByRole('button', { name: 'Accept vendor purposes only' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    await settle(page);
    expect(server.mautic()).toEqual([]);
    expect(warnings.filter((w) => w.includes('publisher'))).toHaveLength(1);
  });

  test('the publisher refused purpose 1 but gave 5 and 6: denied; reject all: denied', async ({ page, server }) => {
    await page.goto(tcfPage(server));
    await ready(page);
    await page.evaluate(() => (window as any).tcfChoose([2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    await page.goto(tcfPage(server));
    await ready(page);
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'cmp' });
    expect(server.mautic()).toEqual([]);
  });

  test('gdprApplies=false: unset and nothing sent by default; granted (not recorded) with data-cmp-implied', async ({ page, server }) => {
    await page.goto(tcfPage(server, {}, false));
    await ready(page);
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset' });
    expect(server.hits.length).toBe(0);
    await page.goto(tcfPage(server, { 'data-cmp-implied': 'true' }, false));
    await ready(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ source: 'cmp', record: null });
    await expect.poll(() => server.hits.length).toBe(1);
  });

  test('an empty or invalid purpose list is refused with one warning, never read as "all granted"', async ({ page, server }) => {
    for (const list of [',', '1,99']) {
      const warnings: string[] = [];
      page.removeAllListeners('console');
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await page.goto(tcfPage(server, { 'data-cmp-category': list }));
      await ready(page);
      await page.getByRole('button', { name: 'Accept all' }).click();
      await settle(page);
      expect(await state(page)).toMatchObject({ tracking: 'unset' });
      expect(server.hits.length).toBe(0);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('TCF purpose ids');
      await page.context().clearCookies();
    }
  });
});

// Cookiebot and OneTrust cannot be loaded here (their scripts come from their CDNs and need an
// account), so each is emulated from its documented public API:
// - Cookiebot, https://www.cookiebot.com/en/developer/ : `window.Cookiebot` with `consent.necessary`,
//   `.preferences`, `.statistics`, `.marketing` and `.method` ('implied' when given automatically,
//   'explicit' when given by the user, null without consent), `hasResponse`; `renew()`; window
//   events `CookiebotOnDialogDisplay` (the banner is shown), `CookiebotOnAccept` and
//   `CookiebotOnDecline` (also fired on load for a consent given at an earlier visit) and
//   `CookiebotOnConsentReady`.
// - OneTrust, https://developer.onetrust.com/onetrust/docs/javascript-events-guide : the window
//   event `OneTrustGroupsUpdated` (fired each time the script loads and whenever the user updates
//   consent; `detail` = active group ids), `OneTrust.OnConsentChanged(callback)` (when the user's
//   consent changes), `window.OnetrustActiveGroups` (",C0001,C0004,"), `OneTrust.IsAlertBoxClosed()`;
//   default group ids from https://developer.onetrust.com/onetrust/docs/when-consent-changes-new
//   (C0001 strictly necessary, C0002 performance, C0003 functional, C0004 targeting, C0005 social media).

/** Cookiebot stand-in: a dialog with three buttons, its choice kept in the `CookieConsent` cookie. `implied` gives consent automatically. */
const COOKIEBOT = (implied = false) => `<div id="CybotCookiebotDialog" hidden>
  <button id="cb-all">Allow all</button><button id="cb-stats">Allow statistics only</button><button id="cb-deny">Deny</button></div>
<script>(function () {
  var dialog = document.getElementById('CybotCookiebotDialog');
  var fire = function (name) { window.dispatchEvent(new Event(name)); };
  var cb = window.Cookiebot = { consent: { necessary: true, preferences: false, statistics: false, marketing: false, method: null }, hasResponse: false, consented: false, declined: false,
    show: function () { dialog.hidden = false; fire('CookiebotOnDialogDisplay'); },
    renew: function () { document.cookie = 'CookieConsent=; max-age=0; path=/'; set(null); cb.show(); } };
  function set(choice, method) {
    cb.hasResponse = !!choice; cb.consent.method = choice ? method : null;
    ['preferences', 'statistics', 'marketing'].forEach(function (k) { cb.consent[k] = !!choice && choice.indexOf(k) > -1; });
    cb.consented = !!choice && choice.length > 0; cb.declined = !!choice && choice.length === 0;
  }
  function answer(choice) {
    document.cookie = 'CookieConsent=' + encodeURIComponent(JSON.stringify(choice)) + '; path=/';
    set(choice, 'explicit'); dialog.hidden = true;
    fire(cb.consented ? 'CookiebotOnAccept' : 'CookiebotOnDecline'); fire('CookiebotOnConsentReady');
  }
  document.getElementById('cb-all').onclick = function () { answer(['preferences', 'statistics', 'marketing']); };
  document.getElementById('cb-stats').onclick = function () { answer(['statistics']); };
  document.getElementById('cb-deny').onclick = function () { answer([]); };
  var stored = (document.cookie.match(/(?:^|; )CookieConsent=([^;]*)/) || [])[1];
  setTimeout(function () {
    if (stored) { set(JSON.parse(decodeURIComponent(stored)), 'explicit'); fire(cb.consented ? 'CookiebotOnAccept' : 'CookiebotOnDecline'); fire('CookiebotOnConsentReady'); }
    else if (${implied}) { set(['preferences', 'statistics', 'marketing'], 'implied'); fire('CookiebotOnAccept'); fire('CookiebotOnConsentReady'); }
    else cb.show();
  }, 50);
})();</script>`;

/** OneTrust stand-in: a banner with Accept / Reject; `model` 'implied' activates every group without closing the banner (implied-consent regions). */
const ONETRUST = (model: 'opt-in' | 'implied' = 'opt-in') => `<div id="onetrust-banner-sdk" hidden><button id="ot-accept">Accept All Cookies</button><button id="ot-reject">Reject All</button><button id="ot-perf">Performance only</button></div>
<script>(function () {
  var banner = document.getElementById('onetrust-banner-sdk'), changed = [];
  var stored = (document.cookie.match(/(?:^|; )OptanonConsent=([^;]*)/) || [])[1];
  function groups(list) { window.OnetrustActiveGroups = ',' + list.join(',') + ','; window.dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail: list })); }
  function choose(list) {
    document.cookie = 'OptanonConsent=' + list.join('|') + '; path=/'; banner.hidden = true;
    window.OnetrustActiveGroups = ',' + list.join(',') + ',';
    changed.forEach(function (f) { f(); }); groups(list);
  }
  setTimeout(function () {
    window.OneTrust = { IsAlertBoxClosed: function () { return /(?:^|; )OptanonConsent=/.test(document.cookie); }, OnConsentChanged: function (f) { changed.push(f); } };
    document.getElementById('ot-accept').onclick = function () { choose(['C0001', 'C0002', 'C0003', 'C0004']); };
    document.getElementById('ot-reject').onclick = function () { choose(['C0001']); };
    document.getElementById('ot-perf').onclick = function () { choose(['C0001', 'C0002']); };
    if (stored) groups(decodeURIComponent(stored).split('|'));
    else { banner.hidden = false; groups(${model === 'implied'} ? ['C0001', 'C0002', 'C0003', 'C0004'] : ['C0001']); }
  }, 50);
})();</script>`;

function emulatedPage(server: Server, tool: string, attrs: Record<string, string>, path = '/emu.html') {
  server.addPage(path, sdkPage('iife', { head: loaderStub(), attrs, body: tool }));
  return server.url('www.shop.localhost', path);
}

test.describe('Cookiebot (emulated from its documented API): case 7', () => {
  test('defaults to marketing: statistics alone is a no; allow all grants; reload replays without a record; GPC then wins', async ({ page, context, server }) => {
    const url = emulatedPage(server, COOKIEBOT(), { 'data-cmp': 'cookiebot' });
    await page.goto(url);
    await ready(page);
    await page.getByRole('button', { name: 'Allow statistics only' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    expect(server.hits.length).toBe(0);
    await page.evaluate(() => (window as any).Cookiebot.renew()); // the tool forgets and asks again
    await expect.poll(async () => (await state(page)).tracking).toBe('unset');
    await page.getByRole('button', { name: 'Allow all' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ record: { decision: 'granted', source: 'cmp' } });
    await page.reload();
    await ready(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    await expect.poll(() => server.hits.length).toBe(1); // the reloaded page's (the first page's pageview was dropped on the refusal)
    const recorded = await consentRecord(context);
    await enableGpc(context);
    await page.reload();
    await ready(page);
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'gpc' });
    expect(server.hits.length).toBe(1);
    expect(await consentRecord(context)).toBe(recorded);
  });

  test('implied consent is no decision (nothing sent) unless data-cmp-implied (granted, not recorded)', async ({ page, server }) => {
    await page.goto(emulatedPage(server, COOKIEBOT(true), { 'data-cmp': 'cookiebot' }));
    await ready(page);
    await expect.poll(() => page.evaluate(() => (window as any).Cookiebot.consent.method)).toBe('implied');
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset' });
    expect(server.hits.length).toBe(0);
    await page.goto(emulatedPage(server, COOKIEBOT(true), { 'data-cmp': 'cookiebot', 'data-cmp-implied': '' }, '/emu2.html'));
    await ready(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ record: null });
    await expect.poll(() => server.hits.length).toBe(1);
  });
});

test.describe('OneTrust (emulated from its documented API): case 7', () => {
  test('no group id: one clear warning, the tool is not followed, nothing sent; with C0004: followed', async ({ page, server }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(emulatedPage(server, ONETRUST(), { 'data-cmp': 'onetrust' }));
    await ready(page);
    await page.getByRole('button', { name: 'Accept All Cookies' }).click();
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset' });
    expect(server.hits.length).toBe(0);
    expect(warnings).toEqual([expect.stringContaining('OneTrust needs data-cmp-category')]);
    await page.context().clearCookies();
    await page.goto(emulatedPage(server, ONETRUST(), { 'data-cmp': 'onetrust', 'data-cmp-category': 'C0004' }, '/emu2.html'));
    await ready(page);
    await page.getByRole('button', { name: 'Accept All Cookies' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ record: { decision: 'granted', source: 'cmp' } });
    await expect.poll(() => server.hits.length).toBe(1);
  });

  test('performance only is a no for C0004; reload keeps it; reject', async ({ page, server }) => {
    const url = emulatedPage(server, ONETRUST(), { 'data-cmp': 'onetrust', 'data-cmp-category': 'C0004' });
    await page.goto(url);
    await ready(page);
    await page.getByRole('button', { name: 'Performance only' }).click();
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    await page.reload();
    await ready(page);
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'cmp' });
    expect(server.hits.length).toBe(0);
  });

  test('an implied-consent region (banner never closed, groups active): unset unless data-cmp-implied', async ({ page, server }) => {
    await page.goto(emulatedPage(server, ONETRUST('implied'), { 'data-cmp': 'onetrust', 'data-cmp-category': 'C0004' }));
    await ready(page);
    await expect.poll(() => page.evaluate(() => (window as any).OnetrustActiveGroups)).toContain('C0004');
    await settle(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset' });
    expect(server.hits.length).toBe(0);
    await page.goto(emulatedPage(server, ONETRUST('implied'), { 'data-cmp': 'onetrust', 'data-cmp-category': 'C0004', 'data-cmp-implied': 'true' }, '/emu2.html'));
    await ready(page);
    await expect.poll(async () => (await state(page)).tracking).toBe('granted');
    expect(await state(page)).toMatchObject({ record: null });
    await expect.poll(() => server.hits.length).toBe(1);
  });
});
