import type { ConsentInstance } from '../core/instance.js';
import { ATTR_PREFIX } from '../core/constants.js';
import { createWarn, type Warn } from '../core/log.js';
import { BANNER_TEXTS, resolveTexts, type BannerTextOverrides, type BannerTexts } from './texts.js';
import { PREFERENCES, createDisplay } from './display.js';
import { type BannerView, type Speech, guard } from './views.js';

/** Options of `createBanner()`. */
export interface BannerOptions {
  /**
   * Language of the texts, as a language tag (`de`, `fr-CH`); only its primary subtag counts.
   * Built in: `en`, `de`, `fr`, `es`, `it`, `nl`; any other needs `texts` for it (else one console
   * warning and English). Defaults to the `lang` of `<html>`, and to English without one.
   */
  lang?: string;
  /**
   * Text overrides per language, keyed by primary subtag; missing keys come from the built-in
   * texts of that language, then from English. Plain text, never HTML. Defaults to none.
   * @example
   * { de: { title: 'Ihre Wahl' }, pt: { title: 'A sua escolha', accept: 'Aceitar', reject: 'Recusar' } }
   */
  texts?: BannerTextOverrides;
  /**
   * Address of the privacy policy, linked after the banner text (http, https or relative only).
   * Defaults to no link, with one console warning: the banner should name where the policy is.
   */
  privacyUrl?: string;
  /**
   * A small "Privacy settings" button in the bottom corner whenever the banner is not showing, so
   * a visitor can change or withdraw a choice from any page in one click. Defaults to on when the
   * page has no `data-mautic-action="preferences"` element of its own. Turned off with no such
   * element, visitors have no way back, and the console says so.
   */
  settingsButton?: boolean;
  /** The document to render into. Defaults to the global `document`; without one the banner does nothing. */
  document?: Document;
  /**
   * The page's Content-Security-Policy nonce, for the banner's stylesheet where the browser cannot
   * adopt one (Safari before 16.4). The script tag passes the nonce of the SDK's tag. Defaults to none.
   */
  nonce?: string;
}

/** What `createBanner()` returns. */
export interface Banner {
  /**
   * Shows a view: `main` (the default) as a non-modal dialog, `preferences` as a modal one, and
   * focuses the dialog itself (never one of its buttons). Unlike the automatic first showing,
   * works whatever the consent state.
   */
  open(view?: BannerView): void;
  /** Hides both views without deciding anything. */
  close(): void;
  /** Hides both views, removes what the banner added and stops listening. The stylesheet stays for other banners. */
  destroy(): void;
}

const NOOP: Banner = Object.freeze({ open() {}, close() {}, destroy() {} });
let banners = 0;

/**
 * The banner in `options.document` (the ESM `createBanner` and the banner script pass the page's);
 * without a document, or for something that is not an instance, a banner that does nothing.
 */
export function bannerFor(instance: ConsentInstance, options: BannerOptions): Banner {
  try {
    const doc = options.document;
    if (!doc || typeof instance?.state !== 'function') return NOOP;
    return build(instance, options, doc);
  } catch {
    return NOOP;
  }
}

function build(instance: ConsentInstance, options: BannerOptions, doc: Document): Banner {
  const warn = createWarn(doc.defaultView?.console);
  const display = createDisplay(instance, speech(options, doc, warn), options.nonce, options.settingsButton);
  const { show, hide } = display;
  const onClick = (event: Event) =>
    guard(() => {
      if (!(event.target as Element | null)?.closest?.(PREFERENCES)) return;
      event.preventDefault();
      show('preferences', true);
    });
  // Escape anywhere on the page hides the first banner; the modal preferences hear their own `cancel`.
  const onKey = (event: KeyboardEvent) =>
    guard(() => {
      if (event.key === 'Escape' && !event.defaultPrevented && !display.prefsOpen()) hide('main');
    });
  const off = instance.on('change', (state) =>
    guard(() => {
      if (state.tracking !== 'unset') hide('main');
      display.reflect();
    }),
  );
  doc.addEventListener('click', onClick);
  doc.addEventListener('keydown', onKey);
  let destroyed = false;
  const start = () =>
    guard(() => {
      if (destroyed) return;
      if (instance.state().tracking === 'unset') show('main', false);
      display.sync();
      if (options.settingsButton === false && !doc.querySelector(PREFERENCES)) {
        warn('banner-withdraw', `banner: visitors cannot change or withdraw their choice: this page has no ${ATTR_PREFIX}action="preferences" element and the Privacy settings button is off (data-banner-settings-button).`);
      }
    });
  // The whole page is parsed first: whether it has its own preferences entry decides the settings button.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  return {
    open: (view: BannerView = 'main') => whenReady(doc, () => show(view === 'preferences' ? 'preferences' : 'main', true)),
    close: () =>
      guard(() => {
        hide('preferences');
        hide('main');
      }),
    destroy: () =>
      guard(() => {
        if (destroyed) return;
        destroyed = true;
        display.destroy();
        off();
        doc.removeEventListener('click', onClick);
        doc.removeEventListener('keydown', onKey);
        doc.removeEventListener('DOMContentLoaded', start);
      }),
  };
}

/** The language and texts the banner speaks, and its privacy link; a warning for each that is missing. */
function speech(options: BannerOptions, doc: Document, warn: Warn): Speech {
  const { lang, texts, missing } = resolveTexts(options.lang ?? doc.documentElement?.getAttribute('lang'), options.texts);
  if (missing) {
    warn('banner-lang', `banner: no texts for language "${missing}", so it speaks English; built in: ${Object.keys(BANNER_TEXTS).join(', ')}. Give yours with data-banner-texts (texts).`);
  }
  const privacy = safeUrl(options.privacyUrl, doc);
  if (!privacy) {
    warn(
      'banner-privacy',
      options.privacyUrl
        ? `banner: data-banner-privacy-url (privacyUrl) ${JSON.stringify(options.privacyUrl)} is not an http(s) address, so the banner links no privacy policy.`
        : 'banner: no privacy policy is linked; set data-banner-privacy-url (privacyUrl).',
    );
  }
  return { doc, lang, texts, privacy, prefix: `mc-banner-${++banners}` };
}

/** `action` now if `<body>` is there, else once the page is parsed. */
function whenReady(doc: Document, action: () => void) {
  guard(() => {
    if (doc.body) action();
    else doc.addEventListener('DOMContentLoaded', () => guard(action), { once: true });
  });
}

/** An absolute http(s) address for the link, or nothing (a `javascript:` URL is not a policy). */
function safeUrl(url: unknown, doc: Document): string | undefined {
  if (typeof url !== 'string' || !url.trim()) return undefined;
  try {
    const parsed = new URL(url.trim(), doc.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export type { BannerTexts, BannerTextOverrides, BannerView };
