import { trustedPolicy } from '../trusted.js';

/** Elements that could run or load code, never inserted from fetched HTML. */
const UNSAFE = 'script,iframe,frame,frameset,object,embed,base,meta,link';

/**
 * Parses HTML that came from Mautic into a fragment of `doc` in which nothing can run: parsing
 * with DOMParser runs no script (HTML §8.5.1, "scripting disabled"), and what could run later is
 * removed: script-like elements, `on*` handlers and `javascript:` URLs.
 */
export function inertFragment(doc: Document, html: string): DocumentFragment {
  // Chromium files a CSP violation for every inline handler it merely parses, even in a document
  // that never runs it; dropping them from the tags first keeps strict-CSP pages free of false
  // reports. The DOM pass below is what makes the result safe.
  const text = html.replace(/<[^>]*>/g, (tag) => tag.replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, ''));
  const parsed = new DOMParser().parseFromString(trustedPolicy(doc.defaultView ?? window).createHTML(text), 'text/html');
  parsed.querySelectorAll(UNSAFE).forEach((el) => el.remove());
  for (const el of parsed.querySelectorAll('*')) {
    for (const { name, value } of [...el.attributes]) {
      if (/^on/i.test(name) || (/^(href|src|action|formaction|xlink:href)$/i.test(name) && /^\s*javascript:/i.test(value))) {
        el.removeAttribute(name);
      }
    }
  }
  const fragment = doc.createDocumentFragment();
  // A leading <style> is parsed into <head>: keep it, Mautic's forms carry their CSS that way.
  for (const node of [...parsed.head.childNodes, ...parsed.body.childNodes]) fragment.append(doc.importNode(node, true));
  return fragment;
}
