/** The ESM build's factories: the one place they read the global `window` and `document`, as defaults. */
import type { ConsentOptions, Win } from '../types.js';
import type { ConsentInstance } from '../core/instance.js';
import { createInstance } from '../core/instance.js';
import { createWarn } from '../core/log.js';
import { normalizeOptions, type Config } from '../core/options.js';
import { countInstance } from './instances.js';
import { createDelivery } from '../tracking/delivery.js';
import { bannerFor, type Banner, type BannerOptions } from '../banner/banner.js';

/**
 * Creates a consent-gated Mautic tracker. Nothing is stored or sent until tracking is granted;
 * GPC and Do Not Track start it as denied.
 * @example
 * import { createConsent } from 'mautic-consent';
 * const consent = createConsent({ mauticUrl: 'https://m.example.com' });
 * consent.track();
 * @param options What to talk to and how; see `ConsentOptions`.
 * @returns The instance.
 */
export function createConsent(options: ConsentOptions): ConsentInstance {
  let win = (typeof window === 'undefined' ? undefined : window) as Win | undefined;
  let warn = createWarn(win?.console);
  let config: Config | undefined;
  try {
    win = (options?.window as Win | undefined) ?? win;
    warn = createWarn(win?.console);
    config = normalizeOptions(options ?? {}, win?.location, warn);
  } catch (error) {
    // Options a getter or Proxy throws on, or that a warning cannot show (a BigInt, a cycle), are
    // bad input like any other: one warning and the safe defaults, never an exception in the page.
    warn('options', `options could not be read (${error}); using the defaults: nothing is sent to Mautic.`, 'w-option');
  }
  countInstance(win, warn);
  // One bundle: the delivery is at hand, and a bundler keeps it with createConsent.
  return createInstance(win, config ?? normalizeOptions({}, win?.location, () => {}), warn, (ready) => ready(createDelivery));
}

/**
 * Shows a consent banner for the `tracking` purpose, with Accept and Reject of equal weight and a
 * preferences view. It opens by itself only while the state is `unset` (so never for a GPC or
 * DNT visitor, nor after a decision), as a non-modal dialog that takes no focus from a visitor
 * working in the page: a key press decides only after the visitor moved into the banner. Escape
 * anywhere on the page hides it without deciding. Afterwards a "Privacy settings" button (see
 * `settingsButton`), any `data-mautic-action="preferences"` element and `open('preferences')`
 * reach the preferences, which offer Accept and Reject directly. Choices go to the instance as
 * `grant`/`deny` with source `user`; the banner stores nothing itself.
 * @example
 * import { createConsent, createBanner } from 'mautic-consent';
 * const banner = createBanner(createConsent({ mauticUrl: 'https://m.example.com' }), { privacyUrl: '/privacy' });
 * settingsLink.onclick = () => banner.open('preferences');
 * @param instance The consent instance (`window.MauticConsent` on script-tag pages).
 * @param options Language, texts, privacy link, settings button and document; see `BannerOptions`.
 * @returns `open`, `close` and `destroy`; none of them throws.
 */
export function createBanner(instance: ConsentInstance, options: BannerOptions = {}): Banner {
  return bannerFor(instance, { ...options, document: options?.document ?? (typeof document === 'undefined' ? undefined : document) });
}
