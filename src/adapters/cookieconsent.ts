import type { ConsentInstance } from '../create.js';
import { applyDecision, type AdapterOptions, type StopFollowing } from './adapter.js';

interface CookieConsentApi {
  acceptedCategory(name: string): boolean;
  validConsent(): boolean;
}

/**
 * Follows vanilla-cookieconsent v3 (`window.CookieConsent`): its `cc:onConsent` event (fired on
 * the first choice and on each page load with a valid one) and `cc:onChange` event decide by
 * `acceptedCategory(category)`. `category` defaults to `'analytics'`.
 */
export function followCookieConsent(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const win = (options.window ?? window) as Window & { CookieConsent?: CookieConsentApi };
  const category = options.category ?? 'analytics';
  const decide = () => {
    const api = win.CookieConsent;
    if (api?.validConsent?.()) applyDecision(instance, api.acceptedCategory(category));
  };
  win.addEventListener('cc:onConsent', decide);
  win.addEventListener('cc:onChange', decide);
  decide();
  return () => {
    win.removeEventListener('cc:onConsent', decide);
    win.removeEventListener('cc:onChange', decide);
  };
}
