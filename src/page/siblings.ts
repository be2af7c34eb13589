import { FULL_TEXT, type Warn } from '../core/log.js';
import { trustedPolicy } from './trusted.js';
import { handOver, type Gift } from './handover.js';
import { SIBLING_INTEGRITY } from './sri.js';

/** Where the core script adds the scripts it loads from beside itself, and what they get. */
export interface Siblings {
  doc: Document;
  /** The core script's own URL: siblings are loaded relative to it. */
  src: string;
  nonce: string | undefined;
  warn: Warn;
}

/**
 * Adds a script from beside the core (the tracking script, the embeds, the banner, an adapter),
 * pinned to the hash this build knows for it: a copy that was changed on the server or CDN is
 * refused by the browser, and the page goes on without it (one warning). `gift` is handed to it as it starts (`handOver`).
 */
export function addSibling(s: Siblings, path: string, gift?: Gift): void {
  const { doc } = s;
  const script = doc.createElement('script');
  const url = new URL(path, s.src);
  script.src = trustedPolicy(doc.defaultView!).createScriptURL(url.href);
  const integrity = SIBLING_INTEGRITY[path.split('?')[0]];
  if (integrity) {
    script.integrity = `sha256-${integrity}`;
    // A cross-origin script is checked only when fetched with CORS (and then without credentials).
    if (url.origin !== doc.location.origin) script.crossOrigin = 'anonymous';
  }
  if (gift) handOver(doc, script, gift);
  if (s.nonce) script.nonce = s.nonce;
  script.async = true;
  script.onerror = () => s.warn(`load ${path}`, FULL_TEXT ? `could not load ${url.href} (missing, blocked, or changed: integrity); going on without it.` : `could not load ${url.href}`, 'w-load');
  doc.head.append(script);
}

/**
 * Calls `load` once the page has an element matching `selector`, now or later: an observer
 * watches the added nodes until one appears, then stops.
 */
export function whenPresent(win: Window & typeof globalThis, selector: string, load: () => void): void {
  const doc = win.document;
  const found = () => {
    observer.disconnect();
    load();
  };
  // Only the added nodes are looked at: a busy single-page app must not pay a document-wide query per mutation.
  const observer = new win.MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof win.Element && (node.matches(selector) || node.querySelector(selector))) return found();
      }
    }
  });
  const look = () => {
    if (doc.querySelector(selector)) found();
    else observer.observe(doc.documentElement, { childList: true, subtree: true });
  };
  // While the parser is still adding the page, watching would see every node of it; one query once
  // it is done costs less, and an embed that is already in the markup is found the same.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', look, { once: true });
  else look();
}
