// Red-team review, bad input to the API: options and an `mt()` queue that cannot be read give one
// warning and the safe side, never an exception in the page. Each case failed before its fix
// (it threw); each has a positive control that the same call with good input does its work.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '../../src/entries/esm';
import { bindLoaderQueue } from '../../src/page/loader';
import type { ConsentOptions } from '../../src/types';
import { clearPage } from './support/page';

const URL_ = 'https://m.shop.test';
const MEMBERS = ['deny', 'grant', 'on', 'revokeAndPurge', 'state', 'track'];
type Queued = ((...args: unknown[]) => void) & { q?: unknown };
const w = window as unknown as Record<string, unknown>;

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  clearPage();
  // Each test's instance is the page's first: no warning about a second one.
  delete (window as unknown as Record<symbol, unknown>)[Symbol.for('mautic-consent.instances')];
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  delete w.mt;
  clearPage();
  vi.restoreAllMocks();
});

describe('createConsent with options it cannot read', () => {
  const cycle: unknown[] = [];
  cycle.push(cycle);
  const BAD: Record<string, () => ConsentOptions> = {
    'a BigInt revision': () => ({ mauticUrl: URL_, revision: 2n as never, window }),
    'purge names that hold themselves': () => ({ mauticUrl: URL_, purgeNames: cycle as never, window }),
    'a getter that throws': () => ({ get mauticUrl(): string { throw new Error('no'); }, window }),
    'a Proxy that throws on every read': () => new Proxy({}, { get() { throw new Error('no'); } }) as ConsentOptions,
  };
  for (const [label, options] of Object.entries(BAD)) {
    it(`${label}: an instance on the safe defaults, one warning, no exception`, () => {
      let instance: unknown;
      expect(() => (instance = createConsent(options()))).not.toThrow();
      expect(Reflect.ownKeys(instance as object).sort()).toEqual(MEMBERS);
      expect((instance as { state(): { tracking: string } }).state().tracking).toBe('unset');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0])).toContain('could not be read');
    });
  }

  it('positive control: readable options are taken, with no warning', () => {
    const instance = createConsent({ mauticUrl: URL_, revision: 2, purgeNames: ['mautic_extra'], window });
    expect(Reflect.ownKeys(instance).sort()).toEqual(MEMBERS);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('bindLoaderQueue with a queue it cannot read', () => {
  const snippet = (q: unknown) => {
    const mt: Queued = function (...args: unknown[]) {
      (mt.q as unknown[]).push(args);
    };
    Object.defineProperty(mt, 'q', { value: q, writable: true });
    w.mt = mt;
    return mt;
  };
  const BAD: Record<string, () => unknown> = {
    'a length that throws': () => ({ get length() { throw new Error('no'); } }),
    'a length no array can have': () => ({ length: 2 ** 32 }),
  };
  for (const [label, q] of Object.entries(BAD)) {
    it(`${label}: one warning, no exception, and later mt() commands are taken`, () => {
      const mt = snippet(q());
      const instance = createConsent({ mauticUrl: URL_, window });
      expect(() => bindLoaderQueue(instance, window)).not.toThrow();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0])).toContain('unreadable');
      mt('consent', 'grant');
      expect(instance.state().tracking).toBe('granted');
    });
  }

  it('positive control: a readable queue is replayed, with no warning', () => {
    snippet([['consent', 'grant']]);
    const instance = createConsent({ mauticUrl: URL_, window });
    bindLoaderQueue(instance, window);
    expect(instance.state().tracking).toBe('granted');
    expect(warn).not.toHaveBeenCalled();
  });
});
