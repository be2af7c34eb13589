import { LOG_PREFIX } from './constants.js';

/**
 * Whether the SDK's own warnings are whole sentences. The minified core is built with `false`
 * (`shortTexts()` in rollup.config.mjs), so that terser leaves the sentences out: each warning then
 * names what is wrong and where (the attribute or option, the bad value as JSON) and the README
 * anchor that has the sentence and the fix. The debug build, the ESM build and the tests keep them.
 */
export const FULL_TEXT: boolean = true;

/**
 * Warns once per key, so a broken server or markup costs one console line, not a stream. Call it
 * with `FULL_TEXT ? sentence : facts` and the README anchor (`w-…`), which the short form ends
 * with. The scripts the core loads (embeds, adapters) pass a sentence only.
 */
export type Warn = (key: string, message: string, anchor?: string) => void;
/** Opt-in diagnostics (`data-debug`): which path the SDK took, once per key. Silent when off. */
export type Debug = Warn;

type Con = Pick<Console, 'warn' | 'debug'> | undefined;

function once(con: Con, method: 'warn' | 'debug'): Warn {
  const seen = new Set<string>();
  return (key, message, anchor) => {
    if (seen.has(key)) return;
    seen.add(key);
    try {
      con?.[method](`${LOG_PREFIX} ${message}${FULL_TEXT || !anchor ? '' : `, see README#${anchor}`}`);
    } catch {
      // A page that replaced console with something throwing still gets no exception from us.
    }
  };
}

export const createWarn = (con: Con = globalThis.console): Warn => once(con, 'warn');

export const createDebug = (enabled: boolean, con: Con = globalThis.console): Debug => (enabled ? once(con, 'debug') : () => {});

const told = new Set<string>();
/**
 * What a `bind*` helper does when given something that is not an instance `createConsent()` made
 * (in this bundle): one warning per helper, and nothing else. Returns the no-op "unbind". Written
 * out rather than through `createWarn()`: the adapter scripts carry it, and this is fewer bytes.
 */
export function notInstance(helper: string, con: Pick<Console, 'warn'> | undefined = globalThis.console): () => void {
  if (!told.has(helper)) {
    told.add(helper);
    try {
      con?.warn(`${LOG_PREFIX} ${helper}: ${FULL_TEXT ? 'not an instance made by createConsent() in this bundle; nothing bound.' : 'not an instance, see README#w-not-instance'}`);
    } catch {
      // Nothing left to tell.
    }
  }
  return () => {};
}
