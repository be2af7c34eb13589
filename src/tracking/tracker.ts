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

export interface TrackerContext {
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

/** Mautic's JSON answer to `/mtc/event`, or throws. */
async function answerOf(response: Response): Promise<MauticResponse> {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!body || typeof body !== 'object') throw new Error('not a JSON object');
  return body as MauticResponse;
}

/**
 * Where a pageview is sent: Mautic's wire format, `POST /mtc/event`, and `GET /mtracking.gif` when
 * CORS fails. Deliveries run one after another, as in mtc.js, so the identity Mautic hands out in
 * the first answer is on every later pageview of the page.
 */
export function createTracker(ctx: TrackerContext): Tracker {
  const { win, store, transport, warn, identity } = ctx;
  let waiting: Pageview[] = [];
  let chain: Promise<void> = Promise.resolve();
  let counter = 0;
  /** Whether /mtc/event failed in this tab; read from the session at the first delivery, not at start. */
  let corsFailed: boolean | undefined;
  // A kiosk pageview names nobody: the click-through that landed here is not sent (it names the contact).
  let landing: Params | undefined = ctx.anonymous ? undefined : ctx.landing;
  const granted = () => ctx.tracking() === 'granted';

  /** The fields of `view`; `peek` leaves the counter and the landing fields for the next pageview. */
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

  function delivered(view: Pageview, detail: DeliveredDetail) {
    try {
      win?.document.dispatchEvent(new win.CustomEvent(EVENT_DELIVERED, { detail }));
    } catch {
      // A page without CustomEvent support loses the event, not the pageview.
    }
    call(warn, view.callbacks.onload, detail);
  }

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

  const send = (view: Pageview) => {
    chain = chain.then(() => deliver(view)).catch((error) => warn('deliver', `pageview failed: ${error}`));
  };

  return {
    pageParams: () => (win ? params(takePageview(win), true) : {}),
    track(fields, callbacks, command) {
      const state = ctx.tracking();
      if (state === 'denied' || !win || !ctx.mauticUrl) return;
      const view = takePageview(win, fields, callbacks, command);
      if (state === 'granted') return send(view);
      waiting.push(view);
      if (waiting.length > QUEUE_LIMIT) waiting.shift();
    },
    flush() {
      const views = waiting;
      waiting = [];
      views.forEach(send);
    },
    drop() {
      waiting = [];
      landing = undefined;
      transport.abort();
    },
  };
}
