import { describe, expect, it } from 'vitest';
import { readSignals } from '../../src/consent/signals';

describe('readSignals', () => {
  it('reads GPC only when it is exactly true', () => {
    expect(readSignals({ navigator: { globalPrivacyControl: true } }).gpc).toBe(true);
    expect(readSignals({ navigator: { globalPrivacyControl: 'true' } }).gpc).toBe(false);
    expect(readSignals({ navigator: {} }).gpc).toBe(false);
  });
  it.each([
    [{ navigator: { doNotTrack: '1' } }, true],
    [{ navigator: { doNotTrack: 'yes' } }, true],
    [{ navigator: { doNotTrack: '0' } }, false],
    [{ navigator: { doNotTrack: 'unspecified' } }, false],
    [{ navigator: { doNotTrack: null } }, false],
    [{ navigator: {}, doNotTrack: '1' }, true],
    [{ navigator: { msDoNotTrack: '1' } }, true],
  ])('reads DNT from %j', (win, dnt) => {
    expect(readSignals(win).dnt).toBe(dnt);
  });
  it('survives no window and throwing getters', () => {
    expect(readSignals(undefined)).toEqual({ gpc: false, dnt: false });
    const nav = Object.defineProperty({}, 'globalPrivacyControl', { get() { throw new Error('no'); } });
    expect(readSignals({ navigator: nav })).toEqual({ gpc: false, dnt: false });
  });
});
