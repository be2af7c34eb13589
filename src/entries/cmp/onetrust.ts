/** Script-tag entry of the onetrust adapter, `dist/cmp/onetrust.min.js`: loaded by the core script with `data-cmp="onetrust"`. */
import { followOneTrust } from '../../adapters/onetrust.js';
import { startAdapter } from '../../adapters/start.js';

if (typeof window !== 'undefined') startAdapter(window, followOneTrust);
