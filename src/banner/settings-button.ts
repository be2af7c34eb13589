import { reserveSpace } from './space.js';

/**
 * The "Privacy settings" button: made by `build` the first time `wanted()` says so. The returned
 * function shows or hides it as `wanted()` says now, with room reserved under it while it shows (it
 * is fixed in the corner too), so that it hides no focused control; it returns the button, once made.
 */
export function createSettingsButton(build: () => HTMLButtonElement, wanted: () => boolean): () => HTMLButtonElement | undefined {
  let node: HTMLButtonElement | undefined;
  let release: (() => void) | undefined;
  return () => {
    const want = wanted();
    if (want) node ??= build();
    if (node) {
      node.hidden = !want;
      if (want) release ??= reserveSpace(node);
      else {
        release?.();
        release = undefined;
      }
    }
    return node;
  };
}
