import type { PageviewCallbacks, PageviewFields, Win } from '../types.js';
import type { Params } from './transport.js';
import { CONTACT_KEY, DEVICE_KEY } from '../core/constants.js';

/** A pageview as asked for: what the page looked like at that moment. */
export interface Pageview {
  readonly title: string;
  readonly url: string;
  readonly referrer: string;
  readonly fields: PageviewFields;
  readonly callbacks: PageviewCallbacks;
  /** The `mt()` command it came from, handed back in `mauticPageEventDelivered`. */
  readonly command: readonly unknown[];
}

/** What a pageview's fields depend on besides the page: the browser, the clock, the identity. */
export interface Surroundings {
  readonly navigator?: Pick<Navigator, 'language' | 'appVersion' | 'doNotTrack'>;
  readonly screen?: Pick<Screen, 'width' | 'height'>;
  readonly now: Date;
  /** The IANA time zone, when the browser tells it. */
  readonly zone: string | undefined;
  readonly counter: number;
  readonly device: string | undefined;
  /** `ct` and `utm_*` from the landing URL, sent once. */
  readonly landing: Params | undefined;
  /** Kiosk: nothing that identifies a contact or device is sent. */
  readonly anonymous: boolean;
}

/** Fields that identify a contact or a device: the click-through, the ids, the default unique field. */
const KIOSK_DROPPED = ['ct', DEVICE_KEY, CONTACT_KEY, 'mtc_sid', 'mautic_session_id', 'email'];

/** Takes a pageview of the page as it is now. */
export function takePageview(win: Win, fields?: PageviewFields, callbacks?: PageviewCallbacks, command?: readonly unknown[]): Pageview {
  fields = fields && typeof fields === 'object' ? { ...fields } : {};
  callbacks = callbacks && typeof callbacks === 'object' ? callbacks : {};
  return {
    title: win.document.title,
    url: win.location.href,
    // mtc.js sends only the referrer's host (the third '/'-separated part).
    referrer: (win.document.referrer || '').split('/')[2] || '',
    fields,
    callbacks,
    command: command ?? ['send', 'pageview', fields, callbacks],
  };
}

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
 * The fields of `view` as mtc.js sends them, in its order, then the page's own fields. A pure
 * function of the pageview and its surroundings: where a pageview is built.
 */
export function pageviewParams(view: Pageview, s: Surroundings): Params {
  const language = s.navigator?.language ?? '';
  const p: Params = {
    page_title: view.title,
    page_language: language,
    preferred_locale: language.replace('-', '_'),
    page_referrer: view.referrer,
    page_url: view.url,
    counter: String(s.counter),
    timezone_offset: String(s.now.getTimezoneOffset()),
    resolution: `${s.screen?.width}x${s.screen?.height}`,
    platform: platform(s.navigator?.appVersion),
    // mtc.js compares loosely with 1, so '1' and 1 count and 'yes' does not.
    do_not_track: String(s.navigator?.doNotTrack === '1'),
  };
  if (s.zone) p.timezone = s.zone;
  if (s.device) p[DEVICE_KEY] = s.device;
  Object.assign(p, s.landing);
  for (const [key, value] of Object.entries(view.fields)) {
    if (value !== undefined && (typeof value !== 'object' || value === null)) p[key] = String(value);
  }
  if (s.anonymous) {
    // Whatever the page passes, a kiosk pageview carries no identifier Mautic would resolve a
    // contact from, and no ct in its URLs.
    for (const key of KIOSK_DROPPED) delete p[key];
    p.page_url = withoutCt(p.page_url);
    p.page_referrer = withoutCt(p.page_referrer);
  }
  return p;
}

/** What a pageview sent now takes from the SDK rather than from the browser. */
export type Sending = Pick<Surroundings, 'counter' | 'device' | 'landing' | 'anonymous'>;

/** The fields of `view` sent now from `win`: the browser, the clock and the time zone as they are at this moment. */
export function pageviewParamsNow(view: Pageview, win: Win, sending: Sending): Params {
  let zone: string | undefined;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // No Intl: mtc.js leaves the field out as well.
  }
  return pageviewParams(view, { navigator: win.navigator, screen: win.screen, now: new Date(), zone, ...sending });
}
