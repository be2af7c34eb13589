import { nanoid } from 'nanoid';
import type {
  ChoiceSource,
  ConsentEvents,
  ConsentOptions,
  ConsentRecord,
  ConsentSnapshot,
  PageviewCallbacks,
  PageviewFields,
  PurgeReport,
  Win,
} from './types.js';
import type { Unsubscribe } from './emitter.js';
import { BRAND, CONSENT_COOKIE } from './constants.js';
import { initialState, transition, type MachineState } from './consent/machine.js';
import { createRecord, parseRecord, serializeRecord } from './consent/record.js';
import { readSignals } from './consent/signals.js';
import { createEmitter } from './emitter.js';
import { createWarn, type Warn } from './log.js';
import { normalizeOptions, type Config } from './config.js';
import { createStore } from './storage/safe-storage.js';
import { purge } from './storage/purge.js';
import { createTransport } from './transport/send.js';
import { createTracker } from './tracker.js';

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

/** @internal Extra surface for the script-tag entry and tests. */
export interface InternalInstance extends ConsentInstance {
  readonly [BRAND]: { config: Config; warn: Warn; trackEvent(event: readonly unknown[]): void };
}

/**
 * Creates a consent-gated Mautic tracker. Nothing is stored or sent until tracking is granted;
 * GPC and Do Not Track start it as denied.
 * @example
 * import { createConsent } from 'mautic-consent';
 * const consent = createConsent({ mauticUrl: 'https://m.example.com' });
 * consent.track();
 * @param options What to talk to and how; see `ConsentOptions`.
 * @returns The instance.
 */
export function createConsent(options: ConsentOptions): ConsentInstance {
  const win = (options?.window ?? (typeof window === 'undefined' ? undefined : window)) as Win | undefined;
  const warn = createWarn(win?.console);
  const config = normalizeOptions(options ?? {}, win?.location, warn);
  return createInstance(win, config, warn);
}

/** @internal */
export function createInstance(win: Win | undefined, config: Config, warn: Warn): InternalInstance {
  const store = createStore(win);
  const signals = readSignals(win);
  const now = () => new Date();
  let record: ConsentRecord | null = null;
  if (!config.kiosk) {
    const raw = store.cookie(CONSENT_COOKIE);
    record = parseRecord(raw, now());
    if (raw && !record) warn('record', `invalid ${CONSENT_COOKIE} cookie ignored.`);
    if (record && record.revision !== config.revision) record = null;
  }
  let machine: MachineState = initialState(record, signals, { gpc: config.respectGpc, dnt: config.respectDnt });
  const emitter = createEmitter<ConsentEvents>((error) => warn('handler', `handler threw: ${error}`));
  const granted = () => machine.tracking === 'granted';
  const transport = createTransport(config.mauticUrl, granted, win?.fetch?.bind(win));
  const tracker = createTracker({
    win,
    store,
    transport,
    warn,
    tracking: () => machine.tracking,
    anonymous: config.kiosk,
    cookieDomain: config.cookieDomain,
    mauticUrl: config.mauticUrl,
  });

  const snapshot = (): ConsentSnapshot =>
    Object.freeze({ tracking: machine.tracking, source: machine.source, record, signals });

  function purgeAll(): PurgeReport {
    const report = purge({
      store,
      hostname: win?.location?.hostname ?? '',
      pathname: win?.location?.pathname ?? '/',
      extra: config.purgeNames,
      mauticHost: config.mauticHost,
    });
    emitter.emit('purge', report);
    return report;
  }

  function decide(type: 'grant' | 'deny', options: DecisionOptions | undefined): PurgeReport | undefined {
    const source = options?.source ?? 'api';
    if (!['user', 'api', 'cmp', 'dnc'].includes(source)) {
      warn('source', `unknown source ${JSON.stringify(source)}; ignored.`);
      return undefined;
    }
    const step = transition(machine, { type, source });
    machine = step.state;
    let report: PurgeReport | undefined;
    if (step.effects.purge) {
      tracker.drop();
      report = purgeAll();
    }
    if (step.effects.persist) {
      record = createRecord(record, machine.tracking as 'granted' | 'denied', source, config.revision, signals, now(), nanoid);
      if (!config.kiosk) {
        store.setCookie(CONSENT_COOKIE, serializeRecord(record), {
          expires: config.consentLifetime,
          domain: config.cookieDomain,
        });
      }
      emitter.emit('change', snapshot());
    }
    if (step.effects.flush) tracker.flush();
    return report;
  }

  /** Public methods never throw into the page (SPEC.md guarantee 5). */
  const guard = <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      warn(`${error}`, `${error}`);
      return fallback;
    }
  };

  const empty: PurgeReport = Object.freeze({ deleted: [], unreachable: [] });
  const trackEvent = (event: readonly unknown[], fields?: PageviewFields, callbacks?: PageviewCallbacks) =>
    tracker.track(fields, callbacks, event);

  return Object.freeze({
    state: guard(snapshot, snapshot()),
    grant: guard((options?: DecisionOptions) => void decide('grant', options), undefined),
    deny: guard((options?: DecisionOptions) => void decide('deny', options), undefined),
    revokeAndPurge: guard(
      (options?: DecisionOptions) => Promise.resolve(decide('deny', options) ?? empty),
      Promise.resolve(empty),
    ),
    on: guard(emitter.on, () => {}),
    track: guard(
      (fields?: PageviewFields, callbacks?: PageviewCallbacks) =>
        trackEvent(['send', 'pageview', fields, callbacks], fields, callbacks),
      undefined,
    ),
    [BRAND]: Object.freeze({
      config,
      warn,
      trackEvent: (event: readonly unknown[]) =>
        trackEvent(event, event[2] as PageviewFields | undefined, event[3] as PageviewCallbacks | undefined),
    }),
  });
}
