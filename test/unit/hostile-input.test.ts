// Property-based: arbitrary strings never make the record or attribute parsers throw, and never
// produce a record or a config that breaks the invariants the rest of the SDK relies on.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createRecord, parseRecord, serializeRecord } from '../../src/consent/record';
import { RECORD_VERSION } from '../../src/core/constants';
import { normalizeOptions, readScriptOptions, SCRIPT_ATTRIBUTES } from '../../src/core/options';

// Thousands of cases per test: on a busy machine they take longer than vitest's default 5 s.
vi.setConfig({ testTimeout: 120_000 });

const now = new Date('2026-11-23T10:00:00.000Z');
const DAY = 864e5;
/** An ISO 8601 time in UTC, as `Date.prototype.toISOString` writes it (fraction optional). */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
/**
 * Any value, and values close to what a record field holds, so that corruptions land on both
 * sides of each field's rule: ids of 20 to 22 characters, times around `now` in several spellings,
 * small and unsafe integers, the letters and words the fields use.
 */
const fieldValue = fc.oneof(
  fc.anything(),
  fc.stringMatching(/^[\w-]{20,22}$/),
  {
    weight: 3,
    arbitrary: fc.integer({ min: -3 * DAY, max: 3 * DAY }).chain((offset) => {
      const iso = new Date(now.getTime() + offset).toISOString();
      return fc.constantFrom(iso, iso, iso.replace(/\.\d+/, ''), iso.replace('Z', '+00:00'), iso.replace('T', ' '), iso.slice(0, 10));
    }),
  },
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom(1.5, -0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, NaN, '1', true, false, null, ''),
  fc.constantFrom('g', 'd', 'G', 'granted', 'denied', 'user', 'api', 'cmp', 'dnc', 'USER', 'gpc'),
);
const page = new URL('https://www.shop.test/a/b') as unknown as Location;

describe('consent record parser', () => {
  it('never throws, and what it accepts is a valid record', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (raw) => {
        const record = parseRecord(raw, now);
        if (record) {
          expect(['granted', 'denied']).toContain(record.decision);
          expect(record.id).toMatch(/^[\w-]{21}$/);
          expect(Date.parse(record.updatedAt)).toBeGreaterThanOrEqual(Date.parse(record.decidedAt));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every record it can create', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('granted', 'denied'),
        fc.constantFrom('user', 'api', 'cmp', 'dnc'),
        fc.nat({ max: 1e6 }),
        fc.boolean(),
        fc.boolean(),
        fc.date({ min: new Date('2000-01-01'), max: now, noInvalidDate: true }),
        fc.stringMatching(/^[\w-]{21}$/),
        (decision, source, revision, gpc, dnt, at, id) => {
          const record = createRecord(null, decision as 'granted', source as 'user', revision, { gpc, dnt }, at, () => id);
          expect(parseRecord(serializeRecord(record), now)).toEqual(record);
        },
      ),
    );
  });

  it('rejects every single-field corruption of a valid record, and takes a changed field only when it is valid', () => {
    const valid = JSON.parse(serializeRecord(createRecord(null, 'granted', 'user', 1, { gpc: false, dnt: false }, now, () => 'a'.repeat(21))));
    // What each stored field may hold, written from the record's definition rather than from the
    // parser, so the parser has something to be wrong against.
    const time = (x: unknown) => (typeof x === 'string' && ISO_UTC.test(x) && !Number.isNaN(Date.parse(x)) ? Date.parse(x) : undefined);
    const acceptable: Record<string, (x: unknown) => boolean> = {
      v: (x) => x === RECORD_VERSION,
      id: (x) => typeof x === 'string' && /^[\w-]{21}$/.test(x),
      d: (x) => x === 'g' || x === 'd',
      s: (x) => ['user', 'api', 'cmp', 'dnc'].includes(x as string),
      f: (x) => (time(x) ?? Infinity) <= Date.parse(valid.u),
      u: (x) => (time(x) ?? -Infinity) >= Date.parse(valid.f) && (time(x) ?? Infinity) <= now.getTime() + DAY,
      r: (x) => Number.isSafeInteger(x) && (x as number) >= 0,
      g: (x) => x === 0 || x === 1,
      t: (x) => x === 0 || x === 1,
    };
    expect(Object.keys(acceptable).sort()).toEqual(Object.keys(valid).sort());
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid)), fieldValue, (key, value) => {
        const corrupted = JSON.stringify({ ...valid, [key]: value });
        // What the parser sees of `value` once it went through JSON (undefined drops the field, NaN is null).
        const sent: unknown = JSON.parse(corrupted)[key];
        fc.pre(JSON.stringify(sent) !== JSON.stringify(valid[key]));
        const parsed = parseRecord(corrupted, now);
        expect(parsed !== null, `${key}: ${JSON.stringify(sent)}`).toBe(acceptable[key](sent));
        // A change that is still a valid record (another revision, an earlier time) is taken as it is.
        if (parsed) expect(JSON.parse(serializeRecord(parsed))).toEqual({ ...valid, [key]: sent });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('script attribute parser', () => {
  const attributes = Object.values(SCRIPT_ATTRIBUTES);
  it('never throws, warns at most once per attribute, and always yields a safe config', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...attributes, 'src'), fc.string({ unit: 'binary' })), (attrs) => {
        const script = document.createElement('script');
        for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
        const warn = vi.fn();
        const config = normalizeOptions(readScriptOptions(script), page, warn);
        const keys = warn.mock.calls.map((c) => c[0]);
        expect(new Set(keys).size).toBe(keys.length);
        expect(config.mauticUrl === '' || /^https:\/\/[^?#]+$/.test(config.mauticUrl)).toBe(true);
        expect(config.consentLifetime).toBeGreaterThan(0);
        expect(config.consentLifetime).toBeLessThanOrEqual(400);
        expect(Number.isSafeInteger(config.revision) && config.revision >= 0).toBe(true);
        if (config.cookieDomain) expect(['www.shop.test', 'shop.test']).toContain(config.cookieDomain);
        expect(typeof config.kiosk).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
