// Property-based: arbitrary strings never make the record or attribute parsers throw, and never
// produce a record or a config that breaks the invariants the rest of the SDK relies on.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createRecord, parseRecord, serializeRecord } from '../../src/consent/record';
import { normalizeOptions, readScriptOptions, SCRIPT_ATTRIBUTES } from '../../src/core/options';

// Thousands of cases per test: on a busy machine they take longer than vitest's default 5 s.
vi.setConfig({ testTimeout: 120_000 });

const now = new Date('2026-11-23T10:00:00.000Z');
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

  it('rejects every single-field corruption of a valid record', () => {
    const valid = JSON.parse(serializeRecord(createRecord(null, 'granted', 'user', 1, { gpc: false, dnt: false }, now, () => 'a'.repeat(21))));
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid)), fc.anything(), (key, value) => {
        fc.pre(JSON.stringify(value) !== JSON.stringify(valid[key]));
        const parsed = parseRecord(JSON.stringify({ ...valid, [key]: value }), now);
        // Some corruptions are still valid records (another revision, another past time): those must parse cleanly.
        if (parsed) expect(parsed.id).toMatch(/^[\w-]{21}$/);
      }),
      { numRuns: 1000 },
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
