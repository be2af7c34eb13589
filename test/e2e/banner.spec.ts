import type { Locator, Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { test, expect, enableGpc, storageDump } from './fixtures';
import { BUILDS, sdkPage, type Build, type PageOptions } from './support/pages';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BANNER_TAG = '<script src="/dist/mautic-consent.banner.min.js" defer></script>';
const PREFERENCES_LINK = '<button id="settings" data-mautic-action="preferences">Privacy settings</button>';

/** The SDK page with the banner's own tag; `lang` goes on `<html>`. */
function bannerPage(build: Build, o: PageOptions & { lang?: string } = {}) {
  const html = sdkPage(build, { ...o, head: `${o.head ?? ''}${BANNER_TAG}` });
  return o.lang ? html.replace('<html>', `<html lang="${o.lang}">`) : html;
}

async function open(page: Page, server: { addPage(path: string, html: string): void; url(host: string, path?: string): string }, html: string) {
  server.addPage('/banner.html', html);
  await page.goto(server.url('www.shop.localhost', '/banner.html'));
  await page.waitForFunction(() => typeof (window as any).MauticConsentBanner?.open === 'function');
}

const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());
const banner = (page: Page) => page.locator('dialog.mc-banner');
const preferences = (page: Page) => page.locator('dialog.mc-prefs');

/** Runs axe-core on one dialog, once its opening animation is over; also asserts contrast was checked. */
async function axeViolations(page: Page, dialog: Locator): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  await dialog.evaluate((node) => Promise.all(node.getAnimations({ subtree: true }).map((a) => a.finished)));
  return dialog.evaluate(async (node) => {
    const result = await (window as any).axe.run(node, { resultTypes: ['violations'] });
    if (![...result.passes, ...result.violations].some((r: any) => r.id === 'color-contrast')) throw new Error('axe did not check contrast');
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  });
}

for (const build of BUILDS) {
  test.describe(`banner with the ${build} build`, () => {
    test('a first visit gets a labelled banner with focus on Accept; Tab reaches Reject and Enter denies', async ({ page, server, context }) => {
      await open(page, server, bannerPage(build));
      const dialog = banner(page);
      await expect(dialog).toBeVisible();
      await expect(page.getByRole('dialog', { name: 'Cookies and tracking' })).toHaveAccessibleDescription(/Nothing is tracked unless you accept/);
      await expect(dialog.getByRole('button', { name: 'Accept' })).toBeFocused();
      expect(await state(page)).toMatchObject({ tracking: 'unset', source: 'default' });

      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('button', { name: 'Reject' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user', record: { decision: 'denied', source: 'user' } });
      expect((await context.cookies()).map((c) => c.name)).toEqual(['mautic_consent']);
    });

    test('Enter on Accept grants, and the next page shows no banner', async ({ page, server }) => {
      await open(page, server, bannerPage(build));
      await expect(banner(page).getByRole('button', { name: 'Accept' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(banner(page)).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user' });

      await page.reload();
      await page.waitForFunction(() => typeof (window as any).MauticConsentBanner?.open === 'function');
      await expect(banner(page)).toHaveCount(0);
    });

    test('Escape on the first banner hides it without deciding and stores nothing', async ({ page, server, context }) => {
      await open(page, server, bannerPage(build));
      await expect(banner(page).getByRole('button', { name: 'Accept' })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(banner(page)).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'unset', source: 'default', record: null });
      expect(await context.cookies()).toEqual([]);
      expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
    });

    test('the preferences view traps Tab, reflects the state, and Escape returns focus to its opener', async ({ page, server }) => {
      await open(page, server, bannerPage(build));
      const main = banner(page);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const opener = main.getByRole('button', { name: 'Preferences' });
      await expect(opener).toBeFocused();
      await page.keyboard.press('Enter');

      const dialog = preferences(page);
      await expect(page.getByRole('dialog', { name: 'Privacy preferences' })).toBeVisible();
      const tracking = dialog.getByRole('switch', { name: 'Tracking' });
      await expect(tracking).toBeFocused();
      await expect(tracking).not.toBeChecked();
      await expect(tracking).toHaveAccessibleDescription(/Records the pages you visit/);
      await expect(dialog).toContainText('Always on');

      const save = dialog.getByRole('button', { name: 'Save choices' });
      const close = dialog.getByRole('button', { name: 'Close' });
      await page.keyboard.press('Tab');
      await expect(save).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(close).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(tracking).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(close).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await expect(close).toBeFocused();

      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(opener).toBeFocused();
      expect(await state(page)).toMatchObject({ tracking: 'unset' });

      // Saving with the switch on is a grant by the user; the banner goes too.
      await page.keyboard.press('Enter');
      await expect(tracking).toBeFocused();
      await page.keyboard.press('Space');
      await expect(tracking).toBeChecked();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(main).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user' });
    });

    test('a GPC visitor gets no banner, but data-mautic-action="preferences" still opens the preferences', async ({ page, server, context }) => {
      await enableGpc(context);
      await open(page, server, bannerPage(build, { body: PREFERENCES_LINK }));
      expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'gpc' });
      await expect(banner(page)).toHaveCount(0);

      const settings = page.locator('#settings');
      await settings.focus();
      await page.keyboard.press('Enter');
      const dialog = preferences(page);
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('switch', { name: 'Tracking' })).not.toBeChecked();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(settings).toBeFocused();
      expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'gpc' });
      expect(await context.cookies()).toEqual([]);

      // An explicit choice after the signal wins, and is recorded as the user's.
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user', record: { signals: { gpc: true } } });
      await expect(banner(page)).toHaveCount(0);
    });

    test('speaks German on a German page', async ({ page, server }) => {
      await open(page, server, bannerPage(build, { lang: 'de-AT' }));
      const dialog = page.getByRole('dialog', { name: 'Cookies und Tracking' });
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAttribute('lang', 'de');
      await expect(dialog.getByRole('button')).toHaveText(['Akzeptieren', 'Ablehnen', 'Einstellungen']);
      await page.evaluate(() => (window as any).MauticConsentBanner.open('preferences'));
      await expect(page.getByRole('dialog', { name: 'Datenschutz-Einstellungen' })).toBeVisible();
      await expect(preferences(page)).toContainText('Immer aktiv');
    });

    test('texts left in window.MauticConsentBanner override the built-in ones, also for other languages', async ({ page, server }) => {
      const head = `<script>window.MauticConsentBanner = { texts: { en: { title: 'Your choice', accept: 'Yes please' }, nl: { title: 'Uw keuze', accept: 'Accepteren', reject: 'Weigeren' } } };</script>`;
      await open(page, server, bannerPage(build, { head }));
      const dialog = page.getByRole('dialog', { name: 'Your choice' });
      await expect(dialog.getByRole('button')).toHaveText(['Yes please', 'Reject', 'Preferences']);

      await open(page, server, bannerPage(build, { head, lang: 'nl' }));
      const dutch = page.getByRole('dialog', { name: 'Uw keuze' });
      await expect(dutch).toHaveAttribute('lang', 'nl');
      // Keys the site did not give fall back to English.
      await expect(dutch.getByRole('button')).toHaveText(['Accepteren', 'Weigeren', 'Preferences']);
    });

    test('Accept and Reject carry equal weight', async ({ page, server }) => {
      await open(page, server, bannerPage(build));
      await banner(page).evaluate((node) => Promise.all(node.getAnimations({ subtree: true }).map((a) => a.finished)));
      const look = (name: string) =>
        banner(page)
          .getByRole('button', { name, exact: true })
          .evaluate((node) => {
            const s = getComputedStyle(node);
            const box = node.getBoundingClientRect();
            return { class: node.className, fontSize: s.fontSize, fontWeight: s.fontWeight, padding: s.padding, color: s.color, background: s.backgroundColor, border: s.border, width: box.width, height: box.height, top: box.top };
          });
      const accept = await look('Accept');
      // Same classes, same look, same size, side by side.
      expect(await look('Reject')).toEqual(accept);
    });

    test('axe-core finds no violation in the banner or the preferences view', async ({ page, server }) => {
      await open(page, server, bannerPage(build, { lang: 'en', body: PREFERENCES_LINK }));
      expect(await axeViolations(page, banner(page))).toEqual([]);
      await page.locator('#settings').click();
      await expect(preferences(page)).toBeVisible();
      expect(await axeViolations(page, preferences(page))).toEqual([]);
      // Positive control: the same check on the same dialog sees a control without a name.
      await page.keyboard.press('Escape');
      await expect(preferences(page)).toBeHidden();
      await banner(page).evaluate((node) => node.append(document.createElement('button')));
      expect((await axeViolations(page, banner(page))).map((v) => v.id)).toEqual(['button-name']);
    });
  });
}

test.describe('banner with the iife build', () => {
  test('takes its language and privacy link from the core script tag', async ({ page, server }) => {
    await open(page, server, bannerPage('iife', { attrs: { 'data-banner-lang': 'fr', 'data-banner-privacy-url': '/privacy.html' } }));
    const dialog = page.getByRole('dialog', { name: 'Cookies et suivi' });
    await expect(dialog.getByRole('button')).toHaveText(['Accepter', 'Refuser', 'Préférences']);
    await expect(dialog.getByRole('link', { name: 'Politique de confidentialité' })).toHaveAttribute('href', server.url('www.shop.localhost', '/privacy.html'));
  });

  test('a privacy URL that is not http(s) gets no link', async ({ page, server }) => {
    await open(page, server, bannerPage('iife', { attrs: { 'data-banner-privacy-url': 'javascript:alert(1)' } }));
    await expect(banner(page)).toBeVisible();
    await expect(banner(page).getByRole('link')).toHaveCount(0);
  });

  test('a decision made elsewhere on the page hides the banner', async ({ page, server }) => {
    await open(page, server, bannerPage('iife'));
    await expect(banner(page)).toBeVisible();
    await page.locator('#deny').click();
    await expect(banner(page)).toBeHidden();
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
  });

  test('the core script loads the banner by itself with data-banner', async ({ page, server }) => {
    server.addPage('/banner.html', sdkPage('iife', { attrs: { 'data-banner': 'true' } }));
    await page.goto(server.url('www.shop.localhost', '/banner.html'));
    await expect(page.getByRole('dialog', { name: 'Cookies and tracking' })).toBeVisible();
    expect(await page.locator('script[src$="mautic-consent.banner.min.js"]').count()).toBe(1);
  });

  test('moves nothing for a visitor who prefers reduced motion', async ({ page, server }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, server, bannerPage('iife'));
    await expect(banner(page)).toBeVisible();
    expect(await banner(page).evaluate((node) => node.getAnimations({ subtree: true }).length)).toBe(0);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.reload();
    await expect(banner(page)).toBeVisible();
    expect(await banner(page).evaluate((node) => getComputedStyle(node).animationName)).toBe('mc-in');
  });
});
