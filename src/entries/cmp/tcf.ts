/** Script-tag entry of the tcf adapter, `dist/cmp/tcf.min.js`: loaded by the core script with `data-cmp="tcf"`. */
import { followTcf } from '../../adapters/tcf.js';
import { startAdapter } from '../../adapters/start.js';

if (typeof window !== 'undefined') startAdapter(window, followTcf);
