import type { MauticResponse, Win } from '../types.js';
import type { Params, Transport } from '../tracking/transport.js';
import type { Config } from '../core/options.js';
import type { Debug, Warn } from '../core/log.js';

/**
 * What every embed needs; one per bound document. The embeds reach the page only through `win`
 * and `doc` (their `URL`, `CSS`, `FormData`…), never through globals, so they work in the document
 * they were bound to, a frame's included.
 */
export interface EmbedContext {
  win: Win;
  doc: Document;
  transport: Transport;
  warn: Warn;
  debug: Debug;
  mauticUrl: string;
  origin: string;
  basePath: string;
  granted: () => boolean;
  /** True for an embed under `data-mautic-kiosk`, or for every embed in kiosk mode. */
  isKiosk: (el: Element | null) => boolean;
  /** The device id to send for `el`, or nothing: no consent, or a kiosk embed. */
  identity: (el: Element | null) => string | undefined;
  pageParams: () => Params;
  remember: (response: MauticResponse) => void;
  /** Elements already handled, so a rescan does nothing twice. */
  done: WeakSet<Element>;
  /** Personalised slots asked for since the last grant; a refusal forgets them, so a new grant asks again. */
  asked: WeakSet<Element>;
  /** Fallback content of personalised slots, to put back on a refusal. */
  fallbacks: WeakMap<Element, Node[]>;
  focusLoaded: Set<string>;
  /** Whether the server serves the split focus scripts, once one answer told (see `fetchFocusScripts`). */
  focusSplit?: boolean;
  /** The page's CSP nonce, for the focus scripts the SDK adds. */
  nonce: string | undefined;
  /** Which focus scripts to ask for (`focusScripts` option). */
  focusScripts: Config['focusScripts'];
}
