import type { ConsentInstance } from '../core/instance.js';
import { linkOf } from '../core/link.js';
import { notInstance } from '../core/log.js';

/** Options every consent-tool adapter takes. */
export interface AdapterOptions {
  /**
   * The tool's category, group, service or purposes that stand for Mautic tracking. Each adapter
   * documents its own default; an empty or unreadable value is refused with a warning, and the
   * tool is then not followed (tracking stays unset).
   */
  category?: string;
  /**
   * Count the tool's implied consent as a yes: Cookiebot's `implied` consent method, OneTrust's
   * active groups before the visitor closed its banner (implied-consent and notice-only regions),
   * TCF's `gdprApplies: false`. Such a yes is never recorded as the visitor's choice and never
   * beats GPC/DNT. Defaults to `false`: implied consent is no decision.
   */
  implied?: boolean;
  /**
   * The tool's API object, for a tool imported as an ES module that puts no global on `window`
   * (vanilla-cookieconsent: `import * as CookieConsent from 'vanilla-cookieconsent'`; Klaro: the
   * module with `getManager`). Defaults to the tool's global.
   */
  api?: unknown;
  /** The window to work in. Defaults to the global `window`. */
  window?: Window;
}

/** Stops following the tool. */
export type StopFollowing = () => void;

/**
 * Tells the instance what the tool says: `true` yes, `false` no, `null` no decision (not asked
 * yet, or the tool forgot). `action` marks the visitor's own action in the tool; only that is
 * recorded, and only that overrides GPC/DNT.
 */
type Answer = (answer: boolean | null, action: boolean) => void;

/** What an adapter reaches of its instance, and the window it watches the tool in. */
interface ToolLink<W> {
  answer: Answer;
  warn: (key: string, message: string) => void;
  win: Window & W;
}

/**
 * The instance's internal door for adapters, or `undefined` when there is nothing to follow: for
 * an object `createConsent()` did not make (after one warning), or with no window (on a server).
 * `W` types the tool's globals the adapter reads.
 */
export function toolLink<W>(instance: ConsentInstance, options: AdapterOptions, helper: string): ToolLink<W> | undefined {
  const link = linkOf(instance);
  if (!link) {
    notInstance(helper);
    return undefined;
  }
  // The window the instance was made with, unless the site names another.
  const win = options.window ?? link.win;
  return win ? { answer: link.fromTool, warn: link.warn, win: win as Window & W } : undefined;
}

/**
 * The category to follow, or `undefined` (after one warning) when the site gave one that is
 * empty or fails `valid`; then the tool is not followed and nothing is granted.
 */
export function readCategory(options: AdapterOptions, fallback: string | undefined, valid: (c: string) => boolean, warn: (key: string, message: string) => void, what: string): string | undefined {
  const category = options.category ?? fallback;
  if (typeof category === 'string' && category.trim() && valid(category.trim())) return category.trim();
  warn('cmpCategory', `the consent-tool category ${JSON.stringify(category ?? '')} is not ${what}; the tool is not followed and tracking stays unset.`);
  return undefined;
}

/**
 * Calls `ready` once `find()` returns the tool's API: at once, or whenever it appears. Consent
 * tools load asynchronously, sometimes long after this SDK, so there is no give-up time; the look
 * is repeated every 100 ms at first and every 2 s at most.
 */
export function whenPresent<T>(win: Window, find: () => T | undefined | null, ready: (api: T) => void): StopFollowing {
  let timer: number | undefined;
  let delay = 100;
  const check = () => {
    let api: T | undefined | null;
    try {
      api = find();
    } catch {
      api = undefined;
    }
    if (api) return ready(api);
    timer = win.setTimeout(check, delay);
    delay = Math.min(delay * 1.5, 2000);
  };
  check();
  return () => win.clearTimeout(timer);
}
