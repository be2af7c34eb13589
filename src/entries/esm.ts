/** The ESM build's factories: the one place they read the global `window` and `document`, as defaults. */
import type { ConsentOptions, Win } from '../types.js';
import type { ConsentInstance } from '../core/instance.js';
import { createInstance } from '../core/instance.js';
import { createWarn } from '../core/log.js';
import { normalizeOptions } from '../core/options.js';
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
  const win = (options?.window ?? (typeof window === 'undefined' ? undefined : window)) as Win | undefined;
  const warn = createWarn(win?.console);
  countInstance(win, warn);
  // One bundle: the delivery is at hand, and a bundler keeps it with createConsent.
  return createInstance(win, normalizeOptions(options ?? {}, win?.location, warn), warn, (ready) => ready(createDelivery));
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
