import type { Win, DeliveredDetail, MauticResponse, PageviewCallbacks, PageviewFields } from '../types.js';
import type { Store } from '../storage/store.js';
import type { Params, Transport } from './transport.js';
import type { Warn } from '../core/log.js';
import type { Identity } from './identity.js';
import { EVENT_DELIVERED, PIXEL_MODE_KEY, QUEUE_LIMIT } from '../core/constants.js';
import { pageviewParams, takePageview, type Pageview } from './pageview.js';

export interface Tracker {
  /** The pageview fields of the page as it is now, for requests that carry them (dynamic content). */
  pageParams(): Params;
  /**
   * Sends a pageview now (granted), keeps it until a decision (unset) or drops it (denied).
   * `command` is the `mt()` command it came from, handed back in the delivered event.
   */
  track(fields?: PageviewFields, callbacks?: PageviewCallbacks, command?: readonly unknown[]): void;
  /** Sends what waited for the decision. */
  flush(): void;
  /** Forgets what waited and aborts what is in flight. */
  drop(): void;
}

interface TrackerContext {
  win: Win | undefined;
  store: Store;
  transport: Transport;
  identity: Identity;
  warn: Warn;
  tracking: () => 'unset' | 'granted' | 'denied';
  /** Never store or send an identity (kiosk mode). */
  anonymous: boolean;
  mauticUrl: string;
  /** `ct` and friends taken from the landing URL: sent once, on the first pageview after a grant. */
  landing: Params;
  /** Called with every answer to a pageview; the embeds use its `events` (focus items). */
  onResponse(response: MauticResponse): void;
}

/** Calls a page's callback; one that throws costs a warning, not the pageview. */
function call<A>(warn: Warn, callback: ((arg: A) => void) | undefined, arg: A) {
  try {
    if (typeof callback === 'function') callback(arg);
  } catch (error) {
    warn('callback', `pageview callback threw: ${error}`);
  }
}

/** Tells the page a pageview arrived, as mtc.js does: the DOM event, then the pageview's `onload`. */
function announce(win: Win | undefined, warn: Warn, view: Pageview, detail: DeliveredDetail) {
  try {
    win?.document.dispatchEvent(new win.CustomEvent(EVENT_DELIVERED, { detail }));
  } catch {
    // A page without CustomEvent support loses the event, not the pageview.
  }
  call(warn, view.callbacks.onload, detail);
}

/** Mautic's JSON answer to `/mtc/event`, or throws. */
async function answerOf(response: Response): Promise<MauticResponse> {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!body || typeof body !== 'object') throw new Error('not a JSON object');
  return body as MauticResponse;
}

/** One pageview after another, as in mtc.js: the identity Mautic hands out in the first answer is on the next. */
interface Delivery {
  /** The fields of `view`; `peek` leaves the counter and the landing fields for the next pageview. */
  params(view: Pageview, peek?: boolean): Params;
  send(view: Pageview): void;
  /** Forgets the landing fields (a refusal). */
  forget(): void;
}

/**
 * Where a pageview is sent: Mautic's wire format, `POST /mtc/event`, and `GET /mtracking.gif` when
 * CORS fails.
 */
function createDelivery(ctx: TrackerContext): Delivery {
  const { win, store, transport, warn, identity } = ctx;
  let chain: Promise<void> = Promise.resolve();
  let counter = 0;
  /** Whether /mtc/event failed in this tab; read from the session at the first delivery, not at start. */
  let corsFailed: boolean | undefined;
  // A kiosk pageview names nobody: the click-through that landed here is not sent (it names the contact).
  let landing: Params | undefined = ctx.anonymous ? undefined : ctx.landing;
  const granted = () => ctx.tracking() === 'granted';

  function params(view: Pageview, peek?: boolean): Params {
    let zone: string | undefined;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      // No Intl: mtc.js leaves the field out as well.
    }
    const p = pageviewParams(view, {
      navigator: win?.navigator,
      screen: win?.screen,
      now: new Date(),
      zone,
      counter: peek ? counter : counter++,
      device: identity.deviceId(),
      landing: peek ? undefined : landing,
      anonymous: ctx.anonymous,
    });
    if (!peek) landing = undefined;
    return p;
  }

  const delivered = (view: Pageview, detail: DeliveredDetail) => announce(win, warn, view, detail);

  /** `POST /mtc/event`; false when CORS or the network failed (then the pixel goes instead). */
  async function post(view: Pageview, p: Params): Promise<boolean> {
    let response: Response;
    try {
      response = await transport.post('/mtc/event', p);
    } catch (error) {
      if (!granted() || (error as Error)?.name === 'AbortError') return true;
      corsFailed = true;
      if (!ctx.anonymous) store.session.set(PIXEL_MODE_KEY, '1');
      warn('cors', `${ctx.mauticUrl} is down or refuses this site (CORS): pixel only, for this tab.`);
      return false;
    }
    try {
      const answer = await answerOf(response);
      if (!granted()) return true;
      identity.remember(answer);
      // Handlers are guarded by the emitter: the embeds' reaction cannot cost the pageview its event.
      ctx.onResponse(answer);
      delivered(view, { event: view.command, params: p, response: answer });
    } catch (error) {
      warn('answer', `${ctx.mauticUrl}/mtc/event gave no Mautic JSON: ${error}`);
      call(warn, view.callbacks.onerror, error);
    }
    return true;
  }

  async function pixel(view: Pageview, p: Params) {
    try {
      await transport.pixel('/mtracking.gif', p);
      if (granted()) delivered(view, { event: view.command, params: p, image: true });
    } catch (error) {
      call(warn, view.callbacks.onerror, error);
    }
  }

  async function deliver(view: Pageview): Promise<void> {
    if (!granted()) return;
    const p = params(view);
    if (corsFailed === undefined) {
      // A kiosk page neither reads nor writes the memory.
      corsFailed = !ctx.anonymous && store.session.get(PIXEL_MODE_KEY) === '1';
      if (corsFailed) warn('cors', `${ctx.mauticUrl} failed earlier in this tab: pixel only.`);
    }
    if (corsFailed || !(await post(view, p))) await pixel(view, p);
  }

  return {
    params,
    send(view) {
      chain = chain.then(() => deliver(view)).catch((error) => warn('deliver', `pageview failed: ${error}`));
    },
    forget: () => void (landing = undefined),
  };
}

/** Pageviews wait while nobody decided (at most `QUEUE_LIMIT`), go when granted, and are dropped when denied. */
export function createTracker(ctx: TrackerContext): Tracker {
  const { win } = ctx;
  const delivery = createDelivery(ctx);
  let waiting: Pageview[] = [];
  return {
    pageParams: () => (win ? delivery.params(takePageview(win), true) : {}),
    track(fields, callbacks, command) {
      const state = ctx.tracking();
      if (state === 'denied' || !win || !ctx.mauticUrl) return;
      const view = takePageview(win, fields, callbacks, command);
      if (state === 'granted') return delivery.send(view);
      waiting.push(view);
      if (waiting.length > QUEUE_LIMIT) waiting.shift();
    },
    flush() {
      const views = waiting;
      waiting = [];
      views.forEach(delivery.send);
    },
    drop() {
      waiting = [];
      delivery.forget();
      ctx.transport.abort();
    },
  };
}
