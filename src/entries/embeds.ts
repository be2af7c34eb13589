/**
 * Script-tag entry of the embeds (IIFE `mautic-consent.embeds.min.js`). The core script loads it
 * from beside itself only when the page has, or gets, an embed, so pages without forms, assets,
 * focus items, dynamic content or gated scripts never pay for them. The core hands it, while it
 * starts, the Trusted Types policy and the instance's link (see `handOver`).
 */
import type { ConsentInstance } from '../core/instance.js';
import type { Win } from '../types.js';
import { bindEmbeds } from '../embeds/embeds.js';
import { adoptPolicy } from '../page/trusted.js';
import { acceptGift, takeGift } from '../page/handover.js';
import { LOG_PREFIX } from '../core/constants.js';

try {
  // First, while this script is `document.currentScript`: the only moment the gift can be taken.
  const gift = takeGift(document);
  adoptPolicy(window, gift?.policy);
  const instance = (window as Win & { MauticConsent?: ConsentInstance }).MauticConsent;
  if (instance && acceptGift(gift, instance)) bindEmbeds(instance, document);
} catch (error) {
  try {
    console.warn(`${LOG_PREFIX} embeds could not start:`, error);
  } catch {
    // Nothing left to tell.
  }
}
