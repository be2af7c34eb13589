import type { EmbedContext } from './embeds.js';
import { trustedPolicy } from '../trusted.js';

/** Handle under which a kiosk focus script finds its cookie-less document. */
const KIOSK_DOCUMENT = '__mauticConsentKioskDocument';

/**
 * A view of `doc` with no cookies: reads give '', writes vanish. Focus scripts remember displays
 * and closes in cookies (protocol §2.2), which a kiosk embed must not leave behind.
 */
function cookielessDocument(doc: Document): Document {
  return new Proxy(doc, {
    get(target, key) {
      if (key === 'cookie') return '';
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, key, value) {
      return key === 'cookie' || Reflect.set(target, key, value, target);
    },
  });
}

/**
 * Runs Mautic's focus script `/focus/{id}.js` (protocol §3.11), fetched without credentials. Its
 * view pixel is an `<img>`, which would carry Mautic-host cookies, so it is made an anonymous CORS
 * image first: Mautic still counts the view, and no cookie goes either way. It runs only with
 * consent: Mautic's script runs in the page, where it could write cookies and storage by routes no
 * wrapper closes (`window.document`, `top.document`, `localStorage`). A kiosk embed is fetched
 * anonymously and its script gets a document without cookies, so closing it is not remembered.
 */
export async function loadFocus(ctx: EmbedContext, id: string, kiosk: boolean) {
  if (ctx.focusLoaded.has(id)) return;
  ctx.focusLoaded.add(id);
  try {
    const device = kiosk ? undefined : ctx.identity(null);
    const response = await ctx.transport.get(`/focus/${id}.js`, device ? { mautic_device_id: device } : {}, kiosk);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    let code = (await response.text()).replace(/<img /gi, '<img crossorigin=anonymous ');
    // Never before consent, kiosk included: the script runs in the page (see bindEmbeds).
    if (!ctx.granted()) return;
    const w = ctx.win as unknown as Record<string, unknown>;
    if (kiosk) {
      w[KIOSK_DOCUMENT] = cookielessDocument(ctx.doc);
      code = `(function (document) {\n${code}\n})(window.${KIOSK_DOCUMENT});`;
    }
    const script = ctx.doc.createElement('script');
    script.src = trustedPolicy(ctx.win).createScriptURL(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    if (ctx.nonce) script.nonce = ctx.nonce;
    script.onload = () => URL.revokeObjectURL(script.src);
    script.onerror = () => {
      URL.revokeObjectURL(script.src);
      // A blob: script is refused only by the page's Content-Security-Policy; not retried, it would be again.
      ctx.warn(`focus:${id}`, `focus item ${id} was blocked by the page's Content-Security-Policy: allow blob: in script-src, or give the SDK's script tag the page's nonce.`);
    };
    ctx.doc.head.append(script);
  } catch (error) {
    ctx.focusLoaded.delete(id);
    ctx.warn(`focus:${id}`, `focus item ${id} could not be loaded from ${ctx.mauticUrl} (${error}).`);
  }
}
