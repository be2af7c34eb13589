import type { MauticResponse, PageviewCallbacks, PageviewFields, TrackingState } from '../types.js';
import type { Link } from '../core/link.js';
import type { Params } from './transport.js';
import { QUEUE_LIMIT } from '../core/constants.js';
import { takePageview, type Pageview } from './pageview.js';

export interface Tracker {
  /**
   * Sends a pageview now (granted), keeps it until a decision (unset) or drops it (denied).
   * `command` is the `mt()` command it came from, handed back in the delivered event.
   */
  track(fields?: PageviewFields, callbacks?: PageviewCallbacks, command?: readonly unknown[]): void;
  /** Sends what waited for the decision (or for the delivery to arrive). */
  flush(): void;
  /** Forgets what waited, and the landing fields. */
  drop(): void;
  /** How many pageviews this page has sent: the `counter` the next one gets. */
  counter(): number;
}

/**
 * What sends pageviews (`tracking/delivery.ts`): Mautic's wire fields, `POST /mtc/event`, the
 * pixel, the identity Mautic hands out, the delivered event. The script-tag core does not carry it;
 * it loads it as a separate script once tracking is granted.
 */
export interface Delivery {
  /** Sends `view` after the pageviews handed over before it. */
  send(view: Pageview): void;
}

/** What the core gives the delivery. */
export interface DeliveryContext {
  readonly link: Link;
  /** The `counter` of the pageview being sent: 0 for the page's first, then 1, 2, … */
  next(): number;
  /** `ct` and friends taken from the landing URL, handed out once: to the first pageview sent after a grant. */
  landing(): Params | undefined;
  /** Mautic answered a pageview: the SDK's parts are told (the embeds load its focus items). */
  answered(response: MauticResponse): void;
}

export type DeliveryFactory = (ctx: DeliveryContext) => Delivery;

/**
 * Gets the delivery for `ready`: at once in the ESM build, once the tracking script has loaded on a
 * script-tag page. A script that cannot load never calls `ready`, so nothing is sent (fail closed).
 */
export type DeliveryLoader = (ready: (factory: DeliveryFactory) => void) => void;

interface TrackerContext {
  link: Link;
  tracking: () => TrackingState;
  /** Gets the delivery; asked once, at the first grant (or at start when granted). */
  load: DeliveryLoader;
  /** `ct` and friends taken from the landing URL (none in kiosk mode). */
  landing: Params | undefined;
  answered(response: MauticResponse): void;
}

/**
 * Pageviews wait while nobody decided (at most `QUEUE_LIMIT`), and after a grant until the
 * delivery has arrived; then they go in the order they were taken. A refusal drops them.
 */
export function createTracker(ctx: TrackerContext): Tracker {
  const { link } = ctx;
  const { win, config } = link;
  let waiting: Pageview[] = [];
  let delivery: Delivery | undefined;
  let asked = false;
  let counter = 0;
  let landing = ctx.landing;

  function arrived(factory: DeliveryFactory) {
    delivery ??= factory({
      link,
      next: () => counter++,
      landing: () => {
        const taken = landing;
        landing = undefined;
        return taken;
      },
      answered: ctx.answered,
    });
    if (ctx.tracking() === 'granted') flush();
  }

  function flush() {
    if (!asked && win && config.mauticUrl) {
      asked = true;
      ctx.load(arrived);
    }
    if (!delivery) return;
    const views = waiting;
    waiting = [];
    views.forEach(delivery.send);
  }

  // A page that starts granted (a stored yes) asks for the delivery at once, not at its first pageview.
  if (ctx.tracking() === 'granted') flush();
  return {
    track(fields, callbacks, command) {
      const state = ctx.tracking();
      if (state === 'denied' || !win || !config.mauticUrl) return;
      waiting.push(takePageview(win, fields, callbacks, command));
      if (waiting.length > QUEUE_LIMIT) waiting.shift();
      if (state === 'granted') flush();
    },
    flush,
    drop() {
      waiting = [];
      landing = undefined;
    },
    counter: () => counter,
  };
}
