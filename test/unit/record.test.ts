import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRecord, parseRecord, pickRecord, serializeRecord } from '../../src/consent/record';

const now = new Date('2026-11-23T10:00:00.000Z');
const id = () => 'V1StGXR8_Z5jdHi6B-myT';
const fresh = () => createRecord(null, 'granted', 'user', 2, { gpc: true, dnt: false }, now, id);

describe('consent record', () => {
  it('round-trips', () => {
    const record = fresh();
    expect(record).toEqual({
      version: 1, id: 'V1StGXR8_Z5jdHi6B-myT', decision: 'granted', source: 'user',
      decidedAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', revision: 2,
      signals: { gpc: true, dnt: false },
    });
    expect(parseRecord(serializeRecord(record), now)).toEqual(record);
    expect(Object.isFrozen(record)).toBe(true);
  });

  it('keeps id and first time across changes of the same revision, not across revisions', () => {
    const first = fresh();
    const later = new Date('2026-12-01T00:00:00.000Z');
    const change = createRecord(first, 'denied', 'api', 2, { gpc: false, dnt: false }, later, () => 'x'.repeat(21));
    expect(change).toMatchObject({ id: first.id, decidedAt: first.decidedAt, updatedAt: later.toISOString(), decision: 'denied' });
    const bumped = createRecord(first, 'granted', 'user', 3, { gpc: false, dnt: false }, later, () => 'x'.repeat(21));
    expect(bumped).toMatchObject({ id: 'x'.repeat(21), decidedAt: later.toISOString(), revision: 3 });
  });

  it('is small enough for a cookie and plain JSON', () => {
    const raw = serializeRecord(fresh());
    expect(raw.length).toBeLessThan(200);
    expect(JSON.parse(raw)).toMatchObject({ v: 1, d: 'g', s: 'user', r: 2, g: 1, t: 0 });
  });

  const valid = JSON.parse(serializeRecord(fresh()));
  const tampered: [string, unknown][] = [
    ['not JSON', '{'],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['another version', { ...valid, v: 2 }],
    ['a short id', { ...valid, id: 'abc' }],
    ['an id with bad characters', { ...valid, id: 'V1StGXR8_Z5jdHi6B-my<' }],
    ['an unknown decision', { ...valid, d: 'x' }],
    ['a signal as source', { ...valid, s: 'gpc' }],
    ['a default source', { ...valid, s: 'default' }],
    ['a non-ISO time', { ...valid, f: 'yesterday' }],
    ['an impossible date', { ...valid, f: '2026-13-45T00:00:00.000Z' }],
    ['a last change before the first', { ...valid, u: '2020-01-01T00:00:00.000Z' }],
    ['a time in the future', { ...valid, f: '2030-01-01T00:00:00.000Z', u: '2030-01-01T00:00:00.000Z' }],
    ['a negative revision', { ...valid, r: -1 }],
    ['a fractional revision', { ...valid, r: 1.5 }],
    ['a string flag', { ...valid, g: 'true' }],
    ['an oversized value', { ...valid, pad: 'x'.repeat(600) }],
  ];
  it.each(tampered)('rejects %s', (_, value) => {
    expect(parseRecord(typeof value === 'string' ? value : JSON.stringify(value), now)).toBeNull();
  });

  it('rejects nothing at all', () => {
    expect(parseRecord(undefined, now)).toBeNull();
    expect(parseRecord('', now)).toBeNull();
  });
});

describe('pickRecord (several values of the record cookie)', () => {
  const at = (iso: string) => new Date(iso);
  const make = (decision: 'granted' | 'denied', when: string, idChar = 'a') =>
    createRecord(null, decision, 'user', 0, { gpc: false, dnt: false }, at(when), () => idChar.repeat(21));

  it('takes the most restrictive: a refusal beats any grant, newer or older', () => {
    const grantNew = make('granted', '2026-11-30T10:00:00.000Z', 'g');
    const denyOld = make('denied', '2026-01-01T10:00:00.000Z', 'd');
    expect(pickRecord([grantNew, denyOld])).toBe(denyOld);
    expect(pickRecord([denyOld, grantNew])).toBe(denyOld);
  });

  it('among the same decision takes the latest, whatever the order', () => {
    const a = make('granted', '2026-11-01T10:00:00.000Z', 'a');
    const b = make('granted', '2026-11-02T10:00:00.000Z', 'b');
    expect(pickRecord([a, b])).toBe(b);
    expect(pickRecord([b, a])).toBe(b);
  });

  it('skips values that did not parse, and gives null for none', () => {
    const a = make('granted', '2026-11-01T10:00:00.000Z');
    expect(pickRecord([null, a, null])).toBe(a);
    expect(pickRecord([null])).toBeNull();
    expect(pickRecord([])).toBeNull();
  });

  it('holds for any order and mix (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1e6 }), fc.boolean()), { maxLength: 8 }), (spec) => {
        const records = spec.map(([deny, minutes, broken]) =>
          broken ? null : make(deny ? 'denied' : 'granted', new Date(Date.UTC(2026, 0, 1) + minutes * 6e4).toISOString()),
        );
        const picked = pickRecord(records);
        const valid = records.filter((r) => r !== null);
        if (!valid.length) return picked === null;
        const denials = valid.filter((r) => r.decision === 'denied');
        const pool = denials.length ? denials : valid;
        return !!picked && pool.includes(picked) && pool.every((r) => Date.parse(r.updatedAt) <= Date.parse(picked.updatedAt));
      }),
    );
  });
});
