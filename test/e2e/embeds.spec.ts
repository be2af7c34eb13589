// Forms, assets, focus items, dynamic content and gated scripts, against the Mautic double:
// before consent (works, zero cookies on both hosts), after consent (tracked, identity sent),
// kiosk (never tracked), late insertion and bad markup.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, storageDump, type Server } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

const SITE = 'www.shop.localhost';

async function open(page: Page, server: Server, body: string, o: { attrs?: Record<string, string | true>; head?: string; build?: 'iife' | 'esm' } = {}) {
  const build = o.build ?? 'iife';
  const esmEmbeds = build === 'esm' ? `<script type="module">import { bindEmbeds } from '/dist/mautic-consent.mjs'; addEventListener('load', () => bindEmbeds(window.MauticConsent, document));</script>` : '';
  server.addPage('/embed.html', sdkPage(build, { body: body + esmEmbeds, attrs: o.attrs, head: o.head }));
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(server.url(SITE, '/embed.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  return warnings;
}

/** Nothing on either host: no cookie at all, no storage entry, and no request to Mautic with a cookie. */
async function expectNoTrace(context: BrowserContext, page: Page, server: Server) {
  expect(await context.cookies()).toEqual([]);
  expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
  for (const r of server.mautic()) expect(r.cookies).toEqual({});
}

async function grantAndLearnDevice(page: Page, server: Server) {
  await page.evaluate(() => (window as any).MauticConsent.grant({ source: 'user' }));
  await page.evaluate(() => (window as any).MauticConsent.track());
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mautic_device_id'))).toBeTruthy();
  return server.hits[0].deviceId;
}

const FORM = '<div id="slot" data-mautic-form="3"><a href="{{MAUTIC}}/form/3">Open the newsletter form</a></div>';

test.describe('forms', () => {
  for (const build of ['iife', 'esm'] as const) {
    test(`${build}: before consent the form renders and submits with no cookie and no identity`, async ({ page, context, server }) => {
      await open(page, server, FORM, { build });
      await expect(page.locator('#slot form')).toBeVisible();
      // Fetched HTML is inert: the script and the inline handler the double adds never run.
      expect(await page.title()).toBe('Shop');
      expect(await page.locator('#slot [onfocus]').count()).toBe(0);
      // Mautic's validation is kept: an empty required email is refused before any request.
      await page.click('#slot button[type=submit]');
      await expect(page.locator('#slot .mauticform-row.mauticform-required .mauticform-errormsg')).toBeVisible();
      expect(server.mautic('/form/submit')).toEqual([]);
      await page.fill('#slot input[name="mauticform[email]"]', 'ann@example.com');
      await page.check('#slot input[value="news"]');
      await page.click('#slot button[type=submit]');
      await expect(page.locator('#slot .mauticform-message')).toHaveText('Thank you, you are subscribed.');
      expect(server.submissions).toMatchObject([{ formId: 3, values: { email: 'ann@example.com', topics: ['news'], return: server.url(SITE, '/embed.html') }, deviceParam: null }]);
      await page.waitForLoadState('networkidle');
      await expectNoTrace(context, page, server);
    });
  }

  test('after consent the submission carries the identity, so Mautic links it to the contact', async ({ page, server }) => {
    await open(page, server, FORM);
    const device = await grantAndLearnDevice(page, server);
    await page.fill('#slot input[name="mauticform[email]"]', 'ann@example.com');
    await page.click('#slot button[type=submit]');
    await expect(page.locator('#slot .mauticform-message')).toHaveText('Thank you, you are subscribed.');
    expect(server.submissions[0]).toMatchObject({ deviceParam: device, contactId: server.hits[0].contactId });
    for (const r of server.mautic()) expect(r.cookies).toEqual({});
  });

  test('data-mautic-kiosk keeps a form anonymous even after consent; server errors show in place', async ({ page, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="3" data-mautic-kiosk></div>');
    await grantAndLearnDevice(page, server);
    await expect(page.locator('#slot form')).toBeVisible();
    await page.fill('#slot input[name="mauticform[email]"]', 'a@b.co');
    await page.click('#slot button[type=submit]');
    await expect(page.locator('#slot .mauticform-message')).toHaveText('Thank you, you are subscribed.');
    expect(server.submissions).toMatchObject([{ deviceParam: null }]);
    expect(server.submissions[0].contactId).not.toBe(server.hits[0].contactId);
    // Mautic's own validation answer is shown on the field: the browser check passes, then the
    // value is dropped from what is sent, so only the server can refuse it.
    await page.fill('#slot input[name="mauticform[email]"]', 'a@b.co');
    await page.evaluate(() => document.querySelector('#slot form')!.addEventListener('formdata', (e: any) => e.formData.set('mauticform[email]', '')));
    await page.click('#slot button[type=submit]');
    await expect(page.locator('#slot .mauticform-has-error .mauticform-errormsg')).toHaveText('Please enter your email.');
    expect(server.submissions).toHaveLength(1);
  });

  test('forms added later are rendered; removed ones leave no listener on the document', async ({ page, server }) => {
    await open(page, server, '<main id="app"></main>');
    const cdp = await page.context().newCDPSession(page);
    const listeners = async () => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
      const { listeners: l } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return l.length;
    };
    // The first embed brings the embeds script and its one document listener; measure after it.
    await page.evaluate(() => document.getElementById('app')!.insertAdjacentHTML('beforeend', '<div class="late" data-mautic-form="3"></div>'));
    await expect(page.locator('.late form')).toHaveCount(1);
    const before = await listeners();
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++) {
        const div = document.createElement('div');
        div.setAttribute('data-mautic-form', '3');
        div.className = 'late';
        document.getElementById('app')!.append(div);
      }
    });
    await expect(page.locator('.late form')).toHaveCount(4);
    await page.evaluate(() => document.querySelectorAll('.late').forEach((e) => e.remove()));
    expect(await listeners()).toBe(before);
  });

  test('bad markup gives one clear warning and leaves the page intact', async ({ page, server }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const warnings = await open(page, server, '<div id="bad" data-mautic-form="abc">keep me</div><div id="gone" data-mautic-form="99">fallback</div>');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#bad')).toHaveText('keep me');
    await expect(page.locator('#gone')).toHaveText('fallback');
    expect(warnings).toEqual([
      '[mautic-consent] data-mautic-form="abc" is not a form id; left as it is.',
      expect.stringMatching(/^\[mautic-consent\] form 99 could not be loaded from http:\/\/m\.shop\.localhost:\d+ \(Error: HTTP 404\); the fallback stays\.$/),
    ]);
    expect(errors).toEqual([]);
  });
});

test.describe('assets', () => {
  const LINKS = '<a id="guide" data-mautic-asset href="{{MAUTIC}}/asset/3:guide">Guide</a> <a id="kiosk" data-mautic-asset data-mautic-kiosk href="{{MAUTIC}}/asset/3:guide?utm_source=site">Guide (kiosk)</a>';

  test('before consent the download works, is counted, and leaves no cookie', async ({ page, context, server }) => {
    await open(page, server, LINKS);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#guide')]);
    expect(download.suggestedFilename()).toBe('guide.txt');
    expect(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString())).toBe('The mautic-consent guide.\n');
    expect(server.downloads).toMatchObject([{ assetId: 3, deviceParam: null }]);
    await expectNoTrace(context, page, server);
  });

  test('after consent the download is tracked with the identity; kiosk links never are', async ({ page, server }) => {
    await open(page, server, LINKS);
    const device = await grantAndLearnDevice(page, server);
    await Promise.all([page.waitForEvent('download'), page.click('#guide')]);
    await Promise.all([page.waitForEvent('download'), page.click('#kiosk')]);
    expect(server.downloads).toMatchObject([{ deviceParam: device }, { deviceParam: null }]);
    expect(server.mautic('/asset/').filter((r) => r.method === 'GET')[1].query).toEqual({ utm_source: 'site' });
  });

  test('a link to another host is left alone, with one warning', async ({ page, server }) => {
    const warnings = await open(page, server, '<a id="x" data-mautic-asset href="https://files.example/asset/1:x">x</a>');
    const prevented = await page.evaluate(() => {
      let seen = false;
      addEventListener('click', (e) => { seen = e.defaultPrevented; e.preventDefault(); }, { once: true });
      document.getElementById('x')!.click();
      return seen;
    });
    expect(prevented).toBe(false);
    expect(warnings).toEqual(['[mautic-consent] data-mautic-asset link https://files.example/asset/1:x is not an asset of ' + server.url('m.shop.localhost', '') + '; it stays a plain link.']);
  });
});

test.describe('dynamic content', () => {
  const SLOTS = '<div id="ours" data-mautic-dwc="hero">Hello, stranger.</div><div id="theirs" data-slot="dwc" data-param-slot-name="hero">Also a fallback.</div><div id="kiosk" data-mautic-dwc="hero" data-mautic-kiosk>Kiosk fallback.</div>';

  test('fallback before consent with no request; personalised after; fallback again on revoke', async ({ page, server }) => {
    await open(page, server, SLOTS, { head: loaderStub() });
    await page.waitForLoadState('networkidle');
    expect(server.mautic('/dwc/')).toEqual([]);
    await expect(page.locator('#ours')).toHaveText('Hello, stranger.');
    await page.click('#grant');
    await expect.poll(() => server.hits.length).toBe(1);
    await page.reload();
    await expect(page.locator('#ours')).toHaveText(`Welcome back, contact #${server.hits[0].contactId}!`);
    await expect(page.locator('#theirs')).toHaveText(`Welcome back, contact #${server.hits[0].contactId}!`);
    await expect(page.locator('#kiosk')).toHaveText('Kiosk fallback.');
    const asked = server.mautic('/dwc/').filter((r) => r.method === 'GET' && r.query.mautic_device_id === server.hits[0].deviceId);
    expect(asked).toHaveLength(2);
    expect(asked[0].query).toMatchObject({ page_url: server.url(SITE, '/embed.html'), page_title: 'Shop', platform: 'Linux' });
    expect(await page.evaluate(() => (window as any).dwcScriptRan)).toBeUndefined();
    await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge());
    await expect(page.locator('#ours')).toHaveText('Hello, stranger.');
    await expect(page.locator('#theirs')).toHaveText('Also a fallback.');
  });

  test('a slot added later, after consent, is filled', async ({ page, server }) => {
    await open(page, server, '<main id="app"></main>', { head: loaderStub() });
    await page.click('#grant');
    await expect.poll(() => server.hits.length).toBe(1);
    await page.evaluate(() => document.getElementById('app')!.insertAdjacentHTML('beforeend', '<div id="late" data-mautic-dwc="hero">later</div>'));
    await expect(page.locator('#late')).toHaveText(/Welcome back/);
  });
});

test.describe('focus items', () => {
  test('not loaded before consent; loaded after, with its view counted without any Mautic cookie', async ({ page, context, server }) => {
    await open(page, server, '<div data-mautic-focus="5"></div>');
    await page.waitForLoadState('networkidle');
    expect(server.mautic('/focus/')).toEqual([]);
    await expectNoTrace(context, page, server);
    await grantAndLearnDevice(page, server);
    await expect(page.locator('.mautic-focus')).toBeVisible();
    await expect.poll(() => server.focusViews.length).toBe(1);
    expect(server.focusViews[0].cookies).toEqual({});
    // With consent the item may remember itself on the website, as Mautic's focus script does.
    expect((await context.cookies()).map((c) => c.name)).toContain('mautic_focus_5');
    expect((await context.cookies()).filter((c) => c.domain.startsWith('m.'))).toEqual([]);
  });

  test('data-mautic-kiosk waits for consent too (its script runs in the page), then stays anonymous and remembers nothing, not even a close', async ({ page, context, server }) => {
    await open(page, server, '<div data-mautic-focus="5" data-mautic-kiosk></div>');
    await page.waitForLoadState('networkidle');
    expect(server.mautic('/focus/')).toEqual([]);
    await expectNoTrace(context, page, server);
    await grantAndLearnDevice(page, server);
    await expect(page.locator('.mautic-focus')).toBeVisible();
    await page.click('.mautic-focus-close');
    await expect(page.locator('.mautic-focus')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    expect(server.mautic('/focus/5.js').filter((r) => r.method === 'GET').map((r) => [r.query, r.cookies])).toEqual([[{}, {}]]);
    expect((await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('mautic_focus'))).toEqual([]);
    expect(server.focusViews).toHaveLength(1);
  });
});

test.describe('gated scripts and frames', () => {
  const GATED = `<script type="text/plain" data-mautic-consent="tracking">window.gatedRuns = (window.gatedRuns || 0) + 1;</script>
    <iframe id="video" data-mautic-consent="tracking" data-src="/dist/types/index.d.ts" title="video"></iframe>`;

  test('inert before consent and on deny; run once on grant, even after revoke and grant again', async ({ page, server }) => {
    await open(page, server, GATED);
    const runs = () => page.evaluate(() => (window as any).gatedRuns ?? 0);
    await page.click('#deny');
    expect(await runs()).toBe(0);
    expect(await page.getAttribute('#video', 'src')).toBeNull();
    await page.click('#grant');
    await expect.poll(runs).toBe(1);
    expect(await page.getAttribute('#video', 'src')).toBe('/dist/types/index.d.ts');
    await page.click('#deny');
    expect(await page.getAttribute('#video', 'src')).toBe('about:blank');
    await page.click('#grant');
    expect(await runs()).toBe(1);
  });

  test('a gated script added later runs at once when consent is already given', async ({ page, server }) => {
    await open(page, server, '<main id="app"></main>');
    await page.click('#grant');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.setAttribute('data-mautic-consent', 'tracking');
      s.text = 'window.lateRan = true';
      document.getElementById('app')!.append(s);
    });
    await expect.poll(() => page.evaluate(() => (window as any).lateRan)).toBe(true);
  });
});
