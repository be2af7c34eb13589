import { trustedPolicy } from '../trusted.js';
import { addCss } from '../style.js';

/** Elements that could run or load code, never inserted from fetched HTML. */
const UNSAFE = 'script,iframe,frame,frameset,object,embed,base,meta,link';
const STYLE_MARK = 'data-mautic-consent-style';
/** One attribute of a tag, its quoted value taken whole (so `title="x onclick=y"` stays as it is). */
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g;

/**
 * Parses HTML that came from Mautic into a fragment of `doc` in which nothing can run: parsing
 * with DOMParser runs no script (HTML §8.5.1, "scripting disabled"), and what could run later is
 * removed: script-like elements, `on*` handlers and `javascript:` URLs.
 *
 * Styles are kept in forms a Content-Security-Policy without `'unsafe-inline'` lets through:
 * Mautic's `<style>` blocks become stylesheets of `doc` through `addCss`, and `style` attributes
 * are applied through the CSSOM, which style-src does not govern.
 */
export function inertFragment(doc: Document, html: string, nonce?: string): DocumentFragment {
  // Chromium files a CSP violation for every inline handler or style it merely parses, even in a
  // document that never runs or shows it; taking them out of the text first keeps strict-CSP pages
  // free of false reports. The DOM pass below is what makes the result safe.
  const text = html
    .replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, css: string) => {
      if (css.trim()) addCss(doc, css, nonce);
      return '';
    })
    .replace(/<[^>]*>/g, (tag) =>
      tag.replace(ATTRIBUTE, (all, space: string, name: string, value = '') =>
        /^on/i.test(name) ? '' : /^style$/i.test(name) ? space + STYLE_MARK + value : all,
      ),
    );
  const parsed = new DOMParser().parseFromString(trustedPolicy(doc.defaultView ?? window).createHTML(text), 'text/html');
  parsed.querySelectorAll(UNSAFE).forEach((el) => el.remove());
  for (const el of parsed.querySelectorAll('*')) {
    for (const { name, value } of [...el.attributes]) {
      if (/^on/i.test(name) || (/^(href|src|action|formaction|xlink:href)$/i.test(name) && /^\s*javascript:/i.test(value))) {
        el.removeAttribute(name);
      } else if (name === 'style') {
        // One the text pass missed (a `>` inside a quoted value before it).
        el.removeAttribute(name);
        el.setAttribute(STYLE_MARK, value);
      }
    }
  }
  const fragment = doc.createDocumentFragment();
  for (const node of [...parsed.head.childNodes, ...parsed.body.childNodes]) fragment.append(doc.importNode(node, true));
  for (const el of fragment.querySelectorAll<HTMLElement>(`[${STYLE_MARK}]`)) {
    el.style.cssText = el.getAttribute(STYLE_MARK)!;
    el.removeAttribute(STYLE_MARK);
  }
  return fragment;
}
