/**
 * Keeps the page usable under the first banner, which is fixed at the bottom and not modal: the
 * body gets bottom padding as tall as the banner (so the end of the page can scroll above it), and
 * the root the same `scroll-padding-bottom`, so that an element focused with Tab is scrolled
 * above the banner instead of under it (WCAG 2.2, 2.4.11 Focus Not Obscured). Follows the
 * banner's size; returns the function that puts the page's own values back. `stuck` is an element
 * kept at the bottom inside the banner (its buttons, `position: sticky`): while it is stuck, the
 * banner's own scroll padding is its height, so that Tab scrolls the banner's text above it.
 */
export function reserveSpace(banner: HTMLElement, stuck?: HTMLElement | null): () => void {
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
    if (stuck) banner.style.scrollPaddingBottom = win.getComputedStyle(stuck).position === 'sticky' ? `${stuck.offsetHeight}px` : '';
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
