/**
 * Script-tag entry of the embeds (IIFE `mautic-consent.embeds.min.js`). The core script loads it
 * from beside itself only when the page has, or gets, an embed, so pages without forms, assets,
 * focus items, dynamic content or gated scripts never pay for them.
 */
import type { ConsentInstance } from './create.js';
import type { Win } from './types.js';
import { bindEmbeds } from './embeds/embeds.js';
import { trustedPolicy } from './trusted.js';

try {
  // First, while this script is `document.currentScript`: the only moment the core script lends it
  // the Trusted Types policy (see handPolicy).
  trustedPolicy(window);
  const instance = (window as Win & { MauticConsent?: ConsentInstance }).MauticConsent;
  if (instance?.state) bindEmbeds(instance, document);
} catch (error) {
  try {
    console.warn('[mautic-consent] embeds could not start:', error);
  } catch {
    // Nothing left to tell.
  }
}
