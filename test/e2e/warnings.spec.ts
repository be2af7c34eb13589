// What a site owner reads in the console about a bad setup, as built: the minified script tag says
// it short (the attribute, the bad value, the README anchor with the sentence), and its debug build,
// the same script, says it in whole sentences and loads the same pinned siblings.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, type Server } from './fixtures';
import { sdkPage } from './support/pages';

const SITE = 'www.shop.localhost';
const BAD = { 'data-revision': 'two', 'data-banner': 'true' };
const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

/** Opens the page with `file` as the script tag, clicks a button with a bad action, and returns the warnings. */
async function warningsOf(page: Page, server: Server, file: string): Promise<string[]> {
  const warnings: string[] = [];
  // The banner's own warnings (no privacy link here) come from its script, in every build.
  page.on('console', (m) => m.type() === 'warning' && !m.text().includes('banner:') && warnings.push(m.text()));
  const html = sdkPage('iife', { attrs: BAD, body: '<button id="bad" data-mautic-action="yes">?</button>' });
  server.addPage('/w.html', html.replace('/dist/mautic-consent.min.js', `/dist/${file}`));
  await page.goto(server.url(SITE, '/w.html'));
  // The banner comes from beside the core, pinned by its hash: the debug build must load it too.
  await page.waitForFunction(() => typeof (window as any).MauticConsentBanner?.open === 'function');
  await page.click('#bad', { force: true });
  await expect.poll(() => warnings.length).toBe(2);
  return warnings;
}

test('the minified script tag names the attribute, the bad value and the README anchor', async ({ page, server }) => {
  expect(await warningsOf(page, server, 'mautic-consent.min.js')).toEqual([
    '[mautic-consent] data-revision="two" invalid, see README#w-option',
    '[mautic-consent] data-mautic-action="yes" invalid, see README#w-action',
  ]);
  // The sentences are not shipped in it; the debug build has them.
  expect(dist('mautic-consent.min.js')).not.toContain('a whole number');
  expect(dist('mautic-consent.debug.js')).toContain('a whole number');
});

test('positive control: the debug build says the same in whole sentences, and loads the same pinned siblings', async ({ page, server }) => {
  expect(await warningsOf(page, server, 'mautic-consent.debug.js')).toEqual([
    '[mautic-consent] data-revision="two" is not a whole number; using 0.',
    '[mautic-consent] data-mautic-action="yes" is not grant, deny or revoke.',
  ]);
  expect(await page.locator('script[src$="/dist/mautic-consent.banner.min.js"]').getAttribute('integrity')).toMatch(/^sha256-/);
});
