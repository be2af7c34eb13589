/**
 * Script-tag entry (IIFE). It reads the options from its own `<script>`, creates the single
 * instance, takes over the `mt()` loader queue, exposes the instance as `window.MauticConsent`, and
 * loads the optional scripts from beside itself: the pageview delivery once tracking is granted, the
 * embeds when the page has one, the banner with `data-banner`, the consent-tool adapter with `data-cmp`.
 */
import type { Win } from '../types.js';
import type { DeliveryLoader } from '../tracking/tracker.js';
import { createInstance } from '../core/instance.js';
import { linkOf } from '../core/link.js';
import { createWarn, FULL_TEXT } from '../core/log.js';
import { attributeOf, normalizeOptions, readScriptOptions } from '../core/options.js';
import { LOG_PREFIX } from '../core/constants.js';
import { bindLoaderQueue } from '../page/loader.js';
import { bindActions } from '../page/actions.js';
import { bindDataLayer } from '../page/datalayer.js';
import { addSibling, whenPresent, type Siblings } from '../page/siblings.js';
import { trustedPolicy } from '../page/trusted.js';
import { EMBED_SELECTOR } from '../embeds/embeds.js';
import { countInstance } from './instances.js';

type GlobalWindow = Win & { MauticConsent?: unknown };

/** Set on the window by the first copy of this script, so that a second one steps aside. */
const LOADED = Symbol.for('mautic-consent.script');

function start(win: GlobalWindow & { [LOADED]?: true }) {
  const warn = createWarn(win.console);
  if (win[LOADED]) return warn('twice', FULL_TEXT ? 'loaded twice; this copy does nothing.' : 'loaded twice', 'w-twice');
  Object.defineProperty(win, LOADED, { value: true });
  const doc = win.document;
  // `currentScript` is null for module scripts and after load; then look for our attribute.
  const script = doc.currentScript ?? doc.querySelector(`script[${attributeOf('mauticUrl')}]`);
  const config = normalizeOptions(readScriptOptions(script), win.location, warn, attributeOf, true);
  countInstance(win, warn);
  const src = script instanceof win.HTMLScriptElement ? script.src : '';
  const siblings: Siblings = { doc, src, nonce: config.nonce, warn };
  // Pageviews are sent by a script of their own, asked for once tracking is granted: a page whose
  // visitor never says yes never loads it.
  const loadDelivery: DeliveryLoader = (ready) =>
    src
      ? addSibling(siblings, 'mautic-consent.tracking.min.js', { delivery: ready })
      : warn('tracking', FULL_TEXT ? 'no script URL to load mautic-consent.tracking.min.js from (an inline copy?): no pageview is sent.' : 'no script URL for mautic-consent.tracking.min.js: no pageview', 'w-tracking');
  const instance = createInstance(win, config, warn, loadDelivery);
  if (win.MauticConsent !== undefined) warn('global', FULL_TEXT ? 'window.MauticConsent was taken; replaced.' : 'window.MauticConsent replaced', 'w-global');
  win.MauticConsent = instance;
  if (config.consentMode) bindDataLayer(instance, win, { ads: config.consentModeAds, setDefault: config.consentModeDefault });
  bindActions(instance, doc);
  // What the embeds and the adapter get as they start: this bundle's policy and the instance's link
  // (made when one is added: a page without siblings creates no Trusted Types policy).
  const gift = () => ({ policy: trustedPolicy(win), instance, link: linkOf(instance) });
  if (config.mauticUrl && src) whenPresent(win, EMBED_SELECTOR, () => addSibling(siblings, 'mautic-consent.embeds.min.js', gift()));
  if (config.banner && src) addSibling(siblings, 'mautic-consent.banner.min.js');
  if (config.cmp && src) {
    const query = new URLSearchParams();
    if (config.cmpCategory !== undefined) query.set('category', config.cmpCategory);
    if (config.cmpImplied) query.set('implied', '1');
    addSibling(siblings, `cmp/${config.cmp}.min.js${`${query}` ? `?${query}` : ''}`, gift());
  }
  bindLoaderQueue(instance, win);
}

try {
  if (typeof window !== 'undefined') start(window);
} catch (error) {
  try {
    console.warn(`${LOG_PREFIX} could not start:`, error);
  } catch {
    // Nothing left to tell.
  }
}
