import type { Win, DeliveredDetail, MauticResponse, PageviewCallbacks, PageviewFields } from '../types.js';
import type { Store } from '../storage/store.js';
import type { Params, Transport } from './transport.js';
import type { Warn } from '../core/log.js';
import { CONTACT_KEY, DEVICE_KEY, EVENT_DELIVERED, PIXEL_MODE_KEY, QUEUE_LIMIT } from '../core/constants.js';

/** A pageview as asked for: what the page looked like at that moment. */
interface Pageview {
  readonly title: string;
  readonly url: string;
  readonly referrer: string;
  readonly fields: PageviewFields;
  readonly callbacks: PageviewCallbacks;
  readonly event: readonly unknown[];
}

export interface Tracker {
  /** The device id Mautic gave this browser, when one may be sent (never in kiosk mode). */
  deviceId(): string | undefined;
  /** The pageview fields of the page as it is now, for requests that carry them (dynamic content). */
  pageParams(): Params;
  /** Keeps Mautic's answer first-party, as mtc.js does, when tracking is granted. */
  remember(response: MauticResponse): void;
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
  warn: Warn;
  tracking: () => 'unset' | 'granted' | 'denied';
  /** Never store or send an identity (kiosk mode). */
  anonymous: boolean;
  cookieDomain: string | undefined;
  mauticUrl: string;
  /** `ct` and friends taken from the landing URL: sent once, on the first pageview after a grant. */
  landing: Params;
  /** Called with every answer to a pageview; the embeds use its `events` (focus items). */
  onResponse(response: MauticResponse): void;
}

/** Device ids are 23 characters of `[0-9a-z]`; accept a little more, never junk. */
const DEVICE_ID = /^[0-9a-z]{8,64}$/i;
const CONTACT_ID = /^\d{1,20}$/;

/** Fields that identify a contact or a device: the click-through, the ids, the default unique field. */
const KIOSK_DROPPED = ['ct', DEVICE_KEY, CONTACT_KEY, 'mtc_sid', 'mautic_session_id', 'email'];

/** `url` without its `ct` parameter. */
function withoutCt(url = ''): string {
  if (!/[?&]ct=/.test(url)) return url;
  try {
    const u = new URL(url);
    u.searchParams.delete('ct');
    return u.href;
  } catch {
    return '';
  }
}

/** `navigator.appVersion` → mtc.js's platform names, later matches winning. */
function platform(appVersion = ''): string {
  let os = 'Unknown OS';
  for (const [needle, name] of [['Win', 'Windows'], ['Mac', 'MacOS'], ['X11', 'UNIX'], ['Linux', 'Linux']]) {
    if (appVersion.includes(needle)) os = name;
  }
  return os;
}

/**
 * Pageviews in Mautic's wire format: `POST /mtc/event`, and `GET /mtracking.gif`
 * when CORS fails. Deliveries run one after another, as in mtc.js, so the identity Mautic hands
 * out in the first answer is on every later pageview of the page.
 */
export function createTracker(ctx: TrackerContext): Tracker {
  const { win, store, transport, warn } = ctx;
  let waiting: Pageview[] = [];
  let chain: Promise<void> = Promise.resolve();
  let counter = 0;
  /** Whether /mtc/event failed in this tab; read from the session at the first delivery, not at start. */
  let corsFailed: boolean | undefined;
  // A kiosk pageview names nobody: the click-through that landed here is not sent (it names the contact).
  let landing: Params | undefined = ctx.anonymous ? undefined : ctx.landing;
  const granted = () => ctx.tracking() === 'granted';

  function deviceId(): string | undefined {
    if (ctx.anonymous) return undefined;
    const fromStorage = store.local.get(DEVICE_KEY);
    const id = fromStorage && DEVICE_ID.test(fromStorage) ? fromStorage : store.cookie(DEVICE_KEY);
    return id && DEVICE_ID.test(id) ? id : undefined;
  }

  /** The fields of `view`; `peek` leaves the counter and the landing fields for the next pageview. */
  function params(view: Pageview, peek = false): Params {
    const nav = win?.navigator;
    const language = nav?.language ?? '';
    const p: Params = {
      page_title: view.title,
      page_language: language,
      preferred_locale: language.replace('-', '_'),
      page_referrer: view.referrer,
      page_url: view.url,
      counter: String(peek ? counter : counter++),
      timezone_offset: String(new Date().getTimezoneOffset()),
      resolution: `${win?.screen?.width}x${win?.screen?.height}`,
      platform: platform(nav?.appVersion),
      // mtc.js compares loosely with 1, so '1' and 1 count and 'yes' does not.
      do_not_track: String(nav?.doNotTrack === '1'),
    };
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone) p.timezone = zone;
    } catch {
      // No Intl: mtc.js leaves the field out as well.
    }
    const device = deviceId();
    if (device) p[DEVICE_KEY] = device;
    if (!peek) {
      Object.assign(p, landing);
      landing = undefined;
    }
    for (const key of Object.keys(view.fields)) {
      const value = view.fields[key];
      if (value !== undefined && (typeof value !== 'object' || value === null)) p[key] = String(value);
    }
    if (ctx.anonymous) {
      // Whatever the page passes, a kiosk pageview carries no identifier Mautic would resolve
      // a contact from, and no ct in its URLs.
      for (const key of KIOSK_DROPPED) delete p[key];
      for (const key of ['page_url', 'page_referrer']) p[key] = withoutCt(p[key]);
    }
    return p;
  }

  /** Keeps Mautic's answer first-party, where mtc.js keeps it. */
  function remember(response: MauticResponse) {
    const contact = String(response.id ?? '');
    const device = String(response.device_id ?? '');
    if (ctx.anonymous || !granted() || !CONTACT_ID.test(contact) || !DEVICE_ID.test(device)) return;
    for (const [key, value] of [[CONTACT_KEY, contact], [DEVICE_KEY, device]]) {
      store.setCookie(key, value, { domain: ctx.cookieDomain });
      store.local.set(key, value);
    }
  }

  function delivered(view: Pageview, detail: DeliveredDetail) {
    try {
      win?.document.dispatchEvent(new win.CustomEvent(EVENT_DELIVERED, { detail }));
    } catch {
      // A page without CustomEvent support loses the event, not the pageview.
    }
    call(view.callbacks.onload, detail);
  }

  function call<A>(callback: ((arg: A) => void) | undefined, arg: A) {
    try {
      if (typeof callback === 'function') callback(arg);
    } catch (error) {
      warn('callback', `pageview callback threw: ${error}`);
    }
  }

  function failed(view: Pageview, error: unknown) {
    call(view.callbacks.onerror, error);
  }

  async function deliver(view: Pageview): Promise<void> {
    if (!granted()) return;
    const p = params(view);
    if (corsFailed === undefined) {
      // A kiosk page neither reads nor writes the memory.
      corsFailed = !ctx.anonymous && store.session.get(PIXEL_MODE_KEY) === '1';
      if (corsFailed) warn('cors', `${ctx.mauticUrl} failed earlier in this tab's session: using /mtracking.gif, no identity.`);
    }
    if (!corsFailed) {
      let response: Response;
      try {
        response = await transport.post('/mtc/event', p);
      } catch (error) {
        if (!granted() || (error as Error)?.name === 'AbortError') return;
        corsFailed = true;
        if (!ctx.anonymous) store.session.set(PIXEL_MODE_KEY, '1');
        warn('cors', `${ctx.mauticUrl} is down or not allowing this site by CORS: using /mtracking.gif, no identity, for this tab's session.`);
        return pixel(view, p);
      }
      let body: unknown;
      try {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        body = await response.json();
        if (!body || typeof body !== 'object') throw new Error('not a JSON object');
      } catch (error) {
        warn('answer', `${ctx.mauticUrl}/mtc/event gave no Mautic JSON: ${error}`);
        return failed(view, error);
      }
      if (!granted()) return;
      remember(body as MauticResponse);
      // Handlers are guarded by the emitter: the embeds' reaction cannot cost the pageview its event.
      ctx.onResponse(body as MauticResponse);
      return delivered(view, { event: view.event, params: p, response: body as MauticResponse });
    }
    return pixel(view, p);
  }

  async function pixel(view: Pageview, p: Params) {
    try {
      await transport.pixel('/mtracking.gif', p);
    } catch (error) {
      return failed(view, error);
    }
    if (granted()) delivered(view, { event: view.event, params: p, image: true });
  }

  function send(view: Pageview) {
    chain = chain.then(() => deliver(view)).catch((error) => warn('deliver', `pageview failed: ${error}`));
  }

  const pageview = (w: Win, fields?: PageviewFields, callbacks?: PageviewCallbacks, event: readonly unknown[] = ['send', 'pageview', fields, callbacks]): Pageview => ({
    title: w.document.title,
    url: w.location.href,
    // mtc.js sends only the referrer's host (the third '/'-separated part).
    referrer: (w.document.referrer || '').split('/')[2] || '',
    fields: { ...(fields && typeof fields === 'object' ? fields : {}) },
    callbacks: callbacks && typeof callbacks === 'object' ? callbacks : {},
    event,
  });

  const tracker: Tracker = {
    deviceId,
    pageParams: () => (win ? params(pageview(win), true) : {}),
    remember,
    track(fields, callbacks, command) {
      const state = ctx.tracking();
      if (state === 'denied' || !win || !ctx.mauticUrl) return;
      const view = pageview(win, fields, callbacks, command);
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
  return tracker;
}
