import { nanoid } from 'nanoid';
import type {
  ChoiceSource,
  ConsentEvents,
  ConsentOptions,
  ConsentSnapshot,
  PageviewCallbacks,
  PageviewFields,
  PurgeItem,
  PurgeReport,
  MauticResponse,
  Win,
} from '../types.js';
import type { Unsubscribe } from './emitter.js';
import { CONSENT_COOKIE } from './constants.js';
import { register } from './link.js';
import { initialState, signalSource, transition, type MachineState } from '../consent/machine.js';
import { createRecord, SOURCES } from '../consent/record.js';
import { readSignals } from '../consent/signals.js';
import { createEmitter } from './emitter.js';
import { createDebug, createWarn, type Debug, type Warn } from './log.js';
import { watchMauticScripts } from '../page/mautic-runtime.js';
import { normalizeOptions, type Config } from './options.js';
import { createStore } from '../storage/store.js';
import { mauticHostLeftovers, purge, tidyReport } from '../purge/local.js';
import { createRecordCookie } from '../consent/record-cookie.js';
import { purgeMauticHost } from '../purge/frame.js';
import { takeLandingParams } from '../tracking/landing.js';
import { createSync } from '../consent/sync.js';
import { sendReceipt } from '../consent/receipt.js';
import { createTransport, type Transport } from '../tracking/transport.js';
import { createTracker, type Tracker } from '../tracking/tracker.js';

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

const EMPTY_REPORT: PurgeReport = Object.freeze({ deleted: [], unreachable: [] });

/** Counts the instances of a window, across bundles (script tag and ESM), to warn about a second. */
const INSTANCES = Symbol.for('mautic-consent.instances');

/** @internal */
export function createInstance(win: Win | undefined, config: Config, warn: Warn): ConsentInstance {
  if (win) {
    const counted = win as Win & { [INSTANCES]?: number };
    counted[INSTANCES] = (counted[INSTANCES] ?? 0) + 1;
    if (counted[INSTANCES] === 2) {
      warn('instances', 'a second instance on this page (script tag and createConsent?): each sends its own pageviews; create one and share it.');
    }
  }
  const debug = createDebug(config.debug, win?.console);
  if (win?.document) watchMauticScripts(win, warn, debug);
  const store = createStore(win);
  const signals = readSignals(win);
  const now = () => new Date();
  const recordCookie = createRecordCookie({
    store,
    hostname: win?.location?.hostname ?? '',
    pathname: win?.location?.pathname ?? '/',
    https: win?.location?.protocol === 'https:',
    cookieDomain: config.cookieDomain,
    lifetime: config.consentLifetime,
    now,
  });
  const readRecord = () => {
    const { record: stored, invalid } = recordCookie.read();
    if (invalid) warn('record', `invalid ${CONSENT_COOKIE} cookie ignored.`);
    return stored && stored.revision === config.revision ? stored : null;
  };
  let record = config.kiosk ? null : readRecord();
  const respect = { gpc: config.respectGpc, dnt: config.respectDnt };
  // With a consent tool, the tool is the only authority: the SDK's own record never stands in for
  // it, so the state starts as if there were none and waits for the adapter's first reading.
  const underTool = !!config.cmp;
  let machine: MachineState = initialState(underTool ? null : record, signals, respect);
  /** Until the adapter has read the tool, pageviews wait, even those a signal would drop. */
  let toolPending = underTool;
  const emitter = createEmitter<ConsentEvents & { response: MauticResponse }>((error) => warn('handler', `handler threw: ${error}`));
  const granted = () => machine.tracking === 'granted';
  const transport = createTransport(config.mauticUrl, granted, win?.fetch?.bind(win));
  const tracker = createTracker({
    win,
    store,
    transport,
    warn,
    tracking: () => (toolPending ? (machine.tracking === 'granted' ? 'granted' : 'unset') : machine.tracking),
    anonymous: config.kiosk,
    cookieDomain: config.cookieDomain,
    mauticUrl: config.mauticUrl,
    landing: takeLandingParams(win, config.stripUtm),
    onResponse: (response) => emitter.emit('response', response),
  });
  const hostname = win?.location?.hostname ?? '';

  const snapshot = (): ConsentSnapshot =>
    Object.freeze({ tracking: machine.tracking, source: machine.source, record, signals });

  /** Deletes what the website can reach, then, for a decision made here, what the purge page can. */
  async function purgeAll(local: boolean, notStored: PurgeItem[]): Promise<PurgeReport> {
    const { deleted, unreachable } = purge({ store, hostname, pathname: win?.location?.pathname ?? '/', extra: config.purgeNames });
    unreachable.push(...notStored);
    let leftovers = mauticHostLeftovers(hostname, config.mauticHost, 'host-only on the Mautic host; set by mtc.js, email links or asset downloads');
    if (local && win && config.purgePageUrl) {
      const remote = await purgeMauticHost(win, config.purgePageUrl);
      if (remote) {
        deleted.push(...remote.deleted);
        const gone = (name: string) =>
          remote.deleted.some((item) => (name.endsWith('*') ? item.name.startsWith(name.slice(0, -1)) : item.name === name));
        leftovers = leftovers
          .filter((item) => !gone(item.name))
          .map((item) =>
            item.name.startsWith('session')
              ? item
              : { ...item, reason: 'not seen by the purge page: absent, SameSite=Lax, or third-party cookies blocked' },
          )
          .concat(remote.unreachable);
      } else {
        warn('purge-page', `${config.purgePageUrl} did not answer; Mautic-host cookies stay.`);
        leftovers = mauticHostLeftovers(hostname, config.mauticHost, 'the purge page did not answer');
      }
    }
    const report = tidyReport(deleted, [...unreachable, ...leftovers]);
    emitter.emit('purge', report);
    return report;
  }

  /**
   * Writes the consent record of a decision made here and tells the other tabs and the log.
   * Returns false when the record cookie did not take (it is read back).
   */
  function persist(type: 'grant' | 'deny', source: ChoiceSource): boolean {
    record = createRecord(record, machine.tracking as 'granted' | 'denied', source, config.revision, signals, now(), nanoid);
    let stored = true;
    if (!config.kiosk) {
      // Read back: a refusal that did not take must be seen, never taken as done.
      stored = recordCookie.write(record);
      if (!stored) warn('record-write', `${CONSENT_COOKIE} was not stored; the next page may ask again.`);
      sync?.post({ type, source });
    }
    if (win?.fetch && config.consentLogUrl) sendReceipt(win, config.consentLogUrl, record);
    return stored;
  }

  /**
   * Applies a decision. One made here is recorded (unless `write` is false: a consent tool's
   * replayed choice) and told to the other tabs; one that another tab made (`remote`) was recorded
   * there, so the record is only read back.
   */
  function apply(type: 'grant' | 'deny', source: ChoiceSource, remote: boolean, write = true): Promise<PurgeReport> | undefined {
    const step = transition(machine, { type, source });
    machine = step.state;
    let report: Promise<PurgeReport> | undefined;
    const notStored: PurgeItem[] = [];
    if (step.effects.persist) {
      if (remote) record = readRecord();
      else if (write && !persist(type, source) && type === 'deny') {
        notStored.push({ name: CONSENT_COOKIE, kind: 'cookie', where: hostname, reason: 'not stored; kept in localStorage' });
      }
    }
    if (step.effects.purge) {
      tracker.drop();
      report = purgeAll(!remote, notStored).catch(() => EMPTY_REPORT);
    }
    if (step.effects.persist) emitter.emit('change', snapshot());
    if (step.effects.flush) tracker.flush();
    return report;
  }

  /** Moves to a state that is no decision (the tool has none, or a signal holds); nothing is recorded or purged. */
  function settle(next: MachineState) {
    if (next.tracking === machine.tracking && next.source === machine.source) return;
    machine = next;
    if (next.tracking === 'denied') tracker.drop();
    emitter.emit('change', snapshot());
  }

  /**
   * The consent tool's reading (see `fromTool` in `InternalInstance`). A yes the tool replays on
   * page load does not beat GPC/DNT, unless the record shows that the visitor said yes in the tool
   * while the signal was on: the same rule as for a grant made here (`initialState`). Only the
   * visitor's action in the tool writes the record.
   */
  function fromTool(answer: boolean | null, action: boolean) {
    if (!underTool) warn('cmp-mode', 'an adapter follows an instance made without createConsent({ cmp }): its record decided the start.');
    toolPending = false;
    const signal = signalSource(signals, respect);
    const none = initialState(null, signals, respect);
    if (answer === null) return settle(none);
    if (answer && signal && !action) {
      const stored = config.kiosk ? null : readRecord();
      const overridden = stored?.decision === 'granted' && stored.source === 'cmp' && stored.signals[signal];
      if (!overridden) return settle(none);
    }
    const type = answer ? 'grant' : 'deny';
    const already = machine.tracking === (answer ? 'granted' : 'denied') && machine.source === 'cmp';
    apply(type, 'cmp', false, action);
    // The tool may tell of one action twice (a load event, then its change callback): the action
    // is recorded even when the state already matched.
    if (action && already && (record?.decision !== machine.tracking || record.source !== 'cmp' || (signal && !record.signals[signal]))) {
      persist(type, 'cmp');
      emitter.emit('change', snapshot());
    }
  }

  function decide(type: 'grant' | 'deny', options: DecisionOptions | undefined) {
    const source = options?.source ?? 'api';
    if (underTool && type === 'grant' && source !== 'cmp') {
      return warn('cmp-grant', `${config.cmp} decides here: grant() ignored.`);
    }
    if (SOURCES.includes(source)) return apply(type, source, false);
    warn('source', `unknown source ${JSON.stringify(source)}; ignored.`);
  }

  /** A tab coming back checks the record another tab (or subdomain) may have changed. */
  function recheck() {
    const stored = readRecord();
    // Under a consent tool only a new refusal (written since this page last read or wrote the
    // record, so by another tab) is taken from the record: a yes, or an old no, is the tool's to say.
    const fresh = !underTool || (stored?.decision === 'denied' && stored.updatedAt !== record?.updatedAt);
    if (stored && fresh && (stored.decision !== machine.tracking || stored.source !== machine.source)) {
      apply(stored.decision === 'granted' ? 'grant' : 'deny', stored.source, true);
    }
  }
  const sync = win && !config.kiosk ? createSync(win, (d) => (underTool && d.type === 'grant' ? undefined : apply(d.type, d.source, true)), recheck) : undefined;

  /** Public methods never throw into the page (the SDK never breaks the page). */
  const guard = <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      warn(`${error}`, `${error}`);
      return fallback;
    }
  };

  const instance: ConsentInstance = Object.freeze({
    state: guard(snapshot, snapshot()),
    grant: guard((options?: DecisionOptions) => void decide('grant', options), undefined),
    deny: guard((options?: DecisionOptions) => void decide('deny', options), undefined),
    revokeAndPurge: guard((options?: DecisionOptions) => decide('deny', options) ?? Promise.resolve(EMPTY_REPORT), Promise.resolve(EMPTY_REPORT)),
    on: guard((type, handler) => (type === 'change' || type === 'purge' ? emitter.on(type, handler) : () => {}), () => {}),
    track: guard((fields?: PageviewFields, callbacks?: PageviewCallbacks) => tracker.track(fields, callbacks), undefined),
  } satisfies ConsentInstance);
  register(instance, {
    config,
    warn,
    debug,
    transport,
    deviceId: tracker.deviceId,
    pageParams: tracker.pageParams,
    remember: tracker.remember,
    onResponse: (handler) => emitter.on('response', handler),
    track: tracker.track,
    fromTool: guard(fromTool, undefined),
  });
  return instance;
}
