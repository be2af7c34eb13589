import type { ConsentInstance } from '../create.js';
import type { AdapterOptions } from './adapter.js';

/**
 * Starts one adapter in its script-tag build (`dist/cmp/{name}.min.js`), which the core script
 * loads when it has `data-cmp`. The category comes in the script's own query (`?category=…`).
 */
export function startAdapter(follow: (instance: ConsentInstance, options: AdapterOptions) => unknown) {
  try {
    const src = (document.currentScript as HTMLScriptElement | null)?.src;
    const category = src ? (new URL(src).searchParams.get('category') ?? undefined) : undefined;
    const instance = (window as Window & { MauticConsent?: ConsentInstance }).MauticConsent;
    if (instance?.state) follow(instance, { category });
  } catch (error) {
    try {
      console.warn('[mautic-consent] the consent-tool adapter could not start:', error);
    } catch {
      // Nothing left to tell.
    }
  }
}
