import type { Win } from '../types.js';
import type { Params } from './transport.js';

/**
 * Takes Mautic's clickthrough `ct` (and, with `stripUtm`, the `utm_*` fields) out of the address
 * bar with `history.replaceState`, so a forwarded or bookmarked link no longer carries the
 * original recipient's identity (`ct` names the contact and the email). The values
 * are returned to be kept in memory: sent as their own fields on the first pageview after a grant
 * (Mautic reads both `ct` and `utm_*` from the request), forgotten on deny.
 */
export function takeLandingParams(win: Win | undefined, stripUtm: boolean): Params {
  const taken: Params = {};
  try {
    // Most pages have no query: nothing to parse then.
    if (!win!.location.search) return taken;
    const url = new URL(win!.location.href);
    for (const [key, value] of [...url.searchParams]) {
      if (key === 'ct' || (stripUtm && key.startsWith('utm_'))) {
        taken[key] = value;
        url.searchParams.delete(key);
      }
    }
    if (Object.keys(taken).length) win!.history.replaceState(win!.history.state, '', url.pathname + url.search + url.hash);
  } catch {
    // No window, or a sandboxed history: the URL stays as it is and nothing is sent anyway.
  }
  return taken;
}
