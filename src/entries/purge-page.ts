/**
 * The purge page, served by the Mautic admin from the Mautic host (`dist/mautic-purge.html`,
 * which inlines this script). Loaded by the SDK in a hidden iframe, it deletes the cookies and
 * storage entries Mautic left on its own host, which the website cannot reach, and answers with
 * what it deleted. It acts only for origins on its allow-list (`data-allowed-origins` on its
 * script: exact origins or `https://*.example.com` patterns) and answers only to the asking origin.
 * It deletes Mautic's names only, from its own list: names in the request are ignored, since an
 * allowed site is still not the Mautic admin, whose own cookies and storage share this host.
 */
import { PURGE_REQUEST, PURGE_RESULT } from '../purge/frame.js';
import { createStore } from '../storage/store.js';
import { purge, tidyReport } from '../purge/local.js';

function allowed(origin: string, patterns: string[]): boolean {
  return patterns.some((p) =>
    new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('[^/]*') + '$', 'i').test(origin),
  );
}

function start() {
  const script = document.currentScript;
  const patterns = (script?.getAttribute('data-allowed-origins') ?? '').split(/\s+/).filter(Boolean);
  if (!patterns.length) console.warn('[mautic-consent] mautic-purge.html: data-allowed-origins is empty; no site may ask for a purge.');
  // In a frame, writes follow the frame rules of createStore (Secure only over https).
  const store = createStore(window, window.parent !== window);
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== window.parent || data?.type !== PURGE_REQUEST || !allowed(event.origin, patterns)) return;
    const { deleted, unreachable } = purge({ store, hostname: location.hostname, pathname: location.pathname, extra: [] });
    (event.source as Window).postMessage({ type: PURGE_RESULT, ...tidyReport(deleted, unreachable) }, event.origin);
  });
}

try {
  start();
} catch (error) {
  console.warn('[mautic-consent] mautic-purge.html could not start:', error);
}
