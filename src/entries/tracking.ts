/**
 * Script-tag entry of the pageview delivery (IIFE `mautic-consent.tracking.min.js`). The core
 * script loads it from beside itself only once tracking is granted, so a visitor who never says yes
 * never downloads the code that builds and sends pageviews. It hands its delivery to the core
 * through the gift the core left on its `<script>` (see `handOver`): nothing else can give the
 * core a delivery, and this script gives it to nothing else.
 */
import { takeGift } from '../page/handover.js';
import { createDelivery } from '../tracking/delivery.js';
import { LOG_PREFIX } from '../core/constants.js';

try {
  // First, while this script is `document.currentScript`: the only moment the gift can be taken.
  takeGift(document)?.delivery?.(createDelivery);
} catch (error) {
  try {
    console.warn(`${LOG_PREFIX} tracking could not start:`, error);
  } catch {
    // Nothing left to tell.
  }
}
