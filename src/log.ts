import { LOG_PREFIX } from './constants.js';

/** Warns once per key, so a broken server or markup costs one console line, not a stream. */
export type Warn = (key: string, message: string) => void;

export function createWarn(con: Pick<Console, 'warn'> | undefined = globalThis.console): Warn {
  const seen = new Set<string>();
  return (key, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    try {
      con?.warn(`${LOG_PREFIX} ${message}`);
    } catch {
      // A page that replaced console with something throwing still gets no exception from us.
    }
  };
}
