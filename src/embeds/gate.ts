import type { EmbedContext } from './context.js';
import { trustedPolicy } from '../page/trusted.js';

/**
 * Runs a `<script type="text/plain" data-mautic-consent="tracking">` once, as a copy with the real
 * type (`data-type`, else classic), or loads an `<iframe>`/`<img>` from its `data-src` (an http(s)
 * or relative URL only).
 */
export function activate(ctx: EmbedContext, el: HTMLElement) {
  if (el.tagName === 'SCRIPT') {
    if (ctx.done.has(el)) return;
    ctx.done.add(el);
    // The SDK's own tag carries a nonce, so the page runs a nonce-based policy, where a script the
    // SDK inserts may be trusted for being inserted by it ('strict-dynamic'). A gated script must
    // then show the nonce itself, or markup injected into the page could run by calling itself gated.
    if (ctx.nonce && el.nonce !== ctx.nonce) {
      ctx.warn('gate-nonce', `a gated script without the page's nonce was not run; give it nonce="…" like your other scripts.`);
      return;
    }
    const script = ctx.doc.createElement('script');
    const policy = trustedPolicy(ctx.win);
    for (const { name, value } of [...el.attributes]) {
      if (name === 'type' || name === 'data-mautic-consent') continue;
      if (name === 'src') script.src = policy.createScriptURL(value);
      else script.setAttribute(name === 'data-type' ? 'type' : name, value);
    }
    // Its own nonce only (hidden from getAttribute once parsed); the SDK's is never lent.
    if (el.nonce) script.nonce = el.nonce;
    script.text = policy.createScript((el as HTMLScriptElement).text);
    el.after(script);
  } else {
    const src = el.getAttribute('data-src');
    if (!src || el.getAttribute('src') === src) return;
    // Parsed as the browser will: `java\tscript:` is javascript:, and a data: or javascript: frame
    // would run in the site's origin. Only a web address is loaded (relative ones resolve to one).
    let scheme = '';
    try {
      scheme = new URL(src, ctx.doc.baseURI).protocol;
    } catch {
      // refused below
    }
    if (scheme === 'http:' || scheme === 'https:') el.setAttribute('src', src);
    else ctx.warn(`data-src:${src}`, `data-src=${JSON.stringify(src)} is not an http(s) or relative URL; the element stays empty.`);
  }
}

/** On a refusal, gated frames and images are unloaded; a script that ran cannot be undone. */
export function deactivate(el: HTMLElement) {
  if (el.tagName !== 'SCRIPT' && el.hasAttribute('src')) {
    if (el.tagName === 'IFRAME') el.setAttribute('src', 'about:blank');
    else el.removeAttribute('src');
  }
}
