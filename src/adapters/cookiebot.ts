import type { ConsentInstance } from '../create.js';
import { applyDecision, type AdapterOptions, type StopFollowing } from './adapter.js';

interface CookiebotApi {
  hasResponse: boolean;
  consent: Record<string, boolean>;
}

const EVENTS = ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline'];

/**
 * Follows Cookiebot (`window.Cookiebot`): on its `CookiebotOnConsentReady`, `CookiebotOnAccept`
 * and `CookiebotOnDecline` window events, once the visitor has answered (`hasResponse`),
 * `Cookiebot.consent[category]` decides. `category` is `preferences`, `statistics` or
 * `marketing`. Defaults to `'statistics'`.
 */
export function followCookiebot(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const win = (options.window ?? window) as Window & { Cookiebot?: CookiebotApi };
  const category = options.category ?? 'statistics';
  const decide = () => {
    const api = win.Cookiebot;
    if (api?.hasResponse) applyDecision(instance, api.consent?.[category] === true);
  };
  EVENTS.forEach((e) => win.addEventListener(e, decide));
  decide();
  return () => EVENTS.forEach((e) => win.removeEventListener(e, decide));
}
