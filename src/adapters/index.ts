import { followTcf } from './tcf.js';
import { followCookieConsent } from './cookieconsent.js';
import { followKlaro } from './klaro.js';
import { followCookiebot } from './cookiebot.js';
import { followOneTrust } from './onetrust.js';
import { followMauticScripts } from './mautic-scripts.js';

export { followTcf, followCookieConsent, followKlaro, followCookiebot, followOneTrust, followMauticScripts };
export type { AdapterOptions, StopFollowing } from './adapter.js';

import type { CMP_NAMES } from '../config.js';

/** Adapters by the name `data-cmp` takes; `satisfies` keeps this map and the core's list of names equal. */
export const ADAPTERS = {
  tcf: followTcf,
  cookieconsent: followCookieConsent,
  klaro: followKlaro,
  cookiebot: followCookiebot,
  onetrust: followOneTrust,
  mautic: followMauticScripts,
} satisfies Record<(typeof CMP_NAMES)[number], unknown>;
export type AdapterName = keyof typeof ADAPTERS;
