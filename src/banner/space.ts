/**
 * Keeps the page usable under the first banner, which is fixed at the bottom and not modal: the
 * body gets bottom padding as tall as the banner (so the end of the page can scroll above it), and
 * the root the same `scroll-padding-bottom`, so that an element focused with Tab is scrolled
 * above the banner instead of under it (WCAG 2.2, 2.4.11 Focus Not Obscured). Follows the
 * banner's size; returns the function that puts the page's own values back.
 */
export function reserveSpace(banner: HTMLElement): () => void {
  const doc = banner.ownerDocument;
  const win = doc.defaultView;
  const body = doc.body;
  const root = doc.documentElement;
  if (!win || !body || !root) return () => {};
  const before = [body.style.paddingBottom, root.style.scrollPaddingBottom];
  const base = win.getComputedStyle(body).paddingBottom || '0px';
  const apply = () => {
    // Its height plus its offset from the bottom (not its box, which the opening animation moves).
    const height = Math.ceil(banner.offsetHeight + (parseFloat(win.getComputedStyle(banner).bottom) || 0));
    body.style.paddingBottom = `calc(${base} + ${height}px)`;
    root.style.scrollPaddingBottom = `${height}px`;
  };
  // Inline styles set through the CSSOM: a style-src without 'unsafe-inline' allows them.
  const observer = typeof win.ResizeObserver === 'function' ? new win.ResizeObserver(apply) : undefined;
  observer?.observe(banner);
  win.addEventListener('resize', apply);
  apply();
  return () => {
    observer?.disconnect();
    win.removeEventListener('resize', apply);
    body.style.paddingBottom = before[0];
    root.style.scrollPaddingBottom = before[1];
  };
}
