import type { ConsentInstance } from '../create.js';

/** Options every consent-tool adapter takes. */
export interface AdapterOptions {
  /**
   * The tool's category, group, service or purposes that stand for Mautic tracking. Each adapter
   * documents its own default.
   */
  category?: string;
  /** The window to work in. Defaults to the global `window`. */
  window?: Window;
}

/** Stops following the tool. */
export type StopFollowing = () => void;

/**
 * Applies a consent tool's answer: `true` grants, `false` denies, both with source `cmp`.
 * Nothing happens when the state already says the same, so a tool that repeats its answer on
 * every page load causes no new record and no purge.
 */
export function applyDecision(instance: ConsentInstance, granted: boolean) {
  const tracking = instance.state().tracking;
  if (granted && tracking !== 'granted') instance.grant({ source: 'cmp' });
  else if (!granted && tracking !== 'denied') instance.deny({ source: 'cmp' });
}

/**
 * Calls `ready` once `find()` returns the tool's API: at once, or when it appears within
 * `limitMs`, checked every 100 ms. Consent tools load asynchronously, often after this SDK.
 */
export function whenPresent<T>(win: Window, find: () => T | undefined | null, ready: (api: T) => void, limitMs = 10_000): StopFollowing {
  let timer: number | undefined;
  const started = Date.now();
  const check = () => {
    let api: T | undefined | null;
    try {
      api = find();
    } catch {
      api = undefined;
    }
    if (api) return ready(api);
    if (Date.now() - started < limitMs) timer = win.setTimeout(check, 100);
  };
  check();
  return () => win.clearTimeout(timer);
}
