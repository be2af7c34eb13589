import type { ConsentInstance } from '../core/instance.js';
import type { ConsentSnapshot, Win } from '../types.js';
import { notInstance } from '../core/log.js';

/** Options of `bindDataLayer()`. */
export interface DataLayerOptions {
  /** Also grant `ad_storage`, `ad_user_data` and `ad_personalization` when tracking is granted. Defaults to `false`. */
  ads?: boolean;
  /**
   * Push the Consent Mode default (everything denied) first. Turn it off when something else, such
   * as the GTM template, already set the default. Defaults to `true`.
   */
  setDefault?: boolean;
}

type DataLayerWindow = Win & { dataLayer?: unknown[] };

/**
 * Tells Google Tag Manager about consent through `window.dataLayer`, when the page has one: each
 * state first as a Consent Mode v2 command (`consent default` once, then `consent update`), then
 * the event `mautic_consent_default` (the state at start) or `mautic_consent_update` (each change).
 * Consent before event, because GTM evaluates a tag's consent checks when the event fires it.
 * Returns the function that stops it.
 * @example
 * bindDataLayer(consent, window, { ads: false });
 */
export function bindDataLayer(instance: ConsentInstance, win: Window, options: DataLayerOptions = {}): () => void {
  const w = win as DataLayerWindow;
  // Only the public API is used, so any instance will do (the script tag's too); anything else is told once.
  if (typeof instance?.state !== 'function' || typeof instance.on !== 'function') return notInstance('bindDataLayer');
  if (!Array.isArray(w.dataLayer)) return () => {};
  const layer = w.dataLayer;
  // gtag() pushes its Arguments object, and GTM reads consent commands only in that shape.
  function gtag(..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params
    layer.push(arguments);
  }
  const types = (s: ConsentSnapshot) => {
    const analytics = s.tracking === 'granted' ? 'granted' : 'denied';
    const ads = options.ads ? analytics : 'denied';
    return { analytics_storage: analytics, ad_storage: ads, ad_user_data: ads, ad_personalization: ads };
  };
  const event = (name: string, s: ConsentSnapshot) =>
    layer.push({ event: name, mautic_consent: { tracking: s.tracking, source: s.source } });

  const start = instance.state();
  if (options.setDefault !== false) gtag('consent', 'default', types({ ...start, tracking: 'unset' }));
  if (start.tracking !== 'unset') gtag('consent', 'update', types(start));
  event('mautic_consent_default', start);
  return instance.on('change', (s) => {
    gtag('consent', 'update', types(s));
    event('mautic_consent_update', s);
  });
}
