// Every example page runs: it loads without an error, stores nothing before consent, and its
// embed does what the page says once consent is given.
import { test, expect } from './fixtures';

const PAGES: [string, (page: import('@playwright/test').Page) => Promise<void>][] = [
  ['forms', async (page) => expect(page.locator('form')).toHaveCount(2)],
  ['assets', async (page) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download the guide')]);
    expect(download.suggestedFilename()).toBe('guide.txt');
  }],
  ['dynamic-content', async (page) => expect(page.locator('[data-mautic-dwc]')).toHaveText('Hello! Browse our shop.')],
  ['focus', async (page) => {
    await page.click('text=Accept tracking');
    await expect(page.locator('.mautic-focus[data-focus-id="6"]')).toBeVisible();
  }],
  ['banner', async (page) => {
    await expect(page.locator('dialog.mc-banner')).toBeVisible();
    await page.locator('dialog.mc-banner').getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(page.locator('#state')).toHaveText('granted (user)');
  }],
  ['gated', async (page) => {
    await page.click('text=Accept tracking');
    await expect(page.locator('#ran')).toContainText('The gated script ran');
  }],
];

for (const [name, check] of PAGES) {
  test(`examples/${name}.html runs`, async ({ page, context, server }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Console errors too. The focus page says why Chromium logs its view pixel (Mautic answers
    // images without a CORS header): those lines are the only ones allowed.
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (name === 'focus' && /viewpixel\.gif|Failed to load resource/.test(m.text())) return;
      errors.push(m.text());
    });
    await page.goto(server.url('www.shop.localhost', `/examples/${name}.html`));
    await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
    if (name !== 'gated') expect((await context.cookies()).map((c) => c.name)).toEqual([]);
    await check(page);
    expect(errors).toEqual([]);
  });
}

test('every example page is linked from the demo', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const demo = readFileSync('examples/demo.html', 'utf8');
  const pages = [...readdirSync('examples').filter((f) => f.endsWith('.html') && f !== 'demo.html').map((f) => `/examples/${f}`), '/examples/esm-app/index.html'];
  expect(pages.length).toBeGreaterThan(8);
  expect(pages.filter((p) => !demo.includes(`href="${p}"`))).toEqual([]);
});

test('examples/gtm.html does not scroll sideways on a phone', async ({ page, server }) => {
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto(server.url('www.shop.localhost', '/examples/gtm.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('text=Accept tracking');
  await expect.poll(() => page.evaluate(() => (window as any).dataLayer.length)).toBeGreaterThan(3);
  await page.waitForTimeout(400); // the page redraws its dataLayer list every 300 ms
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('examples/demo.html (the plain script tag): accept, send, revoke', async ({ page, context, server }) => {
  server.addPage('/demo.html', (await import('node:fs')).readFileSync('examples/demo.html', 'utf8'));
  await page.goto(server.url('www.shop.localhost', '/demo.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('text=Accept tracking');
  await expect.poll(() => server.hits.length).toBe(1);
  await page.getByRole('button', { name: 'Send a pageview' }).click();
  await expect.poll(() => server.hits.length).toBe(2);
  await page.click('text=Revoke and purge');
  await expect(page.locator('#purge h3').first()).toHaveText(/^Deleted \(\d+\)$/);
  expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
});

test('examples/demo.html: Reject shows its purge report as a list, Mautic-host items with the pointer to the purge page', async ({ page, server }) => {
  server.addPage('/demo.html', (await import('node:fs')).readFileSync('examples/demo.html', 'utf8'));
  await page.goto(server.url('www.shop.localhost', '/demo.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.evaluate(() => { document.cookie = 'mtc_id=41; path=/'; });
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.locator('#purge li').first()).toHaveText(/^mtc_id — cookie on www\.shop\.localhost\/$/);
  await expect(page.locator('#purge')).toContainText('On the Mautic host, m.shop.localhost:');
  await expect(page.locator('#purge .note a')).toHaveAttribute('href', '/demo-purge-page.html');
  // A denied state says why its pageviews are never sent later.
  await expect(page.locator('#hint')).toContainText('dropped, not kept');
  expect(server.hits).toEqual([]);
});

test('examples/esm-app: built by a bundler, tracks each route after consent', async ({ page, server }) => {
  test.setTimeout(120_000); // the bundler run takes most of it on a busy machine
  const { spawnSync } = await import('node:child_process');
  const built = spawnSync('node_modules/.bin/rollup', ['-c', 'examples/esm-app/rollup.config.mjs', '--silent']);
  expect(built.status, String(built.stderr)).toBe(0);
  await page.goto(server.url('www.shop.localhost', '/examples/esm-app/index.html'));
  await expect(page.locator('#state')).toHaveText('unset');
  await expect(page.locator('form')).toBeVisible();
  await page.click('text=Accept tracking');
  await page.click('text=Pricing');
  await expect.poll(() => server.hits.map((h) => h.params.page_title)).toEqual(['App #home', 'App #pricing']);
});

test('examples/cmp-cookieconsent.html: the real vanilla-cookieconsent v3 decides', async ({ page, context, server, browser }) => {
  test.setTimeout(60_000); // two pages with a real consent tool: slow on a busy machine
  // vanilla-cookieconsent hides itself from automated browsers (hideFromBots): look like a person.
  const human = () => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });
  await context.addInitScript(human);
  await page.goto(server.url('www.shop.localhost', '/examples/cmp-cookieconsent.html'));
  await page.click('text=Accept all');
  await expect(page.locator('#state')).toHaveText('granted (cmp)');
  await expect.poll(() => server.hits.length).toBe(1);
  // A second visitor rejects: nothing is sent, and the refusal is recorded with source cmp.
  const other = await browser.newPage();
  await other.addInitScript(human);
  await other.goto(server.url('www.shop.localhost', '/examples/cmp-cookieconsent.html'));
  await other.click('text=Reject all');
  await expect(other.locator('#state')).toHaveText('denied (cmp)');
  await other.close();
  expect(server.hits).toHaveLength(1);
});

test('examples/gtm.html: in GTM\'s order the template sets the default before gtm.js, restores a stored choice, loads the SDK and queues the pageview', async ({ page, server }) => {
  const layer = () => page.evaluate(() => (window as any).dataLayer.map((e: any) => (Object.prototype.toString.call(e) === '[object Arguments]' ? Array.from(e) : e)));
  const fired = () => page.evaluate(() => (window as any).gtmFired as { event: string; consent: Record<string, string> }[]);
  const denied = { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
  // Over https the SDK's record is __Host-mautic_consent, the one name from which the template
  // restores a grant (mautic_consent can be set by any subdomain; see the unit tests).
  await page.goto(server.httpsUrl('www.shop.localhost', '/examples/gtm.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await expect.poll(() => page.evaluate(() => (window as any).gtmTagResult)).toBe('success');
  // Consent Initialization ran before Initialization and before gtm.js: every later tag sees the default.
  expect((await fired()).slice(0, 3)).toEqual([
    { event: 'gtm.init_consent', consent: {} },
    { event: 'gtm.init', consent: denied },
    { event: 'gtm.js', consent: denied },
  ]);
  expect(await layer()).toEqual([
    { 'gtm.start': expect.any(Number), event: 'gtm.js' },
    ['consent', 'default', denied], // no wait_for_update: nothing to wait for
    { event: 'mautic_consent_default', mautic_consent: { tracking: 'unset', source: 'default' } },
  ]);
  await page.waitForLoadState('networkidle');
  expect(server.hits).toHaveLength(0);
  await page.click('text=Accept tracking');
  await expect.poll(() => server.hits.length).toBe(1); // the pageview the tag queued
  await page.reload();
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  const granted = { ...denied, analytics_storage: 'granted' };
  // The returning visitor's choice is a consent update from the template before gtm.js is
  // processed; the SDK then confirms it and announces its state, without a second default.
  expect((await fired()).find((e) => e.event === 'gtm.js')?.consent).toEqual(granted);
  await expect.poll(layer).toEqual([
    { 'gtm.start': expect.any(Number), event: 'gtm.js' },
    ['consent', 'default', denied],
    ['consent', 'update', granted],
    ['consent', 'update', granted],
    { event: 'mautic_consent_default', mautic_consent: { tracking: 'granted', source: 'user' } },
  ]);
  await expect.poll(() => server.hits.length).toBe(2);
});
