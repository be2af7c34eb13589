/** Script-tag entry of the mautic adapter, `dist/cmp/mautic.min.js`: loaded by the core script with `data-cmp="mautic"`. */
import { followMauticScripts } from '../../adapters/mautic-scripts.js';
import { startAdapter } from '../../adapters/start.js';

if (typeof window !== 'undefined') startAdapter(window, followMauticScripts);
