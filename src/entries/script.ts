/**
 * Script-tag entry (IIFE). The only module with import-time side effects: it reads the options
 * from its own `<script>`, creates the single instance, takes over the `mt()` loader queue and
 * exposes the instance as `window.MauticConsent`.
 */
import type { Win } from '../types.js';
import { createInstance } from '../core/instance.js';
import { linkOf } from '../core/link.js';
import { createWarn } from '../core/log.js';
import { normalizeOptions, readScriptOptions, SCRIPT_ATTRIBUTES } from '../core/options.js';
import { bindLoaderQueue } from '../page/loader.js';
import { bindActions } from '../page/actions.js';
import { bindDataLayer } from '../page/datalayer.js';
import { EMBED_SELECTOR } from '../embeds/embeds.js';
import { trustedPolicy } from '../page/trusted.js';
import { handOver, type Gift } from '../page/handover.js';
import { SIBLING_INTEGRITY } from '../page/sri.js';
import type { Warn } from '../core/log.js';

type GlobalWindow = Win & { MauticConsent?: unknown };

/** Set on the window by the first copy of this script, so that a second one steps aside. */
const LOADED = Symbol.for('mautic-consent.script');

/**
 * Adds a script from beside this one (the embeds, the banner, an adapter), pinned to the hash this
 * build knows for it: a copy that was changed on the server or CDN is refused by the browser, and
 * the page goes on without it (one warning). `hand` lends the embeds script the Trusted Types policy.
 */
function addScript(doc: Document, path: string, src: string, nonce: string | undefined, warn: Warn, gift?: Gift) {
  const script = doc.createElement('script');
  const url = new URL(path, src);
  script.src = trustedPolicy(doc.defaultView!).createScriptURL(url.href);
  const integrity = SIBLING_INTEGRITY[path.split('?')[0]];
  if (integrity) {
    script.integrity = integrity;
    // A cross-origin script is checked only when fetched with CORS (and then without credentials).
    if (url.origin !== doc.location.origin) script.crossOrigin = 'anonymous';
  }
  if (gift) handOver(doc, script, gift);
  if (nonce) script.nonce = nonce;
  script.async = true;
  script.addEventListener('error', () =>
    warn(
      `load ${path}`,
      `could not load ${url.href} (missing, blocked, or changed since this version was built: integrity); going on without it.`,
    ),
  );
  doc.head.append(script);
}

/**
 * Loads `mautic-consent.embeds.min.js` from beside this script once the page has an embed, now
 * or later (an observer watches until one appears, then stops).
 */
function loadEmbedsWhenNeeded(win: GlobalWindow, src: string, nonce: string | undefined, warn: Warn, gift: Gift) {
  const doc = win.document;
  const load = () => {
    observer.disconnect();
    addScript(doc, 'mautic-consent.embeds.min.js', src, nonce, warn, gift);
  };
  // Only the added nodes are looked at: a busy single-page app must not pay a document-wide query per mutation.
  const observer = new win.MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof win.Element && (node.matches(EMBED_SELECTOR) || node.querySelector(EMBED_SELECTOR))) return load();
      }
    }
  });
  const look = () => {
    if (doc.querySelector(EMBED_SELECTOR)) load();
    else observer.observe(doc.documentElement, { childList: true, subtree: true });
  };
  // While the parser is still adding the page, watching would see every node of it; one query once
  // it is done costs less, and an embed that is already in the markup is found the same.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', look, { once: true });
  else look();
}

function start(win: GlobalWindow) {
  const existing = win.MauticConsent;
  const warn = createWarn(win.console);
  if ((win as GlobalWindow & { [LOADED]?: boolean })[LOADED]) {
    warn('twice', 'loaded twice; this copy does nothing.');
    return;
  }
  const doc = win.document;
  // `currentScript` is null for module scripts and after load; then look for our attribute.
  const script = doc.currentScript ?? doc.querySelector(`script[${SCRIPT_ATTRIBUTES.mauticUrl}]`);
  const config = normalizeOptions(readScriptOptions(script), win.location, warn, (option) =>
    SCRIPT_ATTRIBUTES[option as keyof typeof SCRIPT_ATTRIBUTES] ?? option,
  );
  Object.defineProperty(win, LOADED, { value: true });
  const instance = createInstance(win, config, warn);
  const gift: Gift = { policy: trustedPolicy(win), instance, link: linkOf(instance) };
  if (existing !== undefined) warn('global', 'window.MauticConsent was taken; replaced.');
  win.MauticConsent = instance;
  if (config.consentMode) bindDataLayer(instance, win, { ads: config.consentModeAds, setDefault: config.consentModeDefault });
  bindActions(instance, doc);
  const src = script instanceof HTMLScriptElement ? script.src : '';
  if (config.mauticUrl && src) loadEmbedsWhenNeeded(win, src, config.nonce, warn, gift);
  if (config.banner && src) addScript(doc, 'mautic-consent.banner.min.js', src, config.nonce, warn);
  if (config.cmp && src) {
    const query = new URLSearchParams();
    if (config.cmpCategory !== undefined) query.set('category', config.cmpCategory);
    if (config.cmpImplied) query.set('implied', '1');
    const search = `${query}`;
    addScript(doc, `cmp/${config.cmp}.min.js${search ? `?${search}` : ''}`, src, config.nonce, warn, gift);
  }
  bindLoaderQueue(instance, win);
}

try {
  if (typeof window !== 'undefined') start(window);
} catch (error) {
  try {
    console.warn('[mautic-consent] could not start:', error);
  } catch {
    // Nothing left to tell.
  }
}
