import { LOG_PREFIX } from './constants.js';

/** Warns once per key, so a broken server or markup costs one console line, not a stream. */
export type Warn = (key: string, message: string) => void;
/** Opt-in diagnostics (`data-debug`): which path the SDK took, once per key. Silent when off. */
export type Debug = Warn;

function once(con: Pick<Console, 'warn' | 'debug'> | undefined, method: 'warn' | 'debug'): Warn {
  const seen = new Set<string>();
  return (key, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    try {
      con?.[method](`${LOG_PREFIX} ${message}`);
    } catch {
      // A page that replaced console with something throwing still gets no exception from us.
    }
  };
}

export const createWarn = (con: Pick<Console, 'warn' | 'debug'> | undefined = globalThis.console): Warn => once(con, 'warn');

export const createDebug = (enabled: boolean, con: Pick<Console, 'warn' | 'debug'> | undefined = globalThis.console): Debug =>
  enabled ? once(con, 'debug') : () => {};

const told = new Set<string>();
/**
 * What a `bind*` helper does when given something that is not an instance `createConsent()` made
 * (in this bundle): one warning per helper, and nothing else. Returns the no-op "unbind".
 */
export function notInstance(helper: string, con: Pick<Console, 'warn'> | undefined = globalThis.console): () => void {
  if (!told.has(helper)) {
    told.add(helper);
    try {
      con?.warn(`${LOG_PREFIX} ${helper}: not an instance made by createConsent() in this bundle; nothing bound.`);
    } catch {
      // Nothing left to tell.
    }
  }
  return () => {};
}
