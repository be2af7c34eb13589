import { nanoid } from 'nanoid';
import type { ChoiceSource, ConsentEvents, ConsentSnapshot, MauticResponse, PageviewCallbacks, PageviewFields, PurgeReport, Win } from '../types.js';
import type { Emitter, Unsubscribe } from './emitter.js';
import type { Decisions } from '../consent/decisions.js';
import type { DeliveryLoader, Tracker } from '../tracking/tracker.js';
import type { Config } from './options.js';
import { createEmitter } from './emitter.js';
import { createDebug, type Warn } from './log.js';
import { register, type Link } from './link.js';
import { readSignals } from '../consent/signals.js';
import { createRecordCookie } from '../consent/record-cookie.js';
import { createDecisions } from '../consent/decisions.js';
import { createSync } from '../consent/sync.js';
import { sendReceipt } from '../consent/receipt.js';
import { createStore } from '../storage/store.js';
import { createTracker } from '../tracking/tracker.js';
import { takeLandingParams } from '../tracking/landing.js';
import { purgeEverywhere } from '../purge/report.js';
import { watchMauticScripts } from '../page/mautic-runtime.js';

/** Options of `grant()`, `deny()` and `revokeAndPurge()`. */
export interface DecisionOptions {
  /**
   * Who decided, as recorded in the consent record. Defaults to `'api'`; a banner passes
   * `'user'`, a consent-tool adapter `'cmp'`.
   */
  source?: ChoiceSource;
}

/** The object `createConsent()` returns, and the script tag exposes as `window.MauticConsent`. */
export interface ConsentInstance {
  /**
   * A frozen snapshot of the consent state.
   * @example
   * if (MauticConsent.state().tracking === 'unset') showBanner();
   */
  state(): ConsentSnapshot;
  /**
   * Grants tracking: writes the consent record, then sends the pageviews that waited.
   * @example
   * acceptButton.onclick = () => MauticConsent.grant({ source: 'user' });
   */
  grant(options?: DecisionOptions): void;
  /**
   * Denies tracking: drops waiting pageviews, aborts requests in flight, deletes what Mautic
   * stored on this site, and records the refusal. Same as `revokeAndPurge()` without the report.
   */
  deny(options?: DecisionOptions): void;
  /**
   * Denies tracking like `deny()` and resolves to what was deleted and what could not be reached.
   * @example
   * const report = await MauticConsent.revokeAndPurge();
   * console.table(report.deleted);
   */
  revokeAndPurge(options?: DecisionOptions): Promise<PurgeReport>;
  /**
   * Calls `handler` on each `change` of state or each `purge`; returns the unsubscribe function.
   * @example
   * const off = MauticConsent.on('change', (s) => console.log(s.tracking, s.source));
   */
  on<K extends keyof ConsentEvents>(type: K, handler: (payload: ConsentEvents[K]) => void): Unsubscribe;
  /**
   * Sends a pageview, as `mt('send', 'pageview', fields)` does: at once when granted, after the
   * decision when unset, never when denied.
   * @example
   * router.afterEach(() => MauticConsent.track());
   */
  track(fields?: PageviewFields, callbacks?: PageviewCallbacks): void;
}

const EMPTY_REPORT: PurgeReport = Object.freeze({ deleted: [], unreachable: [] });

/** Public methods never throw into the page (the SDK never breaks the page). */
const guarded = <A extends unknown[], R>(warn: Warn, fn: (...args: A) => R, fallback: R) => (...args: A): R => {
  try {
    return fn(...args);
  } catch (error) {
    warn(`${error}`, `${error}`);
    return fallback;
  }
};

/** The instance as the page sees it: its documented members, each guarded, and nothing else. */
function publicFace(
  decisions: Decisions,
  tracker: Tracker,
  emitter: Emitter<ConsentEvents>,
  guard: <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) => (...args: A) => R,
): ConsentInstance {
  return Object.freeze({
    state: guard(decisions.snapshot, decisions.snapshot()),
    grant: guard((options?: DecisionOptions) => void decisions.decide('grant', options?.source), undefined),
    deny: guard((options?: DecisionOptions) => void decisions.decide('deny', options?.source), undefined),
    revokeAndPurge: guard((options?: DecisionOptions) => decisions.decide('deny', options?.source) ?? Promise.resolve(EMPTY_REPORT), Promise.resolve(EMPTY_REPORT)),
    on: guard(<K extends keyof ConsentEvents>(type: K, handler: (payload: ConsentEvents[K]) => void) => (type === 'change' || type === 'purge' ? emitter.on(type, handler) : () => {}), () => {}),
    track: guard((fields?: PageviewFields, callbacks?: PageviewCallbacks) => tracker.track(fields, callbacks), undefined),
  });
}

/**
 * @internal Wires an instance: its parts take what they need from here, and nothing else.
 * `loadDelivery` gets what sends pageviews (the ESM build has it at hand, the script tag loads it
 * once tracking is granted).
 */
export function createInstance(win: Win | undefined, config: Config, warn: Warn, loadDelivery: DeliveryLoader): ConsentInstance {
  const debug = createDebug(config.debug, win?.console);
  if (win?.document) watchMauticScripts(win, warn, debug);
  const location = win?.location;
  const now = () => new Date();
  const store = createStore(win);
  const emitter = createEmitter<ConsentEvents & { response: MauticResponse; drop: undefined }>((error) => warn('handler', `handler threw: ${error}`, 'w-handler'));
  const decisions = createDecisions({
    recordCookie: createRecordCookie({
      store,
      hostname: location?.hostname ?? '',
      pathname: location?.pathname ?? '/',
      https: location?.protocol === 'https:',
      cookiesOn: win?.navigator?.cookieEnabled !== false,
      cookieDomain: config.cookieDomain,
      lifetime: config.consentLifetime,
      now,
    }),
    signals: readSignals(win),
    respect: { gpc: config.respectGpc, dnt: config.respectDnt },
    revision: config.revision,
    kiosk: config.kiosk,
    tool: config.cmp,
    hostname: location?.hostname ?? '',
    now,
    newId: nanoid,
    warn,
    told(type, source, record) {
      sync?.post({ type, source, revision: record.revision });
      if (win?.fetch && config.consentLogUrl) sendReceipt(win, config.consentLogUrl, record);
    },
    changed: (snapshot) => emitter.emit('change', snapshot),
    flush: () => tracker.flush(),
    drop() {
      tracker.drop();
      // Every connection to Mautic aborts what it has in flight.
      emitter.emit('drop', undefined);
    },
    purge: (ask, record) =>
      purgeEverywhere({ win, store, extra: config.purgeNames, mauticHost: config.mauticHost, purgePageUrl: config.purgePageUrl, ask, record, warn, done: (report) => emitter.emit('purge', report) })
        .catch((error) => {
          // An empty report would read as "nothing left": this one says the purge did not finish.
          const report: PurgeReport = Object.freeze({ deleted: [], unreachable: [{ name: '*', kind: 'cookie' as const, reason: `purge failed: ${error}` }] });
          warn('purge', report.unreachable[0].reason!, 'w-purge-failed');
          emitter.emit('purge', report);
          return report;
        }),
  });
  const guard = <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) => guarded(warn, fn, fallback);
  const link: Link = {
    win,
    config,
    warn,
    debug,
    store,
    granted: () => decisions.tracking() === 'granted',
    counter: () => tracker.counter(),
    onResponse: (handler) => emitter.on('response', handler),
    onDrop: (handler) => emitter.on('drop', handler),
    track: (fields, callbacks, command) => tracker.track(fields, callbacks, command),
    fromTool: guard(decisions.fromTool, undefined),
  };
  // Taken even in kiosk mode, so that the address bar loses them; a kiosk pageview names nobody, so none is sent.
  const landing = takeLandingParams(win, config.stripUtm);
  const tracker = createTracker({
    link,
    tracking: decisions.tracking,
    load: loadDelivery,
    landing: config.kiosk ? undefined : landing,
    answered: (response) => emitter.emit('response', response),
  });
  const sync = win && !config.kiosk ? createSync(win, (d) => decisions.remote(d.type, d.source, d.revision), decisions.recheck) : undefined;
  const instance = publicFace(decisions, tracker, emitter, guard);
  register(instance, link);
  return instance;
}
