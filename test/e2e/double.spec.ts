// Tests of the Mautic double itself, and positive controls for the detectors the SDK tests rely
// on: each shows that a request, a Mautic-host cookie or a signal WOULD be seen if it happened.
import { test, expect, enableGpc, enableDnt, rawRequest } from './fixtures';

const blank = '<!doctype html><title>blank</title>';

async function xhr(page: import('@playwright/test').Page, url: string, init: RequestInit) {
  return page.evaluate(async ([u, i]) => {
    try {
      const r = await fetch(u, i);
      return { ok: true, status: r.status, body: await r.text() };
    } catch (e) {
      return { ok: false, error: String(e) };
    }
  }, [url, init] as const);
}

// Same-site Mautic in Playwright's default context; cross-site Mautic in the `thirdParty` one.
for (const mautic of ['m.shop.localhost', 'mautic.other.localhost']) {
  test(`a credentialed request to ${mautic} leaves Mautic-host cookies, which context.cookies() sees`, async ({ context, thirdParty: lazyThirdParty, server }) => {
    const thirdParty = mautic.startsWith('m.') ? context : lazyThirdParty;
    server.addPage('/blank.html', blank);
    const page = await thirdParty.newPage();
    const requests: string[] = [];
    thirdParty.on('request', (r) => requests.push(new URL(r.url()).hostname));
    await page.goto(server.url('www.shop.localhost', '/blank.html'));
    const r = await xhr(page, server.url(mautic, '/mtc/event'), {
      method: 'POST', credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'page_url=x',
    });
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse((r as { body: string }).body)).toMatchObject({ success: 1, id: 1, events: [] });
    expect(requests).toContain(mautic);
    const names = (await thirdParty.cookies()).filter((c) => c.domain === mautic).map((c) => c.name).sort();
    expect(names).toEqual(['mautic_device_id', 'mautic_referer_id', 'mtc_id']);
    // And the browser sends them back on the next credentialed request (§6.2: the cookie wins).
    await xhr(page, server.url(mautic, '/mtc'), { credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(server.mautic('/mtc').at(-1)!.cookies).toHaveProperty('mautic_device_id');
  });
}

test('Playwright\'s default contexts block third-party cookies, which is why cross-site tests use `thirdParty`', async ({ page, context, server }) => {
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.localhost', '/blank.html'));
  await xhr(page, server.url('mautic.other.localhost', '/mtc/event'), { method: 'POST', credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  expect(server.hits).toHaveLength(1);
  expect(await context.cookies()).toEqual([]);
});

test('CORS headers only for an allowed origin that sends X-Requested-With (§3.0)', async ({ page, server }) => {
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.test', '/blank.html'));
  const target = server.url('m.shop.test', '/mtc/event');
  expect(await xhr(page, target, { method: 'POST', body: new URLSearchParams({ a: '1' }) as unknown as string })).toMatchObject({ ok: false });
  expect(server.mautic('/mtc/event')).toHaveLength(1); // the server did process it (no preflight for a simple request)
  expect(server.mautic('/mtc/event')[0].headers['x-requested-with']).toBeUndefined();
  expect(await xhr(page, target, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).toMatchObject({ ok: true, status: 200 });
  server.configure({ corsOrigins: [] });
  expect(await xhr(page, target, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).toMatchObject({ ok: false });
  const preflight = server.mautic('/mtc/event').filter((r) => r.method === 'OPTIONS');
  expect(preflight.length).toBeGreaterThan(0);
  server.configure({ corsOrigins: ['http://*.shop.test:*'] });
  expect(await xhr(page, target, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).toMatchObject({ ok: true });
});

test('an image pixel is seen by the request listener and the server log, and records a hit', async ({ page, server, requests }) => {
  server.addPage('/pixel.html', `<!doctype html><img src="{{MAUTIC}}/mtracking.gif?page_title=T&counter=0">`);
  await page.goto(server.url('www.shop.test', '/pixel.html'));
  await page.waitForLoadState('networkidle');
  expect(requests.filter((r) => r.host === 'm.shop.test').map((r) => new URL(r.url).pathname)).toEqual(['/mtracking.gif']);
  expect(server.hits).toMatchObject([{ params: { page_title: 'T', counter: '0' }, contactId: 1 }]);
});

test('the mautic_device_id parameter resolves the same contact, with no new tracking cookies (§6.2, §6.3)', async ({ page, server }) => {
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.test', '/blank.html'));
  const first = await page.evaluate(async (u) => (await fetch(u, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).json(), server.url('m.shop.test', '/mtc/event'));
  const again = await page.evaluate(async ([u, d]) => {
    const r = await fetch(u, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' }, body: new URLSearchParams({ mautic_device_id: d }) });
    return { json: await r.json() };
  }, [server.url('m.shop.test', '/mtc/event'), first.device_id] as const);
  expect(first.device_id).toMatch(/^[0-9a-z]{23}$/);
  expect(again.json).toMatchObject({ id: first.id, device_id: first.device_id });
  expect(server.hits.map((h) => h.contactId)).toEqual([first.id, first.id]);
});

test('Set-Cookie follows Symfony and the cookie settings (§2.1)', async ({ server }) => {
  const post = async () => (await rawRequest(server, 'm.shop.test', '/mtc/event')).headers['set-cookie'] as string[];
  const cookies = await post();
  expect(cookies).toHaveLength(3);
  expect(cookies[0]).toMatch(/^mautic_device_id=[0-9a-z]{23}; expires=\w{3}, \d\d-\w{3}-\d{4} [\d:]+ GMT; Max-Age=31536000; path=\/; secure; samesite=none$/);
  expect(cookies[1]).toBe('mtc_id=1; path=/; secure; samesite=none');
  expect(cookies[2]).toMatch(/^mautic_referer_id=1; expires=.*; Max-Age=1800; path=\/; secure; samesite=none$/);
  server.configure({ cookieSecure: false, cookieDomain: '.shop.test' });
  expect((await post())[1]).toBe('mtc_id=2; path=/; domain=.shop.test; samesite=none');
});

test('emulated GPC and DNT are visible to page scripts and sent as headers', async ({ page, context, server }) => {
  await enableGpc(context);
  await enableDnt(context);
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.test', '/blank.html'));
  expect(await page.evaluate(() => [(navigator as any).globalPrivacyControl, navigator.doNotTrack])).toEqual([true, '1']);
  const nav = server.log.find((r) => r.path === '/blank.html')!;
  expect(nav.headers).toMatchObject({ 'sec-gpc': '1', dnt: '1' });
});

test('hostile modes answer as configured', async ({ server }) => {
  const post = () => rawRequest(server, 'm.shop.test', '/mtc/event');
  server.configure({ mode: 'error' });
  expect(await post()).toMatchObject({ status: 500, body: 'Internal Server Error' });
  server.configure({ mode: 'html' });
  expect((await post()).body).toContain('<html>');
  server.configure({ mode: 'badjson' });
  const bad = await post();
  expect(bad.status).toBe(200);
  expect(() => JSON.parse(bad.body)).toThrow();
});
