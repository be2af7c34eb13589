import type { MauticResponse, PageviewCallbacks, PageviewFields, Win } from '../types.js';
import type { Store } from '../storage/store.js';
import type { Config } from './options.js';
import type { Debug, Warn } from './log.js';
import type { Unsubscribe } from './emitter.js';

/**
 * What the SDK's own parts (the `mt()` queue, action buttons, embeds, consent-tool adapters, the
 * pageview delivery) reach of an instance beyond its public members. It lives in a module-private
 * `WeakMap` keyed by the public instance, never on the instance itself: a page script holding
 * `window.MauticConsent` finds only the documented methods. How a bundle talks to Mautic for an
 * instance (transport, identity, page fields) is made from it where needed (`connectionOf`): the
 * core script carries none of that code.
 */
export interface Link {
  /** The window the instance works in. */
  readonly win: Win | undefined;
  readonly config: Config;
  readonly warn: Warn;
  readonly debug: Debug;
  /** The instance's cookie and storage access, where the identity Mautic hands out is kept. */
  readonly store: Store;
  /** Whether tracking is granted now. */
  granted(): boolean;
  /** How many pageviews this page has sent: the `counter` the next one gets. */
  counter(): number;
  /** Calls `handler` with every answer Mautic gives to a pageview (its `events`: focus items). */
  onResponse(handler: (response: MauticResponse) => void): Unsubscribe;
  /** Calls `handler` when tracking is denied, after the waiting pageviews were dropped: requests in flight are aborted then. */
  onDrop(handler: () => void): Unsubscribe;
  /** A pageview from the `mt()` queue: `command` is what was pushed, handed back in the delivered event. */
  track(fields: PageviewFields | undefined, callbacks: PageviewCallbacks | undefined, command?: readonly unknown[]): void;
  /**
   * What the consent tool says now: `true` yes, `false` no, `null` no decision (never asked, or
   * it forgot). `action` is true only for the visitor's own action in the tool (its save or
   * change callback); a choice the tool replays on page load is not one.
   */
  fromTool(answer: boolean | null, action: boolean): void;
}

const links = new WeakMap<object, Link>();

/** Ties `link` to `instance`, for this bundle's `linkOf`. */
export function register(instance: object, link: Link): void {
  links.set(instance, link);
}

/** The link of an instance made by this SDK (in this bundle, or handed over to it), else `undefined`. */
export function linkOf(instance: unknown): Link | undefined {
  return instance && typeof instance === 'object' ? links.get(instance) : undefined;
}
