import type { ChoiceSource, ConsentRecord, ConsentSnapshot, PurgeItem, PurgeReport, Signals, TrackingState } from '../types.js';
import type { RecordCookie } from './record-cookie.js';
import { FULL_TEXT, type Warn } from '../core/log.js';
import { initialState, signalSource, transition, type MachineState, type Respect } from './machine.js';
import { createRecord, SOURCES } from './record.js';
import { CONSENT_COOKIE } from '../core/constants.js';

type Type = 'grant' | 'deny';

/** What decisions act on; all of it is passed in (the instance wires it). */
export interface DecisionContext {
  recordCookie: RecordCookie;
  signals: Signals;
  respect: Respect;
  revision: number;
  /** Kiosk: no record is read or written; a decision lasts for the page. */
  kiosk: boolean;
  /** The consent tool that decides, if any (`cmp`): the SDK's own record then never grants. */
  tool: string | undefined;
  hostname: string;
  now(): Date;
  newId(): string;
  warn: Warn;
  /** After a decision made here: the other tabs and the consent log are told. */
  told(type: Type, source: ChoiceSource, record: ConsentRecord): void;
  changed(snapshot: ConsentSnapshot): void;
  /** Sends the pageviews that waited. */
  flush(): void;
  /** Forgets waiting pageviews and aborts requests. */
  drop(): void;
  /**
   * Deletes what Mautic stored; `ask` the Mautic host too (a decision made on this page). The
   * purge writes the refusal's record between its first look at the cookies and its deletions, and
   * reads it back after them (`RecordSteps`): each cookie read waits for every write before it.
   */
  purge(ask: boolean, record: RecordSteps): Promise<PurgeReport>;
}

/** The record of a decision, in two steps a purge can put in their place; each runs once. */
export interface RecordSteps {
  /** Writes the record (nothing for a decision recorded elsewhere). */
  write(): void;
  /** Reads it back (writing it first if `write` was not called): the record, when it was not stored. */
  left(): PurgeItem[];
}

export interface Decisions {
  snapshot(): ConsentSnapshot;
  /** The state pageviews go by: `unset` (they wait) until a consent tool has been read. */
  tracking(): TrackingState;
  /** An explicit decision made on this page (`grant()`, `deny()`, a button, the banner). */
  decide(type: Type, source: ChoiceSource | undefined): Promise<PurgeReport> | undefined;
  /** A decision another tab made and recorded, under `revision`. */
  remote(type: Type, source: ChoiceSource, revision: number | undefined): void;
  /** The consent tool's reading: see `Link.fromTool`. */
  fromTool(answer: boolean | null, action: boolean): void;
  /** A tab coming back checks the record another tab (or subdomain) may have changed. */
  recheck(): void;
}

/**
 * `persist` (which writes a record and returns its read-back) as steps that run once each;
 * `unstored` is what is left when the record was not stored.
 */
function recordSteps(persist: (() => () => boolean) | undefined, unstored: PurgeItem[]): RecordSteps {
  let readBack: (() => boolean) | undefined;
  let stored: boolean | undefined;
  const steps: RecordSteps = {
    write: () => void (readBack ??= persist?.() ?? (() => true)),
    left: () => (steps.write(), (stored ??= readBack!())) ? [] : unstored,
  };
  return steps;
}

/**
 * Where consent is decided: the machine's transitions applied, the record kept, and what each
 * decision sets off (pageviews sent or dropped, a purge, the other tabs told). With a consent tool
 * the tool is the only authority: the SDK's own record never stands in for it, so the state starts
 * as if there were none and pageviews wait for the adapter's first reading.
 */
export function createDecisions(c: DecisionContext): Decisions {
  const readRecord = () => {
    const { record: stored, invalid } = c.recordCookie.read();
    if (invalid) c.warn('record', FULL_TEXT ? `invalid ${CONSENT_COOKIE} cookie ignored.` : `${CONSENT_COOKIE} invalid`, 'w-record');
    return stored && stored.revision === c.revision ? stored : null;
  };
  let record = c.kiosk ? null : readRecord();
  let machine: MachineState = initialState(c.tool ? null : record, c.signals, c.respect);
  let toolPending = !!c.tool;
  const snapshot = (): ConsentSnapshot => Object.freeze({ ...machine, record, signals: c.signals });

  /**
   * Writes the record of a decision made here. The function it returns reads it back (false when
   * the record cookie did not take) and tells the other tabs: a refusal's purge runs in between,
   * so that one wait for the browser's cookie writes covers the record and the deletions.
   */
  function persist(type: Type, source: ChoiceSource): () => boolean {
    const written = (record = createRecord(record, machine.tracking as 'granted' | 'denied', source, c.revision, c.signals, c.now(), c.newId));
    const readBack = c.kiosk ? () => true : c.recordCookie.write(written);
    return () => {
      // Read back: a refusal that did not take must be seen, never taken as done.
      const stored = readBack();
      if (!stored) c.warn('record-write', FULL_TEXT ? `${CONSENT_COOKIE} was not stored; the next page may ask again.` : `${CONSENT_COOKIE} not stored`, 'w-record-write');
      c.told(type, source, written);
      return stored;
    };
  }

  /**
   * Applies a decision. One made here is recorded (unless `write` is false: a consent tool's
   * replayed choice); one another tab made (`remote`) was recorded there, so it is only read back.
   */
  function apply(type: Type, source: ChoiceSource, remote: boolean, write = true) {
    const step = transition(machine, { type, source });
    machine = step.state;
    const { persist: changed, purge, flush } = step.effects;
    if (changed && remote) record = readRecord();
    const steps = recordSteps(
      changed && !remote && write ? () => persist(type, source) : undefined,
      type === 'deny' ? [{ name: CONSENT_COOKIE, kind: 'cookie', where: c.hostname, reason: 'not stored; kept in localStorage' }] : [],
    );
    if (purge) c.drop();
    const report = purge ? c.purge(!remote, steps) : undefined;
    // Whatever the purge did not get to (or all of it, without a purge).
    steps.left();
    if (changed) c.changed(snapshot());
    if (flush) c.flush();
    return report;
  }

  /** Moves to a state that is no decision (the tool has none, or a signal holds); nothing is recorded or purged. */
  function settle(next: MachineState) {
    if (next.tracking === machine.tracking && next.source === machine.source) return;
    machine = next;
    if (next.tracking === 'denied') c.drop();
    c.changed(snapshot());
  }

  /**
   * A yes the tool replays on page load does not beat GPC/DNT, unless the record shows that the
   * visitor said yes in the tool while the signal was on: the same rule as for a grant made here
   * (`initialState`). Only the visitor's action in the tool writes the record.
   */
  function fromTool(answer: boolean | null, action: boolean) {
    if (!c.tool) c.warn('cmp-mode', FULL_TEXT ? 'an adapter follows an instance made without the cmp option.' : 'adapter without cmp', 'w-cmp-mode');
    toolPending = false;
    const signal = signalSource(c.signals, c.respect);
    const none = initialState(null, c.signals, c.respect);
    if (answer === null) return settle(none);
    if (answer && signal && !action) {
      const stored = c.kiosk ? null : readRecord();
      if (!(stored?.decision === 'granted' && stored.source === 'cmp' && stored.signals[signal])) return settle(none);
    }
    const type = answer ? 'grant' : 'deny';
    const already = machine.tracking === (answer ? 'granted' : 'denied') && machine.source === 'cmp';
    void apply(type, 'cmp', false, action);
    // The tool may tell of one action twice (a load event, then its change callback): the action
    // is recorded even when the state already matched.
    if (action && already && (record?.decision !== machine.tracking || record.source !== 'cmp' || (signal && !record.signals[signal]))) {
      persist(type, 'cmp')();
      c.changed(snapshot());
    }
  }

  return {
    snapshot,
    tracking: () => (toolPending && machine.tracking !== 'granted' ? 'unset' : machine.tracking),
    decide(type, source = 'api') {
      if (c.tool && type === 'grant' && source !== 'cmp') return void c.warn('cmp-grant', FULL_TEXT ? `${c.tool} decides here: grant() ignored.` : `grant() ignored (${c.tool})`, 'w-cmp-grant');
      if (SOURCES.includes(source)) return apply(type, source, false);
      c.warn('source', FULL_TEXT ? `unknown source ${JSON.stringify(source)}; ignored.` : `source ${JSON.stringify(source)} invalid`, 'w-source');
    },
    // Under a consent tool, another tab's grant is the tool's to say; a grant given under another
    // revision (a tab still showing the text from before the site raised it) is no yes to this
    // one, as the record it wrote is none on the next page. A refusal counts from any tab.
    remote: (type, source, revision) => void (type === 'grant' && (c.tool || revision !== c.revision) ? 0 : apply(type, source, true)),
    fromTool,
    recheck() {
      const stored = readRecord();
      // Under a consent tool only a new refusal (written since this page last read or wrote the
      // record, so by another tab) is taken from the record: a yes, or an old no, is the tool's to say.
      const fresh = !c.tool || (stored?.decision === 'denied' && stored.updatedAt !== record?.updatedAt);
      if (stored && fresh && (stored.decision !== machine.tracking || stored.source !== machine.source)) {
        void apply(stored.decision === 'granted' ? 'grant' : 'deny', stored.source, true);
      }
    },
  };
}
