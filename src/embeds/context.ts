import type { MauticResponse, Win } from '../types.js';
import type { Params, Transport } from '../tracking/transport.js';
import type { Config } from '../core/options.js';
import type { Debug, Warn } from '../core/log.js';

/** What every embed needs; one per bound document. */
export interface EmbedContext {
  win: Win;
  doc: Document;
  transport: Transport;
  warn: Warn;
  mauticUrl: string;
  origin: string;
  basePath: string;
  granted(): boolean;
  /** The device id to send for `el`, or nothing: no consent, or a kiosk embed. */
  identity(el: Element | null): string | undefined;
  pageParams(): Params;
  remember(response: MauticResponse): void;
  /** Elements already handled, so a rescan does nothing twice. */
  done: WeakSet<Element>;
  /** Fallback content of personalised slots, to put back on a refusal. */
  fallbacks: WeakMap<Element, Node[]>;
  focusLoaded: Set<string>;
  /** The page's CSP nonce, for the focus scripts the SDK adds. */
  nonce: string | undefined;
  /** Which focus scripts to ask for (`focusScripts` option). */
  focusScripts: Config['focusScripts'];
  debug: Debug;
  /** Makes Mautic's own forms under `root` (fetched dynamic content) submit cookie-free; removes any other form. */
  enhanceForms(root: ParentNode, host: Element): void;
}
