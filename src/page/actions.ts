import type { ConsentInstance } from '../core/instance.js';
import { ATTR_PREFIX, EMBED_MARK } from '../core/constants.js';
import { linkOf } from '../core/link.js';
import { FULL_TEXT, notInstance } from '../core/log.js';
import { builtIn } from './built-in.js';

const ACTION = `${ATTR_PREFIX}action`;
const DNC = `${ATTR_PREFIX}dnc`;

/**
 * Why a click on a grant element is not the visitor's deliberate yes, or `undefined` when it is.
 * Content the site did not write still sits in its markup (comments, reviews: CMS sanitisers keep
 * `data-*` attributes), usually as links and spans, rarely as buttons; a script's `click()` is no
 * visitor's; and Enter in a form field makes the browser click the form's first submit button
 * (implicit submission: a trusted click with no pointer, on a button that does not have focus),
 * while Enter or Space on a focused button is a deliberate press. A "no" needs none of this.
 */
function grantRefused(event: MouseEvent, button: Element, doc: Document): string | undefined {
  const tag = button.localName;
  if (tag !== 'button') return FULL_TEXT ? `it is on a <${tag}>, not a <button>` : `<${tag}>`;
  if (!event.isTrusted) return FULL_TEXT ? "a script's click" : 'script';
  if ((button as HTMLButtonElement).form && !event.detail && doc.activeElement !== button) return FULL_TEXT ? 'Enter in a form field' : 'Enter';
}

/**
 * Wires `<button data-mautic-action="grant|deny|revoke">` anywhere in the page's own markup,
 * including buttons added later, through one delegated listener (buttons inside content fetched
 * from Mautic are ignored; a grant needs the visitor's own click on a `<button>`, see
 * `grantRefused`, while deny and revoke work from any element), and turns `data-mautic-dnc` on the
 * `<body>` of an unsubscribe page into a revoke and purge (source `dnc`). Returns the function
 * that unwires it. The script-tag build does this by itself.
 * @example
 * const unbind = bindActions(consent, document);
 */
export function bindActions(instance: ConsentInstance, doc: Document): () => void {
  const link = linkOf(instance);
  if (!link) return notInstance('bindActions');
  const { warn } = link;
  const onClick = (event: Event) => {
    try {
      const target = event.target as Element | null;
      const button = target?.closest?.(`[${ACTION}]`);
      // A button in HTML fetched from Mautic is not the site's: it decides nothing (issue: a fake "yes").
      if (!button || button.closest(`[${EMBED_MARK}]`)) return;
      const action = button.getAttribute(ACTION);
      if (action === 'grant') {
        const refused = grantRefused(event as MouseEvent, button, doc);
        if (!refused) instance.grant({ source: 'user' });
        else warn('action-grant', FULL_TEXT ? `${ACTION}="grant" ignored: ${refused}. Only the visitor's own click on a <button> grants.` : `${ACTION} grant: ${refused}`, 'w-action-grant');
      }
      else if (action === 'deny' || action === 'revoke') instance.deny({ source: 'user' });
      // `preferences` belongs to the banner, which listens for it itself.
      else if (action !== 'preferences') warn(`action:${action}`, FULL_TEXT ? `${ACTION}=${JSON.stringify(action)} is not grant, deny or revoke.` : `${ACTION}=${JSON.stringify(action)} invalid`, 'w-action');
    } catch {
      // Never let a click on the host page fail because of us.
    }
  };
  const checkDnc = () => {
    // Not `doc.body`: an `<img name="body">` in the page's content would stand in for it.
    if (builtIn(doc, 'body')?.hasAttribute(DNC)) instance.deny({ source: 'dnc' });
  };
  doc.addEventListener('click', onClick);
  if (doc.body) checkDnc();
  else doc.addEventListener('DOMContentLoaded', checkDnc, { once: true });
  return () => {
    doc.removeEventListener('click', onClick);
    doc.removeEventListener('DOMContentLoaded', checkDnc);
  };
}
