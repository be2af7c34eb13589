import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { trustedPolicy } from '../page/trusted.js';
import { addCss } from '../page/style.js';
import { EMBED_MARK } from '../core/constants.js';
import { cleanDeclarations, scopedCss } from './css.js';

/** Where fetched HTML goes, and what it may keep (an `EmbedContext` is one). */
interface FetchedTarget {
  /** The document the fragment is made for. */
  readonly doc: Document;
  /** The page's CSP nonce, for a `<style>` where adopted stylesheets are missing. */
  readonly nonce?: string;
  /** The configured Mautic's origin: the only host fetched CSS may load from. */
  readonly origin: string;
}

const STYLE_MARK = 'data-mautic-consent-style';
/** One attribute of a tag, its quoted value taken whole (so `title="x onclick=y"` stays as it is). */
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g;
/**
 * Attributes holding a URL the browser would follow or load (and `data-src`, which the SDK loads on
 * a page's gated elements); each is parsed and kept only with one of these schemes.
 */
const URL_ATTRIBUTE = /^(href|src|action|formaction|xlink:href|poster|background|cite|longdesc|data-src)$/;
const SCHEMES = ['http:', 'https:', 'mailto:', 'tel:'];
/**
 * Globals the SDK, its consent-tool adapters and Mautic's loader snippet look up, some before they
 * exist: an element with such an `id` would stand in for them (DOM clobbering).
 */
const RESERVED = ['dataLayer', 'mt', 'MauticTrackingObject', 'MauticConsent', 'MauticDomain', 'klaro', 'Cookiebot', 'CookieConsent', 'OnetrustActiveGroups', 'OneTrust', '__tcfapi', 'gtag'];
/** The embed box clips what fetched HTML draws, so it cannot cover the page (a `position: fixed` layer included). */
const CONTAIN = `:where([${EMBED_MARK}]){contain:paint}`;

const CONFIG: Config = {
  RETURN_DOM_FRAGMENT: true,
  // HTML and SVG, no MathML; DOMPurify's lists already leave out SVG animation (`set`, `animate`…).
  USE_PROFILES: { html: true, svg: true },
  // Styles are taken out before parsing and rebuilt scoped; forms are limited after.
  FORBID_TAGS: ['style', 'link', 'meta', 'base', 'template', 'slot'],
  // `form`, `popovertarget`, `commandfor` reach page elements by id; `ping` calls any host on a click.
  FORBID_ATTR: ['form', 'ping', 'nonce', 'popovertarget', 'popovertargetaction', 'commandfor', 'command', 'autofocus', 'is'],
};

/** A DOMPurify of one window, and the Mautic origin of the call in progress (sanitising is synchronous). */
interface Cleaner {
  readonly purify: Purifier;
  origin: string;
}

const cleaners = new WeakMap<Window, Cleaner>();

/** The DOMPurify of `win` with the SDK's hooks: URLs parsed against Mautic, clobbering names dropped. */
function cleaner(win: Window): Cleaner {
  const found = cleaners.get(win);
  if (found) return found;
  const made: Cleaner = { purify: DOMPurify(win as Window & typeof globalThis), origin: '' };
  const doc = win.document;
  const form = doc.createElement('form');
  made.purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const { attrName: name, attrValue: value } = data;
    if (URL_ATTRIBUTE.test(name)) {
      // Parsed as the browser will (tabs, newlines and leading controls removed), relative to Mautic.
      let url: URL | undefined;
      try {
        url = new URL(value, made.origin);
      } catch {
        // dropped below
      }
      if (url && SCHEMES.includes(url.protocol)) data.attrValue = url.href;
      else data.keepAttr = false;
    } else if ((name === 'id' || name === 'name') && (value in doc || value in win || value in form || RESERVED.includes(value))) {
      data.keepAttr = false;
    }
  });
  cleaners.set(win, made);
  return made;
}

/**
 * Cleans HTML that came from Mautic into a fragment of `target.doc` that can do nothing but show itself,
 * and marks `host`, the element it is meant for, as holding fetched content (which the SDK's page
 * scanner and `data-mautic-action` then never act on).
 *
 * The cleaning is an allowlist, DOMPurify's (HTML and SVG elements and attributes, no script, no
 * handler, no SVG animation), with these additions: every URL is parsed and kept only with an
 * http, https, mailto or tel scheme; an `id` or `name` that would shadow a property of `document`,
 * `window` or a form is dropped; attributes that reach page elements by id are dropped; with
 * `oneForm` (a form embed) only the first `<form>` is kept. Styles are kept in forms a Content-Security-Policy without
 * `'unsafe-inline'` lets through, confined to the embed: Mautic's `<style>` blocks are rebuilt with
 * every selector scoped to embeds (see `scopedCss`) and added through `addCss`; `style` attributes
 * are applied through the CSSOM, which style-src does not govern; neither may load from a host other
 * than Mautic.
 */
export function inertFragment(target: FetchedTarget, html: string, host: Element, oneForm?: boolean): DocumentFragment {
  const { doc, nonce, origin } = target;
  const win = doc.defaultView!;
  const css: string[] = [];
  // Chromium files a CSP violation for every inline handler or style it merely parses, even in a
  // document that never runs or shows it; taking them out of the text first keeps strict-CSP pages
  // free of false reports. The sanitiser is what makes the result safe.
  const text = html
    .replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, rules: string) => {
      css.push(rules);
      return '';
    })
    .replace(/<[^>]*>/g, (tag) =>
      tag.replace(ATTRIBUTE, (all, space: string, name: string, value = '') =>
        /^on/i.test(name) ? '' : /^style$/i.test(name) ? space + STYLE_MARK + value : all,
      ),
    );
  const purifier = cleaner(win);
  purifier.origin = origin;
  const clean = purifier.purify.sanitize(text, { ...CONFIG, TRUSTED_TYPES_POLICY: trustedPolicy(win) as unknown as Config['TRUSTED_TYPES_POLICY'], RETURN_DOM_FRAGMENT: true });
  const fragment = doc.importNode(clean, true);
  if (oneForm) fragment.querySelectorAll('form').forEach((form, i) => i && form.remove());
  for (const label of fragment.querySelectorAll('label[for]')) {
    // A label whose control is not in the fetched content would click the page's.
    if (!fragment.getElementById(label.getAttribute('for')!)) label.removeAttribute('for');
  }
  for (const el of fragment.querySelectorAll<HTMLElement>(`[${STYLE_MARK}]`)) {
    el.style.cssText = el.getAttribute(STYLE_MARK)!;
    el.removeAttribute(STYLE_MARK);
    cleanDeclarations(el.style, origin);
  }
  host.setAttribute(EMBED_MARK, '');
  addCss(doc, CONTAIN, nonce);
  const scoped = scopedCss(win, css.join('\n'), origin);
  if (scoped) addCss(doc, scoped, nonce);
  return fragment;
}
