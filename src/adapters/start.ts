import type { ConsentInstance } from '../core/instance.js';
import type { AdapterOptions } from './adapter.js';
import { register } from '../core/link.js';
import { takeGift } from '../page/handover.js';
import { LOG_PREFIX } from '../core/constants.js';

/**
 * Starts one adapter in its script-tag build (`dist/cmp/{name}.min.js`), which the core script
 * loads when it has `data-cmp` and hands its instance's link to as the script starts. The category
 * and `implied` come in the script's own query (`?category=…&implied=1`).
 */
export function startAdapter(follow: (instance: ConsentInstance, options: AdapterOptions) => unknown) {
  try {
    const gift = takeGift(document);
    const src = (document.currentScript as HTMLScriptElement | null)?.src;
    const query = src ? new URL(src).searchParams : undefined;
    const category = query?.get('category') ?? undefined;
    const instance = (window as Window & { MauticConsent?: ConsentInstance }).MauticConsent;
    if (instance && gift?.link && gift.instance === instance) register(instance, gift.link);
    if (instance?.state) follow(instance, { category, implied: query?.get('implied') === '1' });
  } catch (error) {
    try {
      console.warn(`${LOG_PREFIX} the consent-tool adapter could not start:`, error);
    } catch {
      // Nothing left to tell.
    }
  }
}
