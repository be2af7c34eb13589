/** Script-tag entry of the cookieconsent adapter, `dist/cmp/cookieconsent.min.js`: loaded by the core script with `data-cmp="cookieconsent"`. */
import { followCookieConsent } from '../../adapters/cookieconsent.js';
import { startAdapter } from '../../adapters/start.js';

if (typeof window !== 'undefined') startAdapter(window, followCookieConsent);
