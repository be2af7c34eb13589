import type { ConsentInstance } from '../core/instance.js';
import { readCategory, toolLink, type AdapterOptions, type StopFollowing } from './adapter.js';

interface CookiebotApi {
  hasResponse: boolean;
  consent: Record<string, unknown> & { method?: string | null };
}

const DIALOG = 'CookiebotOnDialogDisplay';
const EVENTS = [DIALOG, 'CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline'];

/**
 * Follows Cookiebot (`window.Cookiebot`), whenever it loads, through its window events
 * (`CookiebotOnConsentReady`, `CookiebotOnAccept`, `CookiebotOnDecline`): once the visitor has
 * answered (`hasResponse`), `Cookiebot.consent[category]` decides; without an answer (first visit,
 * or after `renew()`) there is no decision. An answer counts as the
 * visitor's own action only after Cookiebot showed its dialog on this page
 * (`CookiebotOnDialogDisplay`); the events Cookiebot fires on load replay the stored choice.
 * Implied consent (`consent.method` other than `'explicit'`) is no decision unless `implied`.
 * `category` is `preferences`, `statistics` or `marketing`; defaults to `'marketing'`, because
 * Mautic tracks identified contacts for marketing.
 */
export function followCookiebot(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const tool = toolLink<{ Cookiebot?: CookiebotApi }>(instance, options, 'followCookiebot');
  if (!tool) return () => {};
  const { answer, warn, win } = tool;
  const category = readCategory(options, 'marketing', (c) => ['preferences', 'statistics', 'marketing'].includes(c), warn, 'preferences, statistics or marketing');
  if (!category) return () => {};
  let shown = false;
  const decide = (event?: Event) => {
    const api = win.Cookiebot;
    if (!api) return;
    // The dialog shows for a first visit, a renewal (the stored choice is gone) or a change.
    if (event?.type === DIALOG) shown = true;
    if (!api.hasResponse) return answer(null, false);
    if (event?.type === DIALOG) return;
    const yes = api.consent?.[category] === true;
    const explicit = api.consent?.method === 'explicit';
    if (yes && !explicit && !options.implied) return answer(null, false);
    answer(yes, explicit && shown && !!event);
  };
  EVENTS.forEach((e) => win.addEventListener(e, decide));
  decide();
  return () => EVENTS.forEach((e) => win.removeEventListener(e, decide));
}
