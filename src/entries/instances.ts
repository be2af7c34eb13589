import { FULL_TEXT, type Warn } from '../core/log.js';

/** Counts the instances of a window, across bundles (script tag and ESM), to warn about a second. */
const INSTANCES = Symbol.for('mautic-consent.instances');

/** Counts one more instance in `win`; the second gets a warning, since each sends its own pageviews. */
export function countInstance(win: Window | undefined, warn: Warn): void {
  const counted = win as (Window & { [INSTANCES]?: number }) | undefined;
  if (counted && (counted[INSTANCES] = (counted[INSTANCES] ?? 0) + 1) === 2) {
    warn('instances', FULL_TEXT ? 'a second instance on this page: each sends its own pageviews; share one.' : 'second instance', 'w-instances');
  }
}
