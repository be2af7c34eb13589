// Issue 10, attacks 5, 6, 7 and 9, and the Secure-only-on-https rule of issue 12: the consent
// record, cookie access and the purge page when something around the SDK is hostile. Each test
// is the attack as an attacker would run it, with a positive control showing the attack is live.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, enableGpc, storageDump, type Server } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());
const ready = (page: Page) => page.waitForFunction(() => !!(window as any).MauticConsent?.state);

function watch(page: Page) {
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => (m.type() === 'warning' ? warnings : m.type() === 'error' ? errors : []).push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return { warnings, errors };
}

/** A record in the SDK's stored format, as a sibling subdomain would forge it. */
function forged(decision: 'g' | 'd', source = 'user') {
  const at = new Date(Date.now() - 60_000).toISOString();
  return encodeURIComponent(JSON.stringify({ v: 1, id: 'F0rgedF0rgedF0rgedF0r', d: decision, s: source, f: at, u: at, r: 0, g: 0, t: 0 }));
}

/** Every consent record the browser holds, decoded: `name domain path decision`. */
async function records(context: BrowserContext) {
  return (await context.cookies())
    .filter((c) => c.name.endsWith('mautic_consent'))
    .map((c) => `${c.name} ${c.domain}${c.path} ${JSON.parse(decodeURIComponent(c.value)).d}`)
    .sort();
}

/** A report lists each item once, and never as both deleted and unreachable. */
function expectTidy(report: { deleted: any[]; unreachable: any[] }) {
  const key = (i: any) => `${i.kind} ${i.name} ${i.where ?? ''}`;
  const deleted = report.deleted.map(key);
  const unreachable = report.unreachable.map(key);
  expect(new Set(deleted).size).toBe(deleted.length);
  expect(new Set(unreachable).size).toBe(unreachable.length);
  expect(deleted.filter((k) => unreachable.includes(k))).toEqual([]);
}

const SHOP = '/shop/page.html';

/** After a revoke: the next page starts denied and a pageview asked for there is not sent. */
async function expectStillDenied(page: Page, server: Server) {
  const hits = server.hits.length;
  await page.reload();
  await ready(page);
  expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
  await page.evaluate(() => (window as any).mt('send', 'pageview'));
  await page.waitForTimeout(300);
  expect(server.hits).toHaveLength(hits);
}

test.describe('attack 5: document.cookie shadowed', () => {
  test('an <img name="cookie"> in fetched form HTML cannot stop a revoke, and the next page stays denied', async ({ page, context, server }) => {
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub(), body: '<div id="slot" data-mautic-form="66"></div>' }));
    await page.goto(server.url('www.shop.localhost', SHOP));
    await page.click('#grant');
    await expect.poll(async () => (await context.cookies()).map((c) => c.name)).toContain('mautic_device_id');
    // The hostile markup is in the page (wherever the embed puts it).
    await expect.poll(() => page.evaluate(() => !!document.querySelector('[data-mautic-form="66"]')?.textContent?.includes('Email') || !!document.querySelector('[data-mautic-form="66"]')?.shadowRoot)).toBe(true);
    const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
    expect(report.deleted.map((i: any) => i.name)).toEqual(expect.arrayContaining(['mtc_id', 'mautic_device_id']));
    expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
    expect(await records(context)).toEqual(['mautic_consent www.shop.localhost/ d']);
    await expectStillDenied(page, server);
  });

  for (const [label, shadow] of [
    ['a named image', `document.body.append(Object.assign(document.createElement('img'), { name: 'cookie' }))`],
    ['an own property on document', `Object.defineProperty(document, 'cookie', { get: () => '', set() {}, configurable: true })`],
  ] as const) {
    test(`a page script that shadows document.cookie with ${label} cannot stop a revoke`, async ({ page, context, server }) => {
      server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
      await page.goto(server.url('www.shop.localhost', SHOP));
      await page.click('#grant');
      await expect.poll(async () => (await context.cookies()).map((c) => c.name)).toContain('mautic_device_id');
      await page.evaluate(shadow);
      // Positive control: the shadow is live; a script reading document.cookie sees no cookies.
      expect(await page.evaluate(() => typeof document.cookie === 'string' && document.cookie.includes('mtc_id'))).toBe(false);
      const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
      expect(report.deleted.map((i: any) => i.name)).toEqual(expect.arrayContaining(['mtc_id', 'mautic_device_id']));
      expect(await records(context)).toEqual(['mautic_consent www.shop.localhost/ d']);
      expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
      await page.reload();
      await ready(page);
      expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
    });
  }

  test('a refusal the browser does not store is reported and warned about, and the next page is not granted', async ({ page, context, server }) => {
    // Something between the page and the cookie jar (an extension, a script loaded first) drops
    // writes of the record when told to.
    await context.addInitScript(() => {
      const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get() { return real.get!.call(this); },
        set(value: string) { if (!((window as any).dropRecord && /^(__Host-)?mautic_consent=/.test(value))) real.set!.call(this, value); },
      });
    });
    const { warnings, errors } = watch(page);
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
    await page.goto(server.url('www.shop.localhost', SHOP));
    await page.click('#grant');
    await expect.poll(() => records(context)).toEqual(['mautic_consent www.shop.localhost/ g']);
    await page.evaluate(() => ((window as any).dropRecord = true));
    const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
    // Positive control: the grant is still in the jar, so the write really was dropped.
    expect(await records(context)).toEqual(['mautic_consent www.shop.localhost/ g']);
    expect(report.unreachable).toContainEqual(expect.objectContaining({ name: 'mautic_consent', kind: 'cookie' }));
    expect(warnings.filter((w) => w.includes('mautic_consent'))).toHaveLength(1);
    expectTidy(report);
    await expectStillDenied(page, server);
    // A later grant works again and takes the fallback away.
    await page.click('#grant');
    await page.reload();
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'granted' });
    expect(errors).toEqual([]);
  });
});

test.describe('attack 6: a sibling subdomain tosses a grant record', () => {
  async function toss(page: Page, server: Server, base: (h: string, p: string) => string, value: string) {
    server.addPage('/evil.html', '<!doctype html><title>evil</title>');
    await page.goto(base('evil.shop.localhost', '/evil.html'));
    await page.evaluate((v) => {
      document.cookie = `mautic_consent=${v}; domain=.shop.localhost; path=/shop; max-age=86400${location.protocol === 'https:' ? '; Secure' : ''}`;
    }, value);
  }

  test('http, GPC on: after a Reject the tossed grant loses, and Reject again expires it', async ({ page, context, server }) => {
    await enableGpc(context);
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
    await page.goto(server.url('www.shop.localhost', SHOP));
    await page.click('#deny');
    await toss(page, server, server.url, forged('g'));
    // Positive control: the forged record landed where the shop page sees it, ahead of ours.
    expect(await records(context)).toEqual(['mautic_consent .shop.localhost/shop g', 'mautic_consent www.shop.localhost/ d']);
    await page.goto(server.url('www.shop.localhost', SHOP));
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
    await page.waitForTimeout(300);
    expect(server.hits).toEqual([]);
    // The refusal that won is written again and the forged grant expired on the parent domain.
    expect(await records(context)).toEqual(['mautic_consent www.shop.localhost/ d']);
    await page.click('#deny');
    await page.reload();
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
  });

  test('http: a Reject while a tossed grant sits on the parent domain expires it everywhere', async ({ page, context, server }) => {
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
    await toss(page, server, server.url, forged('g'));
    await page.goto(server.url('www.shop.localhost', SHOP));
    await ready(page);
    await page.click('#deny');
    expect(await records(context)).toEqual(['mautic_consent www.shop.localhost/ d']);
    await page.reload();
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
  });

  test('https, GPC on, no decision yet: a tossed unprefixed grant is not taken, the record is __Host-', async ({ page, context, server }) => {
    await enableGpc(context);
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
    await toss(page, server, server.httpsUrl, forged('g'));
    expect(await records(context)).toEqual(['mautic_consent .shop.localhost/shop g']);
    await page.goto(server.httpsUrl('www.shop.localhost', SHOP));
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'gpc' });
    // The unprefixed name is expired on sight where the record is __Host-.
    expect(await records(context)).toEqual([]);
    await page.waitForTimeout(300);
    expect(server.hits).toEqual([]);
    // The visitor's own choice goes into the name no sibling can write.
    await page.click('#deny');
    expect(await records(context)).toEqual(['__Host-mautic_consent www.shop.localhost/ d']);
    const record = (await context.cookies()).find((c) => c.name === '__Host-mautic_consent')!;
    expect(record).toMatchObject({ secure: true, path: '/', domain: 'www.shop.localhost' });
  });

  test('https: a Reject, then a tossed grant: still denied', async ({ page, server }) => {
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
    await page.goto(server.httpsUrl('www.shop.localhost', SHOP));
    await page.click('#deny');
    await toss(page, server, server.httpsUrl, forged('g'));
    await page.goto(server.httpsUrl('www.shop.localhost', SHOP));
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
  });

  test('https: an existing unprefixed refusal is migrated to __Host- and the old name expired', async ({ page, context, server }) => {
    server.addPage('/seed.html', '<!doctype html><title>seed</title>');
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
    await page.goto(server.httpsUrl('www.shop.localhost', '/seed.html'));
    await page.evaluate((v) => (document.cookie = `mautic_consent=${v}; path=/; Secure`), forged('d'));
    await page.goto(server.httpsUrl('www.shop.localhost', SHOP));
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user', record: { id: 'F0rgedF0rgedF0rgedF0r' } });
    expect(await records(context)).toEqual(['__Host-mautic_consent www.shop.localhost/ d']);
    await page.reload();
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user', record: { id: 'F0rgedF0rgedF0rgedF0r' } });
  });

  test('https: an unprefixed grant is not carried over (a sibling could have written it); the visitor is asked again', async ({ page, context, server }) => {
    server.addPage('/seed.html', '<!doctype html><title>seed</title>');
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub() }));
    await page.goto(server.httpsUrl('www.shop.localhost', '/seed.html'));
    await page.evaluate((v) => (document.cookie = `mautic_consent=${v}; path=/; Secure`), forged('g'));
    await page.goto(server.httpsUrl('www.shop.localhost', SHOP));
    await ready(page);
    expect(await state(page)).toMatchObject({ tracking: 'unset' });
    await page.waitForTimeout(300);
    expect(server.hits).toEqual([]);
    expect(await records(context)).toEqual([]);
    // Positive control: a grant made here is kept, and tracks.
    await page.click('#grant');
    await expect.poll(() => server.hits.length).toBe(1);
    expect(await records(context)).toEqual(['__Host-mautic_consent www.shop.localhost/ g']);
  });

  test('https with data-cookie-domain: the record stays unprefixed on that domain (shared by design)', async ({ page, context, server }) => {
    server.addPage(SHOP, sdkPage('iife', { head: loaderStub(), attrs: { 'data-cookie-domain': 'shop.localhost' } }));
    await page.goto(server.httpsUrl('www.shop.localhost', SHOP));
    await page.click('#grant');
    expect(await records(context)).toEqual(['mautic_consent .shop.localhost/ g']);
  });
});

test.describe('attack 7: kiosk pageviews', () => {
  for (const kiosk of [true, false]) {
    test(`a click-through ${kiosk ? 'on a kiosk page sends no ct and no identity' : 'without kiosk sends ct (positive control)'}`, async ({ page, server }) => {
      server.addPage('/landing.html', sdkPage('iife', { head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview', { mtc_id: '9', mautic_device_id: 'abcdefgh12345678', email: 'a@b.example' });`), attrs: kiosk ? { 'data-kiosk': true } : {} }));
      await page.goto(server.url('www.shop.localhost', '/landing.html?ct=YToxOntzOjQ6ImxlYWQiO2k6Nzt9&x=1'));
      await ready(page);
      expect(await page.evaluate(() => location.search)).toBe('?x=1');
      await page.click('#grant');
      await expect.poll(() => server.hits.length).toBe(2);
      const sent = server.hits.map((h) => h.params);
      if (kiosk) {
        for (const params of sent) {
          for (const key of ['ct', 'mtc_id', 'mautic_device_id', 'email']) expect(params[key]).toBeUndefined();
          expect(params.page_url).not.toContain('ct=');
        }
      } else {
        expect(sent[0].ct).toBe('YToxOntzOjQ6ImxlYWQiO2k6Nzt9');
        expect(sent[1].email).toBe('a@b.example');
      }
    });
  }
});

test.describe('attack 9: the purge page deletes only Mautic names', () => {
  const PURGE = '/media/files/mautic-purge.html';

  /** Admin cookies and storage on the Mautic host, beside what tracking left there. */
  async function seedAdmin(page: Page, url: (h: string, p: string) => string) {
    await page.goto(url('m.shop.localhost', '/page-3'));
    await page.goto(url('m.shop.localhost', '/mtracking.gif?page_url=x'));
    await page.goto(url('m.shop.localhost', PURGE));
    await page.evaluate(() => {
      const secure = location.protocol === 'https:' ? '; Secure' : '';
      document.cookie = `XSRF-TOKEN=admin; path=/${secure}`;
      document.cookie = `mtc_id=7; path=/${secure}`;
      localStorage.setItem('draft', 'an email being written');
      localStorage.setItem('mautic_device_id', 'seed0000000000000000abc');
    });
  }

  test('an allowed site that asks for names: ["*"] gets only Mautic names deleted', async ({ page, context, server }) => {
    await seedAdmin(page, server.url);
    server.addPage('/evil.html', '<!doctype html><title>allowed site</title><body></body>');
    await page.goto(server.url('www.shop.localhost', '/evil.html'));
    const answer = await page.evaluate((src) => new Promise<any>((done) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      addEventListener('message', (e) => e.data?.type === 'mautic-consent:purged' && done(e.data));
      frame.onload = () => frame.contentWindow!.postMessage({ type: 'mautic-consent:purge', names: ['*', 'XSRF-TOKEN', 'draft'] }, '*');
      document.body.append(frame);
    }), server.url('m.shop.localhost', PURGE));
    const names = [...answer.deleted, ...answer.unreachable].map((i: any) => i.name);
    expect(names).not.toContain('XSRF-TOKEN');
    expect(names).not.toContain('draft');
    // Positive control: Mautic's own names went in the same purge.
    expect(answer.deleted.map((i: any) => `${i.kind} ${i.name}`)).toEqual(expect.arrayContaining(['cookie mtc_id', 'localStorage mautic_device_id']));
    expectTidy(answer);
    expect((await context.cookies()).map((c) => c.name)).toContain('XSRF-TOKEN');
    await page.goto(server.url('m.shop.localhost', PURGE));
    expect(await storageDump(page)).toEqual({ localStorage: { draft: 'an email being written' }, sessionStorage: {} });
  });

  test('data-purge-names refuses "*" and too-short prefixes with one warning each, and keeps the rest', async ({ page, context, server }) => {
    const { warnings, errors } = watch(page);
    server.addPage('/index.html', sdkPage('iife', { attrs: { 'data-purge-names': '* m* mautic_consent _mtm_visitor tracker_*' } }));
    await page.goto(server.url('www.shop.localhost', '/index.html'));
    await ready(page);
    await page.evaluate(() => {
      for (const c of ['site_session=s3cret', 'mine=1', '_mtm_visitor=1', 'tracker_a=1', 'mtc_id=1']) document.cookie = `${c}; path=/`;
      localStorage.setItem('cart', '2 items');
    });
    await page.click('#deny');
    expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['mautic_consent', 'mine', 'site_session']);
    expect(await storageDump(page)).toEqual({ localStorage: { cart: '2 items' }, sessionStorage: {} });
    const about = (name: string) => warnings.filter((w) => w.includes(`"${name}"`));
    expect(about('*')).toHaveLength(1);
    expect(about('m*')).toHaveLength(1);
    expect(about('mautic_consent')).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('tracker_*') || w.includes('_mtm_visitor'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test.describe('the purge page over http and https, same-site and cross-site', () => {
  const PAGE = '/blog/post.html';
  const inventory = async (context: BrowserContext, host: string) =>
    (await context.cookies()).filter((c) => c.domain === host).map((c) => c.name).sort();

  for (const scheme of ['http', 'https'] as const) {
    test(`${scheme}, same site: the Mautic host is emptied and the merged report is tidy`, async ({ page, context, server }) => {
      const url = scheme === 'https' ? server.httpsUrl : server.url;
      server.addPage(PAGE, sdkPage('iife', { attrs: { 'data-purge-page': `{{MAUTIC}}/media/files/mautic-purge.html` } }));
      await page.goto(url('m.shop.localhost', '/page-3'));
      await page.goto(url('m.shop.localhost', '/mtracking.gif?page_url=x'));
      expect(await inventory(context, 'm.shop.localhost')).toEqual(['mautic_device_id', 'mautic_page_3', 'mautic_referer_id', 'mtc_id']);
      await page.goto(url('www.shop.localhost', PAGE));
      await ready(page);
      const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
      expect(await inventory(context, 'm.shop.localhost')).toEqual([]);
      expect(report.deleted.map((i: any) => i.name)).toEqual(expect.arrayContaining(['mautic_device_id', 'mautic_page_3', 'mautic_referer_id', 'mtc_id']));
      expectTidy(report);
    });

    test(`${scheme}, another site (third-party cookies allowed): the Mautic host is emptied of what a frame can see`, async ({ thirdParty, server }) => {
      test.slow(); // A second browser with its own profile starts for this test.
      const page = await thirdParty.newPage();
      const url = scheme === 'https' ? server.httpsUrl : server.url;
      server.addPage(PAGE, sdkPage('iife', { attrs: { 'data-mautic-url': '{{MAUTIC_CROSS}}', 'data-purge-page': '{{MAUTIC_CROSS}}/media/files/mautic-purge.html' } }));
      await page.goto(url('mautic.other.localhost', '/page-3'));
      await page.goto(url('mautic.other.localhost', '/mtracking.gif?page_url=x'));
      await page.goto(url('www.shop.localhost', PAGE));
      await ready(page);
      const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
      // SameSite=Lax cookies are hidden from a cross-site frame: only the A/B cookie stays, named in the report.
      expect(await inventory(thirdParty, 'mautic.other.localhost')).toEqual(['mautic_page_3']);
      expect(report.unreachable).toContainEqual(expect.objectContaining({ name: 'mautic_page_*', where: 'mautic.other.localhost' }));
      expectTidy(report);
    });
  }

  test('http on a host that is not a secure context (*.test): the purge page deletes without Secure', async ({ page, context, server }) => {
    // Over plain http a browser refuses Secure cookies, so Mautic serves them without (cookie_secure off).
    server.configure({ cookieSecure: false });
    server.addPage(PAGE, sdkPage('iife', { attrs: { 'data-purge-page': `{{MAUTIC}}/media/files/mautic-purge.html` } }));
    // What survives there: the A/B cookie (SameSite=Lax) and what mtc.js writes on a Mautic landing page.
    await page.goto(server.url('m.shop.test', '/page-3'));
    await page.evaluate(() => {
      document.cookie = 'mtc_id=7; path=/';
      document.cookie = 'mautic_device_id=seed0000000000000000abc; path=/';
    });
    expect(await inventory(context, 'm.shop.test')).toEqual(['mautic_device_id', 'mautic_page_3', 'mtc_id']);
    await page.goto(server.url('www.shop.test', PAGE));
    await ready(page);
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
    expect(await inventory(context, 'm.shop.test')).toEqual([]);
    expect(report.deleted.map((i: any) => `${i.name} ${i.where}`)).toEqual(expect.arrayContaining(['mautic_page_3 m.shop.test m.shop.test/', 'mtc_id m.shop.test m.shop.test/']));
    expectTidy(report);
  });
});
