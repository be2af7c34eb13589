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
  ['focus', async (page) => expect(page.locator('.mautic-focus[data-focus-id="6"]')).toBeVisible()],
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
