import type { ConsentInstance } from '../core/instance.js';
import { readCategory, toolLink, type AdapterOptions, type StopFollowing } from './adapter.js';

interface CookieConsentApi {
  acceptedCategory(name: string): boolean;
  validConsent(): boolean;
}

const ACTIONS = ['cc:onFirstConsent', 'cc:onChange'];
const EVENTS = [...ACTIONS, 'cc:onConsent'];

/**
 * Follows vanilla-cookieconsent v3. Its window events decide: `cc:onFirstConsent` and
 * `cc:onChange` are the visitor's own choices, `cc:onConsent` is also the stored choice replayed
 * on each page load. The answer is `acceptedCategory(category)` when the tool's API is at hand
 * (the UMD build's `window.CookieConsent`, or `options.api` for the ES module), else the
 * categories in the event's `detail.cookie`, which is all an ES-module import leaves on the page.
 * Without a valid consent (`validConsent()`, e.g. after the site raised its revision) the tool has
 * no decision and tracking stays unset. `category` defaults to `'analytics'`.
 * @example
 * import * as CookieConsent from 'vanilla-cookieconsent';
 * followCookieConsent(consent, { category: 'analytics', api: CookieConsent });
 */
export function followCookieConsent(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const tool = toolLink<{ CookieConsent?: CookieConsentApi }>(instance, options, 'followCookieConsent');
  if (!tool) return () => {};
  const { answer, warn, win } = tool;
  const category = readCategory(options, 'analytics', () => true, warn, 'a category name');
  if (!category) return () => {};
  const decide = (event?: Event) => {
    const tool = (options.api ?? win.CookieConsent) as CookieConsentApi | undefined;
    const action = !!event && ACTIONS.includes(event.type);
    if (typeof tool?.validConsent === 'function') {
      return answer(tool.validConsent() ? tool.acceptedCategory(category) === true : null, action);
    }
    const categories = (event as CustomEvent | undefined)?.detail?.cookie?.categories;
    if (Array.isArray(categories)) answer(categories.includes(category), action);
  };
  EVENTS.forEach((e) => win.addEventListener(e, decide));
  decide();
  return () => EVENTS.forEach((e) => win.removeEventListener(e, decide));
}
