import type { DeliveredDetail, MauticResponse, Win } from '../types.js';
import type { Warn } from '../core/log.js';
import type { Params } from './transport.js';
import type { Delivery, DeliveryContext } from './tracker.js';
import { EVENT_DELIVERED, PIXEL_MODE_KEY } from '../core/constants.js';
import { pageviewParamsNow, type Pageview } from './pageview.js';
import { connectionOf } from './connection.js';

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

/**
 * Where a pageview is sent: Mautic's wire format, `POST /mtc/event`, and `GET /mtracking.gif` when
 * CORS fails. One pageview after another, as in mtc.js: the identity Mautic hands out in the first
 * answer is on the next. The script-tag build carries this in the tracking script, which the core
 * loads once tracking is granted.
 */
export function createDelivery(ctx: DeliveryContext): Delivery {
  const { link } = ctx;
  const { win, store, warn, config, granted } = link;
  const { mauticUrl, kiosk } = config;
  const { transport, deviceId, remember } = connectionOf(link);
  let chain: Promise<void> = Promise.resolve();
  /** Whether /mtc/event failed in this tab; read from the session at the first delivery, not at start. */
  let corsFailed: boolean | undefined;

  const delivered = (view: Pageview, detail: DeliveredDetail) => announce(win, warn, view, detail);

  /** `POST /mtc/event`; false when CORS or the network failed (then the pixel goes instead). */
  async function post(view: Pageview, p: Params): Promise<boolean> {
    let response: Response;
    try {
      response = await transport.post('/mtc/event', p);
    } catch (error) {
      if (!granted() || (error as Error)?.name === 'AbortError') return true;
      corsFailed = true;
      if (!kiosk) store.session.set(PIXEL_MODE_KEY, '1');
      warn('cors', `${mauticUrl} is down or refuses this site (CORS): pixel only, for this tab.`);
      return false;
    }
    try {
      const answer = await answerOf(response);
      if (!granted()) return true;
      remember(answer);
      // Handlers are guarded by the emitter: the embeds' reaction cannot cost the pageview its event.
      ctx.answered(answer);
      delivered(view, { event: view.command, params: p, response: answer });
    } catch (error) {
      warn('answer', `${mauticUrl}/mtc/event gave no Mautic JSON: ${error}`);
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
    const p = pageviewParamsNow(view, win!, { counter: ctx.next(), device: deviceId(), landing: ctx.landing(), anonymous: kiosk });
    if (corsFailed === undefined) {
      // A kiosk page neither reads nor writes the memory.
      corsFailed = !kiosk && store.session.get(PIXEL_MODE_KEY) === '1';
      if (corsFailed) warn('cors', `${mauticUrl} failed earlier in this tab: pixel only.`);
    }
    if (corsFailed || !(await post(view, p))) await pixel(view, p);
  }

  return {
    send(view) {
      chain = chain.then(() => deliver(view)).catch((error) => warn('deliver', `pageview failed: ${error}`));
    },
  };
}
