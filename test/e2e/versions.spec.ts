// The guarantees against each Mautic line sites run (README "Mautic versions"): the double's
// version switch serves 5.2, 6.0, 7.1, and 7.2 (7.x with the split website scripts, and the split
// focus scripts where `focusSplit` is on). Then Mautic 7's own scripts beside the SDK.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, rawRequest, storageDump, type DoubleConfig, type Server } from './fixtures';
import { loaderStub, sdkPage, type PageOptions } from './support/pages';
// @ts-expect-error: plain ESM module without types
import { VERSIONS, PAGEVIEW_FIELDS } from '../mautic-double/server.mjs';

const SITE = 'www.shop.localhost';
const versions = VERSIONS as DoubleConfig['version'][];
const fields = PAGEVIEW_FIELDS as Record<string, string[]>;
const isSplit = (version: string) => version === '7.2';

interface Console { warnings: string[]; debug: string[] }

async function open(page: Page, server: Server, o: PageOptions = {}): Promise<Console> {
  server.addPage('/v.html', sdkPage('iife', o));
  const seen: Console = { warnings: [], debug: [] };
  page.on('console', (m) => {
    if (m.type() === 'warning') seen.warnings.push(m.text());
    if (m.type() === 'debug') seen.debug.push(m.text());
  });
  await page.goto(server.url(SITE, '/v.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  return seen;
}

/** Nothing on either host: no cookie, no storage entry, and no Mautic request that carried one. */
async function expectNoTrace(context: BrowserContext, page: Page, server: Server) {
  expect(await context.cookies()).toEqual([]);
  expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
  for (const r of server.mautic()) expect(r.cookies).toEqual({});
}

const grant = (page: Page) => page.evaluate(() => (window as any).MauticConsent.grant({ source: 'user' }));
/** Paths Mautic was asked for, preflights left out. */
const paths = (server: Server, prefix: string) => server.mautic(prefix).filter((r) => r.method !== 'OPTIONS').map((r) => r.path);

test('the double serves each line: split scripts from 7.2, split focus scripts only where switched on', async ({ server }) => {
  const get = async (path: string) => (await rawRequest(server, 'm.shop.localhost', path, 'GET')).status;
  const answers = async () => Promise.all(['/mtc.js', '/mautic-essential.js', '/mautic-tracking.js', '/focus/5.js', '/focus/5/display.js', '/focus/5/tracking.js'].map(get));
  for (const version of ['5.2', '6.0', '7.1'] as const) {
    server.configure({ version, focusSplit: true });
    expect(await answers()).toEqual([200, 404, 404, 200, 404, 404]);
  }
  server.configure({ version: '7.2', focusSplit: false });
  expect(await answers()).toEqual([200, 200, 200, 200, 404, 404]);
  server.configure({ focusSplit: true });
  expect(await answers()).toEqual([200, 200, 200, 200, 200, 200]);
  const display = await rawRequest(server, 'm.shop.localhost', '/focus/5/display.js', 'GET');
  expect(display.headers).toMatchObject({ 'content-type': 'application/javascript', 'cache-control': 'private, no-store' });
  expect(display.body).not.toContain('viewpixel.gif\'>');
  expect((await rawRequest(server, 'm.shop.localhost', '/focus/5.js', 'GET')).body).toContain('MauticFocusItems');
  expect(() => server.configure({ version: '8.0' as any })).toThrow(/unknown Mautic version 8.0/);
  expect(server.hits).toEqual([]);
});

for (const version of versions) {
  test.describe(`Mautic ${version}`, () => {
    test.beforeEach(({ server }) => server.configure({ version, focusSplit: true }));

    test('nothing before consent; then each pageview is field for field what this line\'s own script sends', async ({ page, context, server, requests }) => {
      await open(page, server, { head: loaderStub('mt', `mt('send', 'pageview'); mt('send', 'pageview', { tags: 'spring' });`) });
      await page.waitForLoadState('networkidle');
      expect(requests.filter((r) => r.host.startsWith('m.'))).toEqual([]);
      expect(server.mautic()).toEqual([]);
      await expectNoTrace(context, page, server);
      // Positive control: the same detectors see the pageviews once granted.
      await grant(page);
      await expect.poll(() => server.hits.length).toBe(2);
      expect(requests.filter((r) => r.host.startsWith('m.')).length).toBeGreaterThan(0);
      const [first, second] = server.mautic('/mtc/event').filter((r) => r.method === 'POST');
      expect(Object.keys(first.body)).toEqual(fields[version]);
      expect(Object.keys(second.body)).toEqual([...fields[version], 'mautic_device_id', 'tags']);
      expect(second.body.mautic_device_id).toBe(server.hits[0].deviceId);
      for (const r of server.mautic()) expect(r.cookies).toEqual({});
    });

    test('revokeAndPurge deletes what the pageview left and keeps the refusal', async ({ page, context, server }) => {
      await open(page, server, { head: loaderStub() });
      await grant(page);
      await expect.poll(async () => (await context.cookies()).map((c) => c.name).sort()).toEqual(['mautic_consent', 'mautic_device_id', 'mtc_id']);
      const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge());
      expect(report.deleted.map((i: any) => i.name)).toEqual(expect.arrayContaining(['mautic_device_id', 'mtc_id']));
      expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
      expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
    });

    test('a form renders and submits before consent with no cookie and no identity', async ({ page, context, server }) => {
      await open(page, server, { body: '<div id="slot" data-mautic-form="3"><a href="{{MAUTIC}}/form/3">Form</a></div>' });
      await page.fill('#slot input[name="mauticform[email]"]', 'ann@example.com');
      await page.click('#slot button[type=submit]');
      await expect(page.locator('#slot .mauticform-message')).toHaveText('Thank you, you are subscribed.');
      expect(server.submissions).toMatchObject([{ formId: 3, values: { email: 'ann@example.com' }, deviceParam: null }]);
      await page.waitForLoadState('networkidle');
      await expectNoTrace(context, page, server);
    });

    test('dynamic content: the fallback with no request before consent, personalised after', async ({ page, server }) => {
      await open(page, server, { head: loaderStub(), body: '<div id="dwc" data-mautic-dwc="hero">Hello, stranger.</div>' });
      await page.waitForLoadState('networkidle');
      expect(server.mautic('/dwc/')).toEqual([]);
      await grant(page);
      await expect.poll(() => server.hits.length).toBe(1);
      await page.reload();
      await expect(page.locator('#dwc')).toHaveText(`Welcome back, contact #${server.hits[0].contactId}!`);
      // Asked once without an identity at the grant (204), once with it after the reload.
      expect(server.mautic('/dwc/').filter((r) => r.method === 'GET').map((r) => r.query.mautic_device_id)).toEqual([undefined, server.hits[0].deviceId]);
    });

    test(`focus item: not before consent; after it, ${isSplit(version) ? 'display.js then tracking.js' : 'the combined script'}, its view counted without cookies`, async ({ page, context, server }) => {
      const seen = await open(page, server, { head: loaderStub(), body: '<div data-mautic-focus="5"></div>', attrs: { 'data-debug': true } });
      await page.waitForLoadState('networkidle');
      expect(server.mautic('/focus/')).toEqual([]);
      await expectNoTrace(context, page, server);
      await grant(page);
      await expect(page.locator('.mautic-focus')).toBeVisible();
      await expect.poll(() => server.focusViews.length).toBe(1);
      await expect.poll(() => page.evaluate(() => localStorage.getItem('mautic_device_id'))).toBeTruthy();
      // A returning visitor: the identity is known before the item loads.
      server.clearLog();
      server.focusViews.length = 0;
      await page.reload();
      await expect(page.locator('.mautic-focus')).toBeVisible();
      await expect.poll(() => server.focusViews.length).toBe(1);
      await page.waitForLoadState('networkidle');
      const { deviceId } = server.hits[0];
      expect(server.focusViews).toEqual([{ focusId: 5, contactId: expect.any(Number), cookies: {} }]);
      expect((await context.cookies()).filter((c) => c.domain.startsWith('m.'))).toEqual([]);
      expect(server.mautic('/focus/5.js').filter((r) => r.method === 'GET')[0].query).toEqual({ mautic_device_id: deviceId });
      if (isSplit(version)) {
        // The combined script only told that the split exists; it never ran (it would have added
        // tracking.js itself, a second time and with cookies).
        expect(paths(server, '/focus/').sort()).toEqual(['/focus/5.js', '/focus/5/display.js', '/focus/5/tracking.js', '/focus/5/viewpixel.gif']);
        // display.js takes no identity; Mautic's tracking layer gets it as a parameter, never a cookie.
        expect(server.mautic('/focus/5/display.js')[0].query).toEqual({});
        expect(server.mautic('/focus/5/tracking.js').filter((r) => r.method === 'GET').map((r) => r.query)).toEqual([{ mautic_device_id: deviceId }]);
        expect(seen.debug).toContain('[mautic-consent] focus 5: split scripts, /focus/5/display.js + /focus/5/tracking.js.');
      } else {
        expect(paths(server, '/focus/')).toEqual(['/focus/5.js', '/focus/5/viewpixel.gif']);
        expect(seen.debug).toContain('[mautic-consent] focus 5: combined script /focus/5.js (no split focus scripts on the server).');
      }
      for (const r of server.mautic()) expect(r.cookies).toEqual({});
      expect(seen.warnings).toEqual([]);
    });

    test(`kiosk focus item: nothing before consent (Mautic's script runs in the page); after it ${isSplit(version) ? 'display-only, no tracking at all' : 'the combined script, anonymous'}, nothing of its own stored`, async ({ page, context, server }) => {
      await open(page, server, { body: '<div data-mautic-focus="5" data-mautic-kiosk></div>' });
      await page.waitForLoadState('networkidle');
      expect(paths(server, '/focus/')).toEqual([]);
      expect(await page.locator('.mautic-focus').count()).toBe(0);
      await expectNoTrace(context, page, server);
      // Positive control: the same item shows once the visitor consents.
      await grant(page);
      await expect(page.locator('.mautic-focus')).toBeVisible();
      await page.click('.mautic-focus-close');
      await page.waitForLoadState('networkidle');
      if (isSplit(version)) {
        // A kiosk item is never tracked: display.js only.
        expect(paths(server, '/focus/')).toEqual(['/focus/5.js', '/focus/5/display.js']);
        expect(server.focusViews).toEqual([]);
      } else {
        expect(paths(server, '/focus/')).toEqual(['/focus/5.js', '/focus/5/viewpixel.gif']);
        expect(server.focusViews).toHaveLength(1);
      }
      // Cookie-free: no identity to Mautic, no cookie either way, and the close is not remembered.
      for (const r of server.mautic('/focus/')) {
        expect(r.cookies).toEqual({});
        expect(r.query.mautic_device_id).toBeUndefined();
      }
      expect((await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('mautic_focus'))).toEqual([]);
    });
  });
}

test.describe('focus script choice', () => {
  test('auto learns the split from the first item only; split asks for display.js at once, and insists', async ({ page, server }) => {
    server.configure({ version: '7.2', focusSplit: true });
    const twoItems = '<div data-mautic-focus="5" data-mautic-kiosk></div><div id="later"></div>';
    await open(page, server, { body: twoItems });
    await grant(page); // focus items, kiosk ones too, load only with consent
    await expect(page.locator('.mautic-focus')).toHaveCount(1);
    await page.evaluate(() => document.getElementById('later')!.innerHTML = '<div data-mautic-focus="6" data-mautic-kiosk></div>');
    await expect(page.locator('.mautic-focus')).toHaveCount(2);
    expect(paths(server, '/focus/')).toEqual(['/focus/5.js', '/focus/5/display.js', '/focus/6/display.js']);

    server.clearLog();
    await open(page, server, { body: twoItems, attrs: { 'data-focus-scripts': 'split' } });
    await grant(page);
    await expect(page.locator('.mautic-focus')).toHaveCount(1);
    expect(paths(server, '/focus/')).toEqual(['/focus/5/display.js']);

    server.clearLog();
    server.configure({ version: '6.0' });
    const seen = await open(page, server, { body: twoItems, attrs: { 'data-focus-scripts': 'split' } });
    await grant(page);
    await expect.poll(() => seen.warnings).toEqual([`[mautic-consent] focus item 5 could not be loaded from ${server.url('m.shop.localhost', '')} (Error: no script at /focus/5/display.js).`]);
    expect(paths(server, '/focus/')).toEqual(['/focus/5/display.js']);
    expect(await page.locator('.mautic-focus').count()).toBe(0);
  });

  test('a bad data-focus-scripts value gives one warning and the safe default', async ({ page, server }) => {
    const seen = await open(page, server, { attrs: { 'data-focus-scripts': 'both' } });
    expect(seen.warnings).toEqual(['[mautic-consent] data-focus-scripts="both" invalid, see README#w-option']);
  });
});

/** Mautic 7's consent-managed "essential script" snippet: loads the runtime, then says it is ready. */
const ESSENTIAL_SNIPPET = `<script src="{{MAUTIC}}/mautic-essential.js" onload="MauticJS.dispatchEvent('mauticEssentialReady')"></script>`;

test.describe('Mautic 7 scripts beside the SDK', () => {
  test.beforeEach(({ server }) => server.configure({ version: '7.2' }));

  test('mautic-essential.js may stay: no second request, no second pageview, and the SDK never enables Mautic\'s tracking', async ({ page, context, server }) => {
    const seen = await open(page, server, {
      head: ESSENTIAL_SNIPPET + loaderStub(),
      body: '<div id="dwc" data-mautic-dwc="hero">Hello, stranger.</div><script>document.addEventListener("mautic:tracking-enabled", () => window.trackingEnabledEvents = (window.trackingEnabledEvents || 0) + 1)</script>',
      attrs: { 'data-debug': true },
    });
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as any).essentialRuns)).toBe(1);
    // Before consent the runtime asks Mautic for nothing, and neither do we.
    expect(paths(server, '/')).toEqual(['/mautic-essential.js']);
    await expectNoTrace(context, page, server);
    await grant(page);
    await expect.poll(() => server.hits.length).toBe(1);
    await page.evaluate(() => (window as any).mt('send', 'pageview'));
    await expect.poll(() => server.hits.length).toBe(2);
    await page.reload();
    await expect(page.locator('#dwc')).toHaveText(/Welcome back/);
    await page.waitForLoadState('networkidle');
    // One pageview per mt() call, one dynamic-content request per slot: nothing twice.
    const sent = server.mautic().filter((r) => r.method !== 'OPTIONS' && r.path !== '/mautic-essential.js');
    expect(sent.map((r) => r.path).sort()).toEqual(['/dwc/hero', '/dwc/hero', '/mtc/event', '/mtc/event', '/mtc/event']);
    expect(server.hits).toHaveLength(3);
    expect(server.mautic('/mautic-tracking.js')).toEqual([]);
    expect(await page.evaluate(() => [(window as any).MauticJS.trackingEnabled, (window as any).MauticJS.requestWithCredentials, (window as any).trackingEnabledEvents])).toEqual([false, false, undefined]);
    for (const r of server.mautic()) expect(r.cookies).toEqual({});
    expect(seen.warnings).toEqual([]);
    expect(seen.debug).toContain('[mautic-consent] mautic-essential.js seen');
  });

  test('Mautic\'s tracking add-on beside the SDK is named in one warning with the fix', async ({ page, server }) => {
    const seen = await open(page, server, { head: ESSENTIAL_SNIPPET + loaderStub() });
    await grant(page);
    await expect.poll(() => server.hits.length).toBe(1);
    expect(seen.warnings).toEqual([]);
    // The consent tool runs the add-on after consent: it tracks a second time, with credentials.
    await page.evaluate((src) => {
      const s = document.createElement('script');
      s.id = 'mautic-tracking-script';
      s.src = src;
      document.body.append(s);
    }, server.url('m.shop.localhost', '/mautic-tracking.js'));
    await expect.poll(() => server.hits.length).toBe(2);
    await expect.poll(() => seen.warnings.length).toBe(1);
    expect(seen.warnings[0]).toBe('[mautic-consent] mautic-tracking.js or mtc.js runs too, see README#w-mautic-tracking');
  });
});
