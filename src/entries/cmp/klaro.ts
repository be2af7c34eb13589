/** Script-tag entry of the klaro adapter, `dist/cmp/klaro.min.js`: loaded by the core script with `data-cmp="klaro"`. */
import { followKlaro } from '../../adapters/klaro.js';
import { startAdapter } from '../../adapters/start.js';

if (typeof window !== 'undefined') startAdapter(window, followKlaro);
