import { followTcf } from './tcf.js';
import { followCookieConsent } from './cookieconsent.js';
import { followKlaro } from './klaro.js';
import { followCookiebot } from './cookiebot.js';
import { followOneTrust } from './onetrust.js';
import { followMauticScripts } from './mautic-scripts.js';

export { followTcf, followCookieConsent, followKlaro, followCookiebot, followOneTrust, followMauticScripts };
export type { AdapterOptions, StopFollowing } from './adapter.js';
