import type { MauticResponse } from '../types.js';
import type { EmbedContext } from './context.js';
import { trustedPolicy } from '../page/trusted.js';
import { fetchFocusScripts } from './focus-scripts.js';

/*
 * The two window properties below are how the SDK talks to a focus script it runs. That script is
 * a script of the page (a blob: URL, see `run`), which reaches nothing of this bundle but the
 * page's globals; its wrapper takes the two values from there as its `document` and `Image`. Both
 * are set again before every run, so a value the page left there is never used.
 */
/** Handle under which a kiosk focus script finds its cookie-less document. */
const KIOSK_DOCUMENT = '__mauticConsentKioskDocument';

/**
 * A view of `doc` with no cookies: reads give '', writes vanish. Focus scripts remember displays
 * and closes in cookies, which a kiosk embed must not leave behind.
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

/** Handle under which focus scripts find an `Image` whose requests carry no cookie. */
const ANONYMOUS_IMAGE = '__mauticConsentImage';

/**
 * Runs Mautic's focus scripts (the split ones where the server has them, see
 * `fetchFocusScripts`), fetched without credentials. Their view pixel is an `<img>` or an `Image`,
 * which would carry Mautic-host cookies, so both are made anonymous CORS images first: Mautic still
 * counts the view, and no cookie goes either way. They run only with consent, kiosk items too:
 * Mautic's script runs in the page, where it could write cookies and storage by routes no wrapper
 * closes (`window.document`, `top.document`, `localStorage`). A kiosk item (display script only,
 * where the server has the split) gets a document without cookies, so closing it is not remembered.
 */
export async function loadFocus(ctx: EmbedContext, id: string, kiosk: boolean) {
  if (ctx.focusLoaded.has(id)) return;
  ctx.focusLoaded.add(id);
  try {
    const scripts = await fetchFocusScripts(ctx, id, kiosk);
    for (const focus of scripts) {
      // Never before consent, kiosk included (see above); consent may also have gone while the
      // scripts were on their way.
      if (!ctx.granted()) return;
      if (!(await run(ctx, id, focus.code, kiosk))) return;
    }
  } catch (error) {
    ctx.focusLoaded.delete(id);
    ctx.warn(`focus:${id}`, `focus item ${id} could not be loaded from ${ctx.mauticUrl} (${error}).`);
  }
}

/** The focus items Mautic names in its answer to a pageview (`events.focus_item`), loaded as the page's own are. */
export function loadFocusItems(ctx: EmbedContext, response: MauticResponse) {
  const items = (response.events as { focus_item?: { id?: unknown }[] } | undefined)?.focus_item;
  if (Array.isArray(items)) for (const item of items) if (/^\d+$/.test(String(item?.id))) void loadFocus(ctx, String(item.id), false);
}

/** Adds one focus script to the page; resolves when it ran (`true`) or was refused (`false`). */
function run(ctx: EmbedContext, id: string, text: string, kiosk: boolean): Promise<boolean> {
  const w = ctx.win as unknown as Record<string, unknown>;
  const NativeImage = ctx.win.Image;
  // Set on every run: a value the page put there first is not trusted.
  w[ANONYMOUS_IMAGE] = function (width?: number, height?: number) {
    const image = new NativeImage(width, height);
    image.crossOrigin = 'anonymous';
    return image;
  };
  if (kiosk) w[KIOSK_DOCUMENT] = cookielessDocument(ctx.doc);
  const code = `(function (document, Image) {\n${text.replace(/<img /gi, '<img crossorigin=anonymous ')}\n})(${kiosk ? `window.${KIOSK_DOCUMENT}` : 'document'}, window.${ANONYMOUS_IMAGE});`;
  const { URL, Blob } = ctx.win;
  return new Promise((done) => {
    const script = ctx.doc.createElement('script');
    script.src = trustedPolicy(ctx.win).createScriptURL(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    if (ctx.nonce) script.nonce = ctx.nonce;
    script.onload = () => {
      URL.revokeObjectURL(script.src);
      done(true);
    };
    script.onerror = () => {
      URL.revokeObjectURL(script.src);
      // A blob: script is refused only by the page's Content-Security-Policy; not retried, it would be again.
      ctx.warn(`focus:${id}`, `focus item ${id} was blocked by the page's Content-Security-Policy: allow blob: in script-src, or give the SDK's script tag the page's nonce.`);
      done(false);
    };
    ctx.doc.head.append(script);
  });
}
