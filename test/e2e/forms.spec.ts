// Real Mautic forms (the double's fixtures from Mautic's templates, test/mautic-double/forms/):
// pages, conditional fields, prefill, MauticFormCallback hooks, the waiting button, downloads,
// error texts and pasted embeds, before consent (no cookie, no storage, no identity) and after.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, rawRequest, storageDump, type Server } from './fixtures';
import { sdkPage } from './support/pages';
// @ts-expect-error: plain ESM module without types
import { FORM_VERSIONS, selfHostedSnippet } from '../mautic-double/forms/index.mjs';

// Each test walks a whole form (many steps); on a busy machine that outlasts the 15 s default.
test.describe.configure({ timeout: 60_000 });

const SITE = 'www.shop.localhost';
const MAUTIC = 'm.shop.localhost';
const useVersion = (server: Server, version: string) => server.configure({ version } as never);

/**
 * Records every MauticFormCallback hook of `name` in `window.hookCalls` as [event, argument]; each
 * returns `null` ("not handled", as the Mautic docs ask of hooks that only observe) unless `returns` names a value.
 */
const recorder = (name: string, returns: Record<string, unknown> = {}) => `<script>
  window.hookCalls = [];
  window.MauticFormCallback = { ${name}: new Proxy({}, { get: (_, event) => (data) => {
    window.hookCalls.push([event, JSON.parse(JSON.stringify(data))]);
    return ${JSON.stringify(returns)}[event] ?? null;
  } }) };
</script>`;

async function open(page: Page, server: Server, body: string, o: { head?: string; query?: string } = {}) {
  server.addPage('/forms.html', sdkPage('iife', { body, head: o.head }));
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(server.url(SITE, `/forms.html${o.query ?? ''}`));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  return warnings;
}

async function expectNoTrace(context: BrowserContext, page: Page, server: Server) {
  await page.waitForLoadState('networkidle');
  expect(await context.cookies()).toEqual([]);
  expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
  for (const r of server.mautic()) expect(r.cookies).toEqual({});
  for (const s of server.submissions) expect(s.deviceParam).toBeNull();
}

async function grant(page: Page, server: Server) {
  await page.evaluate(() => (window as any).MauticConsent.grant({ source: 'user' }));
  await page.evaluate(() => (window as any).MauticConsent.track());
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mautic_device_id'))).toBeTruthy();
  return server.hits[0].deviceId;
}

const hookNames = (page: Page) => page.evaluate(() => (window as any).hookCalls.map((c: [string]) => c[0]));

test.describe('the double serves what Mautic renders', () => {
  test('per version: rows, pages, page breaks, conditions, hidden fields; never a script', async ({ server }) => {
    for (const version of FORM_VERSIONS as string[]) {
      useVersion(server, version);
      const { status, body } = await rawRequest(server, MAUTIC, '/form/embed/6', 'GET');
      expect(status).toBe(200);
      expect(body).toContain(`action="http://${MAUTIC}:${server.port}/form/submit?formId=6"`);
      expect(body).toContain('<div class="mauticform-page-wrapper mauticform-page-2" data-mautic-form-page="2">');
      expect(body).toContain('data-mautic-form-pagebreak="1" style="display:none;"');
      expect(body).toContain('class="mauticform-row mauticform-text mauticform-field-3 mauticform-field-hidden mauticform-required" data-mautic-form-show-on="role:student" data-mautic-form-expr="in" data-validate="school"');
      expect(body).toContain('data-mautic-form-show-on="plan:*"');
      expect(body).toContain(`class="btn ${version === '5.1' ? 'btn-default' : 'btn-ghost'} mauticform-button"`);
      const newsletter = (await rawRequest(server, MAUTIC, '/form/embed/3', 'GET')).body;
      expect(newsletter).toContain('<input name="mauticform[source]" value="website" id="mauticform_input_newsletter_source" class="mauticform-hidden" type="hidden">');
      const contact = (await rawRequest(server, MAUTIC, '/form/embed/5', 'GET')).body;
      expect(contact).toContain('<p class="intro">We answer <strong>within a day</strong>.</p>');
      expect(contact).not.toContain('<script');
    }
  });
});

/** Walks form 6 (two pages, conditional fields) the way a visitor does, checking each step. */
async function walkRegistration(page: Page) {
  const f = page.locator('#slot form');
  const page1 = f.locator('[data-mautic-form-page="1"]');
  const page2 = f.locator('[data-mautic-form-page="2"]');
  const next1 = f.locator('#mauticform_registration_page1 [data-mautic-form-pagebreak-button="next"]');
  await expect(page1).toBeVisible();
  await expect(page2).toBeHidden();
  await expect(f.locator('#mauticform_registration_page1 [data-mautic-form-pagebreak-button="prev"]')).toBeDisabled();
  await expect(f.locator('button[type=submit]')).toBeHidden();
  await expect(f.locator('#mauticform_registration_school')).toBeHidden();
  // Next checks this page's required fields first.
  await next1.click();
  await expect(f.locator('#mauticform_registration_email .mauticform-errormsg')).toHaveText('Your email, please.');
  await expect(f.locator('#mauticform_registration_role .mauticform-errormsg')).toBeVisible();
  await expect(page2).toBeHidden();
  await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
  // A required conditional field counts only while it shows.
  await f.locator('input[value=student]').check();
  await expect(f.locator('#mauticform_registration_school')).toBeVisible();
  await expect(f.locator('#mauticform_registration_subject')).toBeHidden();
  await next1.click();
  await expect(f.locator('#mauticform_registration_school .mauticform-errormsg')).toHaveText('Which school?');
  await expect(page2).toBeHidden();
  await f.locator('input[value=teacher]').check();
  await expect(f.locator('#mauticform_registration_school')).toBeHidden();
  await expect(f.locator('#mauticform_registration_subject')).toBeVisible();
  await next1.click();
  await expect(page2).toBeVisible();
  await expect(page1).toBeHidden();
  // The last page: Back, and the submit button where Next was.
  await expect(f.locator('#mauticform_registration_page2 button[type=submit]')).toBeVisible();
  await expect(f.locator('#mauticform_registration_page2 [data-mautic-form-pagebreak-button="next"]')).toHaveCount(0);
  await f.locator('#mauticform_registration_page2 [data-mautic-form-pagebreak-button="prev"]').click();
  await expect(page1).toBeVisible();
  await next1.click();
  await expect(f.locator('#mauticform_registration_extras')).toBeHidden();
  await f.locator('select[name="mauticform[plan]"]').selectOption('pro');
  await expect(f.locator('#mauticform_registration_extras')).toBeVisible();
  await f.locator('input[value=training]').check();
  await f.locator('button[type=submit]').click();
  await expect(f.locator('.mauticform-message')).toHaveText('You are registered.');
  // Mautic resets the form: page 1 again, conditional fields hidden again.
  await expect(page1).toBeVisible();
  await expect(f.locator('#mauticform_registration_subject')).toBeHidden();
  const pageHooks = await page.evaluate(() => (window as any).hookCalls.filter((c: [string]) => /Page$/.test(c[0])));
  expect(pageHooks).toEqual([['onShowNextPage', 2], ['onShowPreviousPage', 1], ['onShowNextPage', 2]]);
}

test.describe('pages and conditional fields', () => {
  for (const version of FORM_VERSIONS as string[]) {
    test(`Mautic ${version}, before consent: pages, per-page validation, conditions; no cookie, no identity`, async ({ page, context, server }) => {
      useVersion(server, version);
      await open(page, server, '<div id="slot" data-mautic-form="6"></div>', { head: recorder('registration') });
      await walkRegistration(page);
      expect(server.submissions).toMatchObject([{ formId: 6, values: { email: 'ann@example.com', role: 'teacher', plan: 'pro', extras: ['training'], school: '' } }]);
      await expectNoTrace(context, page, server);
    });
  }

  test('after consent the same form submits with the identity', async ({ page, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="6"></div>', { head: recorder('registration') });
    const device = await grant(page, server);
    await walkRegistration(page);
    expect(server.submissions).toMatchObject([{ formId: 6, deviceParam: device }]);
  });
});

test.describe('prefill', () => {
  for (const consent of ['before', 'after'] as const) {
  test(`${consent} consent: fields are prefilled from the query string as Mautic does: empty, visible fields only, tags removed`, async ({ page, context, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="3"></div>', { query: '?email=ann%40example.com&firstname=%3Cb%3EAnn%3C%2Fb%3E&source=evil&country=fr' });
    const device = consent === 'after' ? await grant(page, server) : null;
    const f = page.locator('#slot form');
    await expect(f.locator('input[name="mauticform[email]"]')).toHaveValue('ann@example.com');
    await expect(f.locator('input[name="mauticform[firstname]"]')).toHaveValue('Ann');
    await expect(f.locator('select[name="mauticform[country]"]')).toHaveValue('fr');
    await expect(f.locator('input[name="mauticform[source]"]')).toHaveValue('website');
    await f.locator('button[type=submit]').click();
    await expect(f.locator('.mauticform-message')).toHaveText('Thank you, you are subscribed.');
    expect(server.submissions[0].values).toMatchObject({ email: 'ann@example.com', firstname: 'Ann', country: 'fr', source: 'website' });
    if (device) expect(server.submissions[0].deviceParam).toBe(device);
    else await expectNoTrace(context, page, server);
  });
  }

});

test.describe('MauticFormCallback hooks', () => {

  for (const consent of ['before', 'after'] as const) {
  test(`${consent} consent: MauticFormCallback hooks fire in Mautic’s order with Mautic’s arguments`, async ({ page, context, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="3"></div>', { head: recorder('newsletter') });
    const device = consent === 'after' ? await grant(page, server) : null;
    const f = page.locator('#slot form');
    await f.locator('button[type=submit]').click();
    await expect(f.locator('#mauticform_newsletter_email .mauticform-errormsg')).toBeVisible();
    expect(await page.evaluate(() => (window as any).hookCalls)).toEqual([
      ['onValidate', null],
      ['onSubmitButtonDisable', null],
      ['onValidateStart', null],
      ['onMessageSet', { message: '', type: 'message' }],
      ['onMessageSet', { message: '', type: 'error' }],
      ['onValidateField', { fieldKey: 'email', field: { type: 'email', name: 'email', multiple: null } }],
      ['onErrorMark', { containerId: 'mauticform_newsletter_email', valid: false, validationMessage: 'Please enter your email.' }],
      ['onValidateEnd', false],
      ['onSubmitButtonEnable', null],
    ]);
    await page.evaluate(() => ((window as any).hookCalls.length = 0));
    await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
    await f.locator('button[type=submit]').click();
    await expect(f.locator('.mauticform-message')).toHaveText('Thank you, you are subscribed.');
    await expect.poll(() => hookNames(page)).toContain('onResponseEnd');
    expect(await hookNames(page)).toEqual([
      'onValidate', 'onSubmitButtonDisable', 'onValidateStart', 'onMessageSet', 'onMessageSet', 'onValidateField', 'onErrorClear',
      'onValidateEnd', 'onResponse', 'onResponseStart', 'onMessageSet', 'onSubmitButtonEnable', 'onResponseEnd',
    ]);
    const calls = await page.evaluate(() => (window as any).hookCalls);
    expect(calls[6]).toEqual(['onErrorClear', 'mauticform_newsletter_email']);
    expect(calls[7]).toEqual(['onValidateEnd', true]);
    expect(calls[8][1]).toMatchObject({ success: 1, formName: 'newsletter', successMessage: 'Thank you, you are subscribed.', results: { email: 'ann@example.com' } });
    expect(calls[10]).toEqual(['onMessageSet', { message: 'Thank you, you are subscribed.', type: 'message' }]);
    if (device) expect(server.submissions[0].deviceParam).toBe(device);
    else await expectNoTrace(context, page, server);
  });
  }

  test('hooks that answer take over: onValidate false stops the submit, onResponse true replaces the handling', async ({ page, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="3"></div>', { head: recorder('newsletter', { onValidate: false }) });
    const f = page.locator('#slot form');
    await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
    await f.locator('button[type=submit]').click();
    await expect.poll(() => hookNames(page)).toEqual(['onValidate', 'onSubmitButtonDisable', 'onValidateEnd', 'onSubmitButtonEnable']);
    await page.waitForLoadState('networkidle');
    expect(server.submissions).toEqual([]);
    // Positive control: with onResponse answering, the submission goes out and nothing else happens.
    await page.evaluate(() => {
      const calls = (window as any).hookCalls;
      calls.length = 0;
      (window as any).MauticFormCallback.newsletter = { onResponse: (r: unknown) => (calls.push(['onResponse', r]), true), onResponseEnd: () => calls.push(['onResponseEnd']) };
    });
    await f.locator('button[type=submit]').click();
    await expect.poll(() => server.submissions.length).toBe(1);
    await expect.poll(() => hookNames(page)).toEqual(['onResponse']);
    await expect(f.locator('.mauticform-message')).toHaveText('');
  });

  test('a hook that throws costs one warning, not the form', async ({ page, server }) => {
    const warnings = await open(page, server, '<div id="slot" data-mautic-form="3"></div>', { head: `<script>window.MauticFormCallback = { newsletter: { onValidateStart() { throw new Error('oops'); } } };</script>` });
    const f = page.locator('#slot form');
    await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
    await f.locator('button[type=submit]').click();
    await expect(f.locator('.mauticform-message')).toHaveText('Thank you, you are subscribed.');
    expect(warnings.filter((w) => w.includes('onValidateStart'))).toEqual(['[mautic-consent] MauticFormCallback.newsletter.onValidateStart threw (Error: oops); the form goes on without it.']);
  });

});

test.describe('the waiting button', () => {

  for (const consent of ['before', 'after'] as const) {
  test(`${consent} consent: the submit button says "Please wait..." while Mautic answers; a second click sends nothing`, async ({ page, context, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="3"></div>');
    const device = consent === 'after' ? await grant(page, server) : null;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/form/submit*', async (route) => {
      await held;
      await route.continue();
    });
    const f = page.locator('#slot form');
    const button = f.locator('button[type=submit]');
    await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
    await button.click();
    await expect(button).toHaveText('Please wait...');
    await expect(button).toBeDisabled();
    await f.evaluate((form: HTMLFormElement) => form.requestSubmit());
    release();
    await expect(f.locator('.mauticform-message')).toHaveText('Thank you, you are subscribed.');
    await expect(button).toHaveText('Submit');
    await expect(button).toBeEnabled();
    await page.waitForLoadState('networkidle');
    expect(server.submissions).toHaveLength(1);
    if (device) expect(server.submissions[0].deviceParam).toBe(device);
    else await expectNoTrace(context, page, server);
  });
  }
});

test.describe('answers', () => {
  test('a download answer starts the download, cookie-free and without ct before consent', async ({ page, context, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="7"></div>');
    const f = page.locator('#slot form');
    await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
    const [download] = await Promise.all([page.waitForEvent('download'), f.locator('button[type=submit]').click()]);
    expect(download.suggestedFilename()).toBe('guide.txt');
    await expect(f.locator('.mauticform-message')).toHaveText('Your download starts now.');
    expect(server.downloads).toMatchObject([{ assetId: 3, deviceParam: null }]);
    const asked = server.mautic('/asset/').filter((r) => r.method === 'GET');
    expect(asked[0].query).toEqual({ stream: '0' });
    // Mautic collects the download only in messenger mode: the SDK sends the flag.
    expect(server.submissions[0].values).toMatchObject({ messenger: '1' });
    await expectNoTrace(context, page, server);
  });

  test('after consent the download carries the identity and Mautic’s ct', async ({ page, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="7"></div>');
    const device = await grant(page, server);
    const f = page.locator('#slot form');
    await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
    await Promise.all([page.waitForEvent('download'), f.locator('button[type=submit]').click()]);
    expect(server.downloads).toMatchObject([{ assetId: 3, deviceParam: device }]);
    expect(server.mautic('/asset/').filter((r) => r.method === 'GET')[0].query).toMatchObject({ stream: '0', ct: expect.any(String) });
  });

  for (const consent of ['before', 'after'] as const) {
  test(`${consent} consent: error texts read as Mautic means them: entities decoded, line breaks kept, never live HTML`, async ({ page, server }) => {
    await open(page, server, '<div id="slot" data-mautic-form="5"></div>');
    if (consent === 'after') await grant(page, server);
    const f = page.locator('#slot form');
    await expect(f.locator('.intro')).toHaveText('We answer within a day.');
    await f.locator('input[name="mauticform[email]"]').fill('ann@example.com');
    await f.locator('textarea[name="mauticform[message]"]').fill('Hello');
    await f.locator('input[value=phone]').check();
    await f.locator('input[name="mauticform[question]"]').fill('4');
    await f.locator('button[type=submit]').click();
    await expect(f.locator('#mauticform_contact_question .mauticform-errormsg')).toHaveText('That is not the answer to "What is 2 + 3?"');
    // A hostile answer: markup in the messages stays text.
    await page.route('**/form/submit*', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': server.url(SITE, '').replace(/\/$/, '') },
        body: JSON.stringify({ success: 0, formName: 'contact', validationErrors: { email: 'Bad &amp; worse<br />second <img src=x onerror="window.pwned=1">line' } }),
      }),
    );
    await f.locator('input[name="mauticform[question]"]').fill('5');
    await f.locator('button[type=submit]').click();
    const span = f.locator('#mauticform_contact_email .mauticform-errormsg');
    await expect(span).toHaveText('Bad & worsesecond line');
    expect(await span.evaluate((el) => [...el.children].map((c) => c.tagName))).toEqual(['BR']);
    await page.unroute('**/form/submit*');
    await page.route('**/form/submit*', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': server.url(SITE, '').replace(/\/$/, '') },
        body: JSON.stringify({ success: 0, formName: 'contact', errorMessage: '&lt;b&gt;Closed&lt;/b&gt; <i onmouseover="window.pwned=1">today</i>' }),
      }),
    );
    await f.locator('button[type=submit]').click();
    await expect(f.locator('.mauticform-error')).toHaveText('<b>Closed</b> today');
    expect(await f.locator('.mauticform-error *').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).pwned ?? (window as any).customHtmlRan)).toBeUndefined();
  });
  }
});

test.describe('pasted forms', () => {
  const loads = (page: Page) => page.evaluate(() => (window as any).mauticFormScriptLoads ?? 0);
  const posts = (page: Page) => page.evaluate(() => (window as any).mauticFormScriptPosts ?? 0);

  test('a pasted form whose page loads Mautic’s form script is still submitted once', async ({ page, server }) => {
    await open(page, server, selfHostedSnippet(3, '5.2', '{{MAUTIC}}'));
    // The page's own snippet loaded Mautic's script (the README says to gate it); it hooks the form.
    await expect.poll(() => loads(page)).toBe(1);
    await page.fill('input[name="mauticform[email]"]', 'ann@example.com');
    await page.click('#mauticform_newsletter button[type=submit]');
    await expect(page.locator('#mauticform_newsletter_message')).toHaveText('Thank you, you are subscribed.');
    await page.waitForLoadState('networkidle');
    expect(await posts(page)).toBe(0);
    expect(server.submissions).toHaveLength(1);
  });

  test('gated as the README says: no Mautic script before consent, one submission each time, gated custom HTML runs after consent', async ({ page, context, server }) => {
    const snippet = (selfHostedSnippet(3, '5.2', '{{MAUTIC}}', { gated: true }) as string).replace(
      '<div id="mauticform_newsletter_topics"',
      '<script type="text/plain" data-mautic-consent="tracking">window.customRuns = (window.customRuns || 0) + 1</script><div id="mauticform_newsletter_topics"',
    );
    expect(snippet).toContain('window.customRuns');
    await open(page, server, snippet);
    await page.fill('input[name="mauticform[email]"]', 'ann@example.com');
    await page.click('#mauticform_newsletter button[type=submit]');
    await expect(page.locator('#mauticform_newsletter_message')).toHaveText('Thank you, you are subscribed.');
    expect(server.mautic('/media/js/')).toEqual([]);
    expect(await page.evaluate(() => (window as any).customRuns)).toBeUndefined();
    await expectNoTrace(context, page, server);
    // After consent the gated loader runs (positive control: Mautic's script loads), and still one submission per click.
    const device = await grant(page, server);
    await expect.poll(() => loads(page)).toBe(1);
    expect(await page.evaluate(() => (window as any).customRuns)).toBe(1);
    await page.fill('input[name="mauticform[email]"]', 'bob@example.com');
    await page.click('#mauticform_newsletter button[type=submit]');
    await expect.poll(() => server.submissions.length).toBe(2);
    await page.waitForLoadState('networkidle');
    expect(await posts(page)).toBe(0);
    expect(server.submissions).toHaveLength(2);
    expect(server.submissions[1]).toMatchObject({ deviceParam: device, values: { email: 'bob@example.com' } });
  });

  test('generate.js: gated, nothing loads before consent; after consent the form appears and submits once', async ({ page, server }) => {
    await open(page, server, '<div id="here"><script type="text/plain" data-mautic-consent="tracking" src="{{MAUTIC}}/form/generate.js?id=3"></script></div>');
    await page.waitForLoadState('networkidle');
    expect(server.mautic('/form/')).toEqual([]);
    await expect(page.locator('form')).toHaveCount(0);
    await grant(page, server);
    await expect(page.locator('#here form')).toBeVisible();
    await expect.poll(() => loads(page)).toBe(1);
    await page.fill('#here input[name="mauticform[email]"]', 'ann@example.com');
    await page.click('#here button[type=submit]');
    await expect(page.locator('#mauticform_newsletter_message')).toHaveText('Thank you, you are subscribed.');
    await page.waitForLoadState('networkidle');
    expect(await posts(page)).toBe(0);
    expect(server.submissions).toHaveLength(1);
  });
});
