/** The decision about the `tracking` purpose. `unset` until someone decides. */
export type TrackingState = 'unset' | 'granted' | 'denied';

/** Who or what put the state where it is. */
export type ConsentSource = 'default' | 'gpc' | 'dnt' | ChoiceSource;

/**
 * Sources of an explicit decision, the only ones ever written to the consent record:
 * `user` (banner, `data-mautic-action` button), `api` (page code), `cmp` (a consent-tool
 * adapter), `dnc` (an unsubscribe page marked `data-mautic-dnc`).
 */
export type ChoiceSource = 'user' | 'api' | 'cmp' | 'dnc';

/** Browser privacy signals as read at start-up. */
export interface Signals {
  /** `navigator.globalPrivacyControl === true`. */
  readonly gpc: boolean;
  /** Do Not Track is `'1'` or `'yes'` in any of the places browsers have kept it. */
  readonly dnt: boolean;
}

/** The stored proof of an explicit decision (cookie `mautic_consent`). */
export interface ConsentRecord {
  readonly version: number;
  /** Random id (nanoid) that names this record in a consent log. */
  readonly id: string;
  readonly decision: 'granted' | 'denied';
  readonly source: ChoiceSource;
  /** ISO 8601 time of the first decision under this record. */
  readonly decidedAt: string;
  /** ISO 8601 time of the last change. */
  readonly updatedAt: string;
  /** Config revision the decision was made under; a higher configured revision re-asks. */
  readonly revision: number;
  /** Signals that were present when the decision was made. */
  readonly signals: Signals;
}

/** A frozen picture of the consent state, as `state()` returns and `change` handlers receive. */
export interface ConsentSnapshot {
  readonly tracking: TrackingState;
  readonly source: ConsentSource;
  readonly record: ConsentRecord | null;
  readonly signals: Signals;
}

/** Extra pageview fields, as the third argument of `mt('send', 'pageview', fields)`. */
export type PageviewFields = Record<string, string | number | boolean | null | undefined>;

/** Callbacks of `mt('send', 'pageview', fields, callbacks)`, as mtc.js accepts them. */
export interface PageviewCallbacks {
  /** Called with the `mauticPageEventDelivered` detail after Mautic answered. */
  onload?: (detail: DeliveredDetail) => void;
  /** Called when the pageview could not be delivered. */
  onerror?: (error: unknown) => void;
}

/** `detail` of the `mauticPageEventDelivered` DOM event, as mtc.js sends it. */
export interface DeliveredDetail {
  readonly event: readonly unknown[];
  readonly params: Readonly<Record<string, string>>;
  /** Mautic's JSON answer (`success`, `id`, `sid`, `device_id`, `events`), when it was readable. */
  readonly response?: MauticResponse;
  /** True when the pageview went through the `/mtracking.gif` fallback. */
  readonly image?: true;
}

/** What Mautic answers to `/mtc/event`. */
export interface MauticResponse {
  readonly success?: number;
  readonly id?: number | string | null;
  readonly sid?: string | null;
  readonly device_id?: string | null;
  readonly events?: unknown;
}

/** One item `revokeAndPurge()` deleted or could not reach. */
export interface PurgeItem {
  readonly name: string;
  readonly kind: 'cookie' | 'localStorage' | 'sessionStorage';
  /** Where it was: the cookie's domain and path, or the storage area. */
  readonly where?: string;
  /** Why it could not be deleted. */
  readonly reason?: string;
}

/** What `revokeAndPurge()` did. */
export interface PurgeReport {
  readonly deleted: readonly PurgeItem[];
  readonly unreachable: readonly PurgeItem[];
}

/** Events of `instance.on()`. */
export interface ConsentEvents {
  change: ConsentSnapshot;
  purge: PurgeReport;
}

/** Options of `createConsent()`. */
export interface ConsentOptions {
  /** Base URL of the Mautic installation (its `site_url`), e.g. `https://m.example.com`. Required. */
  mauticUrl: string;
  /** Treat Global Privacy Control as a refusal until the visitor decides. Defaults to `true`. */
  respectGpc?: boolean;
  /** Treat Do Not Track as a refusal until the visitor decides. Defaults to `true`. */
  respectDnt?: boolean;
  /**
   * Shared-device mode: never store anything (no identity, no consent record); a decision lasts
   * for the page only. Defaults to `false`.
   */
  kiosk?: boolean;
  /**
   * Domain for the consent record and identity cookies, e.g. `example.com` to share them across
   * subdomains. Must be the current host or one of its parents. Defaults to host-only cookies.
   */
  cookieDomain?: string;
  /** Revision of your consent text; raising it asks everybody again. Defaults to `0`. */
  revision?: number;
  /** Days the consent record is kept. Defaults to `180`. */
  consentLifetime?: number;
  /**
   * Where to send a receipt of each explicit decision (record id, decision, source, times,
   * revision, signals, page; nothing personal). Defaults to none.
   */
  consentLogUrl?: string;
  /**
   * More cookie or storage names for `revokeAndPurge()` to delete; `name*` is a prefix.
   * Defaults to none.
   */
  purgeNames?: readonly string[];
  /**
   * URL of the purge page (`dist/mautic-purge.html`) served from the Mautic host; with it a purge
   * also deletes the cookies Mautic left on its own host. Defaults to none.
   */
  purgePageUrl?: string;
  /**
   * Also take `utm_*` fields out of the address bar (they are sent on the first pageview after a
   * grant, like `ct`). Mautic's `ct` is always taken out. Defaults to `false`.
   */
  stripUtm?: boolean;
  /**
   * The Content-Security-Policy nonce of the page, given to what the SDK adds: its sibling scripts
   * (embeds, banner, consent-tool adapter), Mautic's focus items, and the banner's stylesheet where
   * the browser cannot adopt it. The script tag uses its own `nonce`. Gated scripts never get it:
   * with a nonce set, a gated script runs only when it carries the same nonce itself, so that
   * `'strict-dynamic'` cannot be used to run markup injected into the page. Defaults to none.
   */
  nonce?: string;
  /**
   * The site's consent tool, by the name `data-cmp` takes: `'tcf'`, `'cookieconsent'`, `'klaro'`,
   * `'cookiebot'`, `'onetrust'` or `'mautic'`. With it the tool is the only authority: the SDK's own
   * record never grants, `grant()` is refused, and the state stays `unset` (pageviews wait) until
   * the adapter you start with the instance (`followKlaro(consent, …)` and its siblings) has read
   * a yes from the tool. Defaults to none.
   * @example
   * const consent = createConsent({ mauticUrl, cmp: 'klaro' });
   * followKlaro(consent, { category: 'mautic' });
   */
  cmp?: 'tcf' | 'cookieconsent' | 'klaro' | 'cookiebot' | 'onetrust' | 'mautic';
  /**
   * Focus-item scripts. Where Mautic serves split ones, `/focus/{id}/display.js` shows an item
   * (before consent only in kiosk mode) and, after consent, `/focus/{id}/tracking.js` adds Mautic's
   * tracking; elsewhere the combined `/focus/{id}.js` runs. `auto` learns which from the first
   * item's combined script (no extra request on servers without the split); `split` asks for the
   * split scripts at once. Defaults to `'auto'`.
   */
  focusScripts?: 'auto' | 'split';
  /**
   * Log to the console which path the SDK takes where Mautic versions differ (focus scripts,
   * Mautic's own scripts found on the page). Defaults to `false`.
   */
  debug?: boolean;
  /** The window to work in. Defaults to the global `window`; without one the SDK does nothing. */
  window?: Window;
}

/** The window with its globals, as the SDK uses it (named by the declarations of its helpers). */
export type Win = Window & typeof globalThis;
