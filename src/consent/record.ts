import type { ChoiceSource, ConsentRecord, Signals } from '../types.js';
import { RECORD_VERSION } from '../core/constants.js';

/** Sources of explicit decisions, the only ones a record may carry. */
export const SOURCES: readonly ChoiceSource[] = ['user', 'api', 'cmp', 'dnc'];
const ID = /^[\w-]{21}$/;
const DAY = 864e5;

/**
 * The record as stored: short keys keep the cookie small, and plain JSON keeps it readable by the
 * GTM template and by a consent-log receiver without our code.
 */
interface Stored {
  v: number;
  id: string;
  d: 'g' | 'd';
  s: ChoiceSource;
  f: string;
  u: string;
  r: number;
  g: 0 | 1;
  t: 0 | 1;
}

/**
 * A record for a new decision. It keeps the id and first-decision time of `previous` when that
 * was made under the same revision, so one visitor's history stays under one id.
 */
export function createRecord(
  previous: ConsentRecord | null,
  decision: ConsentRecord['decision'],
  source: ChoiceSource,
  revision: number,
  signals: Signals,
  now: Date,
  newId: () => string,
): ConsentRecord {
  const keep = previous && previous.revision === revision;
  const at = now.toISOString();
  return Object.freeze({
    version: RECORD_VERSION,
    id: keep ? previous.id : newId(),
    decision,
    source,
    decidedAt: keep ? previous.decidedAt : at,
    updatedAt: at,
    revision,
    signals: Object.freeze({ ...signals }),
  });
}

export function serializeRecord(record: ConsentRecord): string {
  const stored: Stored = {
    v: record.version,
    id: record.id,
    d: record.decision === 'granted' ? 'g' : 'd',
    s: record.source,
    f: record.decidedAt,
    u: record.updatedAt,
    r: record.revision,
    g: record.signals.gpc ? 1 : 0,
    t: record.signals.dnt ? 1 : 0,
  };
  return JSON.stringify(stored);
}

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) && !isNaN(Date.parse(value));
const isFlag = (value: unknown): value is 0 | 1 => value === 0 || value === 1;

/**
 * The record in `raw`, or `null` when there is none or it does not hold up: unknown version,
 * wrong types, an id that nanoid would not make, times that are not ISO, run backwards or lie
 * more than a day in the future. A tampered record counts as no record.
 */
export function parseRecord(raw: string | undefined | null, now: Date): ConsentRecord | null {
  if (!raw || raw.length > 512) return null;
  let s: Partial<Stored>;
  try {
    s = JSON.parse(raw);
  } catch {
    return null;
  }
  if (
    !s || typeof s !== 'object' ||
    s.v !== RECORD_VERSION ||
    typeof s.id !== 'string' || !ID.test(s.id) ||
    (s.d !== 'g' && s.d !== 'd') ||
    !SOURCES.includes(s.s as ChoiceSource) ||
    !isTime(s.f) || !isTime(s.u) ||
    Date.parse(s.u) < Date.parse(s.f) || Date.parse(s.u) > now.getTime() + DAY ||
    !Number.isSafeInteger(s.r) || (s.r as number) < 0 ||
    !isFlag(s.g) || !isFlag(s.t)
  ) {
    return null;
  }
  return Object.freeze({
    version: s.v,
    id: s.id,
    decision: s.d === 'g' ? 'granted' : 'denied',
    source: s.s as ChoiceSource,
    decidedAt: s.f,
    updatedAt: s.u,
    revision: s.r as number,
    signals: Object.freeze({ gpc: s.g === 1, dnt: s.t === 1 }),
  });
}

/**
 * The record that counts when the page sees several (a cookie of one name can live on several
 * domains and paths, and a sibling subdomain can add its own): the most restrictive one, so a
 * forged or stale "yes" can never outvote a "no". Among records of the same decision, the latest.
 */
export function pickRecord(records: readonly (ConsentRecord | null)[]): ConsentRecord | null {
  let best: ConsentRecord | null = null;
  for (const r of records) {
    if (!r) continue;
    const stricter = best && r.decision !== best.decision ? r.decision === 'denied' : !best || Date.parse(r.updatedAt) > Date.parse(best.updatedAt);
    if (stricter) best = r;
  }
  return best;
}
