import type { PurgeItem, Win } from '../types.js';
import { builtIn } from '../page/built-in.js';

/** Messages of the purge handshake between the SDK and the purge page on the Mautic host. */
export const PURGE_REQUEST = 'mautic-consent:purge';
export const PURGE_RESULT = 'mautic-consent:purged';
/** How long the purge page may take before its cookies are reported as unreachable. */
const TIMEOUT_MS = 5000;

const KINDS = ['cookie', 'localStorage', 'sessionStorage'];

/** Items from a message, keeping only well-formed ones: the frame's answer is input, not trust. */
function items(value: unknown, where: string): PurgeItem[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((i) => i && typeof i.name === 'string' && KINDS.includes(i.kind))
    .slice(0, 200)
    .map((i) => ({ name: i.name.slice(0, 200), kind: i.kind, where: `${where} ${typeof i.where === 'string' ? i.where : ''}`.trim(), ...(typeof i.reason === 'string' ? { reason: i.reason.slice(0, 200) } : {}) }));
}

/**
 * Asks the purge page on the Mautic host (`mautic-purge.html`, served by the Mautic admin) to
 * delete what the website cannot reach. It loads in a hidden iframe; the request is posted only
 * to the page's own origin, and only a message from that origin and that frame is accepted as the
 * answer (HTML §9.3.3: check `origin` and `source`). The page checks our origin against its own
 * allow-list and deletes only Mautic's own names: the request carries no names. Resolves to
 * `null` when there is no answer in time.
 */
export function purgeMauticHost(win: Win, pageUrl: string): Promise<{ deleted: PurgeItem[]; unreachable: PurgeItem[] } | null> {
  return new Promise((resolve) => {
    const origin = new URL(pageUrl).origin;
    const host = new URL(pageUrl).hostname;
    const doc = win.document;
    const frame = builtIn(doc, 'createElement')('iframe');
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    frame.title = 'mautic-consent purge';
    frame.src = pageUrl;
    const finish = (result: { deleted: PurgeItem[]; unreachable: PurgeItem[] } | null) => {
      win.clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      frame.remove();
      resolve(result);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data;
      if (event.origin !== origin || event.source !== frame.contentWindow || data?.type !== PURGE_RESULT) return;
      finish({ deleted: items(data.deleted, host), unreachable: items(data.unreachable, host) });
    };
    const timer = win.setTimeout(() => finish(null), TIMEOUT_MS);
    win.addEventListener('message', onMessage);
    frame.onload = () => frame.contentWindow?.postMessage({ type: PURGE_REQUEST }, origin);
    (builtIn(doc, 'body') ?? builtIn(doc, 'documentElement')).appendChild(frame);
  });
}
