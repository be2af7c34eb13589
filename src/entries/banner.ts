/**
 * Script-tag entry of the optional consent banner (IIFE `mautic-consent.banner.min.js`). The core
 * script loads it from beside itself with `data-banner`, or a page adds it with its own tag. It
 * waits briefly for `window.MauticConsent`, shows the banner for it and exposes
 * `window.MauticConsentBanner = { open, close }`. Its options are read, each first found wins,
 * from the core script's attributes (`data-banner-lang`), the core script URL's query
 * (`?banner-lang=es`, as Mautic's loader snippet can only pass them), this tag's attributes and
 * URL query, and finally an options object the page may leave in that global before this runs:
 *
 *     <script>window.MauticConsentBanner = { texts: { pt: { title: 'Cookies', accept: 'Aceitar' } } };</script>
 */
import type { ConsentInstance } from '../core/instance.js';
import type { Win } from '../types.js';
import { LOG_PREFIX } from '../core/constants.js';
import { bannerFor, type Banner, type BannerOptions } from '../banner/banner.js';

type BannerWindow = Win & { MauticConsent?: ConsentInstance; MauticConsentBanner?: Pick<Banner, 'open' | 'close'> | BannerOptions };

/** The core may still be loading (async, module or later tag): 100 × 50 ms, then give up. */
const POLL_MS = 50;
const POLL_LIMIT = 100;
/** Each option's name: `data-` + it as an attribute, as it is in a script URL's query. */
const NAMES = { lang: 'banner-lang', privacyUrl: 'banner-privacy-url', settingsButton: 'banner-settings-button', texts: 'banner-texts' } as const;
/** The core script: by its attribute, or by the option in its URL that Mautic's loader snippet writes. */
const CORE = 'script[data-mautic-url],script[src*="mautic-url="]';

/** One option from a tag: its `data-` attribute, else its URL's query; `null` when absent. */
function readTag(script: Element | null, name: string): string | null {
  if (!script) return null;
  const value = script.getAttribute(`data-${name}`);
  if (value !== null) return value;
  const src = script.getAttribute('src') ?? '';
  if (!src.includes('?')) return null;
  try {
    return new URL(src, 'http://x').searchParams.get(name);
  } catch {
    return null;
  }
}

function readOptions(doc: Document, own: Element | null, preset: BannerOptions, warn: (message: string) => void): BannerOptions {
  const core = doc.querySelector(CORE);
  const read = (name: string) => readTag(core, name) ?? (own === core ? null : readTag(own, name));
  const options: BannerOptions = {};
  if (preset.texts && typeof preset.texts === 'object') options.texts = preset.texts;
  if (typeof preset.lang === 'string') options.lang = preset.lang;
  if (typeof preset.privacyUrl === 'string') options.privacyUrl = preset.privacyUrl;
  if (typeof preset.settingsButton === 'boolean') options.settingsButton = preset.settingsButton;
  // Browsers hide a parsed nonce from getAttribute; the property keeps it.
  const nonce = (core as HTMLElement | null)?.nonce || (own as HTMLElement | null)?.nonce;
  if (nonce) options.nonce = nonce;
  const lang = read(NAMES.lang)?.trim();
  const privacyUrl = read(NAMES.privacyUrl)?.trim();
  const settingsButton = read(NAMES.settingsButton)?.trim().toLowerCase();
  const texts = read(NAMES.texts);
  if (lang) options.lang = lang;
  if (privacyUrl) options.privacyUrl = privacyUrl;
  if (settingsButton === '' || settingsButton === 'true') options.settingsButton = true;
  else if (settingsButton === 'false') options.settingsButton = false;
  else if (settingsButton !== undefined) warn(`data-${NAMES.settingsButton}=${JSON.stringify(settingsButton)} is not true or false; the button shows unless the page has its own preferences element.`);
  if (texts) {
    try {
      const parsed: unknown = JSON.parse(texts);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
      options.texts = { ...options.texts, ...(parsed as BannerOptions['texts']) };
    } catch {
      warn(`data-${NAMES.texts} is not a JSON object of texts per language ({"pt":{"accept":"Aceitar"}}); the built-in texts are used.`);
    }
  }
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
    const banner = bannerFor(instance, { ...readOptions(doc, own, preset, (message) => win.console?.warn(`${LOG_PREFIX} banner: ${message}`)), document: doc });
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
