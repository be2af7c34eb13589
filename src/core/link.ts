import type { MauticResponse, PageviewCallbacks, PageviewFields, Win } from '../types.js';
import type { Params, Transport } from '../tracking/transport.js';
import type { Config } from './options.js';
import type { Debug, Warn } from './log.js';
import type { Unsubscribe } from './emitter.js';

/**
 * What the SDK's own parts (the `mt()` queue, action buttons, embeds, consent-tool adapters) reach
 * of an instance beyond its public members. It lives in a module-private `WeakMap` keyed by the
 * public instance, never on the instance itself: a page script holding `window.MauticConsent`
 * finds only the documented methods.
 */
export interface Link {
  /** The window the instance works in. */
  readonly win: Win | undefined;
  readonly config: Config;
  readonly warn: Warn;
  readonly debug: Debug;
  readonly transport: Transport;
  /** The device id Mautic gave this browser, when one may be sent (never in kiosk mode). */
  deviceId(): string | undefined;
  /** The pageview fields of the page as it is now, for requests that carry them (dynamic content). */
  pageParams(): Params;
  /** Keeps Mautic's answer first-party, as mtc.js does, when tracking is granted. */
  remember(response: MauticResponse): void;
  /** Calls `handler` with every answer Mautic gives to a pageview (its `events`: focus items). */
  onResponse(handler: (response: MauticResponse) => void): Unsubscribe;
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
