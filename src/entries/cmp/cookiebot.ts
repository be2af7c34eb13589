/** Script-tag entry of the cookiebot adapter, `dist/cmp/cookiebot.min.js`: loaded by the core script with `data-cmp="cookiebot"`. */
import { followCookiebot } from '../../adapters/cookiebot.js';
import { startAdapter } from '../../adapters/start.js';

if (typeof window !== 'undefined') startAdapter(window, followCookiebot);
