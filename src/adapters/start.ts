import type { ConsentInstance } from '../core/instance.js';
import type { AdapterOptions } from './adapter.js';
import { acceptGift, takeGift } from '../page/handover.js';
import { LOG_PREFIX } from '../core/constants.js';

/**
 * Starts one adapter in its script-tag build (`dist/cmp/{name}.min.js`), which the core script
 * loads when it has `data-cmp` and hands its instance's link to as the script starts. The category
 * and `implied` come in the script's own query (`?category=…&implied=1`). `win` is the page's
 * window, given by the entry: the only code that touches globals.
 */
export function startAdapter(win: Window, follow: (instance: ConsentInstance, options: AdapterOptions) => unknown): void {
  try {
    const doc = win.document;
    const gift = takeGift(doc);
    const src = (doc.currentScript as HTMLScriptElement | null)?.src;
    const query = src ? new URL(src).searchParams : undefined;
    const category = query?.get('category') ?? undefined;
    const instance = (win as Window & { MauticConsent?: ConsentInstance }).MauticConsent;
    acceptGift(gift, instance);
    if (instance?.state) follow(instance, { category, implied: query?.get('implied') === '1', window: win });
  } catch (error) {
    try {
      console.warn(`${LOG_PREFIX} the consent-tool adapter could not start:`, error);
    } catch {
      // Nothing left to tell.
    }
  }
}
