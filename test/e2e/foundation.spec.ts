import type { Page } from '@playwright/test';
import { test, expect, storageDump, enableGpc, enableDnt } from './fixtures';
import { BUILDS, loaderStub, sdkPage } from './support/pages';

/** Waits until the SDK has started and the network is quiet: absence needs a wait (toolchain G9). */
async function ready(page: Page) {
  await page.waitForFunction(() => !!(window as unknown as { MauticConsent?: { state?: unknown } }).MauticConsent?.state);
  await page.waitForLoadState('networkidle');
}
const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());
const mauticHosts = (urls: { host: string }[]) => urls.filter((r) => /^(m|mautic)\./.test(r.host));

for (const build of BUILDS) {
  test.describe(`${build} build`, () => {
    test('stores nothing and sends nothing to Mautic before consent; grant is seen by the same detectors', async ({ page, context, server, requests }) => {
      server.addPage('/shop.html', sdkPage(build, { head: loaderStub() }));
      await page.goto(server.url('www.shop.localhost', '/shop.html'));
      await ready(page);
      expect(await state(page)).toMatchObject({ tracking: 'unset', source: 'default', record: null });
      expect(mauticHosts(requests)).toEqual([]);
      expect(server.mautic()).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });

      // Positive control: the same detectors see the pageview, the record and the identity after a grant.
      await page.click('#grant');
      await expect.poll(() => server.mautic('/mtc/event').filter((r) => r.method === 'POST').length).toBe(1);
      expect(mauticHosts(requests).length).toBeGreaterThan(0);
      // The identity is stored when Mautic's answer arrives, a moment after the server saw the request.
      await expect
        .poll(async () => (await context.cookies()).map((c) => `${c.name}@${c.domain}`).sort())
        .toEqual(['mautic_consent@www.shop.localhost', 'mautic_device_id@www.shop.localhost', 'mtc_id@www.shop.localhost']);
      expect(Object.keys((await storageDump(page)).localStorage).sort()).toEqual(['mautic_device_id', 'mtc_id']);
    });

    test('grant sends exactly one pageview per mt() call, with the protocol fields, and no Mautic-host cookie', async ({ page, context, server }) => {
          server.addPage('/shop.html', sdkPage(build, {
        title: 'Spring sale',
        head: loaderStub('mt', `mt('send', 'pageview'); mt('send', 'pageview', { tags: 'sale', email: 'x@y.z' });`),
      }));
      await page.goto(server.url('www.shop.localhost', '/shop.html?utm_source=news&ct=abc#top'));
      await ready(page);
      await page.evaluate(() => (window as any).MauticConsent.grant({ source: 'user' }));
      await expect.poll(() => server.hits.length).toBe(2);
      await page.evaluate(() => (window as any).mt('send', 'pageview'));
      await expect.poll(() => server.hits.length).toBe(3);
      await page.waitForLoadState('networkidle');

      const posts = server.mautic('/mtc/event').filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(3);
      const [first, second, third] = posts;
      expect(first.headers['x-requested-with']).toBe('XMLHttpRequest');
      expect(first.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      // Mautic's fields in mtc.js's order, then the click-through taken from the address bar (purge issue).
      expect(Object.keys(first.body)).toEqual([
        'page_title', 'page_language', 'preferred_locale', 'page_referrer', 'page_url', 'counter',
        'timezone_offset', 'resolution', 'platform', 'do_not_track', 'timezone', 'ct',
      ]);
      expect(first.body).toMatchObject({
        page_title: 'Spring sale', page_language: 'en-US', preferred_locale: 'en_US', page_referrer: '',
        page_url: server.url('www.shop.localhost', '/shop.html?utm_source=news#top'), ct: 'abc',
        counter: '0', platform: 'Linux', do_not_track: 'false',
      });
      expect(first.body.resolution).toMatch(/^\d+x\d+$/);
      // Identity from the first answer travels as a parameter on the next ones (guarantee 4).
      const device = server.hits[0].deviceId;
      expect(second.body).toMatchObject({ counter: '1', tags: 'sale', email: 'x@y.z', mautic_device_id: device });
      expect(third.body).toMatchObject({ counter: '2', mautic_device_id: device });
      expect(new Set(server.hits.map((h) => h.contactId)).size).toBe(1);
      // No credentials ever went to Mautic, so no Mautic-host cookie exists.
      for (const r of server.mautic()) expect(r.cookies).toEqual({});
      const cookies = await context.cookies();
      expect(cookies.filter((c) => c.domain.includes('m.shop'))).toEqual([]);
      expect(cookies.find((c) => c.name === 'mautic_device_id')).toMatchObject({ value: device, domain: 'www.shop.localhost', path: '/' });
      expect(await page.evaluate(() => localStorage.getItem('mautic_device_id'))).toBe(device);
    });

    test('the DOM events of mtc.js are dispatched', async ({ page, server }) => {
      server.addPage('/shop.html', sdkPage(build, {
        head: `<script>
          window.seen = [];
          document.addEventListener('eventAddedToMauticQueue', (e) => seen.push(['queued', e.detail[0], e.detail[1]]));
          document.addEventListener('mauticPageEventDelivered', (e) => seen.push(['delivered', e.detail.response.id, e.detail.params.counter]));
        </script>${loaderStub()}`,
        attrs: {},
      }));
      await page.goto(server.url('www.shop.test', '/shop.html'));
      await ready(page);
      await page.click('#grant');
      await page.evaluate(() => (window as any).mt('send', 'pageview'));
      await expect.poll(() => page.evaluate(() => (window as any).seen.length)).toBe(3);
      const seen = await page.evaluate(() => (window as any).seen);
      const contact = server.hits[0].contactId;
      expect(seen).toHaveLength(3);
      expect(seen).toEqual(expect.arrayContaining([['queued', 'send', 'pageview'], ['delivered', contact, '0'], ['delivered', contact, '1']]));
      // The replayed command from before the SDK loaded is not announced, as in mtc.js.
      expect(seen.filter((e: unknown[]) => e[0] === 'queued')).toHaveLength(1);
    });

    test('deny drops the pageviews that waited', async ({ page, context, server, requests }) => {
      server.addPage('/shop.html', sdkPage(build, { head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview');`) }));
      await page.goto(server.url('www.shop.test', '/shop.html'));
      await ready(page);
      await page.click('#deny');
      await page.click('#grant');
      await page.waitForLoadState('networkidle');
      expect(server.mautic()).toEqual([]);
      expect(mauticHosts(requests)).toEqual([]);
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user' });
      // Positive control: a pageview asked for after the grant does go out.
      await page.evaluate(() => (window as any).mt('send', 'pageview'));
      await expect.poll(() => server.hits.length).toBe(1);
      expect((await context.cookies()).map((c) => c.name)).toContain('mautic_consent');
    });

    test('a returning visitor gets the stored decision, and their identity, at once', async ({ page, server }) => {
      server.addPage('/shop.html', sdkPage(build, { head: loaderStub() }));
      await page.goto(server.url('www.shop.test', '/shop.html'));
      await ready(page);
      await page.click('#grant');
      await expect.poll(() => server.hits.length).toBe(1);
      const first = await state(page);
      await page.reload();
      await ready(page);
      await expect.poll(() => server.hits.length).toBe(2);
      expect(await state(page)).toEqual(first);
      expect(server.hits[1]).toMatchObject({ contactId: server.hits[0].contactId, deviceId: server.hits[0].deviceId });
      expect(server.hits[1].params.mautic_device_id).toBe(server.hits[0].deviceId);
    });

    test('a tampered consent record is ignored with one warning', async ({ page, context, server }) => {
      const warnings: string[] = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await context.addCookies([{ name: 'mautic_consent', value: encodeURIComponent('{"v":1,"d":"g","s":"user"}'), domain: 'www.shop.test', path: '/' }]);
      server.addPage('/shop.html', sdkPage(build, { head: loaderStub() }));
      await page.goto(server.url('www.shop.test', '/shop.html'));
      await ready(page);
      expect(await state(page)).toMatchObject({ tracking: 'unset', record: null });
      expect(server.mautic()).toEqual([]);
      // The minified script tag says it short, with the README anchor; the ESM build in a sentence.
      expect(warnings).toEqual([build === 'iife' ? '[mautic-consent] mautic_consent invalid, see README#w-record' : '[mautic-consent] invalid mautic_consent cookie ignored.']);
    });
  });
}

for (const [signal, enable, source] of [
  ['GPC', enableGpc, 'gpc'],
  ['DNT', enableDnt, 'dnt'],
] as const) {
  for (const build of BUILDS) {
    test(`${build}: ${signal} denies by default, stores and sends nothing, and an explicit grant still works`, async ({ page, context, server, requests }) => {
      await enable(context);
      server.addPage('/shop.html', sdkPage(build, { head: loaderStub() }));
      await page.goto(server.url('www.shop.test', '/shop.html'));
      await ready(page);
      expect(await state(page)).toMatchObject({ tracking: 'denied', source, record: null, signals: { [source]: true } });
      expect(await context.cookies()).toEqual([]);
      expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
      expect(mauticHosts(requests)).toEqual([]);

      await page.click('#grant');
      await page.evaluate(() => (window as any).mt('send', 'pageview'));
      await expect.poll(() => server.hits.length).toBe(1);
      const s = await state(page);
      expect(s).toMatchObject({ tracking: 'granted', source: 'user', record: { decision: 'granted', source: 'user', signals: { [source]: true } } });
      // The override survives the next page, with the signal still on.
      await page.reload();
      await ready(page);
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user' });
    });
  }
}

test('respecting signals can be switched off by attribute', async ({ page, context, server }) => {
  await enableGpc(context);
  server.addPage('/shop.html', sdkPage('iife', { attrs: { 'data-respect-gpc': 'false' } }));
  await page.goto(server.url('www.shop.test', '/shop.html'));
  await ready(page);
  expect(await state(page)).toMatchObject({ tracking: 'unset', source: 'default', signals: { gpc: true } });
});

test('the unchanged Mautic loader snippet works when only its URL is swapped', async ({ page, server }) => {
  server.addPage('/snippet.html', `<!doctype html><html><head><title>Snippet</title><script>
    (function (w, d, t, u, n, a, m) {
      w['MauticTrackingObject'] = n;
      w[n] = w[n] || function () { (w[n].q = w[n].q || []).push(arguments) }, a = d.createElement(t),
        m = d.getElementsByTagName(t)[0]; a.async = 1; a.src = u; m.parentNode.insertBefore(a, m)
    })(window, document, 'script', '/dist/mautic-consent.min.js?mautic-url={{MAUTIC}}', 'mtq');
    mtq('send', 'pageview');
    mtq('consent', 'grant');
  </script></head><body></body></html>`);
  await page.goto(server.url('www.shop.test', '/snippet.html'));
  await expect.poll(() => server.hits.length).toBe(1);
  expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'api' });
});

test('a missing data-mautic-url gives one warning naming it, and the page keeps working', async ({ page, server }) => {
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  server.addPage('/shop.html', sdkPage('iife', { attrs: { 'data-mautic-url': '', 'data-revision': 'two' }, head: loaderStub() }));
  await page.goto(server.url('www.shop.test', '/shop.html'));
  await ready(page);
  await page.click('#grant');
  await page.waitForLoadState('networkidle');
  expect(warnings).toEqual([
    '[mautic-consent] data-mautic-url missing, see README#w-mautic-url',
    '[mautic-consent] data-revision="two" invalid, see README#w-option',
  ]);
  expect(errors).toEqual([]);
  expect(server.mautic()).toEqual([]);
  expect(await state(page)).toMatchObject({ tracking: 'granted' });
});

test('without CORS on Mautic the pixel carries the pageview, still without cookies', async ({ page, context, server }) => {
  server.configure({ corsOrigins: [] });
  server.addPage('/shop.html', sdkPage('iife', { head: loaderStub() }));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await ready(page);
  await page.click('#grant');
  await expect.poll(() => server.mautic('/mtracking.gif').length).toBe(1);
  await page.waitForLoadState('networkidle');
  for (const r of server.mautic()) expect(r.cookies).toEqual({});
  expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
  expect(server.mautic('/mtracking.gif')[0].query).toMatchObject({ counter: '0', page_title: 'Shop' });
});

test('Mautic on another site: no third-party cookie even where the browser allows them, and legacy ones are never sent', async ({ thirdParty, server }) => {
  // What legacy mtc.js left on the Mautic host: must not travel with our requests.
  await thirdParty.addCookies([{ name: 'mautic_device_id', value: 'legacy0000000000000000a', domain: 'mautic.other.localhost', path: '/', secure: true, sameSite: 'None' }]);
  server.addPage('/shop.html', sdkPage('iife', { attrs: { 'data-mautic-url': '{{MAUTIC_CROSS}}' }, head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview');`) }));
  const page = await thirdParty.newPage();
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await ready(page);
  await page.click('#grant');
  await expect.poll(() => server.hits.length).toBe(2);
  await page.waitForLoadState('networkidle');
  expect(server.hits.every((h) => h.host === 'mautic.other.localhost')).toBe(true);
  for (const r of server.mautic()) expect(r.cookies).toEqual({});
  expect(server.hits[1].params.mautic_device_id).toBe(server.hits[0].deviceId);
  const onMautic = (await thirdParty.cookies()).filter((c) => c.domain.includes('other')).map((c) => `${c.name}=${c.value}`);
  expect(onMautic).toEqual(['mautic_device_id=legacy0000000000000000a']);
});

test('kiosk mode never stores anything, even after a grant', async ({ page, context, server }) => {
  server.addPage('/shop.html', sdkPage('iife', { attrs: { 'data-kiosk': true }, head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview');`) }));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await ready(page);
  await page.click('#grant');
  await expect.poll(() => server.hits.length).toBe(2);
  await page.waitForLoadState('networkidle');
  expect(await context.cookies()).toEqual([]);
  expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
  expect(server.hits[1].params.mautic_device_id).toBeUndefined();
});
