// Tests of the Mautic double itself, and positive controls for the detectors the SDK tests rely
// on: each shows that a request, a Mautic-host cookie or a signal WOULD be seen if it happened.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, enableGpc, enableDnt, rawRequest, type Server } from './fixtures';
// @ts-expect-error: plain ESM module without types
import { startServer } from '../mautic-double/server.mjs';

const blank = '<!doctype html><title>blank</title>';

async function xhr(page: Page, url: string, init: RequestInit) {
  return page.evaluate(async ([u, i]) => {
    try {
      const r = await fetch(u, i);
      return { ok: true, status: r.status, body: await r.text() };
    } catch (e) {
      return { ok: false, error: String(e) };
    }
  }, [url, init] as const);
}

/**
 * (a) A credentialed XHR-style fetch from www.shop.localhost to `mautic` succeeds, is logged, and
 * leaves the T and R cookies, which context.cookies() reports for the Mautic host; the next
 * credentialed request sends them back.
 */
async function credentialedRoundTrip(context: BrowserContext, server: Server, mautic: string) {
  server.addPage('/blank.html', blank);
  const page = await context.newPage();
  const requests: string[] = [];
  context.on('request', (r) => requests.push(new URL(r.url()).hostname));
  await page.goto(server.url('www.shop.localhost', '/blank.html'));
  const r = await xhr(page, server.url(mautic, '/mtc/event'), {
    method: 'POST', credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'page_url=x',
  });
  expect(r).toMatchObject({ ok: true, status: 200 });
  const json = JSON.parse((r as { body: string }).body);
  expect(json).toEqual({ success: 1, id: 1, sid: json.device_id, device_id: json.device_id, events: [] });
  expect(requests).toContain(mautic);
  expect(server.mautic('/mtc/event').map((e) => [e.host, e.method, e.origin])).toEqual([
    [mautic, 'OPTIONS', server.url('www.shop.localhost', '')],
    [mautic, 'POST', server.url('www.shop.localhost', '')],
  ]);
  const jar = (await context.cookies()).filter((c) => c.domain === mautic);
  expect(jar.map((c) => c.name).sort()).toEqual(['mautic_device_id', 'mautic_referer_id', 'mtc_id']);
  // And the browser sends them back on the next credentialed request (Mautic's rule: the cookie wins).
  await xhr(page, server.url(mautic, '/mtc'), { credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  expect(server.mautic('/mtc').at(-1)!.cookies).toMatchObject({ mautic_device_id: json.device_id, mtc_id: '1' });
}

test('a credentialed request to same-site m.shop.localhost leaves Mautic-host cookies, which context.cookies() sees', async ({ context, server }) => {
  await credentialedRoundTrip(context, server, 'm.shop.localhost');
});

test('a credentialed request to cross-site mautic.other.localhost leaves Mautic-host cookies where third-party cookies are allowed', async ({ thirdParty, server }) => {
  await credentialedRoundTrip(thirdParty, server, 'mautic.other.localhost');
});

test('Playwright\'s default contexts block third-party cookies, which is why cross-site tests use `thirdParty`', async ({ page, context, server }) => {
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.localhost', '/blank.html'));
  await xhr(page, server.url('mautic.other.localhost', '/mtc/event'), { method: 'POST', credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  expect(server.hits).toHaveLength(1);
  expect(await context.cookies()).toEqual([]);
});

test('CORS headers only for an allowed origin that sends X-Requested-With', async ({ page, server }) => {
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.test', '/blank.html'));
  const target = server.url('m.shop.test', '/mtc/event');
  expect(await xhr(page, target, { method: 'POST', body: new URLSearchParams({ a: '1' }) as unknown as string })).toMatchObject({ ok: false });
  expect(server.mautic('/mtc/event')).toHaveLength(1); // the server did process it (no preflight for a simple request)
  expect(server.mautic('/mtc/event')[0].headers['x-requested-with']).toBeUndefined();
  expect(await xhr(page, target, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).toMatchObject({ ok: true, status: 200 });
  server.configure({ corsOrigins: [] });
  server.clearLog();
  // Mautic's factory default: the preflight is answered without CORS headers, so the POST is never sent.
  // (A URL not fetched before: see the preflight-cache test below.)
  expect(await xhr(page, `${target}?fresh`, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).toMatchObject({ ok: false });
  expect(server.mautic('/mtc/event').map((r) => r.method)).toEqual(['OPTIONS']);
  server.configure({ corsOrigins: ['http://*.shop.test:*'] });
  expect(await xhr(page, `${target}?wild`, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).toMatchObject({ ok: true });
});

test('Chromium caches a successful preflight (Max-Age 36000): after the allow-list is emptied the POST still reaches Mautic, unreadable', async ({ page, server }) => {
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.test', '/blank.html'));
  const target = server.url('m.shop.test', '/mtc/event');
  const post = () => xhr(page, target, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' }, body: 'page_url=x' });
  expect(await post()).toMatchObject({ ok: true });
  server.configure({ corsOrigins: [] });
  server.clearLog();
  expect(await post()).toMatchObject({ ok: false }); // the response has no CORS headers, so the page cannot read it ...
  expect(server.mautic('/mtc/event').map((r) => r.method)).toEqual(['POST']); // ... but no new preflight was made,
  expect(server.hits).toHaveLength(2); // and the server recorded the hit.
});

test('an image pixel is seen by the request listener and the server log, and records a hit', async ({ page, server, requests }) => {
  server.addPage('/pixel.html', `<!doctype html><img src="{{MAUTIC}}/mtracking.gif?page_title=T&counter=0">`);
  await page.goto(server.url('www.shop.test', '/pixel.html')); // resolves on the load event, which waits for the image
  expect(requests.filter((r) => r.host === 'm.shop.test').map((r) => new URL(r.url).pathname)).toEqual(['/mtracking.gif']);
  expect(server.hits).toMatchObject([{ params: { page_title: 'T', counter: '0' }, contactId: 1 }]);
  // Plain-http *.test is not a secure context: the Secure T cookies are dropped (toolchain G8).
  expect(await page.context().cookies()).toEqual([]);
});

test('on *.localhost the pixel leaves the T cookies, and the next credentialed request sends them back', async ({ page, context, server, requests }) => {
  server.addPage('/pixel.html', `<!doctype html><img id="p" src="{{MAUTIC}}/mtracking.gif?page_title=T&counter=0">`);
  await page.goto(server.url('www.shop.localhost', '/pixel.html')); // waits for the load event, so for the image
  // The GIF decodes although Mautic's pixel headers carry the bogus `Content-Encoding: none`.
  expect(await page.locator('#p').evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth])).toEqual([true, 1]);
  expect(requests.filter((r) => r.host === 'm.shop.localhost').map((r) => new URL(r.url).pathname)).toEqual(['/mtracking.gif']);
  expect(server.mautic('/mtracking.gif')).toHaveLength(1);
  const jar = (await context.cookies()).filter((c) => c.domain === 'm.shop.localhost');
  expect(jar.map((c) => c.name).sort()).toEqual(['mautic_device_id', 'mautic_referer_id', 'mtc_id']);
  const device = jar.find((c) => c.name === 'mautic_device_id')!;
  expect(device).toMatchObject({ secure: true, sameSite: 'None', httpOnly: false, path: '/' });
  expect(device.value).toBe([...server.devices.keys()][0]);

  // A second image request (credentialed, like every <img>) carries the cookie; the server knows the device.
  await page.evaluate((src) => new Promise((done) => { const i = new Image(); i.onload = i.onerror = done; i.src = src; }), server.url('m.shop.localhost', '/mtracking.gif?counter=1'));
  expect(server.mautic('/mtracking.gif').at(-1)!.cookies).toMatchObject({ mautic_device_id: device.value, mtc_id: '1', mautic_referer_id: '1' });
  expect(server.hits.map((h) => h.contactId)).toEqual([1, 1]);
  expect(server.contacts).toBe(1);
});

test('the mautic_device_id parameter resolves the same contact, with no new tracking cookies', async ({ page, server }) => {
  server.addPage('/blank.html', blank);
  await page.goto(server.url('www.shop.localhost', '/blank.html'));
  const target = server.url('m.shop.localhost', '/mtc/event');
  const posted = () => page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST');
  // credentials 'omit': no cookie is sent and none is stored, so only the parameter can identify.
  const send = (body: Record<string, string>) => page.evaluate(async ([u, b]) => {
    const r = await fetch(u, { method: 'POST', credentials: 'omit', headers: { 'X-Requested-With': 'XMLHttpRequest' }, body: new URLSearchParams(b) });
    return r.json();
  }, [target, body] as const);

  const [firstResponse, first] = await Promise.all([posted(), send({ page_url: 'a' })]);
  // Positive control: the detector below sees the T cookies on a first visit.
  expect((await firstResponse.headerValues('set-cookie')).map((c) => c.split('=')[0])).toEqual(['mautic_device_id', 'mtc_id', 'mautic_referer_id']);
  expect(first.device_id).toMatch(/^[0-9a-z]{23}$/);

  const [againResponse, again] = await Promise.all([posted(), send({ page_url: 'b', mautic_device_id: first.device_id })]);
  expect(again).toMatchObject({ success: 1, id: first.id, sid: first.device_id, device_id: first.device_id });
  // Only the R cookie of the new hit; no T cookies for a known device.
  expect((await againResponse.headerValues('set-cookie')).map((c) => c.split('=')[0])).toEqual(['mautic_referer_id']);
  expect(server.mautic('/mtc/event').filter((r) => r.method === 'POST').map((r) => r.cookies)).toEqual([{}, {}]);
  expect(server.hits.map((h) => [h.contactId, h.params.page_url])).toEqual([[first.id, 'a'], [first.id, 'b']]);
  expect(server.contacts).toBe(1);
});

test('the device cookie wins over the parameter; an unknown device makes a new contact', async ({ server }) => {
  const post = (body: string, headers: Record<string, string> = {}) => rawRequest(server, 'm.shop.test', '/mtc/event', 'POST', body, headers);
  const a = JSON.parse((await post('')).body);
  const b = JSON.parse((await post('')).body);
  expect([a.id, b.id]).toEqual([1, 2]);
  const both = await post(`mautic_device_id=${b.device_id}`, { Cookie: `mautic_device_id=${a.device_id}` });
  expect(JSON.parse(both.body)).toMatchObject({ id: 1, device_id: a.device_id });
  expect(both.headers['set-cookie']).toEqual([expect.stringMatching(/^mautic_referer_id=3;/)]);
  // Query and form body are merged, the body wins.
  await rawRequest(server, 'm.shop.test', `/mtc/event?page_title=query&counter=5&mautic_device_id=${a.device_id}`, 'POST', 'page_title=body');
  expect(server.hits.at(-1)).toMatchObject({ contactId: 1, params: { page_title: 'body', counter: '5' } });
  const stranger = await post('mautic_device_id=0000000000000000000000x');
  expect(JSON.parse(stranger.body).id).toBe(3);
  expect(server.contacts).toBe(3);
  expect(server.devices.size).toBe(3);
  // A JSON body is not parsed: its device id is ignored.
  const json = await rawRequest(server, 'm.shop.test', '/mtc/event', 'POST', JSON.stringify({ mautic_device_id: a.device_id }), { 'Content-Type': 'application/json' });
  expect(JSON.parse(json.body).id).toBe(4);
  expect(server.mautic('/mtc/event').at(-1)!.body).toBe(JSON.stringify({ mautic_device_id: a.device_id }));
});

test('Set-Cookie follows Symfony and the cookie settings', async ({ server }) => {
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

test('CORS response headers, exactly as Mautic sends them', async ({ server }) => {
  const origin = server.url('www.shop.test', '').replace(/\/$/, '');
  const cors = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith('access-control-') || k === 'vary'));
  const expected = {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'Origin, X-Requested-With, Content-Type, Authorization',
    'access-control-allow-methods': 'PUT, GET, POST, DELETE, OPTIONS',
    'access-control-allow-credentials': 'true',
    'access-control-max-age': '36000',
  };
  const xhr = { Origin: origin, 'X-Requested-With': 'XMLHttpRequest' };
  const preflight = { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-requested-with' };

  // Non-OPTIONS: only an XHR (X-Requested-With) from an allowed origin gets them.
  expect(cors((await rawRequest(server, 'm.shop.test', '/mtc/event', 'POST', '', { Origin: origin })).headers)).toEqual({});
  expect(cors((await rawRequest(server, 'm.shop.test', '/mtc/event', 'POST', '', xhr)).headers)).toEqual(expected);
  expect(cors((await rawRequest(server, 'm.shop.test', '/mtc', 'GET', '', { ...xhr, Origin: 'http://evil.test' })).headers)).toEqual({});
  // OPTIONS: always 204 with an empty body; headers only with Origin + Access-Control-Request-Headers.
  const ok = await rawRequest(server, 'm.shop.test', '/mtc/event', 'OPTIONS', '', preflight);
  expect([ok.status, ok.body, cors(ok.headers)]).toEqual([204, '', expected]);
  const noAcrh = await rawRequest(server, 'm.shop.test', '/anything', 'OPTIONS', '', { Origin: origin });
  expect([noAcrh.status, cors(noAcrh.headers)]).toEqual([204, {}]);
  // Exact entries are case-insensitive; a wildcard match adds Vary: Origin.
  server.configure({ corsOrigins: [origin.toUpperCase()] });
  expect(cors((await rawRequest(server, 'm.shop.test', '/mtc/event', 'OPTIONS', '', preflight)).headers)).toEqual(expected);
  server.configure({ corsOrigins: ['http://*.SHOP.test:*'] });
  expect(cors((await rawRequest(server, 'm.shop.test', '/mtc/event', 'POST', '', xhr)).headers)).toEqual({ ...expected, vary: 'Origin' });
  // Factory default: nothing passes.
  server.configure({ corsOrigins: [] });
  const none = await rawRequest(server, 'm.shop.test', '/mtc/event', 'OPTIONS', '', preflight);
  expect([none.status, cors(none.headers)]).toEqual([204, {}]);
});

test('Mautic routes: pixel, /mtc, the mtc.js stand-in, 404s', async ({ server }) => {
  const gif = await rawRequest(server, 'm.shop.test', '/mtracking.gif?page_title=x', 'GET');
  expect(gif.status).toBe(200);
  expect(gif.headers).toMatchObject({
    'content-type': 'image/gif', 'content-length': '43', 'cache-control': 'private, no-cache, no-cache=Set-Cookie, proxy-revalidate',
    expires: 'Wed, 11 Jan 2000 12:59:00 GMT', 'last-modified': 'Wed, 11 Jan 2006 12:59:00 GMT', pragma: 'no-cache', 'content-encoding': 'none', connection: 'close',
  });
  expect((gif.headers['set-cookie'] as string[]).map((c) => c.split('=')[0])).toEqual(['mautic_device_id', 'mtc_id', 'mautic_referer_id']);
  // Other methods: a single space, default headers, still processed.
  const post = await rawRequest(server, 'm.shop.test', '/mtracking.gif?page_title=y', 'POST');
  expect([post.status, post.body, post.headers['content-type']]).toEqual([200, ' ', 'text/html; charset=UTF-8']);
  expect(server.hits.map((h) => h.params.page_title)).toEqual(['x', 'y']);

  const mtc = await rawRequest(server, 'm.shop.test', '/mtc', 'GET');
  const who = JSON.parse(mtc.body);
  expect(Object.keys(who)).toEqual(['id', 'sid', 'device_id']);
  expect(who).toMatchObject({ id: 3, sid: who.device_id });
  expect(server.devices.get(who.device_id)).toBe(3);
  expect((mtc.headers['set-cookie'] as string[]).map((c) => c.split('=')[0])).toEqual(['mautic_device_id', 'mtc_id']); // no hit, no R cookie
  const known = await rawRequest(server, 'm.shop.test', `/mtc?mautic_device_id=${who.device_id}`, 'GET');
  expect([JSON.parse(known.body).id, known.headers['set-cookie']]).toEqual([3, undefined]);

  const js = await rawRequest(server, 'mautic.other.test', '/mtc.js', 'GET');
  expect([js.status, js.headers['content-type'], js.body]).toEqual([200, 'application/javascript', 'console.log("mtc.js stand-in loaded");']);
  expect((await rawRequest(server, 'm.shop.test', '/nope', 'GET')).status).toBe(404);
  expect(server.mautic().map((r) => r.host)).toContain('mautic.other.test');
});

test('website hosts: templates, static files, favicon, 404 (and no node_modules)', async ({ server }) => {
  server.addPage('/t.html', '{{PORT}} {{ORIGIN}} {{MAUTIC}} {{MAUTIC_CROSS}}');
  const p = server.port;
  expect((await rawRequest(server, 'www.shop.test', '/t.html', 'GET')).body).toBe(`${p} http://www.shop.test:${p} http://m.shop.test:${p} http://mautic.other.test:${p}`);
  expect((await rawRequest(server, 'www.shop.localhost', '/t.html', 'GET')).body).toBe(`${p} http://www.shop.localhost:${p} http://m.shop.localhost:${p} http://mautic.other.localhost:${p}`);
  const mjs = await rawRequest(server, 'www.shop.test', '/dist/mautic-consent.mjs', 'GET');
  expect([mjs.status, mjs.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
  expect((await rawRequest(server, 'www.shop.test', '/dist/mautic-consent.mjs.map', 'GET')).headers['content-type']).toBe('application/json');
  expect((await rawRequest(server, 'www.shop.test', '/favicon.ico', 'GET')).status).toBe(204);
  expect((await rawRequest(server, 'www.shop.test', '/node_modules/@playwright/test/package.json', 'GET')).status).toBe(404);
  expect((await rawRequest(server, 'www.shop.test', '/dist/../package.json', 'GET')).status).toBe(404);
  expect((await rawRequest(server, 'www.shop.test', '/nope.html', 'GET')).status).toBe(404);
  expect(server.mautic()).toEqual([]); // none of these is a Mautic host
  expect(server.log).toHaveLength(8);
});

test('slow mode delays the answer; close() ends a hanging request', async () => {
  const own: Server = await startServer();
  own.configure({ mode: 'slow', slowMs: 150 });
  const started = Date.now();
  expect((await rawRequest(own, 'm.shop.test', '/mtc/event')).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  own.configure({ mode: 'hang' });
  const hanging = rawRequest(own, 'm.shop.test', '/mtc/event').then(() => 'answered', () => 'closed');
  await expect.poll(() => own.mautic('/mtc/event').length).toBe(2);
  await own.close();
  expect(await hanging).toBe('closed');
});

test('the double answers over https too: a grant there stores identity in Secure-capable cookies', async ({ page, context, server }) => {
  server.addPage('/tls.html', `<!doctype html><title>tls</title><script src="{{ORIGIN}}/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script>`);
  await page.goto(server.httpsUrl('www.shop.localhost', '/tls.html'));
  expect(await page.evaluate(() => location.protocol)).toBe('https:');
  await page.waitForFunction(() => (window as any).MauticConsent?.state);
  await page.evaluate(() => {
    (window as any).MauticConsent.grant();
    (window as any).MauticConsent.track();
  });
  const posts = () => server.mautic('/mtc/event').filter((e) => e.method === 'POST');
  await expect.poll(() => posts().length).toBe(1);
  const event = posts()[0];
  expect(event.scheme).toBe('https');
  expect(event.headers.origin).toBe(`https://www.shop.localhost:${server.httpsPort}`);
  await expect.poll(async () => (await context.cookies()).map((c) => c.name)).toContain('mtc_id');
});
