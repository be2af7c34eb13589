import type { ChoiceSource, ConsentRecord, ConsentSource, Signals, TrackingState } from '../types.js';

/** The part of the consent state the machine owns. */
export interface MachineState {
  readonly tracking: TrackingState;
  readonly source: ConsentSource;
}

/** An explicit decision. Signals are not events: they only shape the initial state. */
interface Decision {
  readonly type: 'grant' | 'deny';
  readonly source: ChoiceSource;
}

/** What the caller must do after a transition; the machine itself does nothing. */
interface Effects {
  /** Write the consent record: the decision or its source changed. */
  readonly persist: boolean;
  /** Send the pageviews that waited for a decision. */
  readonly flush: boolean;
  /** Drop waiting pageviews, abort requests in flight, delete what Mautic stored. */
  readonly purge: boolean;
}

/** Which signals the site chose to honour. */
export interface Respect {
  readonly gpc: boolean;
  readonly dnt: boolean;
}

/** The signal the site honours that is on, if any. */
export function signalSource(signals: Signals, respect: Respect): 'gpc' | 'dnt' | null {
  if (respect.gpc && signals.gpc) return 'gpc';
  if (respect.dnt && signals.dnt) return 'dnt';
  return null;
}

/**
 * The state at start-up. A valid record wins, except a grant made while the signal was absent:
 * a signal switched on later is the newer expression of the visitor's will (GPC spec §3,
 * "a signal ... applies to all subsequent interactions"), so it wins over that old grant. A grant
 * made while the signal was already on was an explicit override and stands.
 */
export function initialState(record: ConsentRecord | null, signals: Signals, respect: Respect): MachineState {
  const signal = signalSource(signals, respect);
  if (record) {
    const overridden = record.signals[signal as 'gpc' | 'dnt'];
    if (record.decision === 'granted' && signal && !overridden) return { tracking: 'denied', source: signal };
    return { tracking: record.decision, source: record.source };
  }
  return signal ? { tracking: 'denied', source: signal } : { tracking: 'unset', source: 'default' };
}

/** The next state after an explicit decision, and what has to happen because of it. */
export function transition(state: MachineState, decision: Decision): { state: MachineState; effects: Effects } {
  const tracking = decision.type === 'grant' ? 'granted' : 'denied';
  const next: MachineState = { tracking, source: decision.source };
  const denied = tracking === 'denied';
  return {
    state: next,
    effects: {
      persist: tracking !== state.tracking || decision.source !== state.source,
      flush: !denied && state.tracking !== 'granted',
      purge: denied,
    },
  };
}
