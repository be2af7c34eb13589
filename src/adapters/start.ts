import type { ConsentInstance } from '../create.js';
import type { AdapterOptions } from './adapter.js';

/**
 * Starts one adapter in its script-tag build (`dist/cmp/{name}.min.js`), which the core script
 * loads when it has `data-cmp`. The category and `implied` come in the script's own query
 * (`?category=…&implied=1`).
 */
export function startAdapter(follow: (instance: ConsentInstance, options: AdapterOptions) => unknown) {
  try {
    const src = (document.currentScript as HTMLScriptElement | null)?.src;
    const query = src ? new URL(src).searchParams : undefined;
    const category = query?.get('category') ?? undefined;
    const instance = (window as Window & { MauticConsent?: ConsentInstance }).MauticConsent;
    if (instance?.state) follow(instance, { category, implied: query?.get('implied') === '1' });
  } catch (error) {
    try {
      console.warn('[mautic-consent] the consent-tool adapter could not start:', error);
    } catch {
      // Nothing left to tell.
    }
  }
}
