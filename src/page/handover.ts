import type { TrustedPolicy } from './trusted.js';
import type { DeliveryFactory } from '../tracking/tracker.js';
import { register, type Link } from '../core/link.js';
import { builtIn } from './built-in.js';

/**
 * What the core script gives a sibling script it adds: the embeds and an adapter get its policy and
 * its instance's link; the tracking script gets the function it hands its delivery to.
 */
export interface Gift {
  readonly policy?: TrustedPolicy;
  readonly instance?: object;
  readonly link?: Link;
  readonly delivery?: (factory: DeliveryFactory) => void;
}

/** Where the gift waits: a property of that one `<script>` element. */
const KEY = Symbol.for('mautic-consent.handover');
type GiftScript = HTMLScriptElement & { [KEY]?: () => Gift | undefined };

/**
 * Lets `script`, a sibling script the core adds, take `gift` once, while it runs
 * (`document.currentScript`, the document's own, is then that element: `builtIn` reads it, so
 * neither a page script's own `currentScript` property on `document` nor an `<img
 * name="currentScript">` in a comment stands in for it): a page script runs at other times, and
 * after the take there is nothing left to take. A script that replaces the
 * prototype's `currentScript` before a sibling runs could still take its gift, as it could replace
 * any built-in the SDK calls. Each bundle has its own module scope, so this is how the
 * core's private state reaches the embeds and adapters without any global.
 */
export function handOver(doc: Document, script: HTMLScriptElement, gift: Gift): void {
  let given = false;
  Object.defineProperty(script, KEY, {
    value: () => {
      if (given || builtIn(doc, 'currentScript') !== script) return undefined;
      given = true;
      return gift;
    },
  });
}

/** The gift left for the script that is running now, if the core added it; call it first thing. */
export function takeGift(doc: Document): Gift | undefined {
  try {
    return (builtIn(doc, 'currentScript') as GiftScript | null)?.[KEY]?.();
  } catch {
    return undefined;
  }
}

/**
 * Ties the gift's link to `instance` in this bundle (so `linkOf` finds it) when the gift was made
 * for that very instance; true then. A page that replaced `window.MauticConsent` gets nothing.
 */
export function acceptGift(gift: Gift | undefined, instance: object | undefined): boolean {
  if (!instance || !gift?.link || gift.instance !== instance) return false;
  register(instance, gift.link);
  return true;
}
