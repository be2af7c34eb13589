import type { Locator, Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { test, expect, enableGpc, storageDump, cookieNames } from './fixtures';
import { BUILDS, sdkPage, type Build, type PageOptions } from './support/pages';

/** A page that makes its instance and banner itself through the ESM build; `more` adds to createBanner's options. */
const esmBannerPage = (lang: string, more = '') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title></head><body><p>Shop</p>
<script type="module">
  import { createConsent, createBanner } from '/dist/mautic-consent.mjs';
  const consent = createConsent({ mauticUrl: '{{MAUTIC}}' });
  window.MauticConsent = consent;
  window.MauticConsentBanner = createBanner(consent, { privacyUrl: '/privacy.html'${more} });
</script></body></html>`;


const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BANNER_TAG = '<script src="/dist/mautic-consent.banner.min.js" defer></script>';
const PREFERENCES_LINK = '<button id="settings" data-mautic-action="preferences">Privacy settings</button>';
const SEARCH = '<label>Search <input id="q" type="search"></label>';

type Server = { addPage(path: string, html: string): void; url(host: string, path?: string): string };

/** The SDK page with the banner's own tag (`bannerAttrs` on it); `lang` goes on `<html>`. */
function bannerPage(build: Build, o: PageOptions & { lang?: string; bannerAttrs?: string } = {}) {
  const tag = o.bannerAttrs ? BANNER_TAG.replace('<script ', `<script ${o.bannerAttrs} `) : BANNER_TAG;
  const html = sdkPage(build, { ...o, head: `${o.head ?? ''}${tag}` });
  return o.lang ? html.replace('<html>', `<html lang="${o.lang}">`) : html;
}

async function open(page: Page, server: Server, html: string) {
  server.addPage('/banner.html', html);
  await page.goto(server.url('www.shop.localhost', '/banner.html'));
  await page.waitForFunction(() => typeof (window as any).MauticConsentBanner?.open === 'function');
}

/** Console warnings of the banner, collected from the start of the page. */
function bannerWarnings(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().includes('banner')) seen.push(message.text());
  });
  return seen;
}

const state = (page: Page) => page.evaluate(() => (window as any).MauticConsent.state());
const banner = (page: Page) => page.locator('dialog.mc-banner');
const preferences = (page: Page) => page.locator('dialog.mc-prefs');
const settingsButton = (page: Page) => page.locator('button.mc-settings');
const status = (page: Page) => page.getByRole('status');
const settled = (dialog: Locator) => dialog.evaluate((node) => Promise.all(node.getAnimations({ subtree: true }).map((a) => a.finished)));

/** axe-core on the whole page with the WCAG 2.2 AA tags; also asserts that contrast was checked. */
async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  for (const dialog of await page.locator('dialog[open]').all()) await settled(dialog);
  return page.evaluate(async (tags) => {
    const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    if (![...result.passes, ...result.violations].some((r: any) => r.id === 'color-contrast')) throw new Error('axe did not check contrast');
    return result.violations.map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  }, AXE_TAGS);
}


/** Whether the focused element lies inside the viewport and, unless it is in the banner, above it. */
const focusedInView = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    const box = active.getBoundingClientRect();
    const main = document.querySelector('dialog.mc-banner[open]');
    const inside = !!active.closest('dialog');
    const floor = main && !inside ? main.getBoundingClientRect().top : innerHeight;
    const scroller = active.closest('dialog') ?? null;
    const clip = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: innerHeight };
    const ok = box.top >= Math.max(0, clip.top) - 1 && box.bottom <= Math.min(floor, clip.bottom) + 1 && box.height > 0;
    return ok ? 'ok' : `${active.id || active.textContent}: ${Math.round(box.top)}–${Math.round(box.bottom)} outside 0–${Math.round(floor)}`;
  });

const LINKS = Array.from({ length: 24 }, (_, i) => `<p>Paragraph ${i} with <a href="#l${i}" id="l${i}">link ${i}</a>.</p>`).join('');

for (const build of BUILDS) {
  test.describe(`banner with the ${build} build: first visit`, () => {
    test('opens as a non-modal dialog that focuses itself, not a button; stray keys decide nothing; Tab and Enter on Accept do', async ({ page, server, context }) => {
      await open(page, server, bannerPage(build));
      const dialog = banner(page);
      await expect(page.getByRole('dialog', { name: 'Cookies and tracking' })).toHaveAccessibleDescription(/Nothing is tracked unless you accept/);
      await expect(dialog).not.toHaveAttribute('aria-modal', /.*/);
      await expect(dialog).toBeFocused();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      expect(await state(page)).toMatchObject({ tracking: 'unset', source: 'default', record: null });
      expect(await context.cookies()).toEqual([]);
      await expect(settingsButton(page)).toBeHidden();

      // Positive control: the visitor moves into the banner, and the same key decides.
      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('button', { name: 'Accept' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user', record: { decision: 'granted', source: 'user' } });
      await expect(status(page)).toHaveText('Your choice is saved: tracking allowed.');
      // Focus lands on the way back: the Privacy settings button.
      await expect(page.getByRole('button', { name: 'Privacy settings' })).toBeFocused();

      await page.reload();
      await page.waitForFunction(() => typeof (window as any).MauticConsentBanner?.open === 'function');
      await expect(banner(page)).toHaveCount(0);
      await expect(settingsButton(page)).toBeVisible();
    });

    test('Escape anywhere on the page hides the banner without deciding, and leaves focus where it was', async ({ page, server, context }) => {
      await open(page, server, bannerPage(build, { body: SEARCH }));
      await page.locator('#q').click();
      await expect(banner(page)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(banner(page)).toBeHidden();
      await expect(page.locator('#q')).toBeFocused();
      expect(await state(page)).toMatchObject({ tracking: 'unset', source: 'default', record: null });
      expect(await context.cookies()).toEqual([]);
      expect(await storageDump(page)).toEqual({ localStorage: {}, sessionStorage: {} });
      // The way back to a decision stays one click away.
      await expect(settingsButton(page)).toBeVisible();
      // A page's own open() while the visitor types does not take the field either; from a button it focuses the dialog.
      await page.evaluate(() => setTimeout(() => (window as any).MauticConsentBanner.open(), 50));
      await page.keyboard.type(' again', { delay: 30 });
      await expect(banner(page)).toBeVisible();
      await expect(page.locator('#q')).toBeFocused();
      await expect(page.locator('#q')).toHaveValue(' again');
      await page.keyboard.press('Escape');
      await page.locator('#grant').focus();
      await page.evaluate(() => (window as any).MauticConsentBanner.open());
      await expect(banner(page)).toBeFocused();
      expect(await state(page)).toMatchObject({ tracking: 'unset' });
    });

  });

  test.describe(`banner with the ${build} build: withdrawal`, () => {

    test('withdrawal: one click on Privacy settings opens a modal with Accept and Reject; Reject revokes', async ({ page, server, context }) => {
      test.slow();
      await open(page, server, bannerPage(build));
      await banner(page).getByRole('button', { name: 'Accept' }).click();
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user' });
      await page.evaluate(() => (window as any).MauticConsent.track());
      await expect.poll(() => cookieNames(context)).toContain('mtc_id');

      await settingsButton(page).click();
      const dialog = page.getByRole('dialog', { name: 'Privacy preferences' });
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAttribute('aria-modal', 'true');
      await expect(dialog).toBeFocused();
      const tracking = dialog.getByRole('switch', { name: 'Tracking' });
      await expect(tracking).toBeChecked();
      await expect(tracking).toHaveAccessibleDescription(/Records the pages you visit/);
      await expect(dialog).toContainText('Always on');
      await expect(dialog.getByRole('button')).toHaveText(['Accept', 'Reject', 'Save choices', 'Close']);
      // A real modal: the page under it takes no pointer and no Tab.
      expect(await page.evaluate(() => document.querySelector('#grant')!.matches(':modal, :modal *'))).toBe(false);
      expect(await page.evaluate(() => document.querySelector('dialog.mc-prefs')!.matches(':modal'))).toBe(true);
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => !document.activeElement || document.activeElement === document.body || !!document.activeElement.closest('dialog.mc-prefs'))).toBe(true);
      }

      await dialog.getByRole('button', { name: 'Reject' }).click();
      await expect(dialog).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user', record: { decision: 'denied' } });
      await expect.poll(() => cookieNames(context)).toEqual(['mautic_consent']);
      await expect(status(page)).toHaveText('Your choice is saved: no tracking.');
      await expect(settingsButton(page)).toBeFocused();
      await settingsButton(page).click();
      await expect(tracking).not.toBeChecked();
    });

    test('a GPC visitor gets no banner, but data-mautic-action="preferences" still opens the preferences', async ({ page, server, context }) => {
      await enableGpc(context);
      await open(page, server, bannerPage(build, { body: PREFERENCES_LINK }));
      expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'gpc' });
      await expect(banner(page)).toHaveCount(0);
      // The page has its own entry, so no built-in button.
      await expect(settingsButton(page)).toHaveCount(0);

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
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('button', { name: 'Accept' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      expect(await state(page)).toMatchObject({ tracking: 'granted', source: 'user', record: { signals: { gpc: true } } });
      await expect(settings).toBeFocused();
      await expect(banner(page)).toHaveCount(0);
    });

    test('Accept and Reject carry equal weight, in the banner and in the preferences', async ({ page, server }) => {
      await open(page, server, bannerPage(build));
      for (const [i, dialog] of [banner(page), preferences(page)].entries()) {
        if (i === 1) await page.evaluate(() => (window as any).MauticConsentBanner.open('preferences'));
        await settled(dialog);
        const look = (name: string) =>
          dialog.getByRole('button', { name, exact: true }).evaluate((node) => {
            const s = getComputedStyle(node);
            const box = node.getBoundingClientRect();
            return { class: node.className, fontSize: s.fontSize, fontWeight: s.fontWeight, padding: s.padding, color: s.color, background: s.backgroundColor, border: s.border, width: box.width, height: box.height, top: box.top };
          });
        expect(await look('Reject')).toEqual(await look('Accept'));
      }
    });
  });
}

test.describe('banner: keyboard', () => {
  test('typing in a field while the banner arrives keeps the text and decides nothing', async ({ page, server, context }) => {
    // The banner script arrives late, as on a slow network, while the visitor types in a search field.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/mautic-consent.banner.min.js', async (route) => {
      await held;
      await route.continue();
    });
    server.addPage('/typing.html', bannerPage('iife', { lang: 'en', body: SEARCH }).replace(' defer>', ' async>'));
    await page.goto(server.url('www.shop.localhost', '/typing.html'), { waitUntil: 'domcontentloaded' });
    const field = page.locator('#q');
    await field.click();
    await page.keyboard.type('red shoes');
    release();
    await expect(banner(page)).toBeVisible();
    await page.keyboard.type(' for men');
    // A stray Enter and Space after the banner arrived.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('red shoes for men ');
    expect(await state(page)).toMatchObject({ tracking: 'unset', record: null });
    expect(await context.cookies()).toEqual([]);
    // Positive control: the same key decides once the visitor moves into the banner.
    await banner(page).getByRole('button', { name: 'Reject' }).focus();
    await page.keyboard.press('Enter');
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
    // Focus goes back to where the visitor was.
    await expect(field).toBeFocused();
  });

  test('no Tab trap: Tab goes on from the banner into the page, Shift+Tab comes back', async ({ page, server }) => {
    await open(page, server, bannerPage('iife', { lang: 'en', attrs: { 'data-banner-privacy-url': '/privacy.html' } }));
    const dialog = banner(page);
    await expect(dialog).toBeFocused();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => `${document.activeElement!.closest('dialog') ? 'banner' : 'page'}:${document.activeElement!.textContent}`));
    }
    expect(order).toEqual(['banner:Privacy policy', 'banner:Accept', 'banner:Reject', 'banner:Preferences', 'page:Accept']);
    await page.keyboard.press('Shift+Tab');
    await expect(dialog.getByRole('button', { name: 'Preferences' })).toBeFocused();
    await expect(dialog).toBeVisible();
  });

});

test.describe('banner: zoom', () => {

  // Browser zoom shrinks the CSS viewport and raises the device pixel ratio; 320 px is the WCAG reflow width.
  const ZOOMS = [
    { name: '100 % zoom', viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 },
    { name: '200 % zoom', viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 },
    { name: '400 % zoom', viewport: { width: 320, height: 180 }, deviceScaleFactor: 4 },
    { name: '320 px width', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  ];
  for (const zoom of ZOOMS) {
    test.describe(zoom.name, () => {
      test.use({ viewport: zoom.viewport, deviceScaleFactor: zoom.deviceScaleFactor });
      test('every control Tab reaches is in view, not under the banner; the keyboard reaches a decision', async ({ page, server }) => {
        test.slow();
        await open(page, server, bannerPage('iife', { lang: 'en', body: LINKS, attrs: { 'data-banner-privacy-url': '/privacy.html' } }));
        await settled(banner(page));
        const inView = () => focusedInView(page);
        await expect(banner(page)).toBeFocused();
        for (let i = 0; i < 4; i++) {
          await page.keyboard.press('Tab');
          expect(await inView()).toBe('ok');
        }
        await expect(banner(page).getByRole('button', { name: 'Preferences' })).toBeFocused();
        for (let i = 0; i < 26; i++) {
          await page.keyboard.press('Tab');
          expect(await inView()).toBe('ok');
        }
        await expect(page.locator('#l23')).toBeFocused();
        await page.keyboard.press('Escape');
        await expect(banner(page)).toBeHidden();
        expect(await state(page)).toMatchObject({ tracking: 'unset' });
        // After the last link, the Privacy settings button; it opens the preferences, where Reject decides.
        await page.keyboard.press('Tab');
        await expect(settingsButton(page)).toBeFocused();
        expect(await inView()).toBe('ok');
        await page.keyboard.press('Enter');
        await expect(preferences(page)).toBeFocused();
        for (const name of ['Tracking', 'Accept', 'Reject']) {
          await page.keyboard.press('Tab');
          await expect(preferences(page).getByRole(name === 'Tracking' ? 'switch' : 'button', { name })).toBeFocused();
          expect(await inView()).toBe('ok');
        }
        await page.keyboard.press('Enter');
        expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
        await expect(settingsButton(page)).toBeFocused();
      });
    });
  }

  test.describe('200 % zoom, positive control', () => {
    test.use({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
    test('without the room the banner reserves, Tab does reach a link hidden under it', async ({ page, server }) => {
      test.slow();
      const undo = '<style>html{scroll-padding-bottom:0!important}body{padding-bottom:0!important}</style>';
      await open(page, server, bannerPage('iife', { lang: 'en', body: LINKS + undo }));
      await settled(banner(page));
      const seen: string[] = [];
      for (let i = 0; i < 27; i++) {
        await page.keyboard.press('Tab');
        seen.push(await focusedInView(page));
      }
      expect(seen.filter((s) => s !== 'ok').length).toBeGreaterThan(0);
    });
  });

});

test.describe('banner: warnings', () => {

  test('one warning each for a missing privacy link and an unsupported language; English then', async ({ page, server }) => {
    const warnings = bannerWarnings(page);
    await open(page, server, bannerPage('iife', { lang: 'pt-BR' }));
    await expect(page.getByRole('dialog', { name: 'Cookies and tracking' })).toBeVisible();
    await expect(banner(page)).toHaveAttribute('lang', 'en');
    await page.evaluate(() => (window as any).MauticConsentBanner.open('preferences'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('no texts for language "pt"');
    expect(warnings[0]).toContain('data-banner-texts');
    expect(warnings[1]).toContain('no privacy policy is linked; set data-banner-privacy-url');
  });

  test('a privacy URL that is not http(s) gets no link and one warning', async ({ page, server }) => {
    const warnings = bannerWarnings(page);
    await open(page, server, bannerPage('iife', { lang: 'en', attrs: { 'data-banner-privacy-url': 'javascript:alert(1)' } }));
    await expect(banner(page)).toBeVisible();
    await expect(banner(page).getByRole('link')).toHaveCount(0);
    expect(warnings).toEqual([expect.stringContaining('"javascript:alert(1)" is not an http(s) address')]);
  });

  test('with the settings button off and no preferences element, the console names what is missing', async ({ page, server }) => {
    const warnings = bannerWarnings(page);
    await open(page, server, bannerPage('iife', { lang: 'en', attrs: { 'data-banner-privacy-url': '/p', 'data-banner-settings-button': 'false' } }));
    await page.keyboard.press('Escape');
    await expect(banner(page)).toBeHidden();
    await expect(settingsButton(page)).toHaveCount(0);
    expect(warnings).toEqual([expect.stringContaining('visitors cannot change or withdraw their choice: this page has no data-mautic-action="preferences" element')]);
  });

  test('positive control: a supported language, a privacy link and a preferences element give no warning', async ({ page, server }) => {
    const warnings = bannerWarnings(page);
    await open(page, server, bannerPage('iife', { lang: 'es', body: PREFERENCES_LINK, attrs: { 'data-banner-privacy-url': '/privacy.html' } }));
    await expect(page.getByRole('dialog', { name: 'Cookies y seguimiento' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(settingsButton(page)).toHaveCount(0);
    await page.locator('#settings').click();
    await expect(preferences(page)).toBeVisible();
    expect(warnings).toEqual([]);
  });

});

test.describe('banner: languages', () => {

  const LANGUAGES = [
    { lang: 'de-AT', primary: 'de', title: 'Cookies und Tracking', buttons: ['Akzeptieren', 'Ablehnen', 'Einstellungen'], preferences: 'Datenschutz-Einstellungen', settings: 'Datenschutz-Einstellungen' },
    { lang: 'es', primary: 'es', title: 'Cookies y seguimiento', buttons: ['Aceptar', 'Rechazar', 'Preferencias'], preferences: 'Preferencias de privacidad', settings: 'Configuración de privacidad' },
    { lang: 'it-IT', primary: 'it', title: 'Cookie e tracciamento', buttons: ['Accetta', 'Rifiuta', 'Preferenze'], preferences: 'Preferenze sulla privacy', settings: 'Impostazioni privacy' },
    { lang: 'nl-BE', primary: 'nl', title: 'Cookies en tracking', buttons: ['Accepteren', 'Weigeren', 'Voorkeuren'], preferences: 'Privacyvoorkeuren', settings: 'Privacyinstellingen' },
  ];
  for (const l of LANGUAGES) {
    test(`speaks ${l.primary} on a ${l.lang} page`, async ({ page, server }) => {
      await open(page, server, bannerPage('iife', { lang: l.lang }));
      const dialog = page.getByRole('dialog', { name: l.title });
      await expect(dialog).toHaveAttribute('lang', l.primary);
      await expect(dialog.getByRole('button')).toHaveText(l.buttons);
      await dialog.getByRole('button', { name: l.buttons[1] }).click();
      await expect(page.getByRole('button', { name: l.settings })).toHaveAttribute('lang', l.primary);
      await page.getByRole('button', { name: l.settings }).click();
      await expect(page.getByRole('dialog', { name: l.preferences })).toBeVisible();
      await expect(preferences(page).getByRole('button')).toHaveText([l.buttons[0], l.buttons[1], /.+/, /.+/]);
    });
  }

  test('texts left in window.MauticConsentBanner override the built-in ones, also for other languages', async ({ page, server }) => {
    const head = `<script>window.MauticConsentBanner = { texts: { en: { title: 'Your choice', accept: 'Yes please' }, pt: { title: 'A sua escolha', accept: 'Aceitar', reject: 'Recusar' } } };</script>`;
    await open(page, server, bannerPage('iife', { head }));
    await expect(page.getByRole('dialog', { name: 'Your choice' }).getByRole('button')).toHaveText(['Yes please', 'Reject', 'Preferences']);

    await open(page, server, bannerPage('iife', { head, lang: 'pt' }));
    const portuguese = page.getByRole('dialog', { name: 'A sua escolha' });
    await expect(portuguese).toHaveAttribute('lang', 'pt');
    // Keys the site did not give fall back to English.
    await expect(portuguese.getByRole('button')).toHaveText(['Aceitar', 'Recusar', 'Preferences']);
  });

});

test.describe('banner: options', () => {

  const TEXTS = JSON.stringify({ pt: { title: 'A sua escolha', accept: 'Aceitar', reject: 'Recusar', settings: 'Privacidade' } });
  const OPTION_SOURCES: { name: string; html: () => string }[] = [
    {
      name: "the core tag's attributes",
      html: () => bannerPage('iife', { attrs: { 'data-banner-lang': 'pt', 'data-banner-privacy-url': '/privacy.html', 'data-banner-settings-button': 'false', 'data-banner-texts': TEXTS.replaceAll('"', '&quot;') } }),
    },
    {
      name: "the banner tag's own attributes",
      html: () => bannerPage('iife', { bannerAttrs: `data-banner-lang="pt" data-banner-privacy-url="/privacy.html" data-banner-settings-button="false" data-banner-texts="${TEXTS.replaceAll('"', '&quot;')}"` }),
    },
    {
      // Mautic's loader snippet creates the tag itself: options can only travel in the URL.
      name: "the query of the core script's URL (Mautic's loader snippet)",
      html: () => {
        const query = `mautic-url={{MAUTIC}}&banner&banner-lang=pt&banner-privacy-url=/privacy.html&banner-settings-button=false&banner-texts=${encodeURIComponent(TEXTS)}`;
        return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title><script>
  (function (w, d, t, u, n, a, m) {
    w['MauticTrackingObject'] = n;
    w[n] = w[n] || function () { (w[n].q = w[n].q || []).push(arguments) }, a = d.createElement(t),
      m = d.getElementsByTagName(t)[0]; a.async = 1; a.src = u; m.parentNode.insertBefore(a, m)
  })(window, document, 'script', '/dist/mautic-consent.min.js?${query}', 'mt');
  mt('send', 'pageview');
</script></head><body><p>Shop</p></body></html>`;
      },
    },
    {
      name: "the query of the banner script's URL",
      html: () => sdkPage('iife', { head: `<script src="/dist/mautic-consent.banner.min.js?banner-lang=pt&banner-privacy-url=/privacy.html&banner-settings-button=false&banner-texts=${encodeURIComponent(TEXTS)}" defer></script>` }),
    },
  ];
  for (const source of OPTION_SOURCES) {
    test(`every banner option works from ${source.name}`, async ({ page, server }) => {
      const warnings = bannerWarnings(page);
      await open(page, server, source.html());
      const dialog = page.getByRole('dialog', { name: 'A sua escolha' });
      await expect(dialog).toHaveAttribute('lang', 'pt');
      await expect(dialog.getByRole('button')).toHaveText(['Aceitar', 'Recusar', 'Preferences']);
      await expect(dialog.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute('href', server.url('www.shop.localhost', '/privacy.html'));
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      // The settings button is off: the page gets the warning that names the missing entry instead.
      await expect(settingsButton(page)).toHaveCount(0);
      expect(warnings).toEqual([expect.stringContaining('cannot change or withdraw')]);
    });
  }

  test('ESM: createBanner({ texts, settingsButton }) with the texts of a site', async ({ page, server }) => {
    server.addPage('/esm-banner.html', esmBannerPage('pt', `, texts: ${TEXTS}`));
    await page.goto(server.url('www.shop.localhost', '/esm-banner.html'));
    const dialog = page.getByRole('dialog', { name: 'A sua escolha' });
    await dialog.getByRole('button', { name: 'Recusar' }).click();
    await expect(page.getByRole('button', { name: 'Privacidade' })).toBeFocused();
  });

});

test.describe('banner: on the page', () => {

  test('a decision made elsewhere on the page hides the banner and leaves focus alone', async ({ page, server }) => {
    await open(page, server, bannerPage('iife'));
    await expect(banner(page)).toBeVisible();
    await page.locator('#deny').click();
    await expect(banner(page)).toBeHidden();
    await expect(page.locator('#deny')).toBeFocused();
    expect(await state(page)).toMatchObject({ tracking: 'denied', source: 'user' });
  });

  test('the core script loads the banner by itself with data-banner', async ({ page, server }) => {
    server.addPage('/banner.html', sdkPage('iife', { attrs: { 'data-banner': 'true' } }));
    await page.goto(server.url('www.shop.localhost', '/banner.html'));
    await expect(page.getByRole('dialog', { name: 'Cookies and tracking' })).toBeVisible();
    expect(await page.locator('script[src$="mautic-consent.banner.min.js"]').count()).toBe(1);
  });

  test('reserves room for itself while open, and gives it back', async ({ page, server }) => {
    await open(page, server, bannerPage('iife'));
    await settled(banner(page));
    const room = () => page.evaluate(() => [getComputedStyle(document.body).paddingBottom, document.documentElement.style.scrollPaddingBottom]);
    const height = (node: Locator) => node.evaluate((n) => `${Math.ceil((n as HTMLElement).offsetHeight + parseFloat(getComputedStyle(n).bottom))}px`);
    const banners = await height(banner(page));
    expect(await room()).toEqual([banners, banners]);
    // Then the smaller room of the settings button, which is fixed in the corner.
    await page.keyboard.press('Escape');
    const buttons = await height(settingsButton(page));
    expect(await room()).toEqual([buttons, buttons]);
    expect(parseFloat(buttons)).toBeLessThan(parseFloat(banners));
    await page.evaluate(() => (window as any).MauticConsentBanner.open());
    expect(await room()).toEqual([banners, banners]);
    // The page's own values come back: with the button off, nothing is left.
    await open(page, server, bannerPage('iife', { attrs: { 'data-banner-settings-button': 'false' } }));
    await page.keyboard.press('Escape');
    expect(await room()).toEqual(['0px', '']);
  });

  test('destroy() removes what the banner added and gives the settings button’s room back', async ({ page, server }) => {
    server.addPage('/esm-destroy.html', esmBannerPage('en'));
    await page.goto(server.url('www.shop.localhost', '/esm-destroy.html'));
    await expect(banner(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(settingsButton(page)).toBeVisible();
    const room = () => page.evaluate(() => [getComputedStyle(document.body).paddingBottom, document.documentElement.style.scrollPaddingBottom]);
    // Positive control: the button has its room while it shows.
    expect((await room())[0]).not.toBe('0px');
    await page.evaluate(() => (window as any).MauticConsentBanner.destroy());
    expect(await page.locator('dialog, .mc-settings, .mc-status').count()).toBe(0);
    expect(await room()).toEqual(['0px', '']);
    // Nothing reopens it.
    await page.evaluate(() => (window as any).MauticConsentBanner.open('preferences'));
    expect(await page.locator('dialog').count()).toBe(0);
  });

});

test.describe('banner: looks', () => {

  test('dark by default for a visitor who prefers it; long words wrap at 320 px', async ({ page, server }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 320, height: 640 });
    const head = `<script>window.MauticConsentBanner = { texts: { de: { title: 'Datenschutzgrundverordnungskonformitätsbestätigungsdialog', accept: 'Einverständniserklärungsbestätigung' } } };</script>`;
    await open(page, server, bannerPage('iife', { lang: 'de', head }));
    await settled(banner(page));
    expect(await banner(page).evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(31, 35, 40)');
    const overflow = await banner(page).evaluate((node) =>
      [node, ...node.querySelectorAll('*')].filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.className || n.tagName),
    );
    expect(overflow).toEqual([]);
    expect(await banner(page).evaluate((node) => node.getBoundingClientRect().right <= innerWidth)).toBe(true);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await banner(page).evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(255, 255, 255)');
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

  for (const width of [320, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`axe (WCAG 2.2 AA) finds nothing in any state at ${width} px, ${scheme}`, async ({ page, server }) => {
        test.slow();
        await page.setViewportSize({ width, height: 720 });
        await page.emulateMedia({ colorScheme: scheme });
        await open(page, server, bannerPage('iife', { lang: 'en', attrs: { 'data-banner-privacy-url': '/privacy.html' } }));
        expect(await axeViolations(page), 'first banner').toEqual([]);
        await banner(page).getByRole('button', { name: 'Preferences' }).click();
        await expect(preferences(page)).toBeVisible();
        expect(await axeViolations(page), 'preferences').toEqual([]);
        await preferences(page).getByRole('button', { name: 'Reject' }).click();
        await expect(settingsButton(page)).toBeVisible();
        await expect(status(page)).not.toBeEmpty();
        expect(await axeViolations(page), 'after the decision, with the settings button').toEqual([]);
        if (width === 320 && scheme === 'light') {
          // Positive control: the same run sees a control without a name.
          await settingsButton(page).evaluate((node) => node.after(document.createElement('button')));
          expect((await axeViolations(page)).map((v) => v.id)).toEqual(['button-name']);
        }
      });
    }
  }
});
