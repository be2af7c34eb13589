const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements of `root` a Tab can reach, in document order; hidden ones have no client rects. */
export function focusablesIn(root: Element): HTMLElement[] {
  return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), (element: HTMLElement) => element.getClientRects().length > 0) as HTMLElement[];
}

/**
 * Keeps Tab and Shift+Tab inside `root` (call it from a keydown listener on `root`). A modal
 * `<dialog>` makes the page inert, but Tab from its last control still leaves for the browser's
 * own UI, so both kinds of dialog need the wrap-around.
 */
export function trapTab(root: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
  const items = focusablesIn(root);
  const active = root.ownerDocument.activeElement;
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const outside = !active || !root.contains(active);
  if (event.shiftKey ? active === first || outside : active === last || outside) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}
