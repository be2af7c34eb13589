/**
 * Script-tag entry of the optional consent banner (IIFE `mautic-consent.banner.min.js`). The core
 * script loads it from beside itself with `data-banner`, or a page adds it with its own tag. It
 * waits briefly for `window.MauticConsent`, shows the banner for it and exposes
 * `window.MauticConsentBanner = { open, close }`. Options come from the core script's
 * `data-banner-lang` and `data-banner-privacy-url`, else from the same attributes on this tag;
 * texts for other languages from an options object the page may leave in that global before
 * this script runs:
 *
 *     <script>window.MauticConsentBanner = { texts: { nl: { title: 'Cookies', accept: 'Accepteren' } } };</script>
 */
import type { ConsentInstance } from './create.js';
import type { Win } from './types.js';
import { LOG_PREFIX } from './constants.js';
import { createBanner, type Banner, type BannerOptions } from './banner/banner.js';

type BannerWindow = Win & { MauticConsent?: ConsentInstance; MauticConsentBanner?: Pick<Banner, 'open' | 'close'> | BannerOptions };

/** The core may still be loading (async, module or later tag): 100 × 50 ms, then give up. */
const POLL_MS = 50;
const POLL_LIMIT = 100;
const LANG_ATTRIBUTE = 'data-banner-lang';
const PRIVACY_URL_ATTRIBUTE = 'data-banner-privacy-url';

function readOptions(doc: Document, own: Element | null, preset: BannerOptions): BannerOptions {
  const core = doc.querySelector('script[data-mautic-url]');
  const read = (name: string) => core?.getAttribute(name) || own?.getAttribute(name) || undefined;
  const options: BannerOptions = {};
  if (preset.texts && typeof preset.texts === 'object') options.texts = preset.texts;
  if (typeof preset.lang === 'string') options.lang = preset.lang;
  if (typeof preset.privacyUrl === 'string') options.privacyUrl = preset.privacyUrl;
  const lang = read(LANG_ATTRIBUTE);
  const privacyUrl = read(PRIVACY_URL_ATTRIBUTE);
  if (lang) options.lang = lang;
  if (privacyUrl) options.privacyUrl = privacyUrl;
  return options;
}

function start(win: BannerWindow) {
  const doc = win.document;
  // Only valid while this script runs for the first time.
  const own = doc.currentScript;
  const existing = win.MauticConsentBanner;
  // A second copy of this script (say, data-banner plus a tag of its own) steps aside.
  if (existing && typeof (existing as Banner).open === 'function') return;
  const preset: BannerOptions = existing && typeof existing === 'object' ? (existing as BannerOptions) : {};
  let tries = 0;
  let started = false;
  const attempt = (): boolean => {
    // Another copy got there first and replaced the global.
    if (started || win.MauticConsentBanner !== existing) return true;
    const instance = win.MauticConsent;
    if (!instance || typeof instance.state !== 'function') return false;
    started = true;
    const banner = createBanner(instance, readOptions(doc, own, preset));
    win.MauticConsentBanner = Object.freeze({ open: banner.open, close: banner.close });
    return true;
  };
  if (attempt()) return;
  const timer = win.setInterval(() => {
    try {
      if (attempt()) win.clearInterval(timer);
      else if (++tries >= POLL_LIMIT) {
        win.clearInterval(timer);
        win.console?.warn(`${LOG_PREFIX} banner: window.MauticConsent not found; load mautic-consent.min.js first.`);
      }
    } catch {
      win.clearInterval(timer);
    }
  }, POLL_MS);
}

try {
  if (typeof window !== 'undefined') start(window as BannerWindow);
} catch (error) {
  try {
    console.warn(`${LOG_PREFIX} banner could not start:`, error);
  } catch {
    // Nothing left to tell.
  }
}
