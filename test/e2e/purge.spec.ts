// revokeAndPurge() in every layout a Mautic site has, each seeded the way real mtc.js and the
// real server leave things, then checked with context.cookies() and storage
// dumps. Each test prints its coverage, "deleted / seeded", for the issue notes.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, storageDump, type Server } from './fixtures';
import { loaderStub, sdkPage } from './support/pages';

const DEVICE = 'seed0000000000000000abc';

/** Everything Mautic-owned the browser holds, one line each; the consent record is ours, not Mautic's. */
async function inventory(context: BrowserContext, pages: Page[]) {
  const items = (await context.cookies())
    .filter((c) => c.name !== 'mautic_consent')
    .map((c) => `cookie ${c.name} ${c.domain}${c.path}`);
  for (const page of pages) {
    const { localStorage, sessionStorage } = await storageDump(page);
    const origin = new URL(page.url()).host;
    items.push(...Object.keys(localStorage).map((k) => `localStorage ${k} ${origin}`));
    items.push(...Object.keys(sessionStorage).map((k) => `sessionStorage ${k} ${origin}`));
  }
  return items.sort();
}

/** What the Mautic server sets on its own host: a landing-page visit with an A/B test and a pixel hit. */
async function seedMauticHost(page: Page, server: Server, host: string) {
  await page.goto(server.url(host, '/page-3'));
  await page.goto(server.url(host, '/mtracking.gif?page_url=x'));
}

/**
 * What mtc.js, the focus script and the gated-video code write on the website:
 * run on the page where they would run, because cookies without a Path get that page's directory.
 */
async function seedWebsite(page: Page) {
  await page.evaluate((device) => {
    const secure = '; Secure';
    document.cookie = `mtc_id=7; path=/${secure}`;
    document.cookie = `mautic_device_id=${device}; path=/${secure}`;
    document.cookie = `mtc_sid=${device}; path=/${secure}`; // Mautic ≤ 4
    document.cookie = `mautic_focus_5=1700000000; expires=Fri, 31 Dec 9999 23:59:59 GMT; path=/${secure}`;
    document.cookie = `mautic_focus_5_closed=1${secure}`; // no Path: the page's directory
    document.cookie = `mf-bar-collapser-5=90${secure}`;
    document.cookie = `mautic-player-0-3=true; max-age=604800${secure}`;
    localStorage.setItem('mtc_id', '7');
    localStorage.setItem('mautic_device_id', device);
    localStorage.setItem('mtc_sid', device);
    sessionStorage.setItem('mautic_campaign_seen', '1'); // a mautic* key, as the README's purge list names
  }, DEVICE);
}

async function purgeFrom(page: Page) {
  await page.waitForFunction(() => !!(window as any).MauticConsent?.revokeAndPurge);
  const started = Date.now();
  const report = await page.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
  return { report, ms: Date.now() - started };
}

function coverage(layout: string, seeded: string[], left: string[]) {
  const deleted = seeded.filter((i) => !left.includes(i)).length;
  console.log(`[coverage] ${layout}: ${deleted}/${seeded.length} deleted; left: ${left.join(', ') || 'nothing'}`);
}

const POST = '/blog/2026/post.html';

test('same host: everything Mautic left is deleted, except what no script can see', async ({ page, context, server }) => {
  server.addPage(POST, sdkPage('iife', { head: loaderStub() }));
  await seedMauticHost(page, server, 'm.shop.localhost');
  await page.goto(server.url('m.shop.localhost', POST));
  await seedWebsite(page);
  const seeded = await inventory(context, [page]);
  expect(seeded.length).toBeGreaterThanOrEqual(12);
  const { report } = await purgeFrom(page);
  const left = await inventory(context, [page]);
  coverage('same host', seeded, left);
  expect(left).toEqual([]);
  expect(report.deleted.map((i: any) => i.name)).toEqual(expect.arrayContaining(['mautic_referer_id', 'mautic_page_3', 'mautic_focus_5_closed', 'mf-bar-collapser-5', 'mautic-player-0-3']));
  expect(report.deleted).toContainEqual({ name: 'mautic_focus_5_closed', kind: 'cookie', where: 'm.shop.localhost/blog/2026' });
  expect(report.unreachable.map((i: any) => i.name)).toEqual(['session cookie (32 hex characters, HttpOnly)']);
  // The refusal survives the purge.
  const record = (await context.cookies()).find((c) => c.name === 'mautic_consent');
  expect(JSON.parse(decodeURIComponent(record!.value))).toMatchObject({ d: 'd', s: 'user' });
});

test('sibling subdomain: the website is cleaned, Mautic-host cookies are reported by name', async ({ page, context, server }) => {
  server.addPage(POST, sdkPage('iife', { head: loaderStub() }));
  await seedMauticHost(page, server, 'm.shop.localhost');
  await page.goto(server.url('www.shop.localhost', POST));
  await seedWebsite(page);
  const seeded = await inventory(context, [page]);
  const { report } = await purgeFrom(page);
  const left = await inventory(context, [page]);
  coverage('sibling subdomain, no purge page', seeded, left);
  expect(left).toEqual([
    'cookie mautic_device_id m.shop.localhost/', 'cookie mautic_page_3 m.shop.localhost/',
    'cookie mautic_referer_id m.shop.localhost/', 'cookie mtc_id m.shop.localhost/',
  ]);
  const unreachable = report.unreachable.filter((i: any) => i.where === 'm.shop.localhost').map((i: any) => i.name);
  expect(unreachable).toEqual(expect.arrayContaining(['mautic_device_id', 'mtc_id', 'mautic_referer_id', 'mautic_page_*']));
});

test('sibling subdomain with the purge page: nothing is left on either host', async ({ page, context, server }) => {
  server.addPage(POST, sdkPage('iife', { head: loaderStub(), attrs: { 'data-purge-page': '{{MAUTIC}}/media/files/mautic-purge.html' } }));
  await seedMauticHost(page, server, 'm.shop.localhost');
  await page.goto(server.url('www.shop.localhost', POST));
  await seedWebsite(page);
  const seeded = await inventory(context, [page]);
  const { report } = await purgeFrom(page);
  const left = await inventory(context, [page]);
  coverage('sibling subdomain, purge page', seeded, left);
  expect(left).toEqual([]);
  expect(report.deleted).toContainEqual({ name: 'mautic_page_3', kind: 'cookie', where: 'm.shop.localhost m.shop.localhost/' });
  expect(report.unreachable.map((i: any) => i.name)).toEqual(expect.arrayContaining(['session cookie (32 hex characters, HttpOnly)']));
  expect(report.unreachable.map((i: any) => i.name)).not.toContain('mautic_page_*');
});

test('the purge page refuses an origin that is not on its allow-list, and the SDK reports the cookies as unreachable', async ({ page, context, server }) => {
  server.configure({ purgeOrigins: ['https://www.example.com'] });
  server.addPage(POST, sdkPage('iife', { attrs: { 'data-purge-page': '{{MAUTIC}}/media/files/mautic-purge.html' } }));
  await seedMauticHost(page, server, 'm.shop.localhost');
  await page.goto(server.url('www.shop.localhost', POST));
  const { report } = await purgeFrom(page);
  expect((await context.cookies()).filter((c) => c.domain === 'm.shop.localhost').map((c) => c.name).sort())
    .toEqual(['mautic_device_id', 'mautic_page_3', 'mautic_referer_id', 'mtc_id']);
  expect(report.unreachable).toContainEqual(expect.objectContaining({ name: 'mtc_id', where: 'm.shop.localhost', reason: 'the purge page did not answer' }));
});

test('a page that only pretends to be the purge page cannot feed the report', async ({ page, server }) => {
  // A frame that is not the purge page (srcdoc: the website's origin) posts forged answers the
  // whole time: they must be ignored (origin and source checked), while the genuine answer of the
  // purge page, in the same run, is taken.
  server.addPage(POST, sdkPage('iife', { attrs: { 'data-purge-page': '{{MAUTIC}}/media/files/mautic-purge.html' } }));
  await seedMauticHost(page, server, 'm.shop.localhost');
  await page.goto(server.url('www.shop.localhost', POST));
  await page.evaluate((mautic) => {
    const evil = document.createElement('iframe');
    evil.srcdoc = `<script>setInterval(() => parent.postMessage({ type: 'mautic-consent:purged', deleted: [{ name: 'forged', kind: 'cookie' }], unreachable: [] }, '*'), 5)</script>`;
    document.body.append(evil);
    // Every answer that reaches the window, in order, for the positive control below.
    const answers: string[] = ((window as any).answers = []);
    window.addEventListener('message', (event) => {
      if (event.data?.type !== 'mautic-consent:purged') return;
      answers.push(event.source === evil.contentWindow ? 'forged' : event.origin === mautic ? 'genuine' : 'other');
    });
  }, new URL(server.url('m.shop.localhost')).origin);
  await page.waitForFunction(() => !!(window as any).MauticConsent?.revokeAndPurge);
  const report = await page.evaluate(() => {
    const w = window as any;
    w.start = w.answers.length;
    return w.MauticConsent.revokeAndPurge({ source: 'user' });
  });
  expect(JSON.stringify(report)).not.toContain('forged');
  // Positive control: while the SDK waited, forged answers reached the window before the genuine
  // one, and the genuine one was taken.
  const { answers, start } = await page.evaluate(() => ({ answers: (window as any).answers as string[], start: (window as any).start as number }));
  const genuine = answers.indexOf('genuine');
  expect(genuine).toBeGreaterThan(start);
  expect(answers.slice(start, genuine)).toContain('forged');
  expect(report.deleted).toContainEqual({ name: 'mautic_page_3', kind: 'cookie', where: 'm.shop.localhost m.shop.localhost/' });
});

for (const [label, thirdPartyCookies] of [['third-party cookies allowed', true], ['third-party cookies blocked', false]] as const) {
  test(`another site with the purge page, ${label}`, async ({ page: defaultPage, context: defaultContext, thirdParty, server }) => {
    const context = thirdPartyCookies ? thirdParty : defaultContext;
    const page = thirdPartyCookies ? await thirdParty.newPage() : defaultPage;
    server.addPage(POST, sdkPage('iife', { attrs: { 'data-mautic-url': '{{MAUTIC_CROSS}}', 'data-purge-page': '{{MAUTIC_CROSS}}/media/files/mautic-purge.html' } }));
    await seedMauticHost(page, server, 'mautic.other.localhost');
    await page.goto(server.url('www.shop.localhost', POST));
    await seedWebsite(page);
    const seeded = await inventory(context, [page]);
    const { report } = await purgeFrom(page);
    const left = await inventory(context, [page]);
    coverage(`another site, purge page, ${label}`, seeded, left);
    const mauticLeft = left.filter((i) => i.includes('mautic.other.localhost'));
    if (thirdPartyCookies) {
      // SameSite=Lax cookies are hidden from a cross-site frame (RFC 6265bis §5.7.3): the A/B
      // cookie stays, and the report names it.
      expect(left).toEqual(['cookie mautic_page_3 mautic.other.localhost/']);
      expect(report.unreachable).toContainEqual(expect.objectContaining({ name: 'mautic_page_*', where: 'mautic.other.localhost' }));
    } else {
      // Chromium hides the frame's own cookies from it; the report says so instead of claiming success.
      expect(mauticLeft).toHaveLength(4);
      expect(left).toEqual(mauticLeft);
      expect(report.unreachable).toContainEqual(expect.objectContaining({ name: 'mautic_device_id', where: 'mautic.other.localhost', reason: expect.stringContaining('third-party cookies') }));
    }
  });
}

test('cookies on a parent domain (Mautic cookie_domain) are deleted from the website', async ({ page, context, server }) => {
  server.configure({ cookieDomain: '.shop.localhost' });
  server.addPage(POST, sdkPage('iife'));
  await seedMauticHost(page, server, 'm.shop.localhost');
  await page.goto(server.url('www.shop.localhost', POST));
  await seedWebsite(page);
  const seeded = await inventory(context, [page]);
  expect(seeded.filter((i) => i.includes(' .shop.localhost/'))).toHaveLength(4);
  const { report } = await purgeFrom(page);
  const left = await inventory(context, [page]);
  coverage('parent domain (cookie_domain)', seeded, left);
  expect(left).toEqual([]);
  expect(report.deleted).toContainEqual({ name: 'mautic_page_3', kind: 'cookie', where: '.shop.localhost/' });
});

test('focus and video cookies on a deep path are deleted from that page; from the root they are invisible', async ({ page, context, server }) => {
  server.addPage(POST, sdkPage('iife'));
  server.addPage('/index.html', sdkPage('iife'));
  await page.goto(server.url('www.shop.localhost', POST));
  await seedWebsite(page);
  const seeded = await inventory(context, [page]);
  await page.goto(server.url('www.shop.localhost', '/index.html'));
  await purgeFrom(page);
  const fromRoot = await inventory(context, [page]);
  coverage('deep path, purged from /', seeded, fromRoot);
  expect(fromRoot).toEqual([
    'cookie mautic-player-0-3 www.shop.localhost/blog/2026',
    'cookie mautic_focus_5_closed www.shop.localhost/blog/2026',
    'cookie mf-bar-collapser-5 www.shop.localhost/blog/2026',
  ]);
  await page.goto(server.url('www.shop.localhost', POST));
  await purgeFrom(page);
  expect(await inventory(context, [page])).toEqual([]);
});

test('names given in data-purge-names are deleted too, prefixes included', async ({ page, context, server }) => {
  server.addPage('/index.html', sdkPage('iife', { attrs: { 'data-purge-names': '_mtm_visitor tracker_*' } }));
  await page.goto(server.url('www.shop.localhost', '/index.html'));
  await page.evaluate(() => {
    document.cookie = '_mtm_visitor=1; path=/';
    document.cookie = 'tracker_a=1; path=/';
    document.cookie = 'keep_me=1; path=/';
    localStorage.setItem('tracker_b', '1');
  });
  await purgeFrom(page);
  expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['keep_me', 'mautic_consent']);
  expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
});

test('a revoke in one tab stops the other tabs at once, without a reload', async ({ context, server }) => {
  server.addPage('/a.html', sdkPage('iife', { head: loaderStub() }));
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto(server.url('www.shop.localhost', '/a.html'));
  await b.goto(server.url('www.shop.localhost', '/a.html'));
  await a.click('#grant');
  // Tab B follows the grant and sends the pageview it kept waiting.
  await expect.poll(() => b.evaluate(() => (window as any).MauticConsent.state().tracking)).toBe('granted');
  await expect.poll(() => server.hits.length).toBe(2);
  await b.evaluate(() => sessionStorage.setItem('mautic_b_only', '1'));
  await a.evaluate(() => (window as any).MauticConsent.revokeAndPurge({ source: 'user' }));
  await expect.poll(() => b.evaluate(() => (window as any).MauticConsent.state())).toMatchObject({ tracking: 'denied', source: 'user' });
  expect(await storageDump(b)).toEqual({ localStorage: {}, sessionStorage: {} });
  await b.evaluate(() => (window as any).mt('send', 'pageview'));
  await b.waitForLoadState('networkidle');
  expect(server.hits).toHaveLength(2);
  expect(await inventory(context, [a, b])).toEqual([]);
});

test('an email click-through: ct leaves the address bar at once, is sent only after a grant, once', async ({ page, server }) => {
  server.addPage('/landing.html', sdkPage('iife', { head: loaderStub('mt', `mt('send','pageview'); mt('send','pageview');`) }));
  await page.goto(server.url('www.shop.localhost', '/landing.html?ct=YToxOntzOjQ6ImxlYWQiO2k6Nzt9&utm_source=news#top'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  expect(await page.evaluate(() => location.search + location.hash)).toBe('?utm_source=news#top');
  expect(server.mautic()).toEqual([]);
  await page.click('#grant');
  await expect.poll(() => server.hits.length).toBe(2);
  const [first, second] = server.hits;
  expect(first.params).toMatchObject({ ct: 'YToxOntzOjQ6ImxlYWQiO2k6Nzt9', page_url: server.url('www.shop.localhost', '/landing.html?utm_source=news#top') });
  expect(second.params.ct).toBeUndefined();
});

test('a click-through followed by a refusal never sends ct; data-strip-utm takes utm_* out too', async ({ page, server }) => {
  server.addPage('/landing.html', sdkPage('iife', { head: loaderStub(), attrs: { 'data-strip-utm': true } }));
  await page.goto(server.url('www.shop.localhost', '/landing.html?a=1&ct=abc&utm_source=news&utm_medium=email'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  expect(await page.evaluate(() => location.search)).toBe('?a=1');
  await page.click('#deny');
  await page.click('#grant');
  await page.evaluate(() => (window as any).mt('send', 'pageview'));
  await expect.poll(() => server.hits.length).toBe(1);
  expect(server.hits[0].params.ct).toBeUndefined();
  expect(server.hits[0].params.utm_source).toBeUndefined();
});

test('an unsubscribe page marked data-mautic-dnc revokes and purges', async ({ page, context, server }) => {
  server.addPage('/shop.html', sdkPage('iife', { head: loaderStub() }));
  server.addPage('/unsubscribed.html', sdkPage('iife', { body: '<script>document.body.setAttribute("data-mautic-dnc", "")</script>' }));
  await page.goto(server.url('www.shop.localhost', '/shop.html'));
  await page.click('#grant');
  await expect.poll(async () => (await context.cookies()).map((c) => c.name)).toContain('mautic_device_id');
  await page.goto(server.url('www.shop.localhost', '/unsubscribed.html'));
  await expect.poll(() => page.evaluate(() => (window as any).MauticConsent?.state().source)).toBe('dnc');
  expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
  expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
});
