import type { Win } from '../types.js';
import { FULL_TEXT, type Debug, type Warn } from '../core/log.js';

/** Mautic's own tracking layer: 7.x's add-on, and the all-in-one `mtc.js` of every version. */
const TRACKING_SCRIPT = 'script[src*="/mautic-tracking.js"],script[src*="/mtc.js"]';

/**
 * Watches for Mautic's own website scripts beside the SDK (README "Mautic versions"). Mautic 7's
 * essential runtime (`mautic-essential.js`) asks Mautic for nothing and stores nothing, so it may
 * stay: a debug line says it was seen. Mautic's tracking layer sends every pageview again, with
 * Mautic-host cookies, whatever the visitor chose here: one warning with the fix. The SDK never
 * loads either script and never dispatches the events that start them (`mauticEssentialReady`,
 * `mautic:tracking-enabled`).
 */
export function watchMauticScripts(win: Win, warn: Warn, debug: Debug) {
  const doc = win.document;
  const check = () => {
    try {
      const js = (win as Win & { MauticJS?: { runtimeReady?: unknown; trackingEnabled?: unknown } }).MauticJS;
      if (js?.trackingEnabled === true || doc.querySelector(TRACKING_SCRIPT)) {
        const sentence = "Mautic's mautic-tracking.js or mtc.js runs here too and tracks whatever the visitor chose: remove it (mautic-essential.js may stay).";
        warn('mautic-tracking', FULL_TEXT ? sentence : 'mautic-tracking.js or mtc.js runs too', 'w-mautic-tracking');
      } else if (js?.runtimeReady === true) {
        debug('mautic-essential', FULL_TEXT ? 'mautic-essential.js seen: it sends and stores nothing.' : 'mautic-essential.js seen');
      }
    } catch {
      // A hostile getter on MauticJS costs the diagnosis, nothing else.
    }
  };
  // While the page is still loading, DOMContentLoaded checks it whole; no query on the start path.
  if (doc.readyState !== 'loading') check();
  for (const type of ['DOMContentLoaded', 'mauticEssentialReady', 'mautic:tracking-enabled']) doc.addEventListener(type, check);
  win.addEventListener('load', check);
}
