// Each consent-tool adapter, driven by a stand-in that behaves as the tool's public API documents.
// The core loads the adapter's own script (dist/cmp/{name}.min.js) because of data-cmp.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

/** Stand-ins: each defines the tool's documented globals and events, and `standIn.answer(...)`. */
const STAND_INS: Record<string, string> = {
  // IAB TCF v2.2 CMP API: addEventListener calls back at once and on every status change.
  tcf: `(function () {
    var listeners = [], next = 0, data = { gdprApplies: true, eventStatus: 'cmpuishown', purpose: { consents: {} }, publisher: { consents: {} } };
    window.__tcfapi = function (command, version, callback, parameter) {
      if (command === 'addEventListener') { var l = { id: ++next, cb: callback }; listeners.push(l); callback(Object.assign({}, data, { listenerId: l.id }), true); }
      else if (command === 'removeEventListener') { listeners = listeners.filter(function (l) { return l.id !== parameter; }); callback(true); }
    };
    window.standIn = { answer: function (yes) {
      data = Object.assign({}, data, { eventStatus: 'useractioncomplete', purpose: { consents: {} }, publisher: { consents: { 1: yes, 2: true, 5: true, 6: true } } });
      listeners.forEach(function (l) { l.cb(Object.assign({}, data, { listenerId: l.id }), true); });
    }, listeners: function () { return listeners.length; } };
  })();`,
  // vanilla-cookieconsent v3: window.CookieConsent, events cc:onConsent / cc:onChange on window.
  cookieconsent: `(function () {
    var accepted = null;
    window.CookieConsent = { validConsent: function () { return accepted !== null; }, acceptedCategory: function (c) { return !!accepted && accepted.indexOf(c) > -1; } };
    window.standIn = { answer: function (yes) {
      var first = accepted === null;
      accepted = yes ? ['necessary', 'analytics'] : ['necessary'];
      var detail = { detail: { cookie: { categories: accepted } } };
      window.dispatchEvent(new CustomEvent(first ? 'cc:onFirstConsent' : 'cc:onChange', detail));
      if (first) window.dispatchEvent(new CustomEvent('cc:onConsent', detail));
    } };
  })();`,
  // Klaro: klaro.getManager() with confirmed, getConsent(name), watch(watcher) → update(manager, 'saveConsents', data). Loads late.
  klaro: `(function () {
    var watchers = [], consents = {};
    var manager = { confirmed: false, getConsent: function (s) { return !!consents[s]; },
      watch: function (w) { watchers.push(w); }, unwatch: function (w) { watchers = watchers.filter(function (x) { return x !== w; }); } };
    setTimeout(function () { window.klaro = { getManager: function () { return manager; } }; }, 300);
    window.standIn = { answer: function (yes) {
      consents.mautic = yes; manager.confirmed = true;
      watchers.forEach(function (w) { w.update(manager, 'saveConsents', { consents: consents }); });
    } };
  })();`,
  // Cookiebot: window.Cookiebot.consent.{statistics,…,method}, hasResponse, window events CookiebotOnDialogDisplay / CookiebotOnAccept / CookiebotOnDecline.
  cookiebot: `(function () {
    window.Cookiebot = { hasResponse: false, consent: { necessary: true, preferences: false, statistics: false, marketing: false, method: null } };
    window.standIn = { answer: function (yes) {
      window.dispatchEvent(new Event('CookiebotOnDialogDisplay'));
      Cookiebot.hasResponse = true; Cookiebot.consent.statistics = yes; Cookiebot.consent.marketing = yes; Cookiebot.consent.method = 'explicit';
      window.dispatchEvent(new Event(yes ? 'CookiebotOnAccept' : 'CookiebotOnDecline'));
    } };
  })();`,
  // OneTrust: OnetrustActiveGroups, OneTrust.IsAlertBoxClosed(), OneTrust.OnConsentChanged(fn), OneTrustGroupsUpdated event.
  onetrust: `(function () {
    var closed = false, callbacks = [];
    window.OnetrustActiveGroups = ',C0001,';
    window.OneTrust = { IsAlertBoxClosed: function () { return closed; }, OnConsentChanged: function (f) { callbacks.push(f); } };
    window.standIn = { answer: function (yes) {
      closed = true; window.OnetrustActiveGroups = yes ? ',C0001,C0002,' : ',C0001,';
      callbacks.forEach(function (f) { f(); });
      window.dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail: window.OnetrustActiveGroups.split(',').filter(Boolean) }));
    } };
  })();`,
  // Mautic 7.2 split scripts: mautic-tracking.js sets MauticJS.trackingEnabled and dispatches mautic:tracking-enabled.
  mautic: `(function () {
    window.standIn = { answer: function () {
      window.MauticJS = Object.assign(window.MauticJS || {}, { trackingEnabled: true });
      document.dispatchEvent(new Event('mautic:tracking-enabled'));
    } };
  })();`,
};

const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());
const answer = (page: Page, yes: boolean) => page.evaluate((y) => (window as any).standIn.answer(y), yes);

for (const name of Object.keys(STAND_INS)) {
  test(`${name}: the tool's answer becomes grant / deny with source cmp`, async ({ page, server }) => {
    const attrs: Record<string, string> = name === 'onetrust' ? { 'data-cmp': name, 'data-cmp-category': 'C0002' } : { 'data-cmp': name };
    server.addPage('/shop.html', sdkPage('iife', { head: `<script>${STAND_INS[name]}</script>${loaderStub()}`, attrs }));
    await page.goto(server.url('www.shop.localhost', '/shop.html'));
    await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
    await page.waitForLoadState('networkidle');
    expect(await state(page)).toMatchObject({ tracking: 'unset' });
    expect(server.mautic()).toEqual([]);
    await expect.poll(async () => { await answer(page, true); return (await state(page)).tracking; }).toBe('granted');
    await expect.poll(() => server.hits.length).toBe(1);
    // Mautic's split scripts signal only a grant, on every page: never the visitor's own action, never recorded.
    if (name === 'mautic') return expect(await state(page)).toMatchObject({ source: 'cmp', record: null });
    expect(await state(page)).toMatchObject({ source: 'cmp', record: { source: 'cmp', decision: 'granted' } });
    await answer(page, false);
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    expect(await state(page)).toMatchObject({ source: 'cmp' });
    expect((await page.context().cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
  });
}

test('the category is configurable, and an unknown tool gives one warning', async ({ page, server }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  server.addPage('/a.html', sdkPage('iife', { head: `<script>${STAND_INS.cookiebot}</script>`, attrs: { 'data-cmp': 'cookiebot', 'data-cmp-category': 'preferences' } }));
  await page.goto(server.url('www.shop.localhost', '/a.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.waitForLoadState('networkidle');
  await answer(page, true); // statistics and marketing yes, preferences no
  await expect.poll(async () => (await state(page)).tracking).toBe('denied');
  server.addPage('/b.html', sdkPage('iife', { attrs: { 'data-cmp': 'usercentrics' } }));
  await page.goto(server.url('www.shop.localhost', '/b.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  expect(warnings).toEqual(['[mautic-consent] data-cmp="usercentrics" invalid, see README#w-option']);
});

test('ESM: followTcf stops listening when asked', async ({ page, server }) => {
  server.addPage('/esm.html', `<!doctype html><title>esm</title><script>${STAND_INS.tcf}</script>
    <script type="module">
      import { createConsent, followTcf } from '/dist/mautic-consent.mjs';
      window.MauticConsent = createConsent({ mauticUrl: '{{MAUTIC}}', cmp: 'tcf' });
      window.stop = followTcf(window.MauticConsent, { category: '1,2' });
    </script>`);
  await page.goto(server.url('www.shop.localhost', '/esm.html'));
  await page.waitForFunction(() => !!(window as any).stop);
  await answer(page, true);
  expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'cmp' });
  await page.evaluate(() => (window as any).stop());
  expect(await page.evaluate(() => (window as any).standIn.listeners())).toBe(0);
  await answer(page, false);
  expect(await state(page)).toMatchObject({ tracking: 'granted' });
});
