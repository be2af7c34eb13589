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
  ['gated', async (page) => {
    await page.click('text=Accept tracking');
    await expect(page.locator('#ran')).toContainText('The gated script ran');
  }],
];

for (const [name, check] of PAGES) {
  test(`examples/${name}.html runs`, async ({ page, context, server }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url('www.shop.localhost', `/examples/${name}.html`));
    await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
    if (name !== 'gated') expect((await context.cookies()).map((c) => c.name)).toEqual([]);
    await check(page);
    expect(errors).toEqual([]);
  });
}

test('examples/demo.html (the plain script tag): accept, send, revoke', async ({ page, context, server }) => {
  server.addPage('/demo.html', (await import('node:fs')).readFileSync('examples/demo.html', 'utf8'));
  await page.goto(server.url('www.shop.localhost', '/demo.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await page.click('text=Accept tracking');
  await expect.poll(() => server.hits.length).toBe(1);
  await page.click('text=Send a pageview');
  await expect.poll(() => server.hits.length).toBe(2);
  await page.click('text=Revoke and purge');
  await expect(page.locator('#purge')).toContainText('"deleted"');
  expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
});

test('examples/esm-app: built by a bundler, tracks each route after consent', async ({ page, server }) => {
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

test('examples/gtm.html: the GTM template sets the default, restores a stored choice, and loads the SDK', async ({ page, server }) => {
  const layer = () => page.evaluate(() => (window as any).dataLayer.map((e: any) => (Object.prototype.toString.call(e) === '[object Arguments]' ? Array.from(e) : e)));
  const denied = { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
  await page.goto(server.url('www.shop.localhost', '/examples/gtm.html'));
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  await expect.poll(() => page.evaluate(() => (window as any).gtmTagResult)).toBe('success');
  expect(await layer()).toEqual([
    ['consent', 'default', expect.objectContaining({ ...denied, wait_for_update: 500 })],
    { event: 'mautic_consent_default', mautic_consent: { tracking: 'unset', source: 'default' } },
  ]);
  await page.click('text=Accept tracking');
  await page.reload();
  await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
  const granted = { ...denied, analytics_storage: 'granted' };
  // The returning visitor's choice is a consent update from the template before the SDK even
  // loads; the SDK then confirms it and announces its state, without a second default.
  expect(await layer()).toEqual([
    ['consent', 'default', expect.objectContaining(denied)],
    ['consent', 'update', granted],
    ['consent', 'update', granted],
    { event: 'mautic_consent_default', mautic_consent: { tracking: 'granted', source: 'user' } },
  ]);
});
