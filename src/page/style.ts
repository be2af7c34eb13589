/**
 * Per document, the CSS texts this bundle already added, so a form shown twice or a second banner
 * adds nothing. The banner's stylesheet is also found by its id (`injectStyles`) where it is an element.
 */
const ADDED = new WeakMap<Document, Set<string>>();

/**
 * Adds a stylesheet to `doc` in a way a Content-Security-Policy without `'unsafe-inline'` lets
 * through: an adopted (constructed) stylesheet, which style-src does not govern, where the browser
 * has them (Chromium 73, Firefox 101, Safari 16.4); elsewhere a `<style>` with the page's `nonce`.
 * Adopted sheets come after the page's own in the cascade, as a `<style>` late in `<body>` would.
 * `@import` rules are not followed in adopted sheets.
 */
export function addCss(doc: Document, css: string, nonce?: string, id?: string): void {
  let added = ADDED.get(doc);
  if (!added) ADDED.set(doc, (added = new Set()));
  if (added.has(css)) return;
  added.add(css);
  const view = doc.defaultView;
  try {
    if (view && Array.isArray(doc.adoptedStyleSheets)) {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      return;
    }
  } catch {
    // No constructable stylesheets: the element below.
  }
  const style = doc.createElement('style');
  if (id) style.id = id;
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
}
